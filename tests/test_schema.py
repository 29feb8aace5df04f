"""The declared schema holds for every table the reader produces, and catches broken tables."""

import pandera.errors
import pytest

import civstat
from civstat.plans import COLUMNS, Plans
from civstat.schema import validate


def test_bundled_plans_validate(bundled):
    assert validate(bundled) is bundled


def test_columns_are_the_declared_ones(bundled):
    for name, df in bundled.tables().items():
        assert list(df.columns) == list(COLUMNS[name])


def test_empty_plans_validate():
    assert len(validate(Plans.concat([])).tasks) == 0


@pytest.mark.parametrize(
    ("table", "column", "value", "error"),
    [
        ("assignments", "role", "boss", pandera.errors.SchemaError),
        ("tasks", "task_id", None, pandera.errors.SchemaError),  # None: copy the next row's id
        ("assignments", "task_id", "nowhere-001", ValueError),
    ],
)
def test_broken_tables_fail(bundled, table, column, value, error):
    tables = bundled.tables()
    df = tables[table].copy()
    df.loc[df.index[0], column] = value if value is not None else df[column].iloc[1]
    tables[table] = df
    with pytest.raises(error):
        validate(Plans(**tables))


def test_reading_does_not_import_pandera(raw_dir):
    import subprocess
    import sys

    code = ("import sys, civstat; civstat.load_plans(errors='ignore'); "
            "print('pandera' in sys.modules)")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "False"


def test_plans_repr_summarises(bundled):
    text = repr(bundled)
    assert text.startswith("Plans: 5 documents, 100 tasks")
    assert "masked-city-2020-minsheng100: **市人民政府 2020, 11 tasks  (incomplete)" in text


def test_plans_are_immutable(bundled):
    with pytest.raises(AttributeError):
        bundled.tasks = None
    assert isinstance(civstat.Plans, type)
