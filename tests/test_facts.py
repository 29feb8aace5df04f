"""Facts a leader can quote: every count in a briefing sentence counts a commitment once,
and the parts of a sentence add up to the total they are part of.

The expected values are read from the documents in data/raw: Wuhan 2023 lists 21 tasks,
item 9 repeats item 3 and item 11 repeats item 1 (民生实事 copies of the 市报告 tasks), so
there are 19 pieces of work; of the 10 items marked * (1-4, 9-14), 8 are distinct. Its 22
targets include 3 in the two repeats (70个, 30个 in item 9; 2000户以上 in item 11).
Xuanzhou 2023 lists 32 tasks, two of them repeats (section 3 item 9 = section 1 item 4,
section 4 item 5 = section 3 item 1).
"""

import re

import pandas as pd
import pytest

from civstat.analyse.continuity import continuity
from civstat.analyse.target_changes import target_changes
from civstat.analyse.targets import targets
from civstat.analyse.themes import theme_share
from civstat.report import scope as scope_mod
from civstat.report import sentences as sentences_mod
from civstat.report import tables

N = r"(\d+)"


@pytest.fixture(scope="module")
def sentences(bundled):
    """Every sentence the briefings write on the bundled data, by kind."""
    out = []
    goals = targets(bundled)
    share = theme_share(bundled)
    for row in scope_mod.issuer_years(bundled).itertuples(index=False):
        issuer, year, base = row.issuer, int(row.year), row.base_year
        out.append(("overview", sentences_mod.overview(bundled, issuer=issuer, year=year)))
        out.append(("repeats", sentences_mod.repeats_summary(bundled, issuer=issuer, year=year)))
        reps = scope_mod.repeats(bundled, issuer=issuer, year=year)
        mine = scope_mod.of_plan(goals, bundled, issuer=issuer, year=year)
        out.append(("targets", sentences_mod.targets_summary(mine, year=year, repeats=reps)))
        out.append(("themes", sentences_mod.theme_summary(share, issuer=issuer, year=year, plans=bundled)))
        if base is not None and base is not pd.NA:
            base = int(base)
            links = continuity(bundled, issuer=issuer, base_year=base, compare_year=year)
            out.append(("continuity", sentences_mod.continuity_summary(links)))
            out.append(("continuity", sentences_mod.shared_continuity_summary(
                bundled, issuer=issuer, base_year=base, year=year)))
            changes = target_changes(bundled, issuer=issuer, base_year=base, compare_year=year)
            out.append(("changes", sentences_mod.target_changes_summary(changes)))
    return out


def _sums(kind, text):
    """Return (total, parts) for each sum a sentence states, read from its words."""
    found = []
    listed = rf"(?:；{N}年的方案列出{N}项，其中{N}项在方案中重复列出)?"
    for m in re.finditer(rf"{N}年的{N}项任务中，{N}项在{N}年延续，{N}项不再列出{listed}", text):
        found.append((int(m.group(2)), [int(m.group(3)), int(m.group(5))]))
        if m.group(6):
            found.append((int(m.group(7)), [int(m.group(2)), int(m.group(8))]))
    for m in re.finditer(rf"{N}年的{N}项任务中，新增{N}项，承接{N}年任务的{N}项{listed}", text):
        found.append((int(m.group(2)), [int(m.group(3)), int(m.group(5))]))
        if m.group(6):
            found.append((int(m.group(7)), [int(m.group(2)), int(m.group(8))]))
    for m in re.finditer(rf"共{N}项任务.*?方案列出{N}项，其中{N}项在方案中重复列出", text):
        found.append((int(m.group(2)), [int(m.group(1)), int(m.group(3))]))
    for m in re.finditer(rf"计划中有{N}个量化目标.*?方案列出{N}个，其中{N}个在重复列出的任务中", text):
        found.append((int(m.group(2)), [int(m.group(1)), int(m.group(3))]))
    return found


