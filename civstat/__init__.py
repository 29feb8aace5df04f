"""civstat: read Chinese government task-breakdown plans into tidy tables, and analyse them.

The public API, above the layers (read → analyse → report): the read functions, the
analyses and the table container, imported from where they live. See ``docs/architecture.md``.
"""

from civstat.analyse.continuity import continuity, continuity_all, duplicates
from civstat.analyse.keywords import keywords, kwic
from civstat.analyse.progress import missing_reports, progress_status
from civstat.analyse.reports import Progress, read_progress
from civstat.analyse.target_changes import target_changes
from civstat.analyse.targets import targets
from civstat.analyse.themes import theme_share, themes
from civstat.analyse.workload import handover, workload, workload_by_theme
from civstat.errors import CivstatError, CivstatWarning, DataError, ReadError
from civstat.plans import LABELS_ZH, Plans
from civstat.read.folder import load_plans
from civstat.read.reader import read_plan
from civstat.read.schedule import schedule
from civstat.report.templates import write_templates

__all__ = [
    "LABELS_ZH", "CivstatError", "CivstatWarning", "DataError", "Plans", "Progress", "ReadError",
    "continuity", "continuity_all", "duplicates", "handover", "keywords", "kwic", "load_plans",
    "missing_reports", "progress_status", "read_plan", "read_progress", "schedule", "target_changes",
    "targets", "theme_share", "themes", "workload", "workload_by_theme", "write_templates",
]
__version__ = "0.1.0"
