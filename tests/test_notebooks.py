"""The notebooks: committed clean, one typed parameters cell, no logic, and they run with their defaults."""

import ast
import re
from pathlib import Path

import nbformat
import papermill
import pytest
from papermill.exceptions import PapermillExecutionError

from civstat.report import kernel as kernel_mod
from civstat.report import parameters as parameters_mod

NOTEBOOKS = sorted(parameters_mod.notebook_dir().glob("*.ipynb"))
CJK = re.compile(r"[\u4e00-\u9fff]")


def test_the_four_notebooks_are_there():
    assert {p.stem for p in NOTEBOOKS} == {"briefing", "workload", "continuity", "themes"}


@pytest.fixture(params=NOTEBOOKS, ids=lambda p: p.stem)
def notebook(request) -> tuple[Path, nbformat.NotebookNode]:
    return request.param, nbformat.read(request.param, as_version=4)


def test_committed_without_outputs(notebook):
    path, nb = notebook
    for cell in nb.cells:
        if cell.cell_type == "code":
            assert cell.outputs == [], f"{path.name}: clear the outputs"
            assert cell.execution_count is None, f"{path.name}: clear the outputs"
    assert "widgets" not in nb.metadata
    assert "papermill" not in nb.metadata


def test_exactly_one_parameters_cell_typed_and_commented_with_literal_defaults(notebook):
    path, nb = notebook
    tagged = [c for c in nb.cells if "parameters" in c.metadata.get("tags", [])]
    assert len(tagged) == 1, path.name
    lines = [line for line in tagged[0].source.splitlines() if line.strip()]
    for line in lines:
        m = re.fullmatch(r"(\w+): (int|str|float|bool) = (.+?)  # (.+)", line)
        assert m, f"{path.name}: `{line}` is not `name: type = value  # 说明`"
        name, type_name, value, comment = m.groups()
        assert isinstance(ast.literal_eval(value), {"int": int, "str": str, "float": float,
                                                    "bool": bool}[type_name])  # no value derived from another
        assert CJK.search(comment), f"{path.name}: the comment on {name} should say in Chinese what it is"
    declared = parameters_mod.notebook_parameters(path)
    assert list(declared) == [line.split(":")[0] for line in lines]
    assert {"issuer", "year", "data_dir"} <= set(declared)


def test_no_def_or_class_in_a_notebook(notebook):
    path, nb = notebook
    for cell in nb.cells:
        if cell.cell_type == "code":
            tree = ast.parse(cell.source)
            assert not [n for n in ast.walk(tree)
                        if isinstance(n, ast.FunctionDef | ast.AsyncFunctionDef | ast.ClassDef | ast.Lambda)], \
                f"{path.name}: logic belongs in civstat"


def test_headings_and_prose_are_chinese(notebook):
    path, nb = notebook
    markdown = [c.source for c in nb.cells if c.cell_type == "markdown"]
    headings = [line for text in markdown for line in text.splitlines() if line.startswith("#")]
    assert headings, path.name
    assert all(CJK.search(h) for h in headings), path.name
    assert nb.metadata.get("title")
    assert CJK.search(nb.metadata["title"])


# -- smoke test: each notebook through papermill with its defaults ---------------------------


@pytest.fixture(scope="session")
def executed(tmp_path_factory) -> dict[str, nbformat.NotebookNode]:
    """Each notebook run once by papermill with its defaults, in a kernel of this interpreter.

    The notebooks share one kernel, reset before each (as ``civstat brief`` runs them);
    test_a_missing_issuer_year_is_said_plainly runs one in a kernel of its own.
    """
    out = tmp_path_factory.mktemp("notebooks")
    with kernel_mod.Kernel() as kernel:
        kernel.start()
        return {p.stem: papermill.execute_notebook(
                    str(p), str(out / p.name), kernel_name=kernel.name, km=kernel.manager(cwd=p.parent),
                    progress_bar=False)
                for p in NOTEBOOKS}


def outputs(nb: nbformat.NotebookNode) -> str:
    parts = []
    for cell in nb.cells:
        for o in cell.get("outputs", []):
            parts.append(str(o.get("data", {}).get("text/html", "")) + o.get("text", ""))
    return "\n".join(parts)


@pytest.mark.parametrize("name", ["briefing", "workload", "continuity", "themes"])
def test_runs_top_to_bottom_with_its_defaults(executed, name):
    nb = executed[name]
    errors = [o for c in nb.cells for o in c.get("outputs", []) if o.get("output_type") == "error"]
    assert errors == []
    streams = [o for c in nb.cells for o in c.get("outputs", []) if o.get("name") == "stderr"]
    assert streams == [], "no warning should reach the reader"
    assert "Plotly.newPlot(" in outputs(nb)


def test_the_briefing_says_what_the_2023_plan_says(executed):
    text = outputs(executed["briefing"])
    assert "2023年共19项任务，其中牵头8项。" in text  # items 9 and 11 repeat items 3 and 1: counted once
    assert "邓永付分管9项（其中牵头4项），彭莉莉6项，李超4项，共19项。" in text
    assert "2022年的17项任务中" in text
    assert "2023年新增" in text
    assert "养老服务最多（8项，占42%）" in text


def test_the_continuity_notebook_shows_the_moved_targets(executed):
    text = outputs(executed["continuity"])
    assert "社区老年人服务中心（站）由2022年的80个调整为2023年的70个" in text


def test_a_missing_issuer_year_is_said_plainly(tmp_path):
    path = parameters_mod.notebook_dir() / "briefing.ipynb"
    with pytest.raises(PapermillExecutionError) as caught:
        papermill.execute_notebook(str(path), str(tmp_path / "out.ipynb"), parameters={"year": 2019},
                                   kernel_name=kernel_mod.ensure_kernel(), progress_bar=False)
    assert caught.value.ename == "PlanNotFoundError"
    assert caught.value.evalue.startswith("没有找到武汉市民政局 2019 年的计划。现有 ")
    assert "武汉市民政局 2020、2022、2023年" in caught.value.evalue
