"""civstat: read Chinese government task-breakdown plans into tidy tables, and analyse them."""

from civstat.continuity import continuity, continuity_all, duplicates
from civstat.errors import CivstatError, CivstatWarning, DataError, ReadError
from civstat.io.reader import load_plans, read_plan
from civstat.plans import LABELS_ZH, Plans
from civstat.progress import Progress, missing_reports, progress_status, read_progress
from civstat.schedule import schedule
from civstat.targets import target_changes, targets
from civstat.templates import write_templates
from civstat.themes import keywords, kwic, theme_share, themes
from civstat.workload import handover, workload, workload_by_theme

__all__ = [
    "LABELS_ZH", "CivstatError", "CivstatWarning", "DataError", "Plans", "Progress", "ReadError",
    "continuity", "continuity_all", "duplicates", "handover", "keywords", "kwic", "load_plans",
    "missing_reports", "progress_status", "read_plan", "read_progress", "schedule", "target_changes",
    "targets", "theme_share", "themes", "workload", "workload_by_theme", "write_templates",
]
__version__ = "0.1.0"
