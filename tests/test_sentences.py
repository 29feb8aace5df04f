"""Counted once, everywhere (issue 14 point 3): the numbers every briefing sentence prints.

Each sentence function returns a :class:`~civstat.report.sentences.Sentence` that holds
the sums it states; these tests check, for every sentence written on the bundled data,
that the parts add up to their total and that each number is printed, and they pin the
Wuhan 2023 counts to what a person reads in ``data/raw/wuhan-2023-breakdown.txt``.

How the Wuhan 2023 numbers were counted, by reading the document (lines 27-158):
- 附件1 numbers 21 items (1-8 市《政府工作报告》, 9-14 市政府民生实事, 15-21
  省《政府工作报告》); the circular (line 8) says 10项牵头任务 and 11项配合任务, and the
  items marked * are 1-4 and 9-14 (注：*为我局牵头任务).
- Two items repeat earlier ones: item 9 (新建社区老年人服务中心（站）70个、农村老年人互助
  中心（服务点）30个) is the second half of item 3 word for word, and item 11 (完成特殊
  困难老年人家庭居家适老化改造2000户以上) is item 1 (完成居家适老化改造2000户以上) in the
  民生实事 wording. No other pair says the same thing (item 19's 适老化改造2.5万户 is the
  province's figure, item 20's 改造提升农村互助照料中心 is another action than item 3's
  新建, item 14's 40个社区 is one project of item 4's broader 共同缔造).
  So 21 listed = 19 commitments + 2 repeats; all four are starred, so 10 lead items
  are 8 lead commitments, and the 11 配合 items stay 11 (8 + 11 = 19).
- 分管领导: 邓永付 holds items 1, 3, 4, 6, 7, 9, 10, 11, 15, 19, 20 (11 listed; without 9
  and 11, 9 commitments, of them 1, 3, 4, 10 starred: 4 lead); 彭莉莉 8, 12, 14, 16, 17,
  18 (6); 李超 2, 5, 13, 21 (4). Every item has one leader: 9 + 6 + 4 = 19.
- Numeric targets, item by item: 1 (2000户), 3 (7个, 70个, 30个), 7 (10个), 8 (1000人),
  9 (70个, 30个), 10 (30个), 11 (2000户), 12 (13个), 14 (40个), 19 (10万套, 4.8万套, 4000个,
  2.5万户), 20 (100个, 200个, 100个), 21 (10%, 8万名, 8000户): 22 listed, 3 of them in the
  repeats (items 9 and 11 set nothing their first listings do not), so 19 targets, in
  10 commitments (1, 3, 7, 8, 10, 12, 14, 19, 20, 21).
"""

import re

import pandas as pd
import pytest

import civstat
from civstat.analyse.continuity import continuity
from civstat.analyse.target_changes import target_changes
from civstat.analyse.targets import targets
from civstat.analyse.themes import theme_share, themes
from civstat.analyse.workload import handover, workload, workload_by_theme
from civstat.report import progress_sentences as pb
from civstat.report import scope
from civstat.report import sentences as s
from civstat.report.sentences import Sentence, Sum

WUHAN = "武汉市民政局"


