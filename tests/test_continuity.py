"""Continuity and repeats, against links read by hand from the three Wuhan plans.

``tests/data/continuity_pairs.csv`` holds 87 pairs of tasks from the Wuhan plans of 2020,
2022 and 2023 (2020 → 2022, 2022 → 2023, 2020 → 2023), labelled by reading the plans
before any score was computed: ``same=1`` when the later task carries on the earlier
commitment (same programme and object, even if the numbers, wording, scope or report
changed, or only part of either task carries over), ``same=0`` when they only share a
field or some words. All 17 links a reader sees between the three plans are in it.
Left out as too close to call: 2022 item 5 → 2023 items 2 and 21 (特困 support inside a
wider social-assistance task), 2020 item 3 → 2023 item 2 (children's care inside a wider
task), 2020 item 8 → 2022 item 7 and 2023 items 7 and 15 (service consumption and the
service sector). Thirteen near-misses were added later (the rows after 2020 item 18 →
2023 item 15), read from the plans for the pairs that the digit-masked, generic-aware
scorer ranks high; three of them (2020 item 8 → 2022 item 7 and 2023 item 15, 2020
item 9 → 2022 item 7) are among those once left out, labelled 0 in line with 2022 item 7
→ 2023 items 6 and 15.
"""

import subprocess
import sys
from pathlib import Path

import numpy as np
import pandas as pd
import pytest

from civstat.analyse.continuity import continuity, continuity_all, duplicates
from civstat.analyse.similarity import CONTINUITY_THRESHOLD, DUPLICATE_THRESHOLD, _Engine

PAIRS = Path(__file__).parent / "data" / "continuity_pairs.csv"
WUHAN = "武汉市民政局"


def w(year, seq):
    return f"wuhan-{year}-breakdown-{seq:03d}"


@pytest.fixture(scope="module")
def labels():
    df = pd.read_csv(PAIRS, dtype={"base_task": str, "compare_task": str, "note": str})
    years = df["base_task"].str.split("-").str[1].astype(int), df["compare_task"].str.split("-").str[1].astype(int)
    return df.assign(base_year=years[0], compare_year=years[1])


@pytest.fixture(scope="module")
def links(bundled):
    """The default continuity() for every year pair in the labelled set."""
    return {(b, c): continuity(bundled, issuer=WUHAN, base_year=b, compare_year=c)
            for b, c in [(2020, 2022), (2022, 2023), (2020, 2023)]}


@pytest.fixture(scope="module")
def l2223(links):
    return links[(2022, 2023)]


def continued(df):
    return set(zip(df.loc[df["status"] == "continued", "base_task"],
                   df.loc[df["status"] == "continued", "compare_task"], strict=True))


def scores(bundled, labels):
    """The labelled pairs with the score continuity() gives each (threshold 0, no top-k)."""
    parts = []
    for (b, c), _ in labels.groupby(["base_year", "compare_year"]):
        df = continuity(bundled, issuer=WUHAN, base_year=b, compare_year=c, threshold=0.0, top=None)
        parts.append(df[df["status"] == "continued"][["base_task", "compare_task", "score"]])
    return labels.merge(pd.concat(parts), on=["base_task", "compare_task"], how="left")


def precision_recall(predicted, truth):
    predicted, truth = np.asarray(predicted, bool), np.asarray(truth, bool)
    tp = (predicted & truth).sum()
    return tp / predicted.sum(), tp / truth.sum()


# -- the labelled set and the threshold ------------------------------------------------------


def test_labelled_pairs_are_well_formed(bundled, labels):
    assert list(labels.columns[:4]) == ["base_task", "compare_task", "same", "note"]
    assert len(labels) >= 40
    assert set(labels["same"]) == {0, 1}
    assert labels["same"].sum() == 17
    assert not labels.duplicated(["base_task", "compare_task"]).any()
    tasks = bundled.tasks.set_index("task_id")
    for column in ("base_task", "compare_task"):
        assert labels[column].isin(tasks.index).all()
        assert (tasks.loc[labels[column], "issuer"] == WUHAN).all()
    assert (labels["base_year"] < labels["compare_year"]).all()
    assert labels["note"].str.len().gt(0).all()


def test_precision_and_recall_on_the_labelled_pairs(labels, links):
    made = set().union(*(continued(df) for df in links.values()))
    predicted = [pair in made for pair in zip(labels["base_task"], labels["compare_task"], strict=True)]
    precision, recall = precision_recall(predicted, labels["same"] == 1)
    assert (round(precision, 3), round(recall, 3)) == (1.0, 0.941)   # 16 of 17 found, none wrong
    # the one missed: 2020's 政务服务 clause inside 2022's city-circle task (only 政务 shared)
    truth = labels["same"] == 1
    assert [pair for pair, p, t in zip(zip(labels["base_task"], labels["compare_task"], strict=True),
                                       predicted, truth, strict=True) if t and not p] == [(w(2020, 10), w(2022, 10))]
    # every link continuity makes between the three plans is a labelled pair, so these are
    # also precision and recall over all 1,079 pairs of tasks of different years
    assert made <= set(zip(labels["base_task"], labels["compare_task"], strict=True))


