"""The ``civstat`` command line: ``build``, ``check`` and ``brief`` (click), in Chinese.

Top level, above every layer: nothing imports it.
"""

from __future__ import annotations

import sys
import warnings
from pathlib import Path

import click

from civstat import paths

#: What the reader's layout names mean, for people.
LAYOUT_ZH = {"word_table": "Word 表格", "pipe_table": "竖线分隔的表格", "cell_lines": "一格一行的表格",
             "numbered_list": "编号列表"}
#: What the kinds of problem mean, for people.
PROBLEM_ZH = {"unreadable": "无法读取", "manifest": "清单", "metadata": "文件信息", "numbering": "编号",
              "damaged": "字符损坏", "cut": "内容缺失", "inferred": "推断", "section": "标题",
              "count": "数目", "numbered_row": "编号行", "circular_item": "循环编号",
              "unclosed_units": "括号未闭合", "unplaced_line": "未归属的行", "unplaced_row": "未归属的行",
              "numbered_line": "编号行", "run_together": "表格单元格粘连", "unplaced_name": "残缺的名称"}
#: Shown where a plan names no issuer and the manifest gives none.
NO_ISSUER = "（未写明发文单位）"

CONTEXT = {"help_option_names": ["-h", "--help"]}


@click.group(context_settings=CONTEXT, help="把政府工作任务分解方案读成表格，并生成简报。")
@click.version_option(package_name="civstat", message="civstat %(version)s")
def main() -> None:
    """Read Chinese government task-breakdown plans into tidy tables, and brief them."""


@main.command(help="读取所有计划，写出表格（Parquet、CSV）和供阅读的 Excel 工作簿 civstat.xlsx。")
@click.option("--data-dir", type=click.Path(file_okay=False, path_type=Path), default=None,
              help=f"数据文件夹，内含 raw/（默认用随包数据，或环境变量 {paths.ENV_VAR} 所指的文件夹）。")
@click.option("--out", type=click.Path(file_okay=False, path_type=Path), default=None,
              help="表格写到哪个文件夹（默认：数据文件夹下的 processed/）。")
def build(data_dir: Path | None, out: Path | None) -> None:
    """Read every plan and write the tables as Parquet and Excel-friendly CSV, and the workbook."""
    from civstat.errors import OutputError
    from civstat.read.folder import load_plans
    from civstat.schema import validate

    source = paths.raw_dir(data_dir)
    out = out or paths.processed_dir(data_dir)
    try:
        paths.writable_folder(out)  # before the reading, not after it
    except OutputError as exc:
        click.echo(click.style("✗ ", fg="red", bold=True) + str(exc), err=True)
        sys.exit(2)
    if not source.exists():
        click.echo(click.style("✗ ", fg="red", bold=True) +
                   f"没有找到存放计划的文件夹 {source}：请把计划放在数据文件夹的 raw/ 中，"
                   f"或用 --data-dir 指向含有 raw/ 的文件夹。", err=True)
        sys.exit(2)
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        plans = load_plans(source, errors="warn", progress=_progress_bar())
    validate(plans)
    try:
        written = plans.save(out)
        written.append(plans.to_excel(out / "civstat.xlsx"))
    except OSError as exc:
        reason = exc.strerror or str(exc)
        click.echo(click.style("✗ ", fg="red", bold=True) +
                   f"写入 {out} 时出错（{reason}），已写完的表保持完整，未写完的没有留下。"
                   f"请检查磁盘空间和权限后重新运行。", err=True)
        sys.exit(2)
    click.echo(f"从 {source} 读取了 {len(plans.documents)} 份计划：共 {len(plans.tasks)} 项任务、"
               f"{len(plans.assignments)} 条分工，{len(plans.problems)} 处需要核对。")
    for doc in plans.documents.itertuples():
        note = "" if doc.complete else click.style("  内容不完整", fg="yellow")
        year = _year(doc.year)
        click.echo(f"  {doc.doc_id:<40} {_issuer(doc.issuer)} {year}  {doc.n_tasks:>3} 项任务{note}")
    for doc in plans.documents.itertuples():
        if not doc.issuer:
            _no_issuer(doc.doc_id)
    click.echo(f"已写出 {len(written)} 个文件到 {out}，其中 civstat.xlsx 供在 Excel 中阅读。")
    if len(plans.problems):
        click.echo("逐行查看某份计划需要核对之处：civstat check 文件名")


@main.command(help="逐份读取计划，列出读到的版式、任务数和每一处需要核对的地方（按行号）。"
                    "可以给出文件，也可以给出文件夹；文件夹中的 manifest.csv 和 README 不当作计划读取。")