def test_the_parts_of_every_sentence_add_up(sentences):
    checked = 0
    for kind, text in sentences:
        for total, parts in _sums(kind, text):
            assert sum(parts) == total, (kind, text)
            checked += 1
    # the overview of the two plans with repeats, their targets, and both sides of each
    # continuity sentence (3 Wuhan year pairs, each also on shared sources)
    assert checked >= 2 + 1 + 2 * 3 + 2


def test_the_sum_check_reads_a_wrong_sentence():
    wrong = "2022年的17项任务中，7项在2023年延续，9项不再列出。2023年的21项任务中，新增10项，承接2022年任务的9项。"
    assert [sum(p) == t for t, p in _sums("continuity", wrong)] == [False, False]


def test_counts_are_of_commitments_read_in_the_plans(bundled, sentences):
    text = sentences_mod.overview(bundled, issuer="武汉市民政局", year=2023)
    assert "2023年共19项任务，其中牵头8项。方案列出21项，其中2项在方案中重复列出（第9项即第3项、第11项即第1项），只算一次。" in text
    xz = sentences_mod.overview(bundled, issuer="宣州区民政局", year=2023)
    assert "共30项任务" in xz
    assert "方案列出32项，其中2项在方案中重复列出" in xz
    goals = scope_mod.of_plan(targets(bundled), bundled, issuer="武汉市民政局", year=2023)
    reps = scope_mod.repeats(bundled, issuer="武汉市民政局", year=2023)
    text = sentences_mod.targets_summary(goals, year=2023, repeats=reps)
    assert "计划中有19个量化目标" in text
    assert "方案列出22个，其中3个在重复列出的任务中，只算一次。" in text


def test_continuity_names_the_repeats(bundled):
    links = continuity(bundled, issuer="武汉市民政局", base_year=2022, compare_year=2023)
    text = sentences_mod.continuity_summary(links)
    assert text.startswith("2022年的17项任务中，")
    assert "2023年的19项任务中，" in text
    assert "2023年的方案列出21项，其中2项在方案中重复列出（与延续的任务重复），只算一次。" in text


def test_the_quoted_target_change_reads_right(bundled):
    # Why: "…由2022年的140个调整为2023年的30个；…由2022年的140个调整为2023年的200个以上"
    changes = target_changes(bundled, issuer="武汉市民政局", base_year=2022, compare_year=2023)
    text = sentences_mod.target_changes_summary(changes)
    assert "新建农村老年人互助中心（服务点）（2022年称“农村老年人互助照料中心（服务点）”）由2022年的140个调整为2023年的30个" in text
    assert "新建社区老年人服务中心（站）由2022年的80个调整为2023年的70个" in text
    assert "200个以上" not in text
    assert text.count("140个") == 1


def test_targets_read_right_alone(bundled):
    goals = targets(bundled)
    labels = {tables.target_label(r) for _, r in goals.iterrows()}
    assert "每百万常住人口有志愿服务组织15家以上" in labels
    assert "每个城市社区平均有社区社会组织不少于10个" in labels
    assert "每个农村社区平均有社区社会组织不少于5个" in labels
    assert "新增企业养老保险参保人数3万人" in labels
    assert "打造村（社区）面向沪苏浙老年人健康养老服务基地2-3个" in labels
    assert not {"社区40个", "村40个"} & labels


def test_theme_shift_compares_like_with_like(bundled):
    # 2023's 10 elderly-care tasks: 3 from 省《政府工作报告》 (items 15, 19, 20), which 2022
    # does not have, and 2 repeats (items 9, 11): 5 to compare with 2022's 2
    text = sentences_mod.theme_summary(theme_share(bundled), issuer="武汉市民政局", year=2023, plans=bundled)
    assert "养老服务最多（8项，占42%）" in text
    assert "方案列出21项，其中2项在方案中重复列出（均属养老服务），只算一次。" in text
    assert "只看两年都有的市《政府工作报告》、市政府民生实事任务" in text
    assert "养老服务由2项增至5项" in text
    note = scope_mod.sources_note(bundled, issuer="武汉市民政局", base_year=2022, year=2023, what=None)
    assert "省《政府工作报告》的任务（7项）" in note