def _briefing_sentences(plans):
    """Every sentence the briefing, workload, continuity and themes notebooks write, by plan."""
    out = []
    goals, share, tagged = targets(plans), theme_share(plans), themes(plans)
    for row in scope.issuer_years(plans).itertuples(index=False):
        issuer, year = row.issuer, int(row.year)
        key = (issuer, year)
        role = scope.role_for(plans, issuer=issuer, year=year)
        load = workload(plans, by=role, issuer=issuer, year=year)
        grid = workload_by_theme(plans, by=role, issuer=issuer, year=year)
        reps = scope.repeats(plans, issuer=issuer, year=year)
        mine = scope.of_plan(goals, plans, issuer=issuer, year=year)
        out += [
            (key, "overview", s.overview(plans, issuer=issuer, year=year)),
            (key, "workload", s.workload_summary(load, by=role, asked="leader", plans=plans)),
            (key, "workload as listed", s.workload_summary(load, by=role, asked="leader")),
            (key, "repeats", s.repeats_summary(plans, issuer=issuer, year=year, by=role)),
            (key, "heatmap", s.heatmap_summary(grid, plans=plans, by=role)),
            (key, "targets", s.targets_summary(mine, year=year, repeats=reps)),
            (key, "themes", s.theme_summary(share[share["year"] <= year], issuer=issuer, year=year, plans=plans)),
        ]
        in_plan = scope.of_plan(tagged, plans, issuer=issuer, year=year)
        for theme in sorted(in_plan["theme"].unique()):
            one = in_plan[in_plan["theme"] == theme]
            out.append((key, "theme count", s.theme_count_note(plans, one, issuer=issuer, year=year, theme=theme)))
        if row.base_year is not pd.NA and row.base_year is not None:
            base = int(row.base_year)
            links = continuity(plans, issuer=issuer, base_year=base, compare_year=year)
            out += [
                (key, "continuity", s.continuity_summary(links)),
                (key, "shared continuity", s.shared_continuity_summary(plans, issuer=issuer, base_year=base,
                                                                       year=year)),
                (key, "changes", s.target_changes_summary(
                    target_changes(plans, issuer=issuer, base_year=base, compare_year=year))),
                (key, "handover", s.handover_summary(
                    handover(plans, issuer=issuer, base_year=base, compare_year=year, by=role), by=role)),
            ]
    return out


def _progress_sentences(plans, folder):
    """Every sentence the quarterly notebook writes on Wuhan 2023, with the reports of test_progress."""
    from tests.test_progress import _reports_for_two_quarters

    reports = _reports_for_two_quarters(plans, folder)
    progress = pb.load_reports(plans, issuer=WUHAN, year=2023, reports=str(reports))
    out = []
    for period in ("2023Q1", "2023Q2"):
        key = (WUHAN, 2023, period)
        status = pb.standing(plans, progress, issuer=WUHAN, year=2023, period=period, as_of="2023-07-10")
        moved = pb.changes(plans, progress, issuer=WUHAN, year=2023, period=period, as_of="2023-07-10")
        out += [(key, "progress", pb.overview(status, period=period)),
                (key, "lagging", pb.lagging_summary(status)),
                (key, "progress targets", pb.targets_summary(status)),
                (key, "progress changes", pb.changes_summary(moved, period=period))]
    return out


@pytest.fixture(scope="module")
def every_sentence(bundled, tmp_path_factory):
    return _briefing_sentences(bundled) + _progress_sentences(bundled, tmp_path_factory.mktemp("reports"))


def _printed(n: int, unit: str, text: str) -> bool:
    return re.search(rf"(?<![\d.]){n}{unit}", text) is not None


def test_every_sentence_knows_its_sums(every_sentence):
    assert all(isinstance(text, Sentence) for _, _, text in every_sentence)


def test_the_parts_of_every_sum_add_up_and_are_printed(every_sentence):
    checked = 0
    for key, kind, text in every_sentence:
        for total in text.sums:
            assert total.holds(), (key, kind, text, total)
            for n in (total.total, *total.parts):
                assert _printed(n, total.unit, text), (key, kind, text, n)
            checked += 1
    assert checked >= 40


def test_every_listed_count_the_sentences_print_is_a_sum_they_hold(every_sentence):
    # read back from the words, so that a sentence cannot print a qualification it does not account for
    seen = 0
    for key, kind, text in every_sentence:
        for m in re.finditer(r"方案列出(\d+)(项|个)，其中(\d+)\2", text):
            listed, unit, twice = int(m.group(1)), m.group(2), int(m.group(3))
            matching = [x for x in text.sums if x.total == listed and x.unit == unit and x.parts[-1:] == (twice,)]
            assert matching, (key, kind, text)
            seen += 1
    assert seen >= 15


def test_a_wrong_sum_is_caught():
    assert not Sum(21, (10, 9)).holds()
    assert not Sum(8, (9,), whole=False).holds()
    assert Sum(19, (8,), whole=False).holds()


