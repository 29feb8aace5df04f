"""civstat: read Chinese government task-breakdown plans into tidy tables, and analyse them."""

from civstat.errors import CivstatError, CivstatWarning, ReadError
from civstat.io.reader import load_plans, read_plan
from civstat.plans import LABELS_ZH, Plans

__all__ = ["LABELS_ZH", "CivstatError", "CivstatWarning", "Plans", "ReadError", "load_plans", "read_plan"]
__version__ = "0.1.0"