def links_at(bundled, threshold):
    """Every link continuity() makes between the three Wuhan plans at a threshold."""
    return set().union(*(continued(continuity(bundled, issuer=WUHAN, base_year=b, compare_year=c,
                                              threshold=threshold))
                         for b, c in [(2020, 2022), (2022, 2023), (2020, 2023)]))


def test_default_threshold_is_the_best_f1(bundled, labels):
    truth = labels["same"] == 1
    pairs = list(zip(labels["base_task"], labels["compare_task"], strict=True))

    def f1(threshold):
        made = links_at(bundled, threshold)
        p, r = precision_recall([pair in made for pair in pairs], truth)
        return 2 * p * r / (p + r)

    grid = [round(0.10 + 0.01 * k, 2) for k in range(21)]     # 0.10 … 0.30
    best = max(f1(t) for t in grid)
    assert f1(CONTINUITY_THRESHOLD) == pytest.approx(best)
    # the default is the top of a plateau: 0.15 to 0.20 make the same links, since just
    # above the threshold a link needs more than one short word in common (before that
    # check, 0.19 linked 2020 item 8 to 2022 item 7, consumption vs service sector, and two
    # more); 0.21 loses 2022 item 4 -> 2023 item 19 (适老化改造), 0.14 links 2020 item 13
    # (jobs) to 2022 item 15 (rural jobs) and 2020 item 8 to 2022 item 7
    assert [t for t in grid if f1(t) == pytest.approx(best)] == [0.15, 0.16, 0.17, 0.18, 0.19, 0.20]
    assert f1(0.14) < best
    assert f1(CONTINUITY_THRESHOLD + 0.01) < best


def test_a_threshold_chosen_on_two_year_pairs_holds_on_the_third(bundled, labels):
    # leave one year pair out: choose the threshold (the lowest of the best F1 on a grid) on
    # the other two, count the links on the held-out one; pooled over the three folds
    grid = [round(0.10 + 0.01 * k, 2) for k in range(31)]
    made = {t: links_at(bundled, t) for t in grid}
    pair = labels["base_year"].astype(str) + labels["compare_year"].astype(str)

    def counts(rows, links):
        predicted = np.array([p in links for p in zip(rows["base_task"], rows["compare_task"], strict=True)])
        truth = (rows["same"] == 1).to_numpy()
        return (predicted & truth).sum(), predicted.sum(), truth.sum()

    tp = found = true = 0
    chosen = {}
    for held in sorted(pair.unique()):
        train, test = labels[pair != held], labels[pair == held]

        def f1(t, train=train):
            a, b, c = counts(train, made[t])
            return 2 * a / (b + c)

        best = max(f1(t) for t in grid)
        chosen[held] = next(t for t in grid if f1(t) == best)
        a, b, c = counts(test, made[chosen[held]])
        tp, found, true = tp + a, found + b, true + c
    # every fold chooses 0.15, the lowest of the plateau 0.15 … 0.20, and makes no wrong link
    # held out. Before links went through the plan between, the fold holding out 2020 -> 2022
    # chose 0.15 (to reach 2020 item 2 -> 2023 item 13 at 0.17) and, without the check near
    # the threshold, made 3 wrong links there: precision 0.833, recall 0.882
    assert chosen == {"20202022": 0.15, "20202023": 0.15, "20222023": 0.15}
    assert (round(tp / found, 3), round(tp / true, 3)) == (1.0, 0.941)   # 16 of 16, 16 of 17


def test_generic_words_alone_make_no_link(bundled, labels):
    # the pairs the issue names: 2022 item 7 (总部经济, 家政) -> 2023 item 6 (消费), and
    # 2020 item 18 (医养结合) -> 2022 item 3 share 养老、老年人 / 家政、经济 only; without the
    # check on shared words they are links at the default threshold
    loose = links_at_min_shared(bundled, 0)
    assert {(w(2022, 7), w(2023, 6)), (w(2020, 18), w(2022, 3))} <= loose
    made = links_at(bundled, CONTINUITY_THRESHOLD)
    assert not {(w(2022, 7), w(2023, 6)), (w(2020, 18), w(2022, 3))} & made


def links_at_min_shared(bundled, min_shared):
    return set().union(*(continued(continuity(bundled, issuer=WUHAN, base_year=b, compare_year=c,
                                              min_shared=min_shared))
                         for b, c in [(2020, 2022), (2022, 2023), (2020, 2023)]))


