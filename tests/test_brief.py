"""`civstat brief`: parameter checks before anything runs, failures, the index, offline and safe HTML.

The briefings are generated once per session (:func:`briefed`) from a data folder
holding two Wuhan plans and a test plan whose task text and names carry HTML
(``<script>alert(1)</script>``); tests/test_briefing_browser.py opens the same files.
"""

import json
import re
import shutil
import subprocess
import sys
from pathlib import Path
from urllib.parse import unquote

import nbformat
import pytest
from click.testing import CliRunner
from nbformat.v4 import new_code_cell, new_markdown_cell, new_notebook

from civstat import paths
from civstat.cli import main
from civstat.report import kernel as kernel_mod
from civstat.report import notebooks as notebooks_mod
from civstat.report import parameters as parameters_mod
from civstat.report import scope as scope_mod

XSS_ISSUER = "<b>某区</b>民政局"
XSS_MANIFEST = f"""file,issuer,year,title,origin
wuhan-2022-breakdown.txt,武汉市民政局,2022,2022年市《政府工作报告》民政工作责任分解方案,bundled
wuhan-2023-breakdown.txt,武汉市民政局,2023,2023年省、市《政府工作报告》民政目标任务责任分解方案,bundled
xss-2023.txt,{XSS_ISSUER},2023,<i>2023年</i>重点工作任务清单,test plan with markup in its text
"""
XSS_PLAN = """2023年重点工作任务清单

1.推进养老服务体系建设<script>alert(1)</script>，新建社区养老服务站10个。（责任单位：养老服务科）
2.完善社会救助制度，做好低保、特困人员救助供养工作。（责任单位：社会救助科<img src=x onerror=alert(2)>）
3.加强儿童福利保障，为困境儿童提供关爱服务200人次。（责任单位：儿童福利科）
"""


_RUNS: dict[str, tuple[Path, str]] = {}


def _briefed(factory) -> tuple[Path, str]:
    """Brief the test data folder once per session, whichever test module asks first."""
    if "run" not in _RUNS:
        _RUNS["run"] = _brief(factory.mktemp("brief"))
    return _RUNS["run"]


def _brief(root: Path) -> tuple[Path, str]:
    raw = root / "data" / "raw"
    raw.mkdir(parents=True)
    for name in ("wuhan-2022-breakdown.txt", "wuhan-2023-breakdown.txt"):
        shutil.copy(paths.bundled_raw_dir() / name, raw / name)
    (raw / "manifest.csv").write_text(XSS_MANIFEST, encoding="utf-8")
    (raw / "xss-2023.txt").write_text(XSS_PLAN, encoding="utf-8")
    out = root / "reports"
    result = CliRunner().invoke(main, ["brief", "--data-dir", str(root / "data"), "--out", str(out)])
    assert result.exit_code == 0, result.output
    return out, result.output


@pytest.fixture(scope="session")
def briefed(tmp_path_factory) -> tuple[Path, str]:
    """Run ``civstat brief`` with no filter over the test data folder, once per session."""
    return _briefed(tmp_path_factory)


def html_files(out: Path) -> list[Path]:
    return sorted(out.rglob("*.html"))


def invoke(*args):
    return CliRunner().invoke(main, ["brief", *args])


# -- parameters are checked before anything runs ------------------------------------------


@pytest.mark.parametrize(("args", "message"), [
    (["-p", "colour", "red"], "未知参数 colour"),
    (["-p", "top", "ten"], "参数 top 应为 int"),
    (["--year", "二〇二三"], "参数 year 应为 int"),
    (["--notebook", "budget"], "没有找到笔记本“budget”"),
    (["--issuer", "武汉市民政局", "--year", "2019"], "没有找到武汉市民政局 2019 年的计划。现有"),
    (["--issuer", "武汉市民政局", "--year", "2023", "-p", "base_year", "2023"], "没有早于 2023 年的 2023 年计划"),
    (["--notebook", "continuity", "--issuer", "武汉市民政局", "--year", "2022", "-p", "theme", "x"],
     "未知参数 theme"),
])
def test_a_bad_parameter_is_refused_before_anything_runs(tmp_path, args, message):
    out = tmp_path / "reports"
    result = invoke(*args, "--out", str(out))
    assert result.exit_code == 2
    assert message in result.output
    assert not out.exists()


