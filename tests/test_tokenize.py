"""The segmenter: jieba-next where installed, giving exactly jieba's words with the user dictionary."""

import io
import os
import sys
from importlib.resources import files
from pathlib import Path

import pytest

from civstat.analyse import tokenize

sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "benchmarks"))
import corpus  # noqa: E402


def _plain_jieba():
    import jieba

    tk = jieba.Tokenizer()
    tk.load_userdict(io.BytesIO(files("civstat.data").joinpath("userdict.txt").read_bytes()))
    return tk


@pytest.fixture(scope="module")
def fast():
    if tokenize.segmenter() != "jieba_next":
        if os.environ.get("CI") == "true":
            pytest.fail("jieba-next is not installed: CI installs civstat[test], which brings it")
        pytest.skip("jieba-next is not installed (pip install civstat[fast])")
    return tokenize.tokenizer()


def test_jieba_next_segments_the_bundled_plans_and_a_generated_corpus_as_jieba_does(fast, bundled):
    plain = _plain_jieba()
    generated = corpus.generate(20, 3, 40, seed=11).plans.tasks
    texts = [t for frame in (bundled.tasks, generated) for column in ("text", "goal", "title")
             for t in frame[column].dropna() if t]
    assert len(texts) > 2000
    differ = [t for t in texts if fast.lcut(t) != plain.lcut(t)]
    assert differ == []
    # the user dictionary is loaded in both: domain words come out whole
    assert "居家适老化改造" in fast.lcut("推进特殊困难老年人家庭居家适老化改造")


def test_the_dictionary_read_whole_is_the_one_jieba_next_reads(fast):
    """civstat reads jieba-next's dictionary cache in one piece; the words and counts are its own."""
    import jieba_next

    own = jieba_next.Tokenizer()
    own.initialize()            # jieba-next's loading: the cache, or the dictionary the first time
    ours = tokenize._read_cache_whole(jieba_next.Tokenizer)()
    ours.initialize()
    assert type(ours) is not jieba_next.Tokenizer   # the hook exists in this jieba-next
    assert len(own.FREQ) > 300_000
    assert (ours.FREQ, ours.total) == (own.FREQ, own.total)


def test_the_environment_keeps_plain_jieba(monkeypatch):
    monkeypatch.setenv(tokenize.SEGMENTER_VAR, "jieba")
    assert tokenize.segmenter() == "jieba"


def test_tokenize_all_gives_the_tokens_of_each_whole_text(bundled):
    texts = list(bundled.tasks["text"])
    assert tokenize.tokenize_all(texts, jobs=1) == [tokenize.tokens(text) for text in texts]
    long = [w for w in tokenize.tokens(texts[0]) if len(w) >= 2]
    assert tokenize.tokenize_all(texts[:1], min_length=2, jobs=1) == [long]


def test_tokenize_all_in_processes_gives_what_one_process_gives():
    generated = corpus.generate(30, 3, 30, seed=5).plans.tasks
    texts = [t for column in ("title", "text", "goal") for t in generated[column].fillna("")]
    assert len(texts) > 8000
    serial = tokenize.tokenize_all(texts, min_length=2, jobs=1)
    assert tokenize.tokenize_all(texts, min_length=2, jobs=2) == serial
    assert sum(map(len, serial)) > 20_000  # words, not empty lists
