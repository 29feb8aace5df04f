"""Reading a folder in parallel: the same tables as a serial read, on local processes and on Dask.

A folder of small plans in every format the generator of ``tests/plangen.py`` writes,
with a manifest and two files that cannot be read, is read with ``jobs=1`` and
``jobs=2``, and on a ``dask.distributed.LocalCluster`` through
``joblib.parallel_config(backend="dask")``. Without Dask the cluster test is skipped
locally and fails under CI (the ``test`` extra installs it).
"""

from __future__ import annotations

import io
import os
import random
import sys
from pathlib import Path

import joblib
import pandas as pd
import plangen
import pytest

import civstat
from civstat import parallel
from civstat.cli import _progress_bar
from civstat.plans import COLUMNS, task_table
from civstat.read import folder as folder_module
from civstat.read import libreoffice

SUFFIXES = [".txt", ".csv", ".xlsx", ".docx", ".html"]


def assert_same(a: civstat.Plans, b: civstat.Plans) -> None:
    for name in COLUMNS:
        pd.testing.assert_frame_equal(getattr(a, name), getattr(b, name), obj=name)


@pytest.fixture(scope="module")
def mixed(tmp_path_factory):
    """12 generated plans, two of each format and two lists, a manifest, and two unreadable files."""
    folder = tmp_path_factory.mktemp("mixed")
    rng = random.Random(20261202)
    wanted = {suffix: 2 for suffix in SUFFIXES}
    wanted["list"] = 2
    paths = []
    while any(wanted.values()):
        plan = plangen.make_plan(rng)
        kind = "list" if plan.layout == "list" else plan.suffix
        if wanted.get(kind, 0) == 0:
            continue
        wanted[kind] -= 1
        paths.append(plangen.write(plan, folder, f"p{len(paths):02d}"))
    (folder / "p03-empty.txt").write_text("", encoding="utf-8")
    (folder / "p07-broken.docx").write_bytes(b"PK\x03\x04 not a zip")
    (folder / "manifest.csv").write_text(f"file,issuer,year\n{paths[0].name},某区民政局,2024\n"
                                         f"{paths[5].name},某区民政局,二〇二四\n", encoding="utf-8")
    return folder


@pytest.fixture(scope="module")
def serial(mixed):
    return civstat.load_plans(mixed, errors="ignore", jobs=1)


def test_the_folder_is_mixed(mixed, serial):
    assert {p.suffix for p in mixed.iterdir()} >= set(SUFFIXES)
    assert len(serial.documents) == 14
    assert set(serial.problems["kind"]) >= {"unreadable", "manifest"}


def test_two_processes_read_what_one_reads(mixed, serial):
    assert_same(serial, civstat.load_plans(mixed, errors="ignore", jobs=2))


def test_a_thread_backend_the_user_chose_reads_the_same(mixed, serial):
    with joblib.parallel_config(backend="threading", n_jobs=2):
        assert folder_module._parallel(sorted(mixed.iterdir()), None)  # the user's choice, however small
        assert_same(serial, civstat.load_plans(mixed, errors="ignore"))


def test_raise_names_the_first_unreadable_file_in_file_order(mixed):
    with pytest.raises(civstat.ReadError) as one:
        civstat.load_plans(mixed, errors="raise", jobs=1)
    with pytest.raises(civstat.ReadError) as two:
        civstat.load_plans(mixed, errors="raise", jobs=2)
    assert "p03-empty.txt" in str(one.value)
    assert str(two.value) == str(one.value)
    assert two.value.line == one.value.line


def test_warn_is_the_same_warning(mixed):
    with pytest.warns(civstat.CivstatWarning) as one:
        civstat.load_plans(mixed, jobs=1)
    with pytest.warns(civstat.CivstatWarning) as two:
        civstat.load_plans(mixed, jobs=2)
    assert [str(w.message) for w in two] == [str(w.message) for w in one]


@pytest.mark.parametrize("jobs", [1, 2])
def test_progress_counts_documents_in_order(mixed, jobs):
    seen = []
    civstat.load_plans(mixed, errors="ignore", jobs=jobs, progress=lambda done, total: seen.append((done, total)))
    assert seen == [(k, 14) for k in range(15)]


def test_a_small_folder_stays_in_this_process(mixed, raw_dir):
    assert not folder_module._parallel(sorted(mixed.iterdir()), None)
    assert not folder_module._parallel(sorted(raw_dir.iterdir()), None)
    assert not folder_module._parallel(sorted(mixed.iterdir()), 1)
    assert folder_module._parallel(sorted(mixed.iterdir()), 2)
    many = [mixed / f"p{k}.txt" for k in range(folder_module.PARALLEL_MIN_FILES)]
    assert folder_module._parallel(many, None) == (parallel.cores() > 1)


@pytest.mark.parametrize("jobs", [0, -1, 1.5, True, "2"])
def test_jobs_must_be_a_number_of_processes(jobs):
    with pytest.raises(ValueError, match="jobs must be"):
        civstat.load_plans(errors="ignore", jobs=jobs)