def test_the_message_for_a_missing_plan_lists_the_plans_there_are(tmp_path):
    result = invoke("--issuer", "某市民政局", "--out", str(tmp_path / "r"))
    assert result.exit_code == 2
    assert "武汉市民政局 2020、2022、2023年" in result.output
    assert "No plan of 某市民政局" in result.output


@pytest.mark.parametrize(("value", "type_name", "expected"), [
    ("2023", "int", 2023), (2023, "int", 2023), ("1.5", "float", 1.5), (2, "float", 2.0),
    ("true", "bool", True), ("0", "bool", False), ("武汉", "str", "武汉"), ("x", "None", "x"),
])
def test_coerce_reads_values_as_the_declared_type(value, type_name, expected):
    assert parameters_mod.coerce(value, type_name, name="p", notebook="nb") == expected


@pytest.mark.parametrize(("value", "type_name"), [("abc", "int"), (True, "int"), ("maybe", "bool"),
                                                  (2023, "str"), (1.5, "int")])
def test_coerce_refuses_other_types(value, type_name):
    with pytest.raises(scope_mod.BriefingError, match="应为"):
        parameters_mod.coerce(value, type_name, name="p", notebook="nb")


def test_plan_gives_continuity_the_previous_year_and_skips_a_first_plan(bundled):
    jobs, skipped = notebooks_mod.plan(issuer="武汉市民政局", plans=bundled)
    continuity = {j.year: j.parameters for j in jobs if j.name == "continuity"}
    assert continuity == {
        2022: {"issuer": "武汉市民政局", "year": 2022, "base_year": 2020},
        2023: {"issuer": "武汉市民政局", "year": 2023, "base_year": 2022},
    }
    assert [title for title, _ in skipped] == ["武汉市民政局 2020年 延续性分析"]
    assert {j.name for j in jobs if j.year == 2020} == {"briefing", "workload", "themes"}


def test_plan_passes_a_parameter_only_to_the_notebooks_that_declare_it(bundled):
    jobs, _ = notebooks_mod.plan(issuer="宣州区民政局", year="2023", parameters={"top": "5"}, plans=bundled)
    assert {j.name: j.parameters.get("top") for j in jobs} == {"briefing": None, "workload": None,
                                                               "themes": 5}


def test_a_user_python3_kernelspec_for_another_python_is_never_used(tmp_path, monkeypatch):
    user = tmp_path / "jupyter-data"
    spec = user / "kernels" / "python3"
    spec.mkdir(parents=True)
    (spec / "kernel.json").write_text(json.dumps({
        "argv": ["/nonexistent/python3", "-m", "ipykernel_launcher", "-f", "{connection_file}"],
        "display_name": "Python 3", "language": "python"}), encoding="utf-8")
    monkeypatch.setenv("JUPYTER_DATA_DIR", str(user))
    monkeypatch.setenv("JUPYTER_PREFER_ENV_PATH", "0")  # the user's folder first, as outside a venv
    from jupyter_client.kernelspec import KernelSpecManager

    assert KernelSpecManager().get_kernel_spec("python3").argv[0] == "/nonexistent/python3"
    out = tmp_path / "reports"
    result = invoke("--notebook", "workload", "--issuer", "宣州区民政局", "--year", "2023", "--out", str(out))
    assert result.exit_code == 0, result.output
    assert (out / "宣州区民政局-2023" / "workload.html").is_file()
    assert kernel_mod.ensure_kernel().startswith("civstat-")


# -- a failing notebook --------------------------------------------------------------------


