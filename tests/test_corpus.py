"""The benchmark corpus generator (``benchmarks/corpus.py``): reproducible, distinct, readable.

The generator is for benchmarks, but the figures they report are only as good as it is:
the same seed must give the same corpus, texts must not repeat, its record of links must
point at tasks it made, and the documents it writes must read back through civstat.
"""

from __future__ import annotations

import sys
from pathlib import Path

import pandas as pd
import pytest

import civstat
from civstat.schema import validate

sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "benchmarks"))

import corpus  # noqa: E402


@pytest.fixture(scope="module")
def small() -> corpus.Corpus:
    return corpus.generate(8, 5, 30, seed=7)


def test_same_seed_same_corpus(small):
    again = corpus.generate(8, 5, 30, seed=7)
    for name, table in small.plans.tables().items():
        pd.testing.assert_frame_equal(table, again.plans.tables()[name])
    pd.testing.assert_frame_equal(small.links, again.links)
    other = corpus.generate(8, 5, 30, seed=8)
    assert not small.plans.tasks["text"].equals(other.plans.tasks["text"])


def test_texts_do_not_repeat(small):
    assert small.distinct_ratio() >= 0.99
    bigger = corpus.generate(200, 5, 30, seed=0)  # 30,000 tasks
    assert len(bigger.plans.tasks) == 30_000
    assert bigger.distinct_ratio() >= 0.99


def test_tables_follow_the_schema(small):
    validate(small.plans)
    assert (small.plans.documents["n_tasks"] == 30).all()


def test_links_join_existing_tasks_of_one_issuer_in_later_years(small):
    tasks = small.plans.tasks.set_index("task_id")
    links = small.links
    assert set(links["kind"]) == set(corpus.LINK_KINDS)
    assert links["task_id_old"].isin(tasks.index).all()
    assert links["task_id_new"].isin(tasks.index).all()
    old, new = tasks.loc[links["task_id_old"]], tasks.loc[links["task_id_new"]]
    assert (old["issuer"].to_numpy() == new["issuer"].to_numpy()).all()
    gap = (new["year"].to_numpy() - old["year"].to_numpy()).astype(int)
    assert (gap >= 1).all()
    assert ((gap > 1) == (links["kind"] == "gap").to_numpy()).all()
    assert not links.duplicated(["task_id_old", "task_id_new"]).any()
    assert small.commitments["task_id"].tolist() == small.plans.tasks["task_id"].tolist()


def test_written_documents_read_back(small, tmp_path):
    folder = small.write(tmp_path / "plans", formats=("txt", "csv", "docx", "xlsx"))
    suffixes = {p.suffix for p in folder.iterdir()}
    assert {".txt", ".csv"} <= suffixes <= {".txt", ".csv", ".docx", ".xlsx"}
    read = civstat.load_plans(folder, errors="ignore")
    assert "unreadable" not in set(read.problems["kind"])
    assert sorted(read.tasks["task_id"]) == sorted(small.plans.tasks["task_id"])
    both = small.plans.tasks.merge(read.tasks, on="task_id", suffixes=("", "_read"))
    assert (both["issuer"] == both["issuer_read"]).all()
    assert (both["year"] == both["year_read"]).all()
    assert (both["section"] == both["section_read"]).all()

    def norm(s: pd.Series) -> pd.Series:
        return s.str.replace(r"\s", "", regex=True).str.rstrip("。")

    assert (norm(both["text"]) == norm(both["text_read"])).mean() >= 0.95
