"""The notebooks a run can brief and the parameters each accepts, checked before anything runs.

Part of the report layer, under :mod:`civstat.report.notebooks`: notebooks are found in
``notebooks/`` (or the installed copy), their ``parameters`` cell read by papermill, and
every value given (``-p by 牵头处室``) checked against it and against what the plans hold.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping
from functools import cache
from importlib.resources import files
from pathlib import Path

from civstat.errors import DataError
from civstat.plans import role_code, theme_code
from civstat.report.scope import BriefingError

#: The notebooks briefed by default, in the order of the index page.
DEFAULT_NOTEBOOKS = ("briefing", "workload", "continuity", "themes")


def notebook_dir() -> Path:
    """Return the folder of civstat's notebooks (``notebooks/`` of the source checkout)."""
    checkout = Path(__file__).resolve().parents[2] / "notebooks"
    if checkout.is_dir():
        return checkout
    return Path(str(files("civstat").joinpath("notebooks")))


def find_notebooks(names: Iterable[str] = ()) -> list[Path]:
    """Resolve notebook names (``workload``, ``workload.ipynb``) or paths; all by default.

    Raises
    ------
    BriefingError
        For a name that is neither one of civstat's notebooks nor an existing file.
    """
    folder = notebook_dir()
    names = list(names)
    if not names and not folder.is_dir():
        raise BriefingError(f"没有找到 civstat 的笔记本（{folder}）：请在源代码目录中运行，或用 --notebook 给出笔记本。\n"
                            f"civstat's notebooks are not installed at {folder}; run from a source "
                            f"checkout or give --notebook PATH.")
    if not names:
        present = [folder / f"{n}.ipynb" for n in DEFAULT_NOTEBOOKS]
        extra = sorted(p for p in folder.glob("*.ipynb") if p.stem not in DEFAULT_NOTEBOOKS)
        return [p for p in present if p.is_file()] + extra
    out = []
    for name in names:
        path = Path(name)
        candidates = [path, folder / path.name, folder / f"{path.name}.ipynb"]
        found = next((c for c in candidates if c.suffix == ".ipynb" and c.is_file()), None)
        if found is None:
            known = "、".join(p.stem for p in sorted(folder.glob("*.ipynb")))
            raise BriefingError(f"没有找到笔记本“{name}”：可用的有 {known}，或给出一个 .ipynb 文件的路径。\n"
                                f"No notebook {name!r}: use one of {known} or the path of an .ipynb file.")
        out.append(found.resolve())
    return list(dict.fromkeys(out))


@cache
def _inspect(path: Path, mtime: float) -> dict[str, str]:
    import papermill

    return {name: info["inferred_type_name"]
            for name, info in papermill.inspect_notebook(str(path)).items()}


def notebook_parameters(path: Path) -> dict[str, str]:
    """Return the parameters a notebook declares, ``{name: type name}`` (``"int"``, ``"str"`` …)."""
    return _inspect(Path(path), Path(path).stat().st_mtime)


def notebook_title(path: Path) -> str:
    """Return a notebook's title (its metadata ``title``, else its first heading, else its name)."""
    import nbformat

    nb = nbformat.read(path, as_version=4)
    if nb.metadata.get("title"):
        return str(nb.metadata["title"])
    for cell in nb.cells:
        if cell.cell_type == "markdown":
            m = re.search(r"^#\s+(.+)$", cell.source, re.MULTILINE)
            if m:
                return m.group(1).strip()
    return Path(path).stem


def coerce(value, type_name: str, *, name: str, notebook: str):
    """Convert a parameter value to the type the notebook declares, or raise BriefingError.

    A string (from the command line) is parsed; any other value must already have
    the type (``True`` is not an ``int``).

    Examples
    --------
    >>> coerce("2023", "int", name="year", notebook="briefing")
    2023
    >>> coerce("二〇二三", "int", name="year", notebook="briefing")
    Traceback (most recent call last):
    ...
    civstat.report.scope.BriefingError: 参数 year 应为 int（整数），不能是 '二〇二三'（笔记本 briefing）。...
    """
    kinds = {"int": (int, "整数"), "float": (float, "数"), "str": (str, "文字"), "bool": (bool, "真假值")}
    if type_name not in kinds:
        return value  # no annotation: papermill passes the value as given
    kind, word = kinds[type_name]
    if isinstance(value, str) and kind is not str:
        text = value.strip()
        try:
            if kind is bool:
                if text.lower() not in ("true", "false", "1", "0", "yes", "no"):
                    raise ValueError(text)
                return text.lower() in ("true", "1", "yes")
            return kind(text)
        except ValueError:
            pass
    elif isinstance(value, kind) and not (kind in (int, float) and isinstance(value, bool)):
        return float(value) if kind is float else value
    elif kind is float and isinstance(value, int) and not isinstance(value, bool):
        return float(value)
    raise BriefingError(f"参数 {name} 应为 {type_name}（{word}），不能是 {value!r}（笔记本 {notebook}）。\n"
                        f"Parameter {name} of notebook {notebook} must be {type_name}, not {value!r}.")


def checked_values(given: Mapping[str, object]) -> dict[str, object]:
    """Check the values of the parameters whose values are names, and return them as codes.

    ``by`` takes a role by code or Chinese name (``牵头处室`` → ``lead_division``),
    ``theme`` a theme by id or label (``社会救助`` → ``social_assistance``); anything
    else is refused here, before any notebook runs.

    Raises
    ------
    BriefingError
        For a value that is no role or no theme, with the ones there are.

    Examples
    --------
    >>> checked_values({"by": "牵头处室", "theme": "养老服务", "year": 2023})
    {'by': 'lead_division', 'theme': 'elderly_care'}
    """
    checks = {"by": role_code, "theme": theme_code}
    out = {}
    for name, check in checks.items():
        if name in given and isinstance(given[name], str):
            try:
                out[name] = check(given[name])
            except DataError as exc:
                raise BriefingError(f"参数 {name} 的值不对：{exc}") from exc
    return out