def _of(every_sentence, key, kind):
    return next(text for k, kind_, text in every_sentence if k == key and kind_ == kind)


def test_wuhan_2023_leads_with_the_commitments_read_in_the_plan(every_sentence):
    w23 = (WUHAN, 2023)
    text = _of(every_sentence, w23, "overview")
    assert "：2023年共19项任务，其中牵头8项。" in text
    assert "方案列出21项，其中2项在方案中重复列出（第9项即第3项、第11项即第1项），只算一次。" in text
    assert text.sums == (Sum(19, (8,), whole=False), Sum(21, (19, 2)))

    text = _of(every_sentence, w23, "workload")
    assert text.startswith("邓永付分管9项（其中牵头4项），彭莉莉6项，李超4项，共19项。")
    assert "邓永付名下方案列出11项，其中2项在方案中重复列出" in text
    assert text.sums == (Sum(9, (4,), whole=False), Sum(19, (9, 6, 4)), Sum(11, (9, 2)))

    text = _of(every_sentence, w23, "targets")
    assert text.startswith("2023年的计划中有19个量化目标，分布在10项任务里")
    assert text.sums == (Sum(22, (19, 3), unit="个"),)

    text = _of(every_sentence, w23, "continuity")
    assert "2023年的19项任务中，新增" in text
    assert Sum(21, (19, 2)) in text.sums
    assert text.sums[1].total == 19

    text = _of(every_sentence, w23, "themes")
    assert text.startswith("2023年的19项任务中，")
    assert Sum(21, (19, 2)) in text.sums

    text = _of(every_sentence, (WUHAN, 2023, "2023Q2"), "progress")
    assert text.startswith("2023年第二季度，19项任务中已报告")
    # items 1 and 11 were both reported: one commitment; 3, 4, 10 and 13 the others
    assert text.sums[0] == Sum(19, (5, 14))
    assert _of(every_sentence, (WUHAN, 2023, "2023Q2"), "progress targets").startswith("19个数量目标中，")


def test_a_plan_that_lists_nothing_twice_says_nothing_of_repeats(every_sentence):
    for key, kind, text in every_sentence:
        if key[:2] in {(WUHAN, 2020), (WUHAN, 2022)} and kind not in {"continuity", "shared continuity"}:
            assert "在方案中重复列出" not in text, (key, kind, text)
    assert str(_of(every_sentence, (WUHAN, 2022), "overview")).endswith("：2022年共17项任务，其中牵头6项。"
                                                                        "读取原文时有1处需要核对的地方，已交分析人员核对。")


def test_the_old_call_still_counts_the_table_as_listed(every_sentence):
    # a notebook that does not give workload_summary the plans gets the plan's listing,
    # and repeats_summary says it again counted once
    w23 = (WUHAN, 2023)
    assert _of(every_sentence, w23, "workload as listed") == "邓永付分管11项（其中牵头6项），彭莉莉6项，李超4项。"
    assert "按不同的工作计：邓永付分管9项（其中牵头4项），彭莉莉6项，李超4项，共19项。" in _of(
        every_sentence, w23, "repeats")


def test_repeats_are_kept_by_the_texts_of_the_plan(bundled):
    """repeats() remembers its answer by the plan's texts: a changed text is asked again, never stale."""
    from civstat.report.scope import repeats

    before = repeats(bundled, issuer="武汉市民政局", year=2023)
    assert before == {"wuhan-2023-breakdown-011": "wuhan-2023-breakdown-001",
                      "wuhan-2023-breakdown-009": "wuhan-2023-breakdown-003"}
    tasks = bundled.tasks.copy()
    tasks.loc[tasks["task_id"] == "wuhan-2023-breakdown-009", "text"] = "开展婚姻登记颁证服务。"
    changed = civstat.Plans(bundled.documents, tasks, bundled.assignments, bundled.problems, bundled.fields)
    assert repeats(changed, issuer="武汉市民政局", year=2023) == {
        "wuhan-2023-breakdown-011": "wuhan-2023-breakdown-001"}
    assert repeats(bundled, issuer="武汉市民政局", year=2023) == before