def test_a_failing_cell_exits_non_zero_names_the_notebook_and_writes_no_html(tmp_path):
    parameters = new_code_cell('issuer: str = "武汉市民政局"  # 单位\nyear: int = 2023  # 年度',
                               metadata={"tags": ["parameters"]})
    kernel = {"kernelspec": {"name": "python3", "display_name": "Python 3", "language": "python"}}
    good = new_notebook(cells=[new_markdown_cell("# 能运行的笔记本"), parameters,
                               new_code_cell('print(open("beside.txt", encoding="utf-8").read(), year, "x" in dir())')],
                        metadata=kernel)
    broken = new_notebook(cells=[new_markdown_cell("# 出错的笔记本"), parameters, new_code_cell("x = 1"),
                                 new_code_cell('raise RuntimeError("故意出错")')], metadata=kernel)
    folder = tmp_path / "mine"
    folder.mkdir()
    (folder / "beside.txt").write_text("旁边的文件", encoding="utf-8")  # read relative to the notebook
    nbformat.write(broken, folder / "broken.ipynb")
    nbformat.write(good, folder / "good.ipynb")
    out = tmp_path / "reports"
    result = invoke("--notebook", str(folder / "broken.ipynb"), "--notebook", str(folder / "good.ipynb"),
                    "--issuer", "武汉市民政局", "--year", "2023", "--out", str(out), "--jobs", "1")
    assert result.exit_code == 1
    assert "broken.ipynb" in result.output
    assert "RuntimeError: 故意出错" in result.output
    briefed = out / "武汉市民政局-2023"
    assert not (briefed / "broken.html").exists()
    assert not (briefed / "broken.ipynb").exists()
    assert (briefed / "broken.failed.ipynb").exists()  # kept for inspection
    assert not [p for p in briefed.iterdir() if ".partial" in p.name]
    # the other notebook ran after the failure, in its own folder, in a reset kernel
    page = (briefed / "good.html").read_text(encoding="utf-8")
    assert "旁边的文件 2023 False" in page  # x of the broken notebook is gone
    index = (out / "index.html").read_text(encoding="utf-8")
    assert "good.html" in index
    assert "broken.html" not in index
    assert "运行出错" in index


#: The cell of :func:`_pid_notebook`: it prints its kernel's process id and, where the run
#: has several kernels, waits (up to a minute) until another kernel has run it too, so that
#: one kernel cannot run every notebook before the next has started.
PID_CELL = """import os, pathlib, time
seen = pathlib.Path(os.environ["CIVSTAT_TEST_PIDS"])
(seen / str(os.getpid())).touch()
for _ in range(600 if int(os.environ["CIVSTAT_TEST_KERNELS"]) > 1 else 0):
    if len(list(seen.iterdir())) > 1:
        break
    time.sleep(0.1)
print("kernel", os.getpid(), "x" in dir())
x = 1"""


def _pid_notebook(title: str):
    parameters = new_code_cell('issuer: str = "武汉市民政局"  # 单位\nyear: int = 2023  # 年度',
                               metadata={"tags": ["parameters"]})
    return new_notebook(cells=[new_markdown_cell(f"# {title}"), parameters, new_code_cell(PID_CELL)],
                        metadata={"kernelspec": {"name": "python3", "display_name": "Python 3",
                                                 "language": "python"}})


@pytest.mark.parametrize(("jobs", "kernels"), [("1", 1), ("2", 2)])
def test_notebooks_run_in_a_kernel_per_job_and_are_reported_in_order(tmp_path, monkeypatch, jobs, kernels):
    folder, seen = tmp_path / "mine", tmp_path / "pids"
    folder.mkdir()
    seen.mkdir()
    monkeypatch.setenv("CIVSTAT_TEST_PIDS", str(seen))  # the kernels inherit the environment
    monkeypatch.setenv("CIVSTAT_TEST_KERNELS", jobs)
    names = ["first", "second", "third"]
    for name in names:
        nbformat.write(_pid_notebook(name), folder / f"{name}.ipynb")
    out = tmp_path / "reports"
    args = [a for name in names for a in ("--notebook", str(folder / f"{name}.ipynb"))]
    result = invoke(*args, "--issuer", "武汉市民政局", "--year", "2023", "--out", str(out), "--jobs", jobs)
    assert result.exit_code == 0, result.output
    reported = re.findall(r"(first|second|third)\.html", result.output)
    assert reported == names  # in the order asked for, whichever kernel was free first
    pages = [(out / "武汉市民政局-2023" / f"{name}.html").read_text(encoding="utf-8") for name in names]
    printed = [re.search(r"kernel (\d+) (True|False)", page).groups() for page in pages]
    assert len({pid for pid, _ in printed}) == kernels == len(list(seen.iterdir()))
    assert [x for _, x in printed] == ["False"] * 3  # each notebook in a reset kernel: x never seen


