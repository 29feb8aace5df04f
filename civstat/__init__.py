"""civstat: read Chinese government task-breakdown plans into tidy tables, and analyse them.

The public API, above the layers (read → analyse → report): the read functions, the
analyses and the table container, imported from where they live. See ``docs/architecture.md``.
"""

from __future__ import annotations

from importlib import import_module
from typing import TYPE_CHECKING

if TYPE_CHECKING:  # for type checkers and editors; at run time each name is imported on first use
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

#: Where each public name lives. ``import civstat`` imports none of them (pandas, scikit-learn
#: and jieba load when a name that needs them is first used), so that a worker process reading
#: plans, or a script that only reads, pays for no more than it uses.
_EXPORTS = {
    "continuity": "civstat.analyse.continuity", "continuity_all": "civstat.analyse.continuity",
    "duplicates": "civstat.analyse.continuity", "keywords": "civstat.analyse.keywords",
    "kwic": "civstat.analyse.keywords", "missing_reports": "civstat.analyse.progress",
    "progress_status": "civstat.analyse.progress", "Progress": "civstat.analyse.reports",
    "read_progress": "civstat.analyse.reports", "target_changes": "civstat.analyse.target_changes",
    "targets": "civstat.analyse.targets", "theme_share": "civstat.analyse.themes",
    "themes": "civstat.analyse.themes", "handover": "civstat.analyse.workload",
    "workload": "civstat.analyse.workload", "workload_by_theme": "civstat.analyse.workload",
    "CivstatError": "civstat.errors", "CivstatWarning": "civstat.errors", "DataError": "civstat.errors",
    "ReadError": "civstat.errors", "LABELS_ZH": "civstat.plans", "Plans": "civstat.plans",
    "load_plans": "civstat.read.folder", "read_plan": "civstat.read.reader",
    "schedule": "civstat.read.schedule", "write_templates": "civstat.report.templates",
}


def __getattr__(name: str):
    module = _EXPORTS.get(name)
    if module is None:
        raise AttributeError(f"module 'civstat' has no attribute {name!r}")
    value = getattr(import_module(module), name)
    globals()[name] = value  # the next use is a plain attribute
    return value


def __dir__() -> list[str]:
    return sorted(set(globals()) | set(_EXPORTS))


__all__ = [
    "LABELS_ZH", "CivstatError", "CivstatWarning", "DataError", "Plans", "Progress", "ReadError",
    "continuity", "continuity_all", "duplicates", "handover", "keywords", "kwic", "load_plans",
    "missing_reports", "progress_status", "read_plan", "read_progress", "schedule", "target_changes",
    "targets", "theme_share", "themes", "workload", "workload_by_theme", "write_templates",
]
__version__ = "0.1.0"