def test_generic_words_are_learned_from_the_corpus(bundled):
    from civstat.analyse.similarity import generic_words

    words = generic_words(bundled)
    assert {"养老", "老年人", "社区", "经济", "家庭", "困难"} <= words
    assert not {"适老化改造", "特困人员", "儿童福利指导中心", "家政"} & words
    # learned from the tasks given: the Wuhan plans alone have their own
    wuhan = bundled.tasks[bundled.tasks["issuer"] == WUHAN]
    assert "养老" in generic_words(wuhan)
    assert "适老化改造" not in generic_words(wuhan)
    assert generic_words(wuhan) != words
    # a word in two tasks is never generic, however small the corpus
    two = bundled.tasks[bundled.tasks["task_id"].isin([w(2022, 16), w(2023, 16)])]
    from civstat.analyse.similarity import listed_generic_words

    assert generic_words(two) == listed_generic_words() == {"体系", "中心", "机制", "作用", "水平", "能力"}
    assert generic_words(bundled, share=1.0) == listed_generic_words()


def plan_pair(old, new):
    return pd.DataFrame({"task_id": [f"a-{k}" for k in range(len(old))] + [f"b-{k}" for k in range(len(new))],
                         "issuer": "某局", "year": [2022] * len(old) + [2023] * len(new),
                         "title": "", "goal": "", "text": old + new})


def test_tasks_on_one_template_in_different_fields_are_not_the_same_work():
    # two tasks sharing a frame (争取省政府督查激励), one about elderly care and the other
    # about social assistance in civstat's theme lexicon, are not linked ...
    tasks = plan_pair(["养老服务工作争取省政府督查激励"], ["社会救助工作争取省政府督查激励表彰"])
    df = continuity(tasks, issuer="某局", base_year=2022, compare_year=2023, generic=frozenset())
    assert df["score"].max() > 0.5
    assert sorted(df["status"]) == ["dropped", "new"]
    # ... the same frame in the same field is ...
    tasks = plan_pair(["养老服务工作争取省政府督查激励"], ["养老服务工作继续争取省政府督查激励"])
    df = continuity(tasks, issuer="某局", base_year=2022, compare_year=2023, generic=frozenset())
    assert df["status"].tolist() == ["continued"]
    # ... and so are two tasks in which the lexicon finds no theme
    tasks = plan_pair(["推进政务服务一网通办"], ["推进政务服务一网通办全城通办"])
    df = continuity(tasks, issuer="某局", base_year=2022, compare_year=2023, generic=frozenset())
    assert df["status"].tolist() == ["continued"]


def test_the_themes_continuity_checks_are_the_themes_of_the_tasks(bundled):
    from civstat import themes
    from civstat.analyse.similarity import _document
    from civstat.analyse.themes import theme_set

    found = themes(bundled).groupby("task_id")["theme"].agg(frozenset)
    docs = _document(bundled.tasks)
    assert len(found) > 50
    for task_id, doc in zip(bundled.tasks["task_id"], docs, strict=True):
        assert theme_set(doc) == found.get(task_id, frozenset()), task_id


def test_the_texts_are_segmented_once_with_the_words_of_each_text(bundled):
    from civstat.analyse.similarity import _document, _generic, _words, generic_words

    docs = _document(bundled.tasks)
    generic, words = _generic(docs)
    assert generic == generic_words(bundled)
    assert set(words) == set(docs)
    assert all(words[d] == _words(d) for d in docs)
    # 新增家庭养老床位3000张，为1.1万人提供居家养老上门服务，推进特殊困难老年人居家适老化改造。
    # the user dictionary's compounds whole; 新增, 提供, 推进 are stop words
    assert words[docs[bundled.tasks["task_id"] == w(2022, 4)].iloc[0]] == (
        "家庭养老床位", "居家养老上门服务", "特殊", "困难", "老年人", "居家适老化改造")


def test_digits_are_masked_before_comparing(bundled):
    tasks = pd.DataFrame({"task_id": ["a-1", "b-1"], "issuer": "某局", "year": [2022, 2023],
                          "title": "", "goal": "",
                          "text": ["新建社区老年人服务中心80个", "新建社区老年人服务中心70个"]})
    row = continuity(tasks, issuer="某局", base_year=2022, compare_year=2023, min_shared=0).iloc[0]
    assert row["score"] == pytest.approx(1.0, abs=1e-5)


def test_characters_rank_the_labelled_pairs_better_than_words(bundled, labels):
    from sklearn.feature_extraction.text import TfidfVectorizer
    from sklearn.metrics import average_precision_score

    from civstat.analyse.tokenize import tokens

    tasks = bundled.tasks.set_index("task_id")
    results = {}
    for name, vectorizer in {
        "chars": lambda: TfidfVectorizer(analyzer="char", ngram_range=(1, 2)),
        "words": lambda: TfidfVectorizer(tokenizer=tokens, token_pattern=None, lowercase=False),
    }.items():
        cosine = {}
        for (b, c), group in labels.groupby(["base_year", "compare_year"]):
            union = tasks[(tasks["issuer"] == WUHAN) & tasks["year"].isin([b, c])]
            x = vectorizer().fit_transform(union["text"])
            at = {task: k for k, task in enumerate(union.index)}
            s = (x @ x.T).toarray()
            for i, j in zip(group["base_task"], group["compare_task"], strict=True):
                cosine[i, j] = s[at[i], at[j]]
        pairs = zip(labels["base_task"], labels["compare_task"], strict=True)
        results[name] = average_precision_score(labels["same"], [cosine[pair] for pair in pairs])
    # 0.95 on the first 74 pairs; 0.93 with the 13 near-misses added for the scorer's errors
    assert round(results["chars"], 2) == 0.93
    assert results["words"] < results["chars"] - 0.1   # 0.79 with the word lists of this writing


