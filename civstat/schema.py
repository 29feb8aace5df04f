"""pandera schemas of the tables, built from the one declaration in :data:`civstat.plans.COLUMNS`.

Top level, beside :mod:`civstat.plans`: checked by the tests and ``civstat build``.

Validation is for the tests and ``civstat build``; reading never imports pandera,
so a load stays cheap.
"""

from __future__ import annotations

from functools import cache

from civstat.plans import COLUMNS, ROLES, Plans

_CHECKS = {
    ("documents", "doc_id"): {"unique": True},
    ("tasks", "task_id"): {"unique": True},
    ("tasks", "seq"): {"checks": "seq"},
    ("assignments", "role"): {"checks": "role"},
    ("assignments", "name"): {"checks": "nonempty"},
    ("problems", "line"): {"checks": "line"},
    ("tasks", "line"): {"checks": "line"},
}


@cache
def schemas() -> dict:
    """Return a ``pandera.DataFrameSchema`` per table name."""
    import pandera.pandas as pa

    checks = {
        "seq": [pa.Check.ge(0)],
        "role": [pa.Check.isin(ROLES)],
        "nonempty": [pa.Check.str_length(min_value=1)],
        "line": [pa.Check.ge(0)],
    }
    out = {}
    for table, columns in COLUMNS.items():
        cols = {}
        for name, dtype in columns.items():
            extra = _CHECKS.get((table, name), {})
            cols[name] = pa.Column(
                dtype,
                nullable=(name in ("year", "page")),  # no year stated; not a PDF
                unique=extra.get("unique", False),
                checks=checks.get(extra.get("checks"), []),
            )
        out[table] = pa.DataFrameSchema(cols, strict=True, ordered=True, name=table)
    return out


def validate(plans: Plans) -> Plans:
    """Validate the tables and the links between them; return the plans unchanged.

    Raises
    ------
    pandera.errors.SchemaError
        If a table breaks its schema.
    ValueError
        If an assignment or a task points at a task or document that does not exist (a
        problem of ``manifest.csv`` names the manifest, which is no document).
    """
    for name, df in plans.tables().items():
        schemas()[name].validate(df)
    orphans = set(plans.assignments["task_id"]) - set(plans.tasks["task_id"])
    if orphans:
        raise ValueError(f"assignments refer to unknown tasks: {sorted(orphans)[:5]}")
    for name in ("tasks", "problems"):  # a problem of the folder's manifest names the manifest
        unknown = set(getattr(plans, name)["doc_id"]) - set(plans.documents["doc_id"]) - {"manifest.csv"}
        if unknown:
            raise ValueError(f"{name} refer to unknown documents: {sorted(unknown)[:5]}")
    counts = plans.tasks.groupby("doc_id").size()
    declared = plans.documents.set_index("doc_id")["n_tasks"]
    if not (counts.reindex(declared.index, fill_value=0) == declared).all():
        raise ValueError("documents.n_tasks does not match the tasks table")
    return plans
