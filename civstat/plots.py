"""``civstat.plots``: an alias of :mod:`civstat.report.plots`, where the charts live.

Top level, kept so that ``from civstat import plots`` and ``civstat.plots.workload_bar``
keep working; every name is looked up in :mod:`civstat.report.plots`.
"""

from civstat.report import plots as _plots


def __getattr__(name: str):
    return getattr(_plots, name)


def __dir__() -> list[str]:
    return dir(_plots)
