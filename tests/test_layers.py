"""The house shows its flow: read → analyse → report, each layer importing only those before it.

Every ``civstat`` import of every module is read from its source (module level and inside
functions alike) and checked against the order of the layers. The top-level modules
(``plans``, ``schema``, ``errors``, ``paths``) sit under every layer; nothing imports the
command line; ``civstat/__init__.py`` (the public API) and ``Plans``' convenience methods,
which hand a call on to an analysis or the workbook from inside a method, are the
exceptions, and are named here.
"""

import ast
from pathlib import Path

import pytest

PACKAGE = Path(__file__).resolve().parent.parent / "civstat"
BASE = {"civstat.plans", "civstat.roles", "civstat.schema", "civstat.errors", "civstat.paths", "civstat.parallel", "civstat.data"}
ORDER = ["read", "analyse", "report"]


def layer(module: str) -> str:
    """Return the layer of a civstat module: read, analyse, report, base, cli or api."""
    parts = module.split(".")
    if len(parts) > 2 and parts[1] in ORDER:
        return parts[1]
    if module in ("civstat.cli", "civstat.cli_quarterly", "civstat.__main__"):
        return "cli"
    if module in ("civstat", "civstat.__init__", "civstat.plots"):
        return "api"
    return "base"


def imports(path: Path) -> list[tuple[int, str, bool]]:
    """Return (line, module imported, inside a function) for each civstat import in a file."""
    tree = ast.parse(path.read_text(encoding="utf-8"))
    found = []

    def visit(node, nested: bool) -> None:
        for child in ast.iter_child_nodes(node):
            inner = nested or isinstance(child, ast.FunctionDef | ast.AsyncFunctionDef)
            if isinstance(child, ast.ImportFrom) and child.module and child.module.startswith("civstat"):
                base = child.module
                for alias in child.names:  # from civstat.read import reader: the module civstat.read.reader
                    name = f"{base}.{alias.name}"
                    is_module = (PACKAGE.parent / (name.replace(".", "/") + ".py")).exists()
                    found.append((child.lineno, name if is_module else base, inner))
            elif isinstance(child, ast.Import):
                found.extend((child.lineno, a.name, inner) for a in child.names if a.name.startswith("civstat"))
            visit(child, inner)

    visit(tree, False)
    return found


def modules() -> list[Path]:
    return sorted(PACKAGE.rglob("*.py"))


def name_of(path: Path) -> str:
    return ".".join(path.relative_to(PACKAGE.parent).with_suffix("").parts).removesuffix(".__init__")


def allowed(importer: str, imported: str, nested: bool) -> bool:
    """Say whether ``importer`` may import ``imported`` under the layer rules."""
    mine, theirs = layer(importer), layer(imported)
    if theirs == "cli":
        return importer in ("civstat.__main__", "civstat.cli") or (importer == "civstat.cli_quarterly"
                                                                   and imported == "civstat.cli_quarterly")
    if mine in ("cli", "api"):
        return True
    if theirs == "api":
        return False
    if mine == "base":
        # Plans' methods (select by theme, to_excel) hand on to an analysis or the workbook
        return theirs == "base" or (importer == "civstat.plans" and nested)
    return theirs == "base" or ORDER.index(theirs) <= ORDER.index(mine)


def test_the_rules_refuse_what_they_should():
    assert not allowed("civstat.read.reader", "civstat.analyse.themes", True)
    assert not allowed("civstat.analyse.workload", "civstat.report.plots", False)
    assert not allowed("civstat.report.notebooks", "civstat.cli", True)
    assert not allowed("civstat.plans", "civstat.analyse.themes", False)  # only inside a method
    assert allowed("civstat.report.sentences", "civstat.analyse.continuity", False)
    assert allowed("civstat.analyse.targets", "civstat.read.quantities", False)


@pytest.mark.parametrize("path", modules(), ids=lambda p: p.relative_to(PACKAGE).as_posix())
def test_each_module_imports_only_layers_before_its_own(path):
    importer = name_of(path)
    wrong = [f"line {line}: {imported}" for line, imported, nested in imports(path)
             if not allowed(importer, imported, nested)]
    assert not wrong, f"{importer} ({layer(importer)}) imports against the flow: {wrong}"


@pytest.mark.parametrize("path", modules(), ids=lambda p: p.relative_to(PACKAGE).as_posix())
def test_each_module_says_its_place_in_the_flow(path):
    doc = ast.get_docstring(ast.parse(path.read_text(encoding="utf-8"))) or ""
    lines = [line for line in doc.splitlines() if line.strip()]
    assert len(lines) >= 2, f"{path.name}: the docstring should say what it does and its place in the flow"


def test_the_layers_are_folders():
    for name in ORDER:
        assert (PACKAGE / name / "__init__.py").is_file()
    assert not (PACKAGE / "io").exists()
    top = sorted(p.name for p in PACKAGE.glob("*.py"))
    assert top == ["__init__.py", "__main__.py", "cli.py", "cli_quarterly.py", "errors.py", "parallel.py",
                   "paths.py", "plans.py", "plots.py", "roles.py", "schema.py"]


def test_civstat_plots_is_an_alias_of_its_new_home():
    import civstat.plots
    import civstat.report.plots

    assert civstat.plots.workload_bars is civstat.report.plots.workload_bars