def test_continuity_all_on_the_bundled_plans_scores_as_well(bundled, labels):
    made = continued(continuity_all(bundled))
    adjacent = labels[labels["base_year"] + labels["compare_year"] != 2020 + 2023]
    predicted = [pair in made for pair in zip(adjacent["base_task"], adjacent["compare_task"], strict=True)]
    precision, recall = precision_recall(predicted, adjacent["same"] == 1)
    assert (round(precision, 3), round(recall, 3)) == (1.0, 0.923)   # 12 of 13, none wrong


# -- links read from the plans -----------------------------------------------------------------


@pytest.mark.parametrize(("base", "compare"), [
    (w(2022, 3), w(2023, 3)),     # 社区老年人服务中心（站） 80 -> 70
    (w(2022, 6), w(2023, 12)),    # 儿童福利指导中心 social workers, 11 -> 13 districts
    (w(2022, 16), w(2023, 16)),   # 家庭困难学生资助
    (w(2022, 12), w(2023, 17)),   # 国际社区、国际学校、国际医院
])
def test_links_2022_to_2023(l2223, base, compare):
    assert (base, compare) in continued(l2223)


@pytest.mark.parametrize(("base", "compare"), [
    (w(2020, 7), w(2023, 5)),     # 居民收入增长与经济增长基本同步
    (w(2020, 2), w(2023, 2)),     # 社会救助 covering 低保、特困、支出型 families
    (w(2020, 8), w(2023, 6)),     # 养老、托幼/育幼、家政 service consumption
])
def test_links_2020_to_2023_across_a_gap(links, base, compare):
    assert (base, compare) in continued(links[(2020, 2023)])


def test_a_link_through_the_plan_between(links):
    # 2020 item 2 (城乡低保、特困供养人员 … 保障标准) -> 2022 item 5 (扩大特困人员救助供养范围) ->
    # 2023 item 13 (城市和农村特困人员实行统一供养标准): the 2020 and 2023 texts alone score
    # 0.17, under the threshold; the plan between carries the commitment
    df = links[(2020, 2023)].set_index(["base_task", "compare_task"])
    row = df.loc[(w(2020, 2), w(2023, 13))]
    assert row["status"] == "continued"
    assert row["via"] == w(2022, 5)
    assert row["score"] < CONTINUITY_THRESHOLD
    assert "供养" in row["shared_terms"]
    # the direct links say nothing in via; no other 2020 -> 2023 link goes through 2022
    assert (df.loc[df["status"] == "continued", "via"] != "").sum() == 1


def three_plans(texts: dict[int, list[str]]) -> pd.DataFrame:
    rows = [(f"{year}-{k}", year, text) for year, items in texts.items() for k, text in enumerate(items)]
    return pd.DataFrame({"task_id": [r[0] for r in rows], "issuer": "某局", "year": [r[1] for r in rows],
                         "title": "", "goal": "", "text": [r[2] for r in rows]})


def test_a_chain_needs_a_subject_shared_end_to_end():
    # 2022's broad task carries both 2021's meal programme and 2023's home adaptation: each
    # step is a link, but the two ends share no subject, so 2021 -> 2023 is no link ...
    tasks = three_plans({
        2021: ["建设老年助餐点位覆盖城乡社区"],
        2022: ["建设老年助餐点位覆盖城乡社区，推进特殊困难老年人家庭适老化改造"],
        2023: ["完成特殊困难老年人家庭适老化改造年度任务"],
    })
    step = [continuity(tasks, issuer="某局", base_year=b, compare_year=c, generic=frozenset())
            for b, c in [(2021, 2022), (2022, 2023)]]
    assert all(df["status"].tolist() == ["continued"] for df in step)
    ends = continuity(tasks, issuer="某局", base_year=2021, compare_year=2023, generic=frozenset())
    assert sorted(ends["status"]) == ["dropped", "new"]
    # ... and the same over four plans, each step sharing something with the next
    tasks = three_plans({
        2020: ["推进社区嵌入式养老服务设施建设，完善区级养老服务指导中心"],
        2021: ["新建社区嵌入式养老服务设施和日间照料中心"],
        2022: ["新建日间照料中心，发展老年助餐服务"],
        2023: ["扩大老年助餐服务覆盖面，助餐点位覆盖全部街道"],
    })
    ends = continuity(tasks, issuer="某局", base_year=2020, compare_year=2023, generic=frozenset())
    assert sorted(ends["status"]) == ["dropped", "new"]


