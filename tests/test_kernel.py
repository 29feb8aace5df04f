"""The shared kernel of `civstat brief`: notebooks do not see each other, and the plans read once.

The notebooks of a run share one kernel (:class:`civstat.report.kernel.Kernel`), warmed up
once and reset before each notebook; :func:`civstat.report.scope.load` keeps the plans it
read last while their folder does not change.
"""

import importlib.util
import os
import shutil
import subprocess
import sys

import nbformat
import pandas as pd
import papermill
import pytest
from nbformat.v4 import new_code_cell, new_notebook

from civstat import paths
from civstat.report import kernel as kernel_mod
from civstat.report import scope


@pytest.fixture
def data_dir(tmp_path):
    """A data folder holding a copy of the bundled plans in ``raw/``."""
    shutil.copytree(paths.bundled_raw_dir(), tmp_path / "data" / "raw")
    return tmp_path / "data"


def notebook(folder, name, code):
    kernel = {"kernelspec": {"name": "python3", "display_name": "Python 3", "language": "python"}}
    path = folder / f"{name}.ipynb"
    nbformat.write(new_notebook(cells=[new_code_cell(code)], metadata=kernel), path)
    return path


def test_notebooks_in_one_kernel_see_no_name_and_no_table_of_the_one_before(tmp_path, data_dir):
    first = notebook(tmp_path, "first", "\n".join([
        "import gc",
        "from civstat.report import scope",
        "print(sorted(set(dir()) & {'civstat', 'plotly', 'nbformat', 'sklearn', 'importlib'}), gc.get_freeze_count() > 0)",
        f"plans = scope.load({str(data_dir)!r})",
        "plans.tasks['text'] = 'changed'",
        "plans.documents.loc[:, 'issuer'] = 'changed'",
        "secret = 1",
    ]))
    second = notebook(tmp_path, "second", "\n".join([
        "from civstat.report import scope",
        f"plans = scope.load({str(data_dir)!r})",
        "print('secret' in dir(), 'plans' in dir(), 'changed' in set(plans.tasks['text']),"
        " 'changed' in set(plans.documents['issuer']))",
    ]))
    with kernel_mod.Kernel() as kernel:
        kernel.start()
        runs = [papermill.execute_notebook(str(p), str(tmp_path / f"out-{p.name}"), kernel_name=kernel.name,
                                           km=kernel.manager(cwd=tmp_path), progress_bar=False)
                for p in (first, second)]
        kernel.close_clients()
    said = [run.cells[0].outputs[0]["text"] for run in runs]
    # the warm-up leaves no name behind, and sets what it imported aside from the collector
    assert said[0] == "[] True\n"
    assert said[1] == "False True False False\n"  # its own variables, and plans as read


def test_a_kernel_evaluates_an_expression_in_a_reset_namespace_and_says_why_one_fails(tmp_path):
    first = notebook(tmp_path, "first", "secret = 41")
    with kernel_mod.Kernel() as kernel:
        kernel.start()
        papermill.execute_notebook(str(first), str(tmp_path / "out.ipynb"), kernel_name=kernel.name,
                                   km=kernel.manager(cwd=tmp_path), progress_bar=False)
        kernel.close_clients()
        assert kernel.evaluate("'secret' in dir()") == "False"  # reset after the notebook, as for the next
        assert kernel.evaluate("'一' + str(6 * 7)") == "一42"
        with pytest.raises(RuntimeError, match="ZeroDivisionError"):
            kernel.evaluate("1 / 0")
        assert kernel.evaluate("2 ** 10") == "1024"  # the kernel goes on after an error


def test_the_index_summaries_a_kernel_makes_are_those_made_here(data_dir):
    from civstat.report import notebooks

    plans = scope.load(str(data_dir))
    pairs = [("武汉市民政局", 2023), ("武汉市民政局", 2020), ("宣州区民政局", 2023)]
    with kernel_mod.Kernel() as kernel:
        kernel.start()
        made = notebooks._summaries_in(str(data_dir), pairs)(kernel)
    assert made == notebooks._summaries(plans, pairs)
    # read from the 2023 Wuhan plan: 21 tasks listed, two of them twice
    assert "共19项任务" in made[("武汉市民政局", 2023)]
    assert "其中2项重复列出" in made[("武汉市民政局", 2023)]


def test_load_returns_a_copy_of_the_plans_it_read_while_no_file_changes(data_dir):
    first = scope.load(str(data_dir))
    again = scope.load(str(data_dir))
    assert again is not first
    assert again.tasks is not first.tasks
    for name, table in first.tables().items():
        pd.testing.assert_frame_equal(table, again.tables()[name])
    again.tasks["text"] = "changed"
    assert "changed" not in set(scope.load(str(data_dir)).tasks["text"])


def test_load_reads_again_when_a_file_changes_appears_or_goes(data_dir):
    raw = data_dir / "raw"
    before = scope.load(str(data_dir))
    plan = raw / "wuhan-2023-breakdown.txt"
    assert plan.exists()
    text = plan.read_text(encoding="utf-8")
    task = before.tasks.loc[before.tasks["year"] == 2023, "text"].iloc[0][:8]
    assert task in text
    plan.write_text(text.replace(task, "改过的任务", 1), encoding="utf-8")
    st = plan.stat()
    os.utime(plan, ns=(st.st_atime_ns, st.st_mtime_ns + 1_000_000_000))  # another time, whatever the clock
    changed = scope.load(str(data_dir))
    assert changed.tasks["text"].str.startswith("改过的任务").sum() == 1
    plan.unlink()
    gone = scope.load(str(data_dir))
    assert len(gone.documents) == len(before.documents) - 1
    plan.write_text(text, encoding="utf-8")
    back = scope.load(str(data_dir))
    pd.testing.assert_frame_equal(back.tasks, before.tasks)


@pytest.mark.skipif(importlib.util.find_spec("rfc3987_syntax") is None, reason="rfc3987_syntax is not installed")
def test_nbformat_is_imported_without_rfc3987_syntax_which_still_imports_after():
    code = "\n".join([
        "import sys",
        "from civstat.report.kernel import import_nbformat",
        "import_nbformat()",
        "import jsonschema, nbformat",
        "print('rfc3987_syntax' in sys.modules, 'nbformat' in sys.modules)",
        "nbformat.validate(nbformat.v4.new_notebook())",
        "import rfc3987_syntax",
        "print(rfc3987_syntax.is_valid_syntax('iri', 'http://例子.测试/'))",
    ])
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert done.stdout == "False True\nTrue\n"