def test_the_kernels_of_a_run_follow_jobs_cores_and_notebooks(monkeypatch):
    monkeypatch.setattr(notebooks_mod.parallel, "cores", lambda: 2)
    assert notebooks_mod.kernel_count(None, 17) == 2
    assert notebooks_mod.kernel_count(None, 1) == 1
    assert notebooks_mod.kernel_count(3, 17) == 3
    assert notebooks_mod.kernel_count(3, 2) == 2
    monkeypatch.setattr(notebooks_mod.parallel, "cores", lambda: 64)
    assert notebooks_mod.kernel_count(None, 40) == kernel_mod.MAX_KERNELS
    for bad in (0, -1, 1.5, True, "2"):
        with pytest.raises(ValueError, match="jobs"):
            notebooks_mod.kernel_count(bad, 4)


# -- a successful run ----------------------------------------------------------------------


def test_a_run_briefs_every_issuer_year_and_skips_what_it_cannot(briefed):
    out, output = briefed
    written = sorted(p.relative_to(out).as_posix() for p in html_files(out))
    assert written == [
        "b_某区_b_民政局-2023/briefing.html", "b_某区_b_民政局-2023/themes.html",
        "b_某区_b_民政局-2023/workload.html", "index.html",
        "武汉市民政局-2022/briefing.html", "武汉市民政局-2022/themes.html", "武汉市民政局-2022/workload.html",
        "武汉市民政局-2023/briefing.html", "武汉市民政局-2023/continuity.html",
        "武汉市民政局-2023/themes.html", "武汉市民政局-2023/workload.html",
    ]
    assert "已生成 10 份简报" in output
    assert "武汉市民政局 2022年 延续性分析：未生成" in output


def test_executed_notebooks_are_kept_beside_the_html_and_nothing_partial_is_left(briefed):
    out, _ = briefed
    for page in html_files(out):
        if page.name == "index.html":
            continue
        executed = nbformat.read(page.with_suffix(".ipynb"), as_version=4)
        assert executed.metadata["papermill"]["parameters"]["year"] in (2022, 2023)
        assert not any(o.get("output_type") == "error" for c in executed.cells for o in c.get("outputs", []))
    assert not [p for p in out.rglob("*") if ".partial" in p.name or ".failed" in p.name]


def test_the_index_links_every_briefing_of_the_run(briefed):
    out, _ = briefed
    index = (out / "index.html").read_text(encoding="utf-8")
    links = {unquote(h) for h in re.findall(r'href="([^"]+)"', index)}
    assert links == {p.relative_to(out).as_posix() for p in html_files(out) if p.name != "index.html"}
    assert all((out / link).is_file() for link in links)
    assert "武汉市民政局 2022→2023年 延续性分析" in index
    assert "&lt;b&gt;某区&lt;/b&gt;民政局 2023年 年度简报" in index
    assert "未生成" in index


def test_the_html_has_no_code_cells_and_says_what_the_data_says(briefed):
    out, _ = briefed
    page = (out / "武汉市民政局-2023" / "briefing.html").read_text(encoding="utf-8")
    assert 'hl-ipython3' not in page  # no highlighted code
    assert "briefing.setup()" not in page
    assert "from civstat" not in page
    assert "2023年共19项任务，其中牵头8项。" in page
    assert "邓永付分管9项（其中牵头4项），彭莉莉6项，李超4项，共19项。" in page
    assert "<title>武汉市民政局 2023年 年度简报</title>" in page
    assert '<html lang="zh">' in page  # so that browsers pick Chinese glyph forms


# -- offline and safe ----------------------------------------------------------------------


SCRIPT = re.compile(r'<script (?:charset="utf-8" )?src="((?:\.\./assets/)?plotly\.min\.js)"(?: charset="utf-8")?>')


