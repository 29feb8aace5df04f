"""The same document in the encodings Word and web pages use loads exactly as the UTF-8 original."""

import pandas as pd
import pytest

import civstat

DOCS = ["wuhan-2020-breakdown", "wuhan-2022-breakdown", "wuhan-2023-breakdown",
        "xuanzhou-2023-key-tasks", "masked-city-2020-minsheng100"]
ENCODINGS = {"utf-16": "utf-16", "gb18030": "gb18030", "utf-8-sig": "utf-8-sig"}


def tables(plans):
    return (plans.tasks.drop(columns=["task_id", "doc_id"]),
            plans.assignments.drop(columns=["task_id", "doc_id"]),
            plans.problems.drop(columns=["doc_id"]))


@pytest.mark.parametrize("doc", DOCS)
@pytest.mark.parametrize("encoding", list(ENCODINGS))
def test_reencoded_document_loads_identically(tmp_path, raw_dir, seed_readings, doc, encoding):
    text = (raw_dir / f"{doc}.txt").read_text(encoding="utf-8")
    path = tmp_path / f"{doc}.txt"
    path.write_bytes(text.encode(encoding))
    if encoding == "utf-16":
        assert path.read_bytes()[:2] in (b"\xff\xfe", b"\xfe\xff")  # Word's "Unicode text" has a BOM
    got = civstat.read_plan(path, issuer="X", year=2000)
    for mine, theirs in zip(tables(got), tables(seed_readings[doc]), strict=True):
        pd.testing.assert_frame_equal(mine, theirs)


def big5_subset(text):
    """The characters of a text that Big5 can hold (no pinyin tone marks, kana or emoji)."""
    def fits(char):
        try:
            char.encode("big5")
        except UnicodeEncodeError:
            return False
        return True
    return "".join(c for c in text if fits(c))


def test_traditional_document_as_big5(tmp_path, raw_dir):
    text = big5_subset((raw_dir / "masked-city-2020-minsheng100.txt").read_text(encoding="utf-8"))
    (tmp_path / "utf8").mkdir()
    (tmp_path / "big5").mkdir()
    (tmp_path / "utf8" / "plan.txt").write_text(text, encoding="utf-8")
    (tmp_path / "big5" / "plan.txt").write_bytes(text.encode("big5"))
    expected = civstat.read_plan(tmp_path / "utf8" / "plan.txt", issuer="X", year=2000)
    got = civstat.read_plan(tmp_path / "big5" / "plan.txt", issuer="X", year=2000)
    assert len(got.tasks) == 11
    for mine, theirs in zip(tables(got), tables(expected), strict=True):
        pd.testing.assert_frame_equal(mine, theirs)


def test_gb18030_and_big5_are_told_apart(tmp_path):
    text = "1.加強困難群眾幫扶。（責任單位：市民政局）\n2.推進養老服務體系建設。（責任單位：市衛健委）\n"
    for encoding in ("big5", "gb18030"):
        path = tmp_path / f"plan-{encoding}.txt"
        path.write_bytes(text.encode(encoding))
        plans = civstat.read_plan(path, issuer="X", year=2000)
        assert plans.tasks["text"].tolist() == ["加强困难群众帮扶。", "推进养老服务体系建设。"]
        assert plans.assignments["name"].tolist() == ["市民政局", "市卫生健康委"]
