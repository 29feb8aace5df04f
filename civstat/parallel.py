"""Work spread over processes through joblib: how many, when it is worth it, whose backend.

Shared by every layer (reading a folder, continuity issuer by issuer). The work goes
through joblib, never a scheduler of our own, so a user's
``with joblib.parallel_config(backend="dask"):`` sends the same calls to a Dask cluster.
joblib is imported only when work is spread, so ``import civstat`` stays light.
"""

from __future__ import annotations

import os
import sys


def cores() -> int:
    """Return the number of cores this process may run on."""
    try:
        return len(os.sched_getaffinity(0))
    except AttributeError:  # macOS and Windows have no affinity
        return os.cpu_count() or 1


def user_backend() -> tuple[bool, int | None]:
    """Tell whether the user chose a joblib backend (``parallel_config``), and the n_jobs set.

    Returns ``(False, None)`` when joblib was never imported: then no configuration of
    it can be active, and it is not imported to find out.
    """
    if "joblib" not in sys.modules:
        return False, None
    from joblib.parallel import BACKENDS, DEFAULT_BACKEND, get_active_backend

    backend, n_jobs = get_active_backend()
    return type(backend) is not BACKENDS[DEFAULT_BACKEND], n_jobs


def spread(jobs: int | None, *, items: int, worth: bool) -> bool:
    """Decide whether to spread ``items`` pieces of work over processes.

    ``jobs`` asked for (1: no, more: yes when there are two pieces or more); else a backend
    the user chose (yes); else an ``n_jobs`` of 1 the user set (no); else when there are
    several cores and the caller found it ``worth`` the processes' start (about 0.6 s).
    """
    if jobs is not None:
        return jobs > 1 and items > 1
    chosen, n_jobs = user_backend()
    if chosen:
        return True
    if n_jobs == 1:
        return False
    return cores() > 1 and items > 1 and worth


def n_jobs(jobs: int | None) -> int:
    """Return the processes to use: those asked for, the user's joblib setting, or every core."""
    return jobs or user_backend()[1] or cores()