def test_plotly_is_one_file_per_issuer_year_and_nothing_is_fetched_online(briefed):
    import plotly.offline

    out, _ = briefed
    bundle = plotly.offline.get_plotlyjs()
    folders = {p.parent for p in html_files(out) if p.name != "index.html"}
    assert sorted(p.parent for p in out.rglob("plotly.min.js")) == sorted(folders)
    for folder in folders:
        assert (folder / "plotly.min.js").read_text(encoding="utf-8") == bundle
    for page in html_files(out):
        text = page.read_text(encoding="utf-8")
        figures = text.count("Plotly.newPlot(")
        assert bundle[:5000] not in text, page  # not inlined
        assert len(SCRIPT.findall(text)) == (1 if figures else 0), page
        assert page.stat().st_size < 500_000, (page, page.stat().st_size)
        if page.name != "index.html":
            assert figures >= 1, page
            assert SCRIPT.findall(text) == ["plotly.min.js"]
        rest = SCRIPT.sub("", text)
        # no script, style sheet, font or image loaded from anywhere: no address at all
        assert not re.search(r"https?://", rest), (page, re.findall(r"https?://\S{0,60}", rest)[:3])
        assert not re.search(r"<(script|link|img|iframe)\b[^>]*\b(src|href)\s*=", rest, re.IGNORECASE), page
        assert "require.js" not in rest
        assert "MathJax.js" not in rest
        assert "mermaid" not in rest.lower()


def test_executed_notebooks_carry_no_copy_of_plotly(briefed):
    out, _ = briefed
    notebooks = sorted(out.rglob("*.ipynb"))
    assert notebooks
    for path in notebooks:
        assert "plotly.js v" not in path.read_text(encoding="utf-8")[:10_000_000], path
        assert path.stat().st_size < 500_000, path


def test_pages_say_what_they_were_made_from_and_when_and_nothing_about_running_them(briefed):
    out, _ = briefed
    for page in html_files(out):
        text = page.read_text(encoding="utf-8")
        visible = re.sub(r"<[^>]+>", " ", re.sub(r"<(script|style)\b.*?</\1>", "", text, flags=re.DOTALL))
        for instruction in ("parameters", "civstat brief", "civstat check", "JupyterLab", "Run All"):
            assert instruction not in visible, (page, instruction)
        if page.name == "index.html":
            assert re.search(r"生成时间 \d{4}年\d{1,2}月\d{1,2}日 \d\d:\d\d", text)
            continue
        made = re.search(r'<footer class="civstat-made">根据 (.+?) 生成，生成时间 (\d{4}年\d{1,2}月\d{1,2}日 \d\d:\d\d)。', text)
        assert made, page
        if page.parent.name == "武汉市民政局-2023":
            names = "wuhan-2022-breakdown.txt" if page.stem == "continuity" else ""
            assert "《2023年省、市《政府工作报告》民政目标任务责任分解方案》（wuhan-2023-breakdown.txt）" in made.group(1)
            assert names in made.group(1)


def test_the_index_is_ordered_by_issuer_and_year_with_a_summary(briefed):
    out, _ = briefed
    index = (out / "index.html").read_text(encoding="utf-8")
    headings = re.findall(r"<h2>([^<]+)</h2>", index)
    assert headings == ["&lt;b&gt;某区&lt;/b&gt;民政局 2023年", "武汉市民政局 2022年", "武汉市民政局 2023年", "未生成"]
    assert ('<p class="summary">《2023年省、市《政府工作报告》民政目标任务责任分解方案》，'
            '共19项任务，其中本单位牵头8项（方案列出21项，其中2项重复列出，只算一次）。</p>') in index
    # the 2023 plan numbers 21 items; items 9 and 11 restate items 3 and 1, all four starred (led):
    # 19 commitments, 8 of them led (read from data/raw/wuhan-2023-breakdown.txt)


def test_shared_assets_writes_plotly_once_for_the_run(tmp_path):
    out = tmp_path / "site"
    result = invoke("--shared-assets", "--issuer", "武汉市民政局", "--notebook", "briefing", "--notebook", "workload",
                    "--out", str(out))
    assert result.exit_code == 0, result.output
    assert [p.relative_to(out).as_posix() for p in out.rglob("plotly.min.js")] == ["assets/plotly.min.js"]
    pages = [p for p in html_files(out) if p.name != "index.html"]
    assert len(pages) == 6
    for page in pages:
        assert SCRIPT.findall(page.read_text(encoding="utf-8")) == ["../assets/plotly.min.js"]
        assert page.stat().st_size < 500_000