def test_no_earlier_plan_is_said_of_the_data():
    text = scope_mod.no_earlier_plan("武汉市民政局", 2020)
    assert text == "数据中没有武汉市民政局2020年以前的计划，无从比较延续与新增。"
    assert "没有计划" not in text


def test_damaged_text_is_marked_where_it_is_printed(bundled):
    notes = scope_mod.damaged(bundled)
    assert list(notes) == ["masked-city-2020-minsheng100-002"]   # 当?卣J定, line 30
    shown = tables.task_table(bundled, ["masked-city-2020-minsheng100-001", "masked-city-2020-minsheng100-002"])
    assert shown["说明"].tolist() == ["", notes["masked-city-2020-minsheng100-002"]]
    assert "当?卣J定" in shown["工作事项"].iloc[1]
    assert "乱码" in sentences_mod.overview(bundled, issuer="**市人民政府", year=2020)


# -- the pages a reader gets ---------------------------------------------------------------


@pytest.fixture(scope="module")
def pages(tmp_path_factory):
    """The briefing notebook run for three plans, as ``civstat brief`` runs it."""
    import papermill

    from civstat.report import kernel as kernel_mod
    from civstat.report import parameters as parameters_mod
    out = tmp_path_factory.mktemp("facts")
    path = parameters_mod.notebook_dir() / "briefing.ipynb"
    runs = {"wuhan-2023": {"issuer": "武汉市民政局", "year": 2023},
            "wuhan-2020": {"issuer": "武汉市民政局", "year": 2020},
            "masked-2020": {"issuer": "**市人民政府", "year": 2020}}
    texts = {}
    with kernel_mod.Kernel() as kernel:
        kernel.start()
        for name, parameters in runs.items():
            nb = papermill.execute_notebook(str(path), str(out / f"{name}.ipynb"), parameters=parameters,
                                            kernel_name=kernel.name, km=kernel.manager(cwd=path.parent),
                                            progress_bar=False)
            texts[name] = "\n".join(str(o.get("data", {}).get("text/html", "")) + o.get("text", "")
                                    for cell in nb.cells for o in cell.get("outputs", []))
    return texts


def test_the_briefing_reads_right_after_issue_14(pages):
    page = pages["wuhan-2023"]
    assert "2023年共19项任务，其中牵头8项。" in page
    assert "2023年的方案列出21项，其中2项在方案中重复列出（与延续的任务重复）" in page
    assert "方案列出22个，其中3个在重复列出的任务中" in page
    assert "省《政府工作报告》的任务（7项），2022年的方案没有这一部分" in page
    assert "养老服务由2项增至5项" in page
    assert "由2022年的140个调整为2023年的200个以上" not in page
    assert "数据中没有武汉市民政局2020年以前的计划" in pages["wuhan-2020"]
    assert "在2020年以前没有计划" not in pages["wuhan-2020"]
    damaged = pages["masked-2020"]
    assert "当?卣J定" in damaged
    assert "原文第30行有乱码" in damaged


def test_a_theme_count_counts_repeats_once(bundled):
    from civstat.analyse.themes import themes

    tagged = scope_mod.of_plan(themes(bundled), bundled, issuer="武汉市民政局", year=2023)
    tagged = tagged[tagged["theme"] == "elderly_care"]
    text = sentences_mod.theme_count_note(bundled, tagged, issuer="武汉市民政局", year=2023, theme="elderly_care")
    # items 9 and 11 repeat items 3 and 1, all four about elderly care
    assert text == "2023年有8项任务属于“养老服务”。方案列出10项，其中2项在方案中重复列出，只算一次。"
