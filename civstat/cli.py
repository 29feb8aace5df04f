"""The ``civstat`` command line: ``build`` and ``check`` (click)."""

from __future__ import annotations

import sys
import warnings
from pathlib import Path

import click

from civstat import paths


@click.group(context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(package_name="civstat")
def main() -> None:
    """Read Chinese government task-breakdown plans into tidy tables."""


@main.command()
@click.option("--data-dir", type=click.Path(file_okay=False, path_type=Path), default=None,
              help=f"Data folder holding raw/ (default: the bundled data, or ${paths.ENV_VAR}).")
@click.option("--out", type=click.Path(file_okay=False, path_type=Path), default=None,
              help="Where to write the tables (default: <data folder>/processed).")
def build(data_dir: Path | None, out: Path | None) -> None:
    """Read every plan and write the tables as Parquet and Excel-friendly CSV."""
    from civstat.errors import OutputError
    from civstat.io.reader import load_plans
    from civstat.schema import validate

    source = paths.raw_dir(data_dir)
    out = out or paths.processed_dir(data_dir)
    try:
        paths.writable_folder(out)  # before the reading, not after it
    except OutputError as exc:
        click.echo(click.style("✗ ", fg="red", bold=True) + str(exc), err=True)
        sys.exit(2)
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        plans = load_plans(source, errors="warn")
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
    click.echo(f"Read {len(plans.documents)} documents from {source}: {len(plans.tasks)} tasks, "
               f"{len(plans.assignments)} assignments, {len(plans.problems)} problems.")
    for doc in plans.documents.itertuples():
        note = "" if doc.complete else click.style("  incomplete", fg="yellow")
        click.echo(f"  {doc.doc_id:<40} {doc.issuer} {doc.year}  {doc.n_tasks:>3} tasks{note}")
    click.echo(f"Wrote {len(written)} files to {out}")
    if len(plans.problems):
        click.echo("Run `civstat check` on a document to see its problems line by line.")


@main.command()
@click.argument("files", nargs=-1, required=True, type=click.Path(path_type=Path))
def check(files: tuple[Path, ...]) -> None:
    """Read documents and show what was found: layout, tasks and every problem by line."""
    from civstat.io.reader import explain, load_plans

    failed = 0
    for file in files:
        if file.name == "manifest.csv" or file.suffix.lower() == ".md":
            continue  # the folder's own description, not a plan
        try:
            plans = load_plans(file, errors="ignore")  # uses a manifest.csv beside the file
        except FileNotFoundError as exc:
            plans = None
            message = str(exc)
        else:
            unreadable = plans.problems[plans.problems["kind"] == "unreadable"]
            message = f"{file}: {unreadable['message'].iloc[0]}" if len(unreadable) else ""
        if message:
            failed += 1
            click.echo(click.style("✗ ", fg="red", bold=True) + message)
            _explain(file, explain)
            continue
        doc = plans.documents.iloc[0]
        status = click.style("✓", fg="green", bold=True) if plans.problems.empty else click.style("!", fg="yellow", bold=True)
        incomplete = click.style(" (incomplete)", fg="yellow") if not doc["complete"] else ""
        n = len(plans.problems)
        click.echo(f"{status} {file}: {doc['layout']}, {doc['n_tasks']} tasks, "
                   f"{n} problem{'' if n == 1 else 's'}{incomplete}")
        click.echo(_visible(f"    {doc['issuer'] or '(issuer unknown)'} "
                            f"{doc['year'] if doc['year'] is not None else ''} {doc['title']}"))
        _explain(file, explain)
        _pages(file, plans)
        width = max((len(str(x)) for x in plans.problems["line"]), default=1)
        kind_width = max((len(x) for x in plans.problems["kind"]), default=1)
        for p in plans.problems.itertuples():
            line = f"{p.line:>{width}}" if p.line else " " * (width - 1) + "-"
            kind = click.style(f"{p.kind:<{kind_width}}", fg="cyan")
            click.echo(f"    {line}  {kind}  {_visible(p.message)}")
            if p.text:
                snippet = _visible(p.text if len(p.text) <= 60 else p.text[:57] + "…")
                click.echo(f"    {' ' * width}  {' ' * kind_width}  {click.style(snippet, dim=True)}")
    sys.exit(1 if failed else 0)


def _visible(text: str) -> str:
    """Make control and escape characters of a document visible instead of sending them to the terminal."""
    return "".join(c if c.isprintable() or c == " " else repr(c)[1:-1] for c in str(text))


def _pages(file: Path, plans) -> None:
    """Print how a converted or PDF document was read, and on which page each task starts."""
    from civstat.io.formats import READ_BY

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


@main.command()
@click.option("--issuer", default=None, help="Brief only this issuer (as in the plans, e.g. 武汉市民政局).")
@click.option("--year", default=None, help="Brief only this year.")
@click.option("--notebook", "notebooks", multiple=True,
              help="A notebook to run (briefing, workload, continuity, themes, or a path); repeatable. Default: all.")
@click.option("-p", "--parameter", "parameters", nargs=2, multiple=True, metavar="NAME VALUE",
              help="Another notebook parameter, e.g. -p by lead_division; repeatable.")
@click.option("--data-dir", type=click.Path(file_okay=False, path_type=Path), default=None,
              help=f"Data folder holding raw/ (default: the bundled data, or ${paths.ENV_VAR}).")
@click.option("--out", type=click.Path(file_okay=False, path_type=Path), default=Path("reports"),
              show_default=True, help="Where to write the briefings and index.html.")
def brief(issuer: str | None, year: str | None, notebooks: tuple[str, ...],
          parameters: tuple[tuple[str, str], ...], data_dir: Path | None, out: Path) -> None:
    """Run the notebooks for each issuer-year and write offline HTML briefings.

    With no options, every issuer-year in the data is briefed with every notebook
    that takes issuer and year parameters. Parameters are checked against each
    notebook's parameters cell before anything runs.
    """
    from civstat.brief import brief as run_brief
    from civstat.errors import CivstatError

    def done(job, path, error):
        if error:
            click.echo(click.style("✗ ", fg="red", bold=True) + error, err=True)
        else:
            click.echo(click.style("✓ ", fg="green", bold=True) + f"{job.title}: {path}")

    given = {}
    for name, value in parameters:
        if name in given:
            raise click.UsageError(f"parameter {name} given twice")
        given[name] = value
    try:
        result = run_brief(issuer=issuer, year=year, notebooks=notebooks, parameters=given,
                           out=out, data_dir=data_dir, progress_bar=True, on_done=done)
    except CivstatError as exc:
        click.echo(click.style("✗ ", fg="red", bold=True) + str(exc), err=True)
        sys.exit(2)
    for title, why in result.skipped:
        click.echo(click.style("- ", fg="yellow") + f"{title}: 未生成（{why}）")
    if result.index:
        click.echo(f"Wrote {len(result.written)} briefings; index: {result.index}")
    if result.failed:
        click.echo(click.style(f"{len(result.failed)} notebook(s) failed.", fg="red"), err=True)
        sys.exit(1)