def test_task_texts_and_names_are_escaped(briefed):
    out, _ = briefed
    pages = {p.relative_to(out).as_posix(): p.read_text(encoding="utf-8") for p in html_files(out)}
    for name, text in pages.items():
        assert "<script>alert(1)" not in text, name
        assert "<img src=x" not in text, name
        assert "<b>某区</b>" not in text, name
    briefing = pages["b_某区_b_民政局-2023/briefing.html"]
    assert "推进养老服务体系建设&lt;script&gt;alert(1)&lt;/script&gt;，新建社区养老服务站10个。" in briefing
    assert "社会救助科&lt;img src=x onerror=alert(2)&gt;" in briefing


def test_python_m_civstat_brief_has_help():
    result = subprocess.run([sys.executable, "-m", "civstat", "brief", "--help"], capture_output=True,
                            text=True, check=True)
    assert "--issuer" in result.stdout
    assert "--notebook" in result.stdout
    assert "--out" in result.stdout


@pytest.mark.parametrize(("name", "value", "code"), [
    ("by", "牵头处室", "lead_division"), ("by", "lead_division", "lead_division"),
    ("theme", "社会救助", "social_assistance"), ("theme", "elderly_care", "elderly_care"),
])
def test_names_in_chinese_become_codes_before_anything_runs(bundled, name, value, code):
    jobs, _ = notebooks_mod.plan(issuer="武汉市民政局", year=2023, parameters={name: value}, plans=bundled)
    owners = [j for j in jobs if name in j.parameters]
    assert owners
    assert {j.parameters[name] for j in owners} == {code}


@pytest.mark.parametrize(("args", "message"), [
    (["-p", "by", "牵头科室"], "没有“牵头科室”这个角色：可以用 分管领导、牵头处室"),
    (["-p", "theme", "养老"], "您要找的是不是：养老服务"),
    (["--issuer", "武汉"], "您要找的是不是：武汉市民政局"),
])
def test_a_wrong_name_is_refused_up_front_with_the_closest(tmp_path, args, message):
    out = tmp_path / "reports"
    result = invoke(*args, "--out", str(out))
    assert result.exit_code == 2
    assert message in result.output
    assert not out.exists()


def test_self_contained_pages_carry_plotly_and_need_no_other_file(tmp_path):
    out = tmp_path / "mail"
    result = invoke("--self-contained", "--issuer", "武汉市民政局", "--year", "2023", "--notebook", "briefing",
                    "--out", str(out))
    assert result.exit_code == 0, result.output
    assert list(out.rglob("*.js")) == []
    page = out / "武汉市民政局-2023" / "briefing.html"
    text = page.read_text(encoding="utf-8")
    assert SCRIPT.findall(text) == []
    assert text.count("plotly.js v") >= 1
    assert page.stat().st_size > 4_000_000


def test_self_contained_and_shared_assets_exclude_each_other(tmp_path):
    result = invoke("--self-contained", "--shared-assets", "--out", str(tmp_path / "x"))
    assert result.exit_code == 2
    assert "只能选一个" in result.output
    assert not (tmp_path / "x").exists()


def test_brief_reports_reading_document_by_document(tmp_path):
    from civstat.report.notebooks import brief

    raw = tmp_path / "data" / "raw"
    shutil.copytree(Path(__file__).resolve().parent.parent / "data" / "raw", raw)
    plan_files = [p for p in raw.iterdir() if p.suffix in (".txt", ".docx", ".xlsx", ".csv", ".html", ".pdf")
                  and p.name != "manifest.csv"]
    calls = []
    result = brief(issuer="武汉市民政局", year=2023, notebooks=["workload"], data_dir=tmp_path / "data",
                   out=tmp_path / "out", on_read=lambda done, total: calls.append((done, total)))
    assert not result.failed
    n = len(plan_files)
    assert n >= 5
    assert calls[0] == (0, n)
    assert calls[-1] == (n, n)
    assert [done for done, _ in calls] == list(range(n + 1))