def test_a_reworded_commitment_is_followed_through_every_plan_between():
    # 特困 support reworded each year: 2020 and 2023 alone score just under the threshold
    # (0.198), each year to the next scores 0.43 or more; the link names both plans between,
    # and each pair of years is the link continuity gives for those two years
    tasks = three_plans({
        2020: ["提高城乡特困供养人员基本生活标准，落实低保对象动态管理，加强临时救助"],
        2021: ["提高特困供养人员基本生活标准，扩大特困人员救助供养范围"],
        2022: ["扩大特困人员救助供养范围，推进失能特困人员集中供养"],
        2023: ["对城市和农村特困人员实行统一供养标准，全面推行失能特困人员集中照护"],
    })
    ends = continuity(tasks, issuer="某局", base_year=2020, compare_year=2023, generic=frozenset())
    assert ends[["base_task", "compare_task", "status", "via"]].to_numpy().tolist() == [
        ["2020-0", "2023-0", "continued", "2021-0、2022-0"]]
    assert ends["score"].iloc[0] < CONTINUITY_THRESHOLD
    direct = continuity(tasks, issuer="某局", base_year=2020, compare_year=2023, generic=frozenset(),
                        threshold=0.0)
    assert direct["score"].iloc[0] == pytest.approx(ends["score"].iloc[0])
    # without the plans between, the two ends are not linked
    alone = tasks[tasks["year"].isin([2020, 2023])]
    assert sorted(continuity(alone, issuer="某局", base_year=2020, compare_year=2023,
                             generic=frozenset())["status"]) == ["dropped", "new"]


def test_a_split(l2223):
    # 2022's elderly-service centres continue in the city report (item 3, repeated as item 9)
    # and in the province report (item 20, 社区养老服务综合体 and 农村互助照料中心)
    rows = l2223[l2223["base_task"] == w(2022, 3)]
    assert rows["compare_task"].tolist() == [w(2023, 3), w(2023, 9), w(2023, 20)]
    assert (rows["status"] == "continued").all()


def test_a_dropped_and_a_new_task(l2223):
    aed = l2223[l2223["base_task"] == w(2022, 17)]          # AED 4000台, not in 2023
    assert aed[["compare_task", "status", "shared_terms"]].to_numpy().tolist() == [["", "dropped", ""]]
    meals = l2223[l2223["compare_task"] == w(2023, 10)]     # 新开业老年人供餐点30个
    assert meals[["base_task", "status"]].to_numpy().tolist() == [["", "new"]]
    assert aed["score"].iloc[0] < CONTINUITY_THRESHOLD
    # meals share only generic words (老年人) with 2022's centres: no link, whatever the score
    assert meals["score"].iloc[0] > 0


def test_shared_terms_explain_the_link(l2223):
    from civstat.analyse.tokenize import stopwords

    row = l2223[(l2223["base_task"] == w(2022, 16)) & (l2223["compare_task"] == w(2023, 16))]
    terms = row["shared_terms"].iloc[0].split("、")
    assert {"学生", "资助"} <= set(terms)
    assert not set(terms) & stopwords()
    assert not {"家庭", "困难"} & set(terms)     # generic in this corpus: not the shared subject
    # a word of either text found in the other: 2023's 适老化改造 inside 2022's 居家适老化改造
    row = l2223[(l2223["base_task"] == w(2022, 4)) & (l2223["compare_task"] == w(2023, 1))]
    assert row["shared_terms"].tolist() == ["居家适老化改造"]
    row = l2223[(l2223["base_task"] == w(2022, 3)) & (l2223["compare_task"] == w(2023, 3))]
    assert "社区老年人服务中心" in row["shared_terms"].iloc[0].split("、")


def test_every_task_appears_and_loose_ends_are_loose(bundled, links):
    for (b, c), df in links.items():
        tasks = bundled.tasks[bundled.tasks["issuer"] == WUHAN]
        assert set(df["base_task"]) - {""} == set(tasks.loc[tasks["year"] == b, "task_id"])
        assert set(df["compare_task"]) - {""} == set(tasks.loc[tasks["year"] == c, "task_id"])
        ends = df[df["status"] != "continued"]
        assert ((ends["base_task"] == "") != (ends["compare_task"] == "")).all()
        direct = df[(df["status"] == "continued") & (df["via"] == "")]
        assert direct["score"].ge(CONTINUITY_THRESHOLD).all()
        assert df.loc[df["status"] != "continued", "via"].eq("").all()
        assert df["score"].between(0, 1 + 1e-6).all()
        linked = set(df.loc[df["status"] == "continued", "base_task"])
        assert not linked & set(df.loc[df["status"] == "dropped", "base_task"])


# -- repeats within a plan ---------------------------------------------------------------------