def test_a_worker_reads_the_copy_converted_ahead(tmp_path, monkeypatch):
    """A worker does not see converted_ahead's context: the copy handed to it is what it reads."""
    rng = random.Random(3)
    plan = plangen.make_plan(rng)
    while plan.suffix != ".docx":
        plan = plangen.make_plan(rng)
    copy = plangen.write(plan, tmp_path, "converted")
    legacy = tmp_path / "legacy.doc"
    legacy.write_bytes(libreoffice.OLE + b"\0" * 504)  # would need LibreOffice without the copy
    monkeypatch.setattr(libreoffice, "soffice", lambda: None)
    part = folder_module._read_one(legacy, {}, None, copy)
    assert not isinstance(part, folder_module._Failure)
    assert len(part["tasks"]) == len(plan.tasks)
    without = folder_module._read_one(legacy, {}, None)
    assert isinstance(without, folder_module._Failure)
    assert "LibreOffice" in without.error(legacy).message


def test_legacy_files_converted_ahead_read_the_same_in_workers(tmp_path, soffice):
    """Two .xls files (converted by LibreOffice before the reading) and a new plan."""
    import subprocess

    rng = random.Random(11)
    sources = tmp_path / "xlsx"
    sources.mkdir()
    while len(list(sources.iterdir())) < 2:
        plan = plangen.make_plan(rng)
        if plan.suffix == ".xlsx":
            plangen.write(plan, sources, f"old{len(list(sources.iterdir()))}")
    folder = tmp_path / "plans"
    subprocess.run([soffice, f"-env:UserInstallation={(tmp_path / 'profile').as_uri()}", "--headless",
                    "--convert-to", "xls", "--outdir", str(folder), *map(str, sorted(sources.iterdir()))],
                   check=True, capture_output=True, timeout=180)
    plangen.write(plangen.make_plan(rng), folder, "new")
    one = civstat.load_plans(folder, errors="ignore", jobs=1)
    assert (one.documents["n_tasks"] > 0).all()
    assert_same(one, civstat.load_plans(folder, errors="ignore", jobs=2))


def test_the_cli_bar_counts_documents():
    class Terminal(io.StringIO):
        def isatty(self):
            return True

    stream = Terminal()
    progress = _progress_bar(stream, every=0)
    for done in range(4):
        progress(done, 3)
    assert stream.getvalue().endswith("\r读取 3/3 份文件 [" + "#" * 30 + "]\n")
    assert "读取 1/3 份文件" in stream.getvalue()
    assert _progress_bar(io.StringIO()) is None  # not on a terminal: no bar in pipes and logs


@pytest.fixture(scope="module")
def cluster():
    try:
        from dask.distributed import Client, LocalCluster
    except ImportError:
        if os.environ.get("CI") == "true":
            pytest.fail("dask[distributed] is missing under CI: the test extra installs it")
        pytest.skip("Dask is not installed: pip install 'civstat[dask]'")
    with LocalCluster(n_workers=2, threads_per_worker=1, processes=True, dashboard_address=None) as local, \
            Client(local) as client:
        yield client


def test_a_dask_cluster_reads_what_one_process_reads(mixed, serial, cluster):
    with joblib.parallel_config(backend="dask"):
        plans = civstat.load_plans(mixed, errors="ignore")
    assert_same(serial, plans)
    assert len(cluster.scheduler_info()["workers"]) == 2


# -- continuity issuer by issuer -----------------------------------------------------------------


@pytest.fixture(scope="module")
def corpus_plans():
    """Twelve generated issuers, four plans each, with distinct texts (benchmarks/corpus.py)."""
    sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "benchmarks"))
    import corpus

    return corpus.generate(12, 4, 25, seed=21).plans


@pytest.fixture(scope="module")
def serial_links(corpus_plans):
    links = civstat.continuity_all(corpus_plans, jobs=1)
    assert links["issuer"].nunique() == 12
    assert (links["status"] == "continued").sum() > 100
    return links


def test_continuity_in_processes_links_what_one_process_links(corpus_plans, serial_links):
    pd.testing.assert_frame_equal(civstat.continuity_all(corpus_plans, jobs=2), serial_links)


def test_an_engine_cut_into_parts_keeps_whole_issuers_in_order(corpus_plans):
    from civstat.analyse.similarity import _Engine

    engine = _Engine(task_table(corpus_plans))
    parts = engine.parts(5)
    assert 1 < len(parts) <= 5
    issuers = [list(p.tasks["issuer"].unique()) for p in parts]
    assert sum(issuers, []) == sorted(corpus_plans.tasks["issuer"].unique())
    assert sum(len(p.ids) for p in parts) == len(engine.ids)
    assert all(p.matrix.shape[0] == len(p.ids) == len(p.texts) for p in parts)


def test_a_dask_cluster_links_what_one_process_links(corpus_plans, serial_links, cluster):
    with joblib.parallel_config(backend="dask"):
        links = civstat.continuity_all(corpus_plans)
    pd.testing.assert_frame_equal(links, serial_links)


# -- segmentation for keywords -------------------------------------------------------------------


def test_a_dask_cluster_finds_the_keywords_one_process_finds(corpus_plans, cluster):
    serial = civstat.keywords(corpus_plans, top=10, jobs=1)
    assert len(serial) > 400        # 12 issuers x 4 years x 10 words
    with joblib.parallel_config(backend="dask"):
        on_cluster = civstat.keywords(corpus_plans, top=10)   # a chosen backend: the blocks go to it
    pd.testing.assert_frame_equal(on_cluster, serial)