@click.argument("files", nargs=-1, required=True, type=click.Path(path_type=Path), metavar="文件或文件夹…")
def check(files: tuple[Path, ...]) -> None:
    """Read documents and show what was found: layout, tasks and every problem by line."""
    from civstat.read.folder import load_plans
    from civstat.read.reader import explain

    failed = 0
    for file in _plan_files(files):
        try:
            plans = load_plans(file, errors="ignore")  # uses a manifest.csv beside the file
        except FileNotFoundError:
            plans = None
            message = f"{file}：没有这个文件或文件夹，请检查路径。"
        else:
            unreadable = plans.problems[plans.problems["kind"] == "unreadable"]
            message = f"{file}：无法读取（{unreadable['message'].iloc[0]}）" if len(unreadable) else ""
        if message:
            failed += 1
            click.echo(click.style("✗ ", fg="red", bold=True) + message)
            _explain(file, explain)
            continue
        doc = plans.documents.iloc[0]
        status = click.style("✓", fg="green", bold=True) if plans.problems.empty else click.style("!", fg="yellow", bold=True)
        incomplete = click.style("（内容不完整）", fg="yellow") if not doc["complete"] else ""
        n = len(plans.problems)
        layout = LAYOUT_ZH.get(doc["layout"], doc["layout"])
        checks = f"{n} 处需要核对" if n else "没有需要核对之处"
        click.echo(f"{status} {file}：{layout}（{doc['layout']}），{doc['n_tasks']} 项任务，{checks}{incomplete}")
        year = _year(doc["year"])
        click.echo(_visible(f"    {_issuer(doc['issuer'])} {year} {doc['title']}"))
        if not doc["issuer"]:
            _no_issuer(file.name)
        _explain(file, explain)
        _pages(file, plans)
        width = max((len(str(x)) for x in plans.problems["line"]), default=1)
        kinds = [PROBLEM_ZH.get(k, k) for k in plans.problems["kind"]]
        kind_width = max((len(x) for x in kinds), default=1)
        for p, kind_zh in zip(plans.problems.itertuples(), kinds, strict=True):
            line = f"{p.line:>{width}}" if p.line else " " * (width - 1) + "-"
            kind = click.style(f"{kind_zh:<{kind_width}}".replace(" ", "\u3000"), fg="cyan")
            click.echo(f"    {line}  {kind}  {_visible(p.message)}")
            if p.text:
                snippet = _visible(p.text if len(p.text) <= 60 else p.text[:57] + "…")
                click.echo(f"    {' ' * width}  {chr(0x3000) * kind_width}  {click.style(snippet, dim=True)}")
    sys.exit(1 if failed else 0)


def _plan_files(given: tuple[Path, ...]) -> list[Path]:
    """Expand folders to the plan files in them; leave out manifests, READMEs and hidden files.

    A file given by name is checked even if it is of a kind civstat cannot read (the
    check then says so); inside a folder only the kinds it reads are taken.
    """
    from civstat.read.reader import SUPPORTED

    out = []
    for path in given:
        if path.is_dir():
            out += [p for p in sorted(path.iterdir())
                    if p.is_file() and p.suffix.lower() in SUPPORTED and not _not_a_plan(p)]
        elif not _not_a_plan(path):
            out.append(path)
    return list(dict.fromkeys(out))


def _not_a_plan(path: Path) -> bool:
    """Tell whether a file is the folder's own description: manifest.csv, a README, a hidden file."""
    name = path.name.lower()
    return name == "manifest.csv" or name.startswith(("readme", ".")) or path.suffix.lower() == ".md"


def _progress_bar(stream=None, *, every: float = 0.2):
    """Return a ``progress(done, total)`` for load_plans: a one-line bar on stderr, 读取 120/2000 份文件.

    Shown only on a terminal (not in a pipe or a log), redrawn at most every ``every``
    seconds and at the end, where it gives way to a new line.
    """
    import time

    stream = stream or sys.stderr
    if not stream.isatty():
        return None
    shown = [0.0]

    def progress(done: int, total: int) -> None:
        now = time.monotonic()
        if done < total and now - shown[0] < every:
            return
        shown[0] = now
        width = 30
        filled = width * done // total if total else width
        stream.write(f"\r读取 {done}/{total} 份文件 [{'#' * filled}{'.' * (width - filled)}]")
        if done == total:
            stream.write("\n")
        stream.flush()

    return progress


def _year(year) -> str:
    """Return a plan's year as people write it (2023年), or say it is not known."""
    try:
        return f"{int(year)}年"
    except (TypeError, ValueError):
        return "（年度不详）"


def _issuer(issuer) -> str:
    """Return the issuer, or a visible placeholder when the plan names none."""
    return issuer if isinstance(issuer, str) and issuer.strip() else NO_ISSUER


def _no_issuer(name: str) -> None:
    """Warn that a plan names no issuer, and say how to give one."""
    click.echo(click.style("  ! ", fg="yellow", bold=True) +
               f"{name} 中没有写明发文单位，显示为“{NO_ISSUER}”。请在同一文件夹的 manifest.csv "
               f"中为它填写 issuer（发文单位）。", err=True)


def _visible(text: str) -> str:
    """Make control and escape characters of a document visible instead of sending them to the terminal."""
    return "".join(c if c.isprintable() or c == " " else repr(c)[1:-1] for c in str(text))