def test_duplicates_finds_the_repeats_read_in_the_plans(bundled):
    found = duplicates(bundled)
    assert list(found.columns) == ["issuer", "year", "task_a", "task_b", "score", "text_a", "text_b"]
    assert found[["issuer", "year", "task_a", "task_b"]].to_numpy().tolist() == [
        ["宣州区民政局", 2023, "xuanzhou-2023-key-tasks-004", "xuanzhou-2023-key-tasks-016"],  # 基本养老服务清单 …
        ["宣州区民政局", 2023, "xuanzhou-2023-key-tasks-009", "xuanzhou-2023-key-tasks-025"],  # 行业协会商会
        [WUHAN, 2023, w(2023, 1), w(2023, 11)],   # 居家适老化改造2000户以上
        [WUHAN, 2023, w(2023, 3), w(2023, 9)],    # 社区老年人服务中心（站）70个、农村…30个
    ]


def test_duplicates_threshold_separates_the_bundled_pairs(bundled):
    everything = duplicates(bundled, threshold=0.0)
    repeats = everything["score"] >= DUPLICATE_THRESHOLD
    assert repeats.sum() == 4
    assert everything.loc[repeats, "score"].min().round(2) == 0.77
    closest = everything[~repeats].nlargest(1, "score")
    # two parallel tasks on one template: 养老服务 / 社会救助 工作争取省政府督查激励
    assert closest[["task_a", "task_b"]].to_numpy().tolist() == [["xuanzhou-2023-key-tasks-029",
                                                               "xuanzhou-2023-key-tasks-030"]]
    assert closest["score"].round(2).tolist() == [0.71]


def test_repeats_are_counted_once(l2223):
    # 2023 items 9 and 11 repeat items 3 and 1: they share their twins' links and scores
    rows = l2223.set_index(["base_task", "compare_task"])
    assert rows.loc[(w(2022, 3), w(2023, 9)), "compare_duplicate_of"] == w(2023, 3)
    assert rows.loc[(w(2022, 3), w(2023, 9)), "score"] == rows.loc[(w(2022, 3), w(2023, 3)), "score"]
    assert rows.loc[(w(2022, 4), w(2023, 11)), "compare_duplicate_of"] == w(2023, 1)
    assert not rows.loc[(w(2022, 3), w(2023, 9)), "counted"]
    assert rows.loc[(w(2022, 3), w(2023, 3)), "counted"]
    # counted: one row per pair of commitments and per loose end
    counted = l2223[l2223["counted"]]
    assert not counted["compare_task"].isin([w(2023, 9), w(2023, 11)]).any()
    assert counted.value_counts("status").to_dict() == {"continued": 9, "dropped": 10, "new": 10}
    # each of 2023's 19 commitments (21 tasks, 2 of them repeats) once, none merged here
    assert counted.loc[counted["compare_task"] != "", "compare_task"].value_counts().eq(1).sum() == 21 - 2
    assert l2223.loc[l2223["compare_duplicate_of"] != "", "compare_task"].tolist() == [w(2023, 9), w(2023, 11)]


def test_a_repeated_loose_end_is_counted_once(bundled):
    # 2020 -> 2023: nothing of 2020 leads to the repeated items, which are new twice but counted once
    df = continuity(bundled, issuer=WUHAN, base_year=2020, compare_year=2023)
    new = df[df["status"] == "new"].set_index("compare_task")
    assert new.loc[w(2023, 9), "compare_duplicate_of"] == w(2023, 3)
    assert not new.loc[w(2023, 9), "counted"]
    assert new.loc[w(2023, 3), "counted"]


# -- one code path, deterministic, no side effects ---------------------------------------------


def test_continuity_is_continuity_all_on_two_plans(bundled):
    tasks = bundled.tasks
    two = tasks[(tasks["issuer"] == WUHAN) & tasks["year"].isin([2022, 2023])]
    pd.testing.assert_frame_equal(continuity_all(two),
                                  continuity(two, issuer=WUHAN, base_year=2022, compare_year=2023))


def test_order_of_the_input_does_not_matter(bundled, l2223):
    shuffled = bundled.tasks.sample(frac=1, random_state=0)
    pd.testing.assert_frame_equal(continuity(shuffled, issuer=WUHAN, base_year=2022, compare_year=2023), l2223)


def test_columns_and_dtypes(l2223):
    assert list(l2223.columns) == [
        "issuer", "base_year", "compare_year", "base_task", "compare_task", "score", "status",
        "shared_terms", "base_text", "compare_text", "base_duplicate_of", "compare_duplicate_of", "counted",
        "via"]
    assert l2223.dtypes[["base_year", "compare_year", "score", "counted"]].astype(str).tolist() == [
        "int64", "int64", "float64", "bool"]
    assert set(l2223["status"]) == {"continued", "dropped", "new"}


def test_input_is_not_mutated(bundled):
    before = {name: df.copy(deep=True) for name, df in bundled.tables().items()}
    continuity(bundled, issuer=WUHAN, base_year=2020, compare_year=2023)
    continuity_all(bundled)
    duplicates(bundled)
    for name, df in bundled.tables().items():
        pd.testing.assert_frame_equal(df, before[name])


