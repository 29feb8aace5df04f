"""The quarterly commands: ``civstat templates`` (report templates out) and ``civstat collect`` (reports in).

Top level, above every layer, registered by :mod:`civstat.cli`: nothing else imports it.
"""

from __future__ import annotations

import sys
from pathlib import Path

import click

from civstat import paths

_FAIL = "✗ "
_CONTEXT = {"help_option_names": ["-h", "--help"]}


def _load(data_dir: Path | None):
    import warnings

    from civstat.read.folder import load_plans

    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        return load_plans(paths.raw_dir(data_dir), errors="ignore")


@click.command(context_settings=_CONTEXT,
               help="为一个报告期写出报表模板（.xlsx）：每个牵头处室一份（或每位分管领导一份），"
                    "列出其任务、数量目标和待填写的状态、完成情况、完成数值。")
@click.option("--issuer", required=True, help="单位，与计划中一致，如 武汉市民政局。")
@click.option("--year", required=True, type=int, help="计划年度，如 2023。")
@click.option("--period", required=True, help="报告期：2023Q1 … 2023Q4，或 2023Y（全年）。")
@click.option("--by", type=click.Choice(["lead_division", "leader"]), default="lead_division", show_default=True,
              help="每个牵头处室一份（lead_division），或每位分管领导一份（leader）。")
@click.option("--out", type=click.Path(file_okay=False, path_type=Path), default=None,
              help="模板写到哪个文件夹（默认：templates/<报告期>）。")
@click.option("--data-dir", type=click.Path(file_okay=False, path_type=Path), default=None,
              help=f"数据文件夹，内含 raw/（默认：随附的数据，或 ${paths.ENV_VAR}）。")
def templates(issuer: str, year: int, period: str, by: str, out: Path | None, data_dir: Path | None) -> None:
    """Write one report template (.xlsx) per lead division, or per deputy leader, for one period."""
    from civstat.errors import CivstatError
    from civstat.report.templates import write_templates

    out = out or Path("templates") / period
    try:
        written = write_templates(_load(data_dir), issuer=issuer, year=year, period=period, out=out, by=by)
    except (CivstatError, ValueError) as exc:
        click.echo(click.style(_FAIL, fg="red", bold=True) + str(exc), err=True)
        sys.exit(2)
    who = "分管领导" if by == "leader" else "处室"
    click.echo(f"已为 {len(written)} 个{who}写出 {year} 年 {period} 的报表模板，在 {out}：")
    for path in written:
        click.echo(f"  {path.name}")
    click.echo("请把各自的模板发给对应的处室，填好后用 `civstat collect 文件…` 汇总。")


@click.command(context_settings=_CONTEXT,
               help="汇总各处室填好的报表模板（以及其他版式的进展表），写出一张进展汇总表，"
                    "并逐条列出需要核对的地方。可以给出文件，也可以给出文件夹。")
@click.argument("files", nargs=-1, required=True, type=click.Path(path_type=Path))
@click.option("--period", default=None, help="所收集的报告期，如 2023Q1；别的季度或年度的表会被指出并不采用。")
@click.option("--out", type=click.Path(file_okay=False, path_type=Path), default=None,
              help="汇总表写到哪个文件夹（默认：<数据文件夹>/processed/progress）。")
@click.option("--data-dir", type=click.Path(file_okay=False, path_type=Path), default=None,
              help=f"数据文件夹，内含 raw/（默认：随附的数据，或 ${paths.ENV_VAR}）。")
def collect(files: tuple[Path, ...], period: str | None, out: Path | None, data_dir: Path | None) -> None:
    """Read filled report templates (and other progress tables) into one progress table."""
    from civstat.analyse.reports import read_progress
    from civstat.errors import CivstatError
    from civstat.plans import excel_safe
    from civstat.read.schedule import parse_period

    try:
        if period is not None:
            parse_period(period)
        out = paths.writable_folder(out or paths.processed_dir(data_dir) / "progress")
        result = read_progress(list(files), plans=_load(data_dir), period=period)
    except (CivstatError, ValueError) as exc:
        click.echo(click.style(_FAIL, fg="red", bold=True) + str(exc), err=True)
        sys.exit(2)
    stem = f"progress_{period}" if period else "progress"
    written = []
    for name, table in ((stem, result.progress), (f"{stem}_problems", result.problems)):
        path = out / f"{name}.csv"
        with paths.writing(path) as tmp:
            excel_safe(table).to_csv(tmp, index=False, encoding="utf-8-sig")
        written.append(path)
    kept = result.files[result.files["kept"] & (result.files["rows"] > 0)]
    click.echo(f"读取 {result.files['file'].nunique()} 个文件，汇总 {len(result.progress)} 条进展"
               f"（{kept['division'].nunique()} 个处室），{len(result.problems)} 个问题。")
    for row in result.problems.itertuples(index=False):
        where = f"{Path(row.file).name}" + (f" {row.sheet}" if row.sheet else "") + (f" 第{row.line}行" if row.line else "")
        click.echo(click.style("! ", fg="yellow", bold=True) + f"{where}：{row.message}")
    click.echo("已写出：" + "、".join(str(p) for p in written))