def _pages(file: Path, plans) -> None:
    """Print how a converted or PDF document was read, and on which page each task starts."""
    from civstat.read.formats import READ_BY

    how = READ_BY.get(file.suffix.lower())
    if how:
        click.echo(click.style(f"    读取方式：{how}", fg="blue"))
    pages = plans.tasks.dropna(subset=["page"])
    if len(pages):
        spans = [f"第{int(page)}页：{'、'.join(str(s) for s in group['seq'])}"
                 for page, group in pages.groupby("page", sort=True)]
        click.echo(click.style(f"    各页任务（序号）：{'；'.join(spans)}", fg="blue"))


def _explain(file: Path, explain) -> None:
    """Print how a document was read (columns, numbering levels), or what came closest."""
    from civstat.errors import ReadError

    try:
        lines = explain(file)
    except (ReadError, OSError):
        return
    for line in lines:
        click.echo(click.style(f"    {_visible(line)}", fg="blue"))


@main.command(help="为每个单位、每个年度的计划生成可离线打开的网页简报（HTML），并写出目录页 index.html。"
                    "不加选项时，数据中的每份计划都生成全部简报。所有参数在运行前先检查。")
@click.option("--issuer", default=None, metavar="单位", help="只为这个发文单位生成（与计划中写的一致，如 武汉市民政局）。")
@click.option("--year", default=None, metavar="年度", help="只为这个年度生成，如 2023。")
@click.option("--notebook", "notebooks", multiple=True, metavar="名称",
              help="只生成这一种简报：briefing（年度简报）、workload（工作量）、continuity（延续与新增）、"
                   "themes（主题），或一个 .ipynb 文件的路径；可重复。默认全部。")
@click.option("-p", "--parameter", "parameters", nargs=2, multiple=True, metavar="参数名 值",
              help="简报的其他参数，如 -p by 牵头处室（工作量按牵头处室统计）、-p theme 社会救助；可重复。")
@click.option("--data-dir", type=click.Path(file_okay=False, path_type=Path), default=None,
              help=f"数据文件夹，内含 raw/（默认用随包数据，或环境变量 {paths.ENV_VAR} 所指的文件夹）。")
@click.option("--out", type=click.Path(file_okay=False, path_type=Path), default=Path("reports"),
              show_default=True, help="简报和 index.html 写到哪个文件夹。")
@click.option("--shared-assets", is_flag=True,
              help="图表程序 plotly.min.js 只写一份（在输出文件夹的 assets/ 中），供内网站点使用；"
                   "默认每个单位年度的文件夹中各放一份，整个文件夹可以直接拷贝或打包发送。")
@click.option("--self-contained", is_flag=True,
              help="每个网页自带图表程序（每页约 5 MB），单独一个网页文件即可用邮件发送；不能与 --shared-assets 同用。")
@click.option("--docx", is_flag=True, help="同时把年度简报写成 Word 文档（briefing.docx），便于转发和修改。")
@click.option("--jobs", type=click.IntRange(min=1), default=None,
              help="同时运行几个笔记本（每个一个内核）；默认每个处理器核心一个，最多 8 个。")
def brief(issuer: str | None, year: str | None, notebooks: tuple[str, ...],
          parameters: tuple[tuple[str, str], ...], data_dir: Path | None, out: Path,
          shared_assets: bool, self_contained: bool, docx: bool, jobs: int | None) -> None:
    """Run the notebooks for each issuer-year and write offline HTML briefings.

    With no options, every issuer-year in the data is briefed with every notebook
    that takes issuer and year parameters. Parameters are checked against each
    notebook's parameters cell before anything runs.
    """
    from civstat.errors import CivstatError
    from civstat.report.notebooks import brief as run_brief

    def done(job, path, error):
        if error:
            click.echo(click.style("✗ ", fg="red", bold=True) + error, err=True)
        else:
            click.echo(click.style("✓ ", fg="green", bold=True) + f"{job.title}：{path}")

    given = {}
    for name, value in parameters:
        if name in given:
            raise click.UsageError(f"参数 {name} 给了两次，请只给一次。")
        given[name] = value
    if shared_assets and self_contained:
        raise click.UsageError("--shared-assets（图表程序只写一份）和 --self-contained（每页自带）只能选一个。")
    try:
        result = run_brief(issuer=issuer, year=year, notebooks=notebooks, parameters=given,
                           out=out, data_dir=data_dir, progress_bar=True, on_done=done,
                           shared_assets=shared_assets, self_contained=self_contained, docx=docx,
                           on_read=_progress_bar(), jobs=jobs)
    except CivstatError as exc:
        click.echo(click.style("✗ ", fg="red", bold=True) + str(exc), err=True)
        sys.exit(2)
    for title, why in result.skipped:
        click.echo(click.style("- ", fg="yellow") + f"{title}：未生成（{why}）")
    if result.index:
        click.echo(f"已生成 {len(result.written)} 份简报，目录页：{result.index}")
    if result.failed:
        click.echo(click.style(f"有 {len(result.failed)} 份简报生成失败，原因见上。", fg="red"), err=True)
        sys.exit(1)


from civstat.cli_quarterly import collect, templates  # noqa: E402

main.add_command(templates)
main.add_command(collect)