def test_the_fit_is_tfidf_over_characters(bundled):
    from sklearn.feature_extraction.text import TfidfVectorizer

    tasks = pd.concat([bundled.tasks, bundled.tasks.head(7)])   # repeated texts count in the IDF
    engine = _Engine(tasks)
    x = TfidfVectorizer(analyzer="char", ngram_range=(1, 2)).fit_transform(engine.masked)
    np.testing.assert_allclose((engine.matrix @ engine.matrix.T).toarray(), (x @ x.T).toarray(), atol=1e-5)
    assert engine.masked[0] != engine.texts[0] or not any(c.isdigit() for c in engine.texts[0])
    assert not any(c.isdigit() for text in engine.masked for c in text)


@pytest.mark.parametrize("texts", [
    ["新建社区老年人服务中心80个", "", "a", "Ab  C\n\n d", "x\u3000\u3000y", "😀养老", "ΣΑΣ İ", "养老", "养老"],
    ["一"],
    [""],
])
@pytest.mark.parametrize("chunk", [3, 20_000])
def test_the_character_counts_are_scikit_learns(texts, chunk, bundled, monkeypatch):
    from sklearn.feature_extraction.text import CountVectorizer

    from civstat.analyse import similarity
    from civstat.analyse.similarity import _char_counts, _document

    monkeypatch.setattr(similarity, "_CHUNK", chunk)    # texts counted a few at a time, or all at once

    texts = texts + _document(bundled.tasks).tolist()[:40]
    counter = CountVectorizer(analyzer="char", ngram_range=(1, 2), dtype=np.float32)
    expected = counter.fit_transform(texts)
    counts, grams = _char_counts(texts)
    assert grams.tolist() == counter.get_feature_names_out().tolist()
    assert counts.shape == expected.shape
    assert (counts != expected).nnz == 0


def test_tasks_without_text_are_dropped_and_new():
    tasks = plan_pair(["", ""], [" "])
    df = continuity(tasks, issuer="某局", base_year=2022, compare_year=2023)
    assert sorted(df["status"]) == ["dropped", "dropped", "new"]
    assert (df["score"] == 0).all()


def test_no_issuer_with_two_plans_gives_no_rows(bundled):
    xuanzhou = bundled.tasks[bundled.tasks["issuer"] == "宣州区民政局"]
    out = continuity_all(xuanzhou)
    assert out.empty
    assert "counted" in out.columns


def test_importing_the_module_stays_light():
    code = "import sys, civstat.analyse.continuity; print([m for m in ('jieba', 'sklearn', 'scipy') if m in sys.modules])"
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout
    assert out.strip() == "[]"


# -- errors ------------------------------------------------------------------------------------


@pytest.mark.parametrize(("kwargs", "message"), [
    ({"issuer": "北京市民政局", "base_year": 2022, "compare_year": 2023},
     "没有发文单位为“北京市民政局”的计划"),
    ({"issuer": WUHAN, "base_year": 2021, "compare_year": 2023},
     "武汉市民政局没有 2021 年的计划，现有 2020、2022、2023 年"),
    ({"issuer": WUHAN, "base_year": 2023, "compare_year": 2022}, "base_year .* must come before"),
    ({"issuer": WUHAN, "base_year": 2022, "compare_year": 2023, "threshold": 1.5}, "threshold must be"),
    ({"issuer": WUHAN, "base_year": 2022, "compare_year": 2023, "top": 0}, "top must be"),
])
def test_errors_name_what_exists(bundled, kwargs, message):
    with pytest.raises(ValueError, match=message):
        continuity(bundled, **kwargs)


def test_plans_must_be_plans_or_tasks():
    with pytest.raises(TypeError, match="civstat.Plans or a table of tasks"):
        duplicates(["not", "plans"])


# -- the same scorer on another bureau: the sections of the Xuanzhou plan ----------------------

XUANZHOU_PAIRS = Path(__file__).parent / "data" / "xuanzhou_section_pairs.csv"


