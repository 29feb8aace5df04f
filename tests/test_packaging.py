"""civstat as users install and import it: light import, any working directory, a real wheel."""

import json
import os
import subprocess
import sys
import zipfile
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
HEAVY = ["jieba", "sklearn", "plotly", "papermill", "pandera", "opencc", "openpyxl", "click"]


def run(code, **kwargs):
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                            check=True, **kwargs)
    return result.stdout


def test_import_loads_no_heavy_module():
    out = run(f"import sys, json, civstat; print(json.dumps([m for m in {HEAVY!r} if m in sys.modules]))")
    assert json.loads(out) == []


def test_load_plans_works_from_any_working_directory(tmp_path):
    env = {k: v for k, v in os.environ.items() if k != "CIVSTAT_DATA_DIR"}
    out = run("import civstat; print(len(civstat.load_plans(errors='ignore').tasks))", cwd=tmp_path, env=env)
    assert out.strip() == "100"


def test_data_dir_variable_points_elsewhere(tmp_path, raw_dir):
    (tmp_path / "raw").mkdir()
    (tmp_path / "raw" / "plan.txt").write_bytes((raw_dir / "wuhan-2023-breakdown.txt").read_bytes())
    env = dict(os.environ, CIVSTAT_DATA_DIR=str(tmp_path))
    out = run("import civstat; p = civstat.load_plans(errors='ignore'); print(p.documents.doc_id.tolist())",
              cwd=tmp_path, env=env)
    assert out.strip() == "['plan']"


@pytest.fixture(scope="module")
def wheel(tmp_path_factory):
    out = tmp_path_factory.mktemp("wheel")
    subprocess.run([sys.executable, "-m", "pip", "wheel", "--no-deps", "--no-build-isolation", "-q",
                    "-w", str(out), str(ROOT)], check=True, capture_output=True)
    return next(out.glob("civstat-*.whl"))


def test_wheel_ships_the_documents_and_reference_tables(wheel):
    names = zipfile.ZipFile(wheel).namelist()
    assert "civstat/bundled/manifest.csv" in names
    assert sum(n.startswith("civstat/bundled/") and n.endswith(".txt") for n in names) == 5
    assert {"civstat/data/aliases.csv", "civstat/data/fields.csv", "civstat/data/boilerplate.csv"} <= set(names)
    assert {f"civstat/notebooks/{n}.ipynb" for n in ("briefing", "workload", "continuity", "themes")} <= set(names)
    assert "civstat/notebooks/quarterly/progress.ipynb" in names
    assert {"civstat/data/progress_headers.csv", "civstat/data/progress_status.csv"} <= set(names)


def test_plain_install_loads_the_bundled_plans(wheel, tmp_path):
    target = tmp_path / "site"
    zipfile.ZipFile(wheel).extractall(target)
    env = {k: v for k, v in os.environ.items() if k != "CIVSTAT_DATA_DIR"}
    env["PYTHONPATH"] = str(target)
    out = run("import civstat; p = civstat.load_plans(errors='ignore'); "
              "print(civstat.__file__); print(len(p.documents), len(p.tasks))", cwd=tmp_path, env=env)
    location, counts = out.strip().splitlines()
    assert location.startswith(str(target))
    assert counts == "5 100"


def test_every_public_name_is_exported_lazily():
    import civstat

    assert sorted(civstat.__all__) == sorted(civstat._EXPORTS)
    for name in civstat.__all__:
        assert getattr(civstat, name) is not None