def test_the_scorer_on_the_xuanzhou_sections(bundled):
    """Pairs of tasks in different sections of the Xuanzhou plan, read by hand.

    ``tests/data/xuanzhou_section_pairs.csv``: every pair of tasks in two sections that a
    reader calls the same work (17, most of them partial: one task holds the other's goal),
    and 19 near-misses. The threshold was chosen on the Wuhan pairs. With it and the
    checks of a direct link (:meth:`_Engine.holds`), precision 1.0 and recall 1.0 (17 of 17).
    This is no longer held out: with the check on a shared subject alone
    (:meth:`_Engine.related`), precision was 0.89 (17 of 19; wrong: 困境儿童 in two child
    programmes, 社会组织 in the volunteers' task and in the party-building one, each the
    one word in common at 0.22), and the check near the threshold was made after them
    (its margin measured on generated corpora, :data:`NEAR_MARGIN`). No pair of tasks in
    two sections scores a link outside the labelled ones. Before the check on themes,
    precision was 0.81: the two 督查激励 tasks on one template (养老服务 / 社会救助) and 党组织
    in two tasks of different fields were links too.
    """
    from civstat.analyse.similarity import generic_words

    pairs = pd.read_csv(XUANZHOU_PAIRS)
    assert (pairs["same"] == 1).sum() == 17
    assert not pairs.duplicated(["task_a", "task_b"]).any()
    tasks = bundled.tasks[bundled.tasks["issuer"] == "宣州区民政局"]
    engine = _Engine(tasks, generic=generic_words(bundled))
    at = {task: k for k, task in enumerate(engine.ids)}
    everything = np.arange(len(engine.ids))
    cosine = engine.cosine(everything, everything)

    def linked(a, b):
        i, j = at[a], at[b]
        return cosine[i, j] >= CONTINUITY_THRESHOLD and engine.holds(i, j, cosine[i, j])

    predicted = [linked(a, b) for a, b in zip(pairs["task_a"], pairs["task_b"], strict=True)]
    precision, recall = precision_recall(predicted, pairs["same"] == 1)
    assert (round(precision, 2), round(recall, 2)) == (1.0, 1.0)   # 17 of 17 links right
    section = tasks.set_index("task_id")["section"]
    labelled = {frozenset(p) for p in zip(pairs["task_a"], pairs["task_b"], strict=True)}
    ids = list(engine.ids)
    outside = [(a, b) for k, a in enumerate(ids) for b in ids[k + 1:]
               if section[a] != section[b] and frozenset((a, b)) not in labelled and linked(a, b)]
    assert outside == []


def test_the_table_says_when_a_link_goes_through_the_plan_between(links, l2223):
    from civstat.report.tables import continuity_table

    shown = continuity_table(links[(2020, 2023)], "continued")
    notes = shown["说明"].tolist()
    assert notes.count("") == len(notes) - 1
    row = shown[shown["说明"] != ""].iloc[0]
    assert row["本年工作事项"].startswith("同一供养机构")     # 2023 item 13
    # a table with no such link has no note column
    assert "说明" not in continuity_table(l2223, "continued").columns


def test_a_chain_gives_way_to_a_closer_direct_match():
    # the 特困 commitment of the test above, reworded through 2021 and 2022; but here 2020
    # also has a task almost word for word 2023's first, and 2023 one almost word for word
    # 2020's first: each end has a closer match of its own, so the chain is no link
    tasks = three_plans({
        2020: ["提高城乡特困供养人员基本生活标准，落实低保对象动态管理，加强临时救助",
               "对城市和农村特困人员实行统一供养标准"],
        2021: ["提高特困供养人员基本生活标准，扩大特困人员救助供养范围"],
        2022: ["扩大特困人员救助供养范围，推进失能特困人员集中供养"],
        2023: ["对城市和农村特困人员实行统一供养标准，全面推行失能特困人员集中照护",
               "提高城乡特困供养人员基本生活标准，落实低保对象动态管理"],
    })
    ends = continuity(tasks, issuer="某局", base_year=2020, compare_year=2023, generic=frozenset())
    assert ends[["base_task", "compare_task", "status", "via"]].to_numpy().tolist() == [
        ["2020-0", "2023-1", "continued", ""], ["2020-1", "2023-0", "continued", ""]]


def test_just_above_the_threshold_one_short_word_in_common_is_not_a_link(bundled):
    # Xuanzhou 2023: 完善办事公开制度，持续加强自治组织、社会组织、志愿者队伍等建设 and
    # 社会组织党建“两个覆盖”扩面提质 have 社会组织 as their one word in common; 加强儿童保障和
    # 构建未成年人保护网络 and 农村留守儿童“牵手行动” have 困境儿童. Both score just above the
    # threshold and pass the check on a subject, but are different work. Wuhan 2022 item 4
    # (居家适老化改造 …) and 2023 item 19 (适老化改造 of special-hardship elderly homes) are the
    # same work just above the threshold too: their word in common, 适老化改造, is long.
    from civstat.analyse.similarity import NEAR_MARGIN, generic_words

    generic = generic_words(bundled)
    for ids in (["xuanzhou-2023-key-tasks-002", "xuanzhou-2023-key-tasks-026"],
                ["xuanzhou-2023-key-tasks-015", "xuanzhou-2023-key-tasks-021"],
                [w(2022, 4), w(2023, 19)]):
        tasks = bundled.tasks
        engine = _Engine(tasks[tasks["issuer"] == tasks.set_index("task_id").loc[ids[0], "issuer"]],
                         generic=generic)
        i, j = (list(engine.ids).index(task) for task in ids)
        score = float(engine.cosine(np.array([i]), np.array([j]))[0, 0])
        assert CONTINUITY_THRESHOLD <= score < CONTINUITY_THRESHOLD + NEAR_MARGIN
        assert engine.related(i, j)
        assert engine.holds(i, j, score) == ids[0].startswith("wuhan")
        # further from the threshold the same words would do
        assert engine.holds(i, j, CONTINUITY_THRESHOLD + NEAR_MARGIN)
