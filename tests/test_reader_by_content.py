"""The reader on layouts it has no word list for: small plans written for these tests.

Each document below is invented for this file, modelled on a layout seen in real plans
of other cities and departments (labelled lines, progress tables, one cell per line,
merged cells, groups of projects, section headings that name the lead unit,
traditional script …). The expectations are read off each document by hand.

A task is found by a phrase of its text; ``leaders`` is compared as a set, ``leads``
and ``units`` (any role but leader) must be among the names read.
"""

from __future__ import annotations

from dataclasses import dataclass, field

import pytest

import civstat


@dataclass
class Doc:
    text: str
    n_tasks: int
    tasks: dict[str, dict] = field(default_factory=dict)  # phrase -> leaders / leads / units / …
    suffix: str = ".txt"


def read(tmp_path, doc: Doc):
    path = tmp_path / f"plan{doc.suffix}"
    path.write_text(doc.text, encoding="utf-8")
    return civstat.read_plan(path, issuer="某地", year=2024)


def task(plans, phrase):
    t = plans.tasks
    found = t[t["text"].str.contains(phrase, regex=False) | t["title"].str.contains(phrase, regex=False)]
    assert len(found) == 1, f"{phrase!r}: {len(found)} tasks"
    return found.iloc[0]


def names(plans, task_id, roles=None, exclude=None):
    a = plans.assignments[plans.assignments["task_id"] == task_id]
    if roles is not None:
        a = a[a["role"].isin(roles)]
    if exclude is not None:
        a = a[~a["role"].isin(exclude)]
    return set(a["name_raw"]) | set(a["name"])


LABELLED_LINES = Doc("""\
某市人民政府关于2024年市政府重点工作及责任分解的通知

各县、区人民政府，市政府各部门：
现将2024年市政府重点工作及其牵头负责领导、牵头责任单位和协同责任单位明确如下，请认真抓好落实。

一、稳住经济基本盘

1. 全市地区生产总值增长6%左右。

牵头负责领导：王晓东。

牵头责任单位：市发展改革委。

协同责任单位：市统计局、市财政局、高新区管委会等，各县、区政府。

2. 社会消费品零售总额增长7%。

牵头负责领导：陈莉。

牵头责任单位：市商务局。

协同责任单位：市文旅局、市市场监管局。
""", 2, {
    "地区生产总值": {"leaders": {"王晓东"}, "leads": {"市发展改革委"},
                 "units": {"市统计局", "市财政局", "高新区管委会", "各县、区政府"}},
    "社会消费品": {"leaders": {"陈莉"}, "leads": {"市商务局"}, "units": {"市文旅局", "市市场监管局"}},
})

PROGRESS_PIPES = Doc("""\
发布时间:2024-05-02
2024年度民生实事项目一季度进展情况
序号 | 项目内容 | 责任单位 | 一季度目标 | 进展情况及下步打算 | 完成情况 |
1 | 新建城区幼儿园2所 | 区教育局 | 完成主体工程 | 进展情况:两所幼儿园主体完工。 下步打算:加快装修。 | 顺利推进 |
新增学位540个 | |||||
2 | 改造农村公路30公里 | 区交通局 | 完成招标 | 进展情况:已完成招标。 | 顺利推进 |
""", 2, {
    "城区幼儿园": {"units": {"区教育局"}, "text_has": "新增学位540个", "goal": "完成主体工程",
              "progress_has": "主体完工", "period": "一季度"},
    "农村公路": {"units": {"区交通局"}},
})

CELLS_BLANK_LINES = Doc("""\
附件

2024年民生实事目标任务分解表

序号

民生实事

责任单位

完成时限

1

新建城东社区卫生服务站。

县卫健局

县住建局

10月底前

2

改造老旧小区12个。

县住建局

全年

3

开工建设县体育中心。

县文体局

6月底前动工

建成县全民健身步道。

12月底前
""", 3, {
    "城东社区": {"units": {"县卫健局", "县住建局"}, "deadline": "10月底前"},
    "老旧小区": {"units": {"县住建局"}, "deadline": "全年"},
    "县体育中心": {"units": {"县文体局"}, "text_has": "全民健身步道", "deadline_has": "12月底前"},
})

CELLS_PROGRESS_BEFORE_UNIT = Doc("""\
2024年度县民生实事未完成项目进度表

序号

项目内容

当前进度

牵头单位

备注

1

建成乡镇敬老院3家。

75%（西岭镇进度滞后）

县民政局

县民生实事

2

新增公办学位2000个。

90%

县教育局

市民生实事
""", 2, {
    "敬老院": {"leads": {"县民政局"}, "progress_has": "75%", "note": "县民生实事"},
    "公办学位": {"leads": {"县教育局"}, "progress": "90%", "note": "市民生实事"},
})

BULLETIN = Doc("""\
某市1至6月份民生工程实施进度通报
现将1至6月份民生工程实施进度通报如下：
一、各县区实施进度综合排名
1、东湖县；2、西山区；3、南岭县；4、北川区。
二、部分项目进展情况
1、困难残疾人生活补贴，牵头单位：市残联。其中，补贴发放进度较慢的为南岭县。
2、城乡居民养老保险，牵头单位：市人社局。其中，参保进度较慢的为北川区。
3、农村饮水提升，牵头部门：市水利局。
某市民生办
""", 3, {
    "残疾人生活补贴": {"leads": {"市残联"}, "not_in_text": "较慢"},
    "养老保险": {"leads": {"市人社局"}},
    "饮水提升": {"leads": {"市水利局"}},
})

GROUPS_OF_PROJECTS = Doc("""\
2024年度区政府民生实事项目进度表
序号 |
牵头单位 |
项目数量 |
项目名称 |
实施单位 |
本月进展情况 |
||
一 |
区民政局 |
民生实事项目（2个） |
（一）社区嵌入式养老服务设施建设 |
1.东山社区养老服务站 |
东山街道 |
已完工 |
|||||
2.西湖社区助餐点 |
西湖街道 |
已完工 |
|||||
（二）困难老人居家适老化改造 |
区民政局 |
已完工 |
||
二 |
区卫健局 |
民生实事项目（1个） |
（一）社区卫生服务中心提标改造 |
区卫健局 区城投 |
在建 |
""", 3, {
    "嵌入式养老": {"leads": {"区民政局"}, "units": {"东山街道", "西湖街道"}},
    "适老化改造": {"leads": {"区民政局"}, "units": {"区民政局"}},
    "提标改造": {"leads": {"区卫健局"}, "units": {"区城投"}},
})

HEADING_NAMES_THE_LEAD = Doc("""\
各乡镇人民政府，县直各单位：
现将《2025年县政府工作报告任务清单》印发给你们，请认真贯彻落实。
一、提高站位，压实责任。各单位要对照清单，细化措施。
二、强化调度，按月报告。各牵头单位每月5日前报送进展。
附件：1.2025年县政府工作报告任务清单
2.2025年县民生实事清单
某县人民政府办公室
2025年3月1日
附件1
2025年县政府工作报告任务清单
一、县民政局牵头工作（2项）
1.新建农村互助幸福院10个。
2.提高城乡低保标准5%。
二、县住建局牵头工作（1项）
1.完成城中村改造300户。
""", 3, {
    "互助幸福院": {"leads": {"县民政局"}},
    "低保标准": {"leads": {"县民政局"}},
    "城中村": {"leads": {"县住建局"}},
})

TRADITIONAL_NUMBERS_LOST = Doc("""\
2006年政府工作報告要求重點做好的工作事項
一、推進(jìn)產(chǎn)業(yè)升級
(一)加快建設(shè)軟件產(chǎn)業(yè)園。(牽頭單位:市科信局;配合單位:市國土局、規(guī)劃局)
?。ǘ┩七M(jìn)港口物流園區(qū)建設(shè)。(牽頭單位:市交委;配合單位:市商務局)
(三)扶持中小企業(yè)發(fā)展。(牽頭單位:市經(jīng)委;配合單位:市財政局、稅務局)
""", 3, {
    "软件产业园": {"leads": {"市科信局"}, "units": {"市国土局", "规划局"}},
    "港口物流": {"leads": {"市交委"}, "units": {"市商务局"}},
    "中小企业": {"leads": {"市经委"}, "units": {"市财政局", "税务局"}},
})

CELLS_PIPES_PERSONS = Doc("""\
2025年园区重点工作及责任清单
序号 |
重点工作 |
责任领导 |
责任单位 |
完成时限 |
1 |
推进园区标准化厂房二期建设，力争全年竣工 10万平方米。 |
李国平 |
建设发展部 |
全年 |
2 |
盘活低效闲置用地300亩，清理 僵尸企业5家。 |
赵敏 |
经济发展局、自然资源分局 |
10月底前 |
""", 2, {
    "标准化厂房": {"leaders": {"李国平"}, "units": {"建设发展部"}, "deadline": "全年"},
    "僵尸企业": {"leaders": {"赵敏"}, "units": {"经济发展局", "自然资源分局"}},
})

CELLS_WRAPPED = Doc("""\
2024年上半年重点工作落实情况汇总表

序号

重点工作

牵头责任

单位

协同责任单位

落实情况

（上半年）

完成状态

1

新增城镇就业1.5万人。

市城乡建

设局

市发改委、市财政局等。

截至6月底，新增就业0.9万人。

序时推进

2

森林覆盖率稳定在40%以上。

市林业局

市自然资源局。

已完成年度造林任务。

已完成
""", 2, {
    "城镇就业": {"leads": {"市城乡建设局"}, "units": {"市发改委", "市财政局"}, "period": "上半年",
             "progress_has": "0.9万人"},
    "森林覆盖率": {"leads": {"市林业局"}, "units": {"市自然资源局"}},
})

MERGED_CATEGORY = Doc("""\
类别 | 民生事项名称 | 年度任务目标 | 责任单位 | 分管领导 | 1-6月完成情况 |
二、医疗卫生 | 5.新建社区卫生服务中心 | 建成2处社区卫生服务中心。 | 卫生健康局 | 孙立新 | 一处完工，一处在建。 |
6.推进家庭医生签约 | 签约率达到45%。 | 卫生健康局 | 孙立新 | 签约率41%。 | |
7.开展免费健康体检 | 为65岁以上老人免费体检。 | 卫生健康局 | 孙立新 | 已体检2.1万人。 |
""", 3, {
    "社区卫生服务中心": {"leaders": {"孙立新"}, "units": {"卫生健康局"}, "section": "医疗卫生", "seq": 5},
    "家庭医生": {"leaders": {"孙立新"}, "units": {"卫生健康局"}, "section": "医疗卫生", "seq": 6},
    "健康体检": {"leaders": {"孙立新"}, "units": {"卫生健康局"}, "section": "医疗卫生", "seq": 7},
})

SENTENCES_AND_BRACKETS = Doc("""\
2024年区民政重点工作任务
1.推进街道综合养老服务中心建设。（区民政局牵头，各街道办事处负责落实）
2.健全低收入人口动态监测机制。【牵头单位：区民政局，配合单位：区医保局、区人社局】
3.开展殡葬领域突出问题专项整治。（责任单位：区民政局、区市场监管局、区公安分局，列第一位者为牵头单位）
""", 3, {
    "综合养老": {"leads": {"区民政局"}, "units": {"各街道办事处"}},
    "动态监测": {"leads": {"区民政局"}, "units": {"区医保局", "区人社局"}},
    "殡葬领域": {"leads": {"区民政局"}, "units": {"区市场监管局", "区公安分局"}},
})

SUB_POINTS_THEN_UNITS = Doc("""\
某市应急体系建设规划责任分解
一、完善应急管理体制
1.健全应急指挥机构。
（1）调整市应急委员会组成。
（2）建立专项指挥部工作规则。
（责任单位：市应急局、市委编办）
2.加强基层应急能力建设。（牵头单位：市应急局；责任单位：各县区政府，6月底完成）
3.建立应急物资储备制度。（牵头单位：市发改委；责任单位：市粮食局。以下任务均需各县区配合）
""", 3, {
    "健全应急指挥机构": {"units": {"市应急局", "市委编办"}, "text_has": "专项指挥部"},
    "基层应急能力": {"leads": {"市应急局"}, "units": {"各县区政府"}, "deadline": "6月底完成"},
    "应急物资储备": {"leads": {"市发改委"}, "units": {"市粮食局"}},
})

DOCS = {
    "labelled-lines": LABELLED_LINES,
    "progress-pipes": PROGRESS_PIPES,
    "cells-blank-lines": CELLS_BLANK_LINES,
    "cells-progress-before-unit": CELLS_PROGRESS_BEFORE_UNIT,
    "bulletin": BULLETIN,
    "groups-of-projects": GROUPS_OF_PROJECTS,
    "heading-names-the-lead": HEADING_NAMES_THE_LEAD,
    "traditional-numbers-lost": TRADITIONAL_NUMBERS_LOST,
    "cells-pipes-persons": CELLS_PIPES_PERSONS,
    "cells-wrapped": CELLS_WRAPPED,
    "merged-category": MERGED_CATEGORY,
    "sentences-and-brackets": SENTENCES_AND_BRACKETS,
    "sub-points-then-units": SUB_POINTS_THEN_UNITS,
}
CHECKS = [(name, phrase) for name, doc in DOCS.items() for phrase in doc.tasks]


@pytest.mark.parametrize("name", DOCS)
def test_task_count(tmp_path, name):
    assert len(read(tmp_path, DOCS[name]).tasks) == DOCS[name].n_tasks


@pytest.mark.parametrize(("name", "phrase"), CHECKS)
def test_task(tmp_path, name, phrase):
    plans = read(tmp_path, DOCS[name])
    want = DOCS[name].tasks[phrase]
    got = task(plans, phrase)
    tid = got["task_id"]
    if "leaders" in want:
        assert names(plans, tid, roles=["leader"]) == want["leaders"]
    if "leads" in want:
        assert want["leads"] <= names(plans, tid, roles=["lead_division", "city_lead"])
    if "units" in want:
        assert want["units"] <= names(plans, tid, exclude=["leader"])
    for key in ("deadline", "progress", "goal", "section", "seq"):
        if key in want:
            assert got[key] == want[key], key
    for key, column in (("text_has", "text"), ("deadline_has", "deadline"), ("progress_has", "progress")):
        if key in want:
            assert want[key] in got[column], key
    if "not_in_text" in want:
        assert want["not_in_text"] not in got["text"]
    if "period" in want:
        assert got["progress_period"] == want["period"]
    if "note" in want:
        f = plans.fields
        assert want["note"] in set(f.loc[f["task_id"] == tid, "value"])


@pytest.mark.parametrize("name", DOCS)
def test_no_label_left_in_text(tmp_path, name):
    plans = read(tmp_path, DOCS[name])
    text = " ".join(plans.tasks["text"]) + " ".join(plans.tasks["title"])
    for label in ("牵头单位：", "牵头部门：", "责任单位：", "配合单位：", "牵头负责领导：", "协同责任单位："):
        assert label not in text


def test_every_inference_is_a_problem(tmp_path):
    plans = read(tmp_path, MERGED_CATEGORY)
    inferred = plans.problems[plans.problems["kind"] == "inferred"]
    # rows 6 and 7 (lines 3 and 4) do not print the 类别 cell: each says so on its line
    assert {3, 4} <= set(inferred["line"])
    assert inferred["message"].str.contains("类别").any()


def test_wrapped_names_are_an_inference(tmp_path):
    plans = read(tmp_path, CELLS_WRAPPED)
    inferred = plans.problems[plans.problems["kind"] == "inferred"]
    assert inferred["message"].str.contains("市城乡建设局").any()


def test_ranking_and_circular_are_not_tasks(tmp_path):
    plans = read(tmp_path, BULLETIN)
    assert not plans.tasks["text"].str.contains("东湖县").any()
    plans = read(tmp_path, HEADING_NAMES_THE_LEAD)
    assert not plans.tasks["text"].str.contains("压实责任|县民生实事清单").any()


def test_lost_number_is_inferred(tmp_path):
    plans = read(tmp_path, TRADITIONAL_NUMBERS_LOST)
    assert list(plans.tasks["seq"]) == [1, 2, 3]
    assert (plans.problems["kind"] == "inferred").any()


def test_names_are_names(tmp_path):
    plans = read(tmp_path, SUB_POINTS_THEN_UNITS)
    names = set(plans.assignments["name"])
    assert not any("月" in n or "以下" in n for n in names), names


def test_user_issuer_and_year_win(tmp_path):
    plans = read(tmp_path, LABELLED_LINES)  # the text says 某市人民政府 and 2024
    doc = plans.documents.iloc[0]
    assert doc["issuer"] == "某地"
    assert doc["year"] == 2024


def test_two_row_header_in_word(tmp_path):
    """责任单位 spans 牵头单位 | 配合单位 in a second header row; 序号 and 工作任务 span both rows."""
    import docx

    document = docx.Document()
    document.add_paragraph("2024年民政重点工作任务分解表")
    table = document.add_table(rows=4, cols=5)
    table.cell(0, 0).merge(table.cell(1, 0)).text = "序号"
    table.cell(0, 1).merge(table.cell(1, 1)).text = "工作任务"
    table.cell(0, 2).merge(table.cell(0, 3)).text = "责任单位"
    table.cell(0, 4).merge(table.cell(1, 4)).text = "完成时限"
    table.cell(1, 2).text = "牵头单位"
    table.cell(1, 3).text = "配合单位"
    for r, row in enumerate([["1", "新建社区养老服务站20个。", "市民政局", "市财政局、市住建局", "12月底前"],
                             ["2", "提高特困人员供养标准。", "市民政局", "", "6月底前"]], 2):
        for c, value in enumerate(row):
            table.cell(r, c).text = value
    document.save(tmp_path / "plan.docx")
    plans = civstat.read_plan(tmp_path / "plan.docx", issuer="某地", year=2024)
    assert list(plans.tasks["seq"]) == [1, 2]
    first = plans.tasks.iloc[0]
    assert names(plans, first["task_id"], roles=["lead_division"]) == {"市民政局"}
    assert names(plans, first["task_id"], roles=["division"]) == {"市财政局", "市住建局"}
    assert list(plans.tasks["deadline"]) == ["12月底前", "6月底前"]


# -- a plan that says the unit listed first leads ------------------------------------------------

FIRST_LISTED_IN_A_NOTE = Doc("""\
2024年政府工作报告重点工作责任分解

一、市长主抓重点工作

1.全力支持企业发展。落实稳企业各项政策措施，力争减轻企业各类负担50亿元。
责任单位：市经信局、市财政局、市发展改革委（列第一位者为工作牵头单位或汇总单位，下同）

2.推进养老服务提质。新建社区居家养老服务照料中心20个。
责任单位：市民政局、市财政局、市卫生健康委

二、常务副市长主抓重点工作

3.做好困难群众救助。提高城乡低保标准。
责任单位：市民政局
""", 3)

FIRST_LISTED_IN_THE_PREAMBLE = Doc("""\
某县2024年民政重点工作责任分解表
分解表中，排在第一位的责任单位为牵头单位。
序号 | 工作任务 | 责任单位 | 完成时限
1 | 新建农村互助幸福院10所 | 县民政局、县财政局、各乡镇 | 2024年10月
2 | 开展低保专项治理 | 县民政局、县纪委监委 | 2024年12月
3 | 推进殡葬改革 | 县民政局 | 2024年底
""", 3)


def roles(plans):
    a = plans.assignments.merge(plans.tasks[["task_id", "seq"]], on="task_id")
    return {seq: sorted(zip(g["role"], g["name_raw"], strict=True)) for seq, g in a.groupby("seq")}


def test_the_unit_listed_first_leads_where_the_plan_says_so(tmp_path):
    # a note among item 1's units, "下同": every item from there on
    plans = read(tmp_path, FIRST_LISTED_IN_A_NOTE)
    assert roles(plans) == {
        1: [("city_lead", "市经信局"), ("city_unit", "市发展改革委"), ("city_unit", "市财政局")],
        2: [("city_lead", "市民政局"), ("city_unit", "市卫生健康委"), ("city_unit", "市财政局")],
        3: [("city_lead", "市民政局")],
    }
    inferred = plans.problems[plans.problems["kind"] == "inferred"]
    assert inferred["line"].tolist() == [5, 8, 13]
    assert inferred["message"].str.contains("line 6 says the unit listed first leads").all()
    # a sentence before a table whose one column of units was read as the leads
    plans = read(tmp_path, FIRST_LISTED_IN_THE_PREAMBLE)
    assert roles(plans) == {
        1: [("division", "县财政局"), ("division", "各乡镇"), ("lead_division", "县民政局")],
        2: [("division", "县纪委监委"), ("lead_division", "县民政局")],
        3: [("lead_division", "县民政局")],
    }
    assert plans.problems.loc[plans.problems["kind"] == "inferred", "line"].tolist() == [4, 5]
    # the same said in the column's header
    text = FIRST_LISTED_IN_THE_PREAMBLE.text.replace("分解表中，排在第一位的责任单位为牵头单位。\n", "")
    plans = read(tmp_path, Doc(text.replace("| 责任单位 |", "| 责任单位（列第一位的为牵头单位） |"), 3))
    assert roles(plans)[1] == [("division", "县财政局"), ("division", "各乡镇"), ("lead_division", "县民政局")]


def test_without_the_rule_no_lead_is_invented(tmp_path):
    doc = Doc(FIRST_LISTED_IN_A_NOTE.text.replace("（列第一位者为工作牵头单位或汇总单位，下同）", ""), 3)
    plans = read(tmp_path, doc)
    assert set(plans.assignments["role"]) == {"city_unit"}
    doc = Doc(FIRST_LISTED_IN_THE_PREAMBLE.text.replace("分解表中，排在第一位的责任单位为牵头单位。\n", ""), 3)
    plans = read(tmp_path, doc)
    assert roles(plans)[1] == [("lead_division", "县民政局"), ("lead_division", "县财政局"),
                               ("lead_division", "各乡镇")]
    assert not (plans.problems["kind"] == "inferred").any()


@pytest.mark.parametrize(("text", "says"), [
    ("责任单位：市经信局、市财政局（列第一位者为工作牵头单位或汇总单位，下同）", True),
    ("责任分解中，列第一位的责任单位为牵头单位或汇总单位。", True),
    ("各项任务的责任单位中，排在首位的为牵头部门。", True),
    ("注：第一个单位为牵头单位。", True),
    ("（责任单位：区民政局、区公安分局，列第一位者为牵头单位）", True),
    ("各单位主要负责同志为抓落实的第一责任人，牵头单位要加强统筹。", False),
    ("牵头单位是第一责任单位，要主动协调配合单位。", False),
    ("第一季度末前，牵头单位报送进展情况。", False),
    ("列第一位的为牵头领导。", False),
])
def test_a_plan_saying_the_first_listed_unit_leads(text, says):
    from civstat.read.labels import says_first_listed_leads

    assert says_first_listed_leads(text) is says


def test_a_heading_naming_the_leader_in_charge(tmp_path):
    doc = Doc("""\
2024年政府工作报告重点工作责任分解
一、王纲市长主抓重点工作
1.全力支持企业发展。落实稳企业各项政策措施。
责任单位：市经信局
2.推进数字政府建设。
分管领导：赵强
责任单位：市大数据局
二、李明常务副市长主抓重点工作
3.做好困难群众救助。提高城乡低保标准。
责任单位：市民政局
""", 3)
    plans = read(tmp_path, doc)
    leaders = plans.assignments[plans.assignments["role"] == "leader"].merge(plans.tasks[["task_id", "seq"]])
    # item 2 names its own leader: the heading's does not replace it
    assert dict(zip(leaders["seq"], leaders["name"], strict=True)) == {1: "王纲", 2: "赵强", 3: "李明"}
    inferred = plans.problems[plans.problems["message"].str.contains("its leader is named by its section")]
    assert inferred["line"].tolist() == [3, 9]


def test_a_unit_marked_as_the_lead(tmp_path):
    # (牵头) after a name says so in the cell; a mark says so where the plan explains it
    doc = Doc("""\
2024年民政重点工作任务分解
1.推进养老服务提质。新建社区居家养老服务中心20个。
责任单位：市财政局、市民政局（牵头）、市卫生健康委
2.推进殡葬改革。
责任单位：市民政局*、市自然资源局
注：带*的为牵头单位。
""", 2)
    plans = read(tmp_path, doc)
    assert roles(plans) == {
        1: [("city_lead", "市民政局（牵头）"), ("city_unit", "市卫生健康委"), ("city_unit", "市财政局")],
        2: [("city_lead", "市民政局*"), ("city_unit", "市自然资源局")],
    }
    assert set(plans.assignments["name"]) == {"市民政局", "市财政局", "市卫生健康委", "市自然资源局"}
    # a table's one column of units, read as the leads, keeps only the marked one as lead
    doc = Doc("""\
某县2024年民政重点工作责任分解表
序号 | 工作任务 | 责任单位 | 完成时限
1 | 新建农村互助幸福院10所 | 县财政局、县民政局（牵头）、各乡镇 | 2024年10月
2 | 推进殡葬改革 | 县民政局★、县自然资源局 | 2024年底
注：标★的为牵头单位。
""", 2)
    plans = read(tmp_path, doc)
    assert roles(plans) == {
        1: [("division", "县财政局"), ("division", "各乡镇"), ("lead_division", "县民政局（牵头）")],
        2: [("division", "县自然资源局"), ("lead_division", "县民政局★")],
    }
    # a mark the plan does not explain says nothing: the name is read without it
    doc = Doc("2024年民政重点工作任务分解\n1.推进殡葬改革。\n责任单位：市民政局*、市自然资源局\n", 1)
    plans = read(tmp_path, doc)
    assert roles(plans) == {1: [("city_unit", "市民政局*"), ("city_unit", "市自然资源局")]}
    assert set(plans.assignments["name"]) == {"市民政局", "市自然资源局"}


def test_titles_printed_beside_a_leader_are_not_the_name(tmp_path):
    doc = Doc("""\
某县2024年重点工作任务分解表
序号 | 工作任务 | 责任领导 | 牵头单位 | 配合单位
1 | 新建农村互助幸福院10所 | 王纲副县长 | 县民政局 | 县财政局
2 | 开展低保专项治理 | 副县长李明 | 县民政局 | 县纪委监委
3 | 推进殡葬改革 | 赵强（县委常委、副县长） | 县民政局 | 县自然资源局
4 | 推进数字政府建设 | 县委常委、常务副县长 欧阳明 | 县数据局 | 县财政局
5 | 做好防汛救灾 | 常务副县长 | 县应急局 | 县水利局
""", 5)
    plans = read(tmp_path, doc)
    leaders = plans.assignments[plans.assignments["role"] == "leader"].merge(plans.tasks[["task_id", "seq"]])
    assert leaders.groupby("seq")["name"].agg(sorted).to_dict() == {
        1: ["王纲"], 2: ["李明"], 3: ["赵强"], 4: ["欧阳明"], 5: ["常务副县长"]}   # 5 names only the post
    assert leaders.set_index("seq").loc[1, "name_raw"] == "王纲副县长"


def test_a_table_whose_cells_ran_together_is_reported(tmp_path):
    # a document viewer's text of a Word table: no separator between cells, page marks 1、 2、
    doc = Doc("""\
2025年重大民生实事项目责任分解表
1、2025年重大民生实事项目责任分解表序号项目名称主要内容区政府分管领导牵头单位配合单位1增加教育资源供给新建学校8个。王立新教育局各街道2促进就业稳定增长城镇新增就业12000人。王立新人社局各街道
2、3优化养老服务改造提升6家社区居家养老服务中心。张华民政局各街道
""", 2)
    plans = read(tmp_path, doc)
    found = plans.problems[plans.problems["kind"] == "run_together"]
    assert found["line"].tolist() == [2]
    assert found["text"].iloc[0] == "分管领导牵头单位配合单位"
    assert "cannot be split" in found["message"].iloc[0]


def test_a_heading_naming_a_leader_and_units_is_a_section_passing_them_on(tmp_path):
    # both levels name responsibility: the headings in brackets, the items in labelled
    # lines; the items are the tasks, and each takes from its heading what it lacks
    doc = Doc("""\
2024年民政重点工作任务分解
一、兜牢民生底线（分管领导：王纲）
1.提高城乡低保标准。
牵头单位：县民政局
配合单位：县财政局
2.落实特困人员救助供养政策。
牵头单位：县民政局
二、养老服务（牵头领导：李明；牵头单位：县民政局）
3.新建农村互助幸福院10所。
配合单位：县财政局、各乡镇人民政府
4.完成困难老年人家庭适老化改造500户。
牵头单位：县住建局
配合单位：县民政局
""", 4)
    plans = read(tmp_path, doc)
    assert plans.tasks["section"].tolist() == ["兜牢民生底线"] * 2 + ["养老服务"] * 2
    assert roles(plans) == {
        1: [("city_lead", "县民政局"), ("city_unit", "县财政局"), ("leader", "王纲")],
        2: [("city_lead", "县民政局"), ("leader", "王纲")],
        3: [("city_lead", "县民政局"), ("city_unit", "县财政局"), ("city_unit", "各乡镇人民政府"), ("leader", "李明")],
        4: [("city_lead", "县住建局"), ("city_unit", "县民政局"), ("leader", "李明")],   # its own lead stays
    }
    inferred = plans.problems[plans.problems["kind"] == "inferred"]
    assert inferred["line"].tolist() == [3, 6, 9, 9, 11]


def test_a_deadline_in_brackets_closing_the_text(tmp_path):
    doc = Doc("""\
2024年民政重点工作任务分解
1.提高城乡低保标准。（2024年6月底前完成）
牵头单位：县民政局
2.新建社区老年人服务中心（站）10个。
牵头单位：县民政局
3.开展冬季救助行动（完成时限：12月底前）。
牵头单位：县民政局
""", 3)
    plans = read(tmp_path, doc)
    t = plans.tasks.set_index("seq")
    assert t.loc[1, ["text", "deadline"]].tolist() == ["提高城乡低保标准。", "2024年6月底前完成"]
    assert t.loc[2, ["text", "deadline"]].tolist() == ["新建社区老年人服务中心（站）10个。", ""]  # a word, not a date
    assert t.loc[3, ["text", "deadline"]].tolist() == ["开展冬季救助行动", "12月底前"]


def test_measures_naming_only_co_units_stay_in_their_task(tmp_path):
    # （一） names the lead, the 1. below it only 责任单位: the tasks are the （一）, the 1. their
    # measures, whose units are the task's co-units
    doc = Doc("""\
2024年民政重点工作任务分解
一、养老服务
（一）推进养老服务体系建设。牵头单位：市民政局
1.新建日间照料中心10个。责任单位：各区政府
2.培训养老护理员500人。责任单位：市人社局
（二）做好困难群众救助。牵头单位：市民政局；配合单位：市财政局
1.提高城乡低保标准。责任单位：市财政局
""", 2)
    plans = read(tmp_path, doc)
    assert plans.tasks["text"].tolist() == ["推进养老服务体系建设。新建日间照料中心10个。培训养老护理员500人。",
                                            "做好困难群众救助。提高城乡低保标准。"]
    assert roles(plans)[1] == [("city_lead", "市民政局"), ("city_unit", "各区政府"), ("city_unit", "市人社局")]
    # where the items below name their own leads, they are the tasks, and a label on the
    # heading passes to them
    doc = Doc("""\
2024年民政重点工作任务分解
（一）推进养老服务体系建设。牵头领导：王纲
1.新建日间照料中心10个。牵头单位：市民政局
2.培训养老护理员500人。牵头单位：市人社局
""", 2)
    plans = read(tmp_path, doc)
    assert plans.tasks["section"].tolist() == ["推进养老服务体系建设。"] * 2
    assert roles(plans) == {1: [("city_lead", "市民政局"), ("leader", "王纲")],
                            2: [("city_lead", "市人社局"), ("leader", "王纲")]}


def test_a_units_cell_saying_who_leads(tmp_path):
    doc = Doc("""\
某县2024年重点工作任务分解表
序号 | 工作任务 | 责任单位 | 完成时限
1 | 新建农村互助幸福院10所 | 县民政局牵头，县财政局、各乡镇配合 | 2024年10月
2 | 开展低保专项治理 | 县民政局、县纪委监委 | 2024年12月
""", 2)
    plans = read(tmp_path, doc)
    assert roles(plans) == {
        1: [("division", "县财政局"), ("division", "各乡镇"), ("lead_division", "县民政局")],
        2: [("lead_division", "县民政局"), ("lead_division", "县纪委监委")],   # the one column, as before
    }


def test_a_lead_named_with_the_units_it_works_with(tmp_path):
    doc = Doc("""\
2024年民政重点工作任务分解
1.提高城乡低保标准。
牵头单位：市民政局（会同市财政局、市人社局）
责任单位：各区人民政府（功能区管委会）
""", 1)
    plans = read(tmp_path, doc)
    assert roles(plans)[1] == [("city_lead", "市民政局"), ("city_unit", "各区人民政府（功能区管委会）"),
                               ("city_unit", "市人社局"), ("city_unit", "市财政局")]


def test_a_deadline_as_the_closing_sentence_of_the_text(tmp_path):
    # a plan in plain sentences, each task closing with when it is due as a sentence of its own
    doc = Doc("""\
某县民政局2024年重点工作计划
一、全县重点工作
1、投入300万元改建3所乡镇敬老院，力争6月末完成设计，10月底前完工交付使用。
2、配合住建部门做好公租房分配中低保困难家庭的摸底工作。
二、部门重点工作
1、健全城乡低保审核确认制度，落实低保评议公示和责任追究制度。长年实施。
2、做好农村低保动态管理，适当提高保障标准。力争2024年11月末完成。
3、按时为特困供养人员缴纳城乡居民医疗保险费。11月末完成。
4、做好困难群众冬季救助。确保2024年底前完成。
5、开展养老机构安全检查。检查覆盖全县养老机构。
""", 7)
    plans = read(tmp_path, doc)
    t = plans.tasks.set_index(["section", "seq"])
    got = lambda s, n: t.loc[(s, n), ["text", "deadline"]].tolist()   # noqa: E731
    # two dates inside one sentence: the text keeps them, no one deadline is read
    assert got("全县重点工作", 1) == ["投入300万元改建3所乡镇敬老院，力争6月末完成设计，10月底前完工交付使用。", ""]
    assert got("全县重点工作", 2)[1] == ""
    assert got("部门重点工作", 1) == ["健全城乡低保审核确认制度，落实低保评议公示和责任追究制度。", "长年实施"]
    assert got("部门重点工作", 2) == ["做好农村低保动态管理，适当提高保障标准。", "力争2024年11月末完成"]
    assert got("部门重点工作", 3) == ["按时为特困供养人员缴纳城乡居民医疗保险费。", "11月末完成"]
    assert got("部门重点工作", 4) == ["做好困难群众冬季救助。", "确保2024年底前完成"]
    # a closing sentence that is not a date stays in the text
    assert got("部门重点工作", 5) == ["开展养老机构安全检查。检查覆盖全县养老机构。", ""]


def leads_and_units(plans):
    """Per item number: (lead units, co-units), whatever the level of their role."""
    a = plans.assignments.merge(plans.tasks[["task_id", "seq"]], on="task_id")
    lead = a["role"].isin(["lead_division", "city_lead"])
    unit = a["role"].isin(["division", "city_unit"])
    return {int(seq): (g.loc[lead, "name"].tolist(), g.loc[unit, "name"].tolist()) for seq, g in a.groupby("seq")}


@pytest.mark.parametrize("layout", ["parenthesis", "lines", "table"])
def test_responsible_units_lead_beside_units_that_help(tmp_path, layout):
    # a plan naming no 牵头单位, only 责任单位 and 配合单位 / 协办单位: the responsible ones lead
    plan = {
        "parenthesis": """\
某县2024年重点工作任务分解方案
1.新建农村互助养老服务点20个。（责任单位：县民政局；配合单位：县财政局、各乡镇）
2.提高城乡低保标准。（责任单位：县民政局、县财政局；协办单位：各乡镇）
3.推进殡葬改革。（责任单位：县民政局）
""",
        "lines": """\
某县2024年重点工作任务分解方案
1.新建农村互助养老服务点20个。
责任单位：县民政局
配合单位：县财政局、各乡镇
2.提高城乡低保标准。
责任单位：县民政局、县财政局
协办单位：各乡镇
3.推进殡葬改革。
责任单位：县民政局
""",
        "table": """\
某县2024年重点工作任务分解表
序号\t工作任务\t责任单位\t配合单位\t完成时限
1\t新建农村互助养老服务点20个\t县民政局\t县财政局、各乡镇\t12月底前
2\t提高城乡低保标准\t县民政局、县财政局\t各乡镇\t6月底前
3\t推进殡葬改革\t县民政局\t\t全年
""",
    }[layout]
    plans = read(tmp_path, Doc(plan, 3))
    assert leads_and_units(plans) == {1: (["县民政局"], ["县财政局", "各乡镇"]),
                                      2: (["县民政局", "县财政局"], ["各乡镇"]),
                                      3: (["县民政局"], [])}
    if layout == "table":   # a table says it in the reading of its columns
        from civstat.read.reader import explain

        assert any("责任单位→lead_division" in line for line in explain(tmp_path / "plan.txt"))
    else:                   # labelled text, once for the plan
        inferred = plans.problems[plans.problems["kind"] == "inferred"]
        assert len(inferred) == 1
        assert "责任单位" in inferred["message"].iloc[0]


def test_responsible_units_are_co_units_beside_a_lead(tmp_path):
    doc = Doc("""\
某县2024年重点工作任务分解方案
1.新建农村互助养老服务点20个。（牵头单位：县民政局；责任单位：县财政局；配合单位：各乡镇）
2.提高城乡低保标准。（责任单位：县财政局）
""", 2)
    plans = read(tmp_path, doc)
    assert leads_and_units(plans) == {1: (["县民政局"], ["县财政局", "各乡镇"]), 2: ([], ["县财政局"])}
    assert "inferred" not in set(plans.problems["kind"])


def test_labelled_lines_of_a_tasks_fields(tmp_path):
    # each item in labelled parts: its text, its measures, its leader and divisions, its deadline
    doc = Doc("""\
某市民政局2024年度重点工作目标任务分解
一、社会救助
1.目标任务：完善分层分类社会救助体系，城乡低保标准年增长5%以上。
工作措施：开展低收入人口动态监测，
落实“一户一策”帮扶。
分管局领导：赵敏
责任处室：社会救助处
配合处室：财务处、法规处
完成时限：2024年12月底前

2.目标任务：推进“救急难”工作，临时救助实现应救尽救。
分管局领导：赵敏
责任处室：社会救助处
完成时限：全年
二、养老服务
3.目标任务：新建街道综合养老服务中心6个。
工作措施：统筹福彩公益金支持建设。
分管局领导：钱军
责任处室：养老服务处
完成时限：2024年10月底前
""", 3)
    plans = read(tmp_path, doc)
    t = plans.tasks.set_index("seq")
    assert t["text"].tolist() == ["完善分层分类社会救助体系，城乡低保标准年增长5%以上。",
                                  "推进“救急难”工作，临时救助实现应救尽救。", "新建街道综合养老服务中心6个。"]
    assert t["deadline"].tolist() == ["2024年12月底前", "全年", "2024年10月底前"]
    measures = plans.fields.merge(plans.tasks[["task_id", "seq"]], on="task_id")
    assert sorted(zip(measures["seq"], measures["field"], measures["value"], strict=True)) == [
        (1, "measures", "开展低收入人口动态监测，落实“一户一策”帮扶。"),
        (3, "measures", "统筹福彩公益金支持建设。")]
    assert leads_and_units(plans) == {1: (["社会救助处"], ["财务处", "法规处"]), 2: (["社会救助处"], []),
                                      3: (["养老服务处"], [])}
    assert "unplaced_line" not in set(plans.problems["kind"])


def test_a_title_ending_in_no_usual_word_still_gives_the_year(tmp_path):
    path = tmp_path / "plan.txt"
    path.write_text("某市民政局2024年度重点工作目标任务分解\n1.新建街道综合养老服务中心6个。\n责任处室：养老服务处\n",
                    encoding="utf-8")
    plans = civstat.read_plan(path)
    assert plans.documents[["title", "year"]].iloc[0].tolist() == ["某市民政局2024年度重点工作目标任务分解", 2024]
    assert "metadata" not in set(plans.problems["kind"])
    # a date line is no title: the year it gives is the day of signing, not the plan's
    path.write_text("2023年12月28日\n1.新建街道综合养老服务中心6个。\n责任处室：养老服务处\n", encoding="utf-8")
    plans = civstat.read_plan(path)
    assert plans.documents["year"].isna().all()
    assert "metadata" in set(plans.problems["kind"])


_MERGED_ROWS = [
    ["序号", "项目名称", "具体任务", "责任领导", "牵头单位", "责任单位", "完成时限"],
    ["1", "提升养老服务水平", "新建社区养老服务综合体5个", "王纲", "市民政局", "各区人民政府", "2024年12月底前"],
    ["", "", "开展居家适老化改造1000户", "", "", "市财政局、各区人民政府", "2024年10月底前"],
    ["2", "加强困难群众救助", "提高城乡低保标准", "李明", "市民政局", "市财政局", "2024年6月底前"],
    ["", "", "开展冬季送温暖活动", "", "", "", "2024年2月底前"],
    ["3", "推进婚俗改革", "创建婚俗改革实验区2个", "李明", "市民政局", "各区人民政府", "全年"],
]


@pytest.mark.parametrize("join", ["\t", " | "])
def test_rows_whose_first_cells_are_merged_with_the_row_above(tmp_path, join):
    # a table printed a row a line (tab-separated, or with pipes closing every cell); the rows
    # under items 1 and 2 leave 序号 and 项目名称 empty: they are more of the item above
    end = "" if join == "\t" else " |"
    rows = [join.join(r) + end for r in _MERGED_ROWS]
    plans = read(tmp_path, Doc("某市2024年民生实事项目责任分解表\n" + "\n".join(rows) + "\n", 3))
    t = plans.tasks.set_index("seq")
    assert t["title"].tolist() == ["提升养老服务水平", "加强困难群众救助", "推进婚俗改革"]
    assert t.loc[1, "text"] == "新建社区养老服务综合体5个；开展居家适老化改造1000户"
    assert t["deadline"].tolist() == ["2024年12月底前；2024年10月底前", "2024年6月底前；2024年2月底前", "全年"]
    assert leads_and_units(plans) == {1: (["市民政局"], ["各区人民政府", "市财政局"]),
                                      2: (["市民政局"], ["市财政局"]), 3: (["市民政局"], ["各区人民政府"])}
    inferred = plans.problems[plans.problems["kind"] == "inferred"]
    assert inferred["line"].tolist() == [4, 6]     # each merged row is said


def test_a_deadline_labelled_among_the_units(tmp_path):
    # 完成时限： after the units, in the item's line or in its bracket, is the deadline, never a unit
    doc = Doc("""\
某县2024年民政重点工作任务清单
1.提高城乡低保标准，确保应保尽保。牵头单位：县民政局；配合单位：县财政局。完成时限：2024年6月底前。
2.开展低收入人口动态监测。责任领导：王纲；牵头单位：县民政局；完成时限：全年。
3.新建农村互助养老服务点20个。（牵头单位：县民政局，完成时限：2024年10月底前）
""", 3)
    plans = read(tmp_path, doc)
    t = plans.tasks.set_index("seq")
    assert t["deadline"].tolist() == ["2024年6月底前", "全年", "2024年10月底前"]
    assert leads_and_units(plans) == {1: (["县民政局"], ["县财政局"]), 2: (["县民政局"], []), 3: (["县民政局"], [])}
    assert plans.fields.empty    # nothing left over as a note


def test_a_heading_that_names_a_unit_gives_its_items_their_lead(tmp_path):
    doc = Doc("""\
某县2024年政府工作报告重点任务分解
一、县民政局（3项）
1.提高城乡低保标准。
2.新建农村互助养老服务点20个。
3.推进殡葬改革。（牵头单位：县殡葬服务中心）
二、确保市场稳定运行
4.落实社会救助资金。
""", 4)
    plans = read(tmp_path, doc)
    # item 3 names its own lead; a heading saying what to do (确保市场稳定运行) is no unit
    assert leads_and_units(plans) == {1: (["县民政局"], []), 2: (["县民政局"], []), 3: (["县殡葬服务中心"], [])}
    inferred = plans.problems[plans.problems["kind"] == "inferred"]
    assert inferred["line"].tolist() == [3, 4]


def test_a_bank_is_a_unit_and_a_phrase_ending_in_行_is_not():
    from civstat.read.content import is_unit

    assert [is_unit(x) for x in ("中国人民银行县支行", "市人行", "县农商银行", "市分行")] == [True] * 4
    assert [is_unit(x) for x in ("确保市场稳定运行", "推进平稳运行", "落实惠民政策先行")] == [False] * 3


def test_a_development_zone_is_a_unit_among_co_units():
    from civstat.read.content import is_unit, kind_of

    assert [is_unit(x) for x in ("某某经济开发区", "市高新区", "县农业示范区")] == [True] * 3
    assert [is_unit(x) for x in ("老旧小区", "城市新区")] == [False] * 2
    assert kind_of("市政局、环卫处、某某经济开发区、各街道") == "unit"


def test_a_two_row_header_of_bare_modifiers_under_a_merged_units_header(tmp_path):
    # 责任单位 over 牵头 | 配合: in Excel as a merged cell, in text as a cell and an empty one
    import openpyxl

    wb = openpyxl.Workbook()
    ws = wb.active
    ws.append(["某区民政局2024年重点工作任务分解表"])
    ws.append(["序号", "工作任务", "分管领导", "责任单位", None, "完成时限"])
    ws.append([None, None, None, "牵头", "配合", None])
    for cells in ("A2:A3", "B2:B3", "C2:C3", "D2:E2", "F2:F3"):
        ws.merge_cells(cells)
    ws.append([1, "新建社区养老服务站10个", "王纲", "养老服务科", "财务科", "2024年10月底前"])
    ws.append([2, "提高城乡低保标准", "李明", "社会救助科", "财务科、法规科", "2024年6月底前"])
    wb.save(tmp_path / "plan.xlsx")
    text = tmp_path / "plan.txt"
    text.write_text("某区民政局2024年重点工作任务分解表\n"
                    "序号 | 工作任务 | 分管领导 | 责任单位 |  | 完成时限 |\n"
                    " |  |  | 牵头 | 配合 |  |\n"
                    "1 | 新建社区养老服务站10个 | 王纲 | 养老服务科 | 财务科 | 2024年10月底前 |\n"
                    "2 | 提高城乡低保标准 | 李明 | 社会救助科 | 财务科、法规科 | 2024年6月底前 |\n", encoding="utf-8")
    for path in (tmp_path / "plan.xlsx", text):
        plans = civstat.read_plan(path, year=2024)
        assert leads_and_units(plans) == {1: (["养老服务科"], ["财务科"]),
                                          2: (["社会救助科"], ["财务科", "法规科"])}, path.suffix
        assert plans.fields.empty


_NUMBERING_XML = """<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<w:numbering xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main">
<w:abstractNum w:abstractNumId="0">
<w:lvl w:ilvl="0"><w:start w:val="1"/><w:numFmt w:val="chineseCounting"/><w:lvlText w:val="%1、"/></w:lvl>
<w:lvl w:ilvl="1"><w:start w:val="1"/><w:numFmt w:val="decimal"/><w:lvlText w:val="%2."/></w:lvl>
</w:abstractNum>
<w:abstractNum w:abstractNumId="1">
<w:lvl w:ilvl="0"><w:start w:val="1"/><w:numFmt w:val="decimal"/><w:lvlText w:val="%1"/></w:lvl>
</w:abstractNum>
<w:num w:numId="1"><w:abstractNumId w:val="0"/></w:num>
<w:num w:numId="2"><w:abstractNumId w:val="1"/></w:num>
</w:numbering>"""


def _with_numbering(path):
    """Put _NUMBERING_XML in a .docx written by python-docx, in place of its own list definitions."""
    import zipfile

    parts = {}
    with zipfile.ZipFile(path) as archive:
        for name in archive.namelist():
            parts[name] = archive.read(name)
    parts["word/numbering.xml"] = _NUMBERING_XML.encode("utf-8")
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, data in parts.items():
            archive.writestr(name, data)


def _number(paragraph, num_id, level):
    from docx.oxml import OxmlElement
    from docx.oxml.ns import qn

    ppr = paragraph._p.get_or_add_pPr()
    numpr = OxmlElement("w:numPr")
    for tag, value in (("w:ilvl", level), ("w:numId", num_id)):
        node = OxmlElement(tag)
        node.set(qn("w:val"), str(value))
        numpr.append(node)
    ppr.append(numpr)


def test_word_automatic_numbering_is_read_as_printed(tmp_path):
    # a plan written with Word's list buttons: 一、 headings and 1. items, their numbers drawn by
    # Word, not typed; and a table whose 序号 column is numbered the same way
    import docx

    document = docx.Document()
    document.add_paragraph("某县民政局2024年重点工作任务分解方案")
    for text, level in (("社会救助", 0), ("提高城乡低保标准。（牵头单位：县民政局）", 1),
                        ("开展冬季救助行动。（牵头单位：县民政局；配合单位：县财政局）", 1),
                        ("养老服务", 0), ("新建农村互助养老服务点20个。（牵头单位：县民政局）", 1)):
        _number(document.add_paragraph(text), 1, level)
    path = tmp_path / "list.docx"
    document.save(path)
    _with_numbering(path)
    plans = civstat.read_plan(path, year=2024)
    assert list(zip(plans.tasks["section"], plans.tasks["seq"], strict=True)) == [
        ("社会救助", 1), ("社会救助", 2), ("养老服务", 1)]
    assert leads_and_units(plans)[2] == (["县民政局"], ["县财政局"])

    document = docx.Document()
    document.add_paragraph("某县民政局2024年重点工作任务分解表")
    table = document.add_table(rows=3, cols=3)
    for row, cells in enumerate((("序号", "工作任务", "牵头单位"), ("", "提高城乡低保标准", "县民政局"),
                                 ("", "新建农村互助养老服务点20个", "县民政局"))):
        for column, text in enumerate(cells):
            table.cell(row, column).text = text
    for row in (1, 2):
        _number(table.cell(row, 0).paragraphs[0], 2, 0)
    path = tmp_path / "table.docx"
    document.save(path)
    _with_numbering(path)
    plans = civstat.read_plan(path, year=2024)
    assert plans.tasks["seq"].tolist() == [1, 2]
    assert plans.tasks["text"].tolist() == ["提高城乡低保标准", "新建农村互助养老服务点20个"]


def test_a_bracket_saying_who_leads_and_who_takes_part(tmp_path):
    doc = Doc("""\
某县2024年政府工作报告重点任务分解
1.推进殡葬改革。（县民政局牵头，各乡镇配合）
2.开展低收入人口动态监测。（县民政局牵头负责，县乡村振兴局参与）
""", 2)
    plans = read(tmp_path, doc)
    assert plans.tasks["text"].tolist() == ["推进殡葬改革。", "开展低收入人口动态监测。"]
    assert leads_and_units(plans) == {1: (["县民政局"], ["各乡镇"]), 2: (["县民政局"], ["县乡村振兴局"])}


def test_a_web_table_with_each_cell_on_a_line_of_its_own(tmp_path):
    # a web page's table copied as text: a row opens with "| 1 |", every other cell is a
    # line closed by " |"; the task is stated only as its indicator (考核指标), and a header
    # that is no known word (监督方式) stands before one that is (实施部门)
    doc = Doc("""\
| 某区民政局2024年度重点工作任务分解 |
| 序号 |
责任单位 |
考核指标 |
监督方式 |
实施部门 |
完成时限 |
| 1 |
区民政局 |
按月审核发放城乡低保金，做到应保尽保。 |
局办公室电话督查 |
社会救助股 |
2024年12月底 |
| 2 |
区民政局 |
完成全区养老机构消防安全检查。 |
现场抽查 |
养老服务股 |
2024年6月底 |
""", 2)
    path = tmp_path / "plan.txt"
    path.write_text(doc.text, encoding="utf-8")
    plans = civstat.read_plan(path)
    assert plans.documents.loc[0, ["title", "year"]].tolist() == ["某区民政局2024年度重点工作任务分解", 2024]
    assert plans.tasks["goal"].tolist() == ["按月审核发放城乡低保金，做到应保尽保。", "完成全区养老机构消防安全检查。"]
    assert plans.tasks["deadline"].tolist() == ["2024年12月底", "2024年6月底"]
    assert leads_and_units(plans) == {1: (["区民政局"], ["社会救助股"]), 2: (["区民政局"], ["养老服务股"])}
    fields = plans.fields
    assert fields.loc[fields["header"] == "监督方式", "value"].tolist() == ["局办公室电话督查", "现场抽查"]


def test_a_title_printed_as_two_paragraphs_gives_the_year(tmp_path):
    # each half of the title its own paragraph, a blank line between them: the year is in the first
    doc = Doc("""\
某县人民政府关于印发重点工作任务分解方案的通知

某县人民政府
2024年2月20日

某县政府2024年重点工作

任务分解和责任分工方案

一、民生保障
1.提高城乡低保标准。
牵头单位：县民政局
责任单位：县财政局
""", 1)
    path = tmp_path / "plan.txt"
    path.write_text(doc.text, encoding="utf-8")
    plans = civstat.read_plan(path)
    assert plans.documents.loc[0, ["title", "year"]].tolist() == ["某县政府2024年重点工作任务分解和责任分工方案", 2024]
    assert leads_and_units(plans) == {1: (["县民政局"], ["县财政局"])}


def test_a_circulars_list_of_attachments_is_no_item(tmp_path):
    # 附件：1.… / 2.…: the names of the documents attached, above the first of them; the
    # heading names the leader of the items under it
    doc = Doc("""\
各乡镇人民政府，县政府各部门：
现将两份分解方案印发给你们，请认真贯彻执行。
附件：1.2024年政府工作报告重点工作责任分解
2.民生实事项目责任分解
某县人民政府办公室
2024年3月1日
附件1
2024年政府工作报告重点工作责任分解
一、李明县长主抓重点工作
1.推进养老服务体系建设。新建乡镇养老服务中心3个。
责任单位：县民政局、县财政局（列第一位者为牵头单位，下同）
2.做好困难群众基本生活保障。
责任单位：县民政局、县医保局
""", 2)
    path = tmp_path / "plan.txt"
    path.write_text(doc.text, encoding="utf-8")
    plans = civstat.read_plan(path)
    assert plans.documents.loc[0, ["title", "year"]].tolist() == ["2024年政府工作报告重点工作责任分解", 2024]
    assert plans.tasks["seq"].tolist() == [1, 2]
    assert plans.tasks["text"].str.startswith(("推进养老", "做好困难")).all()
    assert leads_and_units(plans) == {1: (["县民政局"], ["县财政局"]), 2: (["县民政局"], ["县医保局"])}
    assert set(plans.assignments.loc[plans.assignments["role"] == "leader", "name"]) == {"李明"}
    assert not plans.tasks["text"].str.contains("责任分解").any()


def test_units_joined_by_及_and_a_name_cut_to_one_character(tmp_path):
    doc = Doc("""\
某市2024年优化营商环境工作要点
1.推进政务服务“一网通办”。（市政务服务中心牵头，市级各有关部门及各县区政府按职责分工负责）
2.完善社会救助体系。（市民政局牵头，市人力资源和社会保障局配合）
3.扩大工业有效投资。
责任单位：市发改委、区
""", 3)
    plans = read(tmp_path, doc)
    assert leads_and_units(plans) == {1: (["市政务服务中心"], ["市级各有关部门", "各县区政府"]),
                                      2: (["市民政局"], ["市人力资源社会保障局"]),   # as aliases.csv names it
                                      3: ([], ["市发展改革委"])}
    assert "市人力资源和社会保障局" in set(plans.assignments["name_raw"])
    cut = plans.problems[plans.problems["kind"] == "unplaced_name"]
    assert cut[["line", "text"]].values.tolist() == [[5, "区"]]


def test_a_table_one_cell_a_line_whose_序号_cells_are_empty(tmp_path):
    # Word numbered the 序号 column itself; the copy lost the numbers, so each row opens with
    # its task. A heading row stands among them; the second task is too short to be a sentence.
    doc = Doc("""\
某县2024年民政重点工作任务分解表

序号

工作任务

牵头单位

配合单位

完成时限

一、兜底保障

提高城乡低保标准，做到应保尽保。

县民政局

县财政局

6月底前

殡葬改革

县民政局

各乡镇人民政府

12月底前

二、养老服务

新建村级互助养老点20个，覆盖全部乡镇。

县民政局

县卫健委

10月底前
""", 3)
    path = tmp_path / "plan.txt"
    path.write_text(doc.text, encoding="utf-8")
    plans = civstat.read_plan(path)
    tasks = plans.tasks
    assert tasks["seq"].tolist() == [1, 2, 3]
    assert tasks["text"].str[:4].tolist() == ["提高城乡", "殡葬改革", "新建村级"]
    assert tasks["section"].tolist() == ["兜底保障", "兜底保障", "养老服务"]
    assert tasks["deadline"].tolist() == ["6月底前", "12月底前", "10月底前"]
    assert leads_and_units(plans) == {1: (["县民政局"], ["县财政局"]), 2: (["县民政局"], ["各乡镇人民政府"]),
                                      3: (["县民政局"], ["县卫健委"])}
    numbered = plans.problems[plans.problems["message"].str.contains("序号 cell is empty")]
    assert numbered["line"].tolist() == tasks["line"].tolist()


def test_tasks_without_numbers_followed_by_labelled_lines(tmp_path):
    # a list of projects with no item numbers: each project is a line, then its labelled lines
    doc = Doc("""\
某市2024年十件民生实事项目责任分解

新增公办幼儿园学位3000个。
主管领导：王强
责任单位：市教育局
完成时限：12月底前

建成社区食堂20个，为老年人提供助餐服务。
主管领导：李红
责任单位：市民政局
配合单位：市商务局
完成时限：10月底前
""", 2)
    path = tmp_path / "plan.txt"
    path.write_text(doc.text, encoding="utf-8")
    plans = civstat.read_plan(path)
    tasks = plans.tasks
    assert tasks["seq"].tolist() == [1, 2]
    assert tasks["text"].tolist() == ["新增公办幼儿园学位3000个。", "建成社区食堂20个，为老年人提供助餐服务。"]
    assert tasks["deadline"].tolist() == ["12月底前", "10月底前"]
    a = plans.assignments.merge(tasks[["task_id", "seq"]], on="task_id")
    assert a.loc[a["role"] == "leader"].groupby("seq")["name"].agg(list).to_dict() == {1: ["王强"], 2: ["李红"]}
    assert set(a.loc[a["seq"] == 2, "name"]) >= {"市民政局", "市商务局"}
    inferred = plans.problems[plans.problems["kind"] == "inferred"]
    assert set(tasks["line"]) <= set(inferred["line"])


def test_a_circular_dated_below_its_signature_and_a_page_number_above_its_title(tmp_path):
    # no year in the title: the date under the signature gives it; the page number a Word
    # document printed (— — — 2 —, dashes spaced out) is no part of the title
    doc = Doc("""\
某区人民政府办公室
2019 年 4 月 16 日
— — — 2 —
某区贯彻落实《关于加强街道工作的意见》的
任务分解方案
1.推进街道管理体制改革。
牵头单位：区委编办
协办单位：区民政局、各街道办事处
""", 1)
    path = tmp_path / "plan.txt"
    path.write_text(doc.text, encoding="utf-8")
    plans = civstat.read_plan(path)
    assert plans.documents.loc[0, ["title", "year"]].tolist() == [
        "某区贯彻落实《关于加强街道工作的意见》的任务分解方案", 2019]
    dated = plans.problems[plans.problems["kind"] == "inferred"]
    assert dated["line"].tolist() == [2]
    assert leads_and_units(plans) == {1: (["区委编办"], ["区民政局", "各街道办事处"])}


def test_a_title_ending_in_责任分解_above_a_heading_that_names_a_year(tmp_path):
    doc = Doc("""\
附件1
县《政府工作报告》确定的2024年重点工作责任分解
一、2024年经济社会发展主要目标
（一）地区生产总值增长6%。[牵头单位：县发改局；责任单位：各镇人民政府]
（二）一般公共预算收入增长5%。（牵头单位：县财政局；责任单位：县税务局）
""", 2)
    path = tmp_path / "plan.txt"
    path.write_text(doc.text, encoding="utf-8")
    plans = civstat.read_plan(path)
    assert plans.documents.loc[0, ["title", "year"]].tolist() == ["县《政府工作报告》确定的2024年重点工作责任分解", 2024]
    assert leads_and_units(plans) == {1: (["县发改局"], ["各镇人民政府"]), 2: (["县财政局"], ["县税务局"])}


def test_a_header_that_names_the_year_of_its_targets(tmp_path):
    # one cell a line; the task column's header is 2024年预期目标: the targets are the tasks
    doc = Doc("""\
某区2024年主要预期目标任务分解表
序号
2024年预期目标
牵头单位
1
地区生产总值增长6%左右
区发展改革委
2
居民人均可支配收入增长6%
区统计局
""", 2)
    path = tmp_path / "plan.txt"
    path.write_text(doc.text, encoding="utf-8")
    plans = civstat.read_plan(path)
    assert plans.tasks["goal"].tolist() == ["地区生产总值增长6%左右", "居民人均可支配收入增长6%"]
    assert leads_and_units(plans) == {1: (["区发展改革委"], []), 2: (["区统计局"], [])}


def test_of_two_progress_columns_the_latest_is_the_progress(tmp_path):
    # a report that kept its half-year column beside the ten-month one: 1-10月 is where the
    # task stands; the half-year text stays among the task's other fields
    path = tmp_path / "plan.txt"
    path.write_text("""\
某区民政局2024年重点工作推进情况表
序号 | 工作任务 | 牵头单位 | 1-6月进展情况 | 1-10月进展情况
1 | 新建社区养老服务站5个 | 养老服务科 | 已建成2个 | 已建成5个，全部投入运营
2 | 提高城乡低保标准 | 社会救助科 | 已完成调标测算 | 已完成
""", encoding="utf-8")
    plans = civstat.read_plan(path)
    assert plans.tasks["progress"].tolist() == ["已建成5个，全部投入运营", "已完成"]
    assert set(plans.tasks["progress_period"]) == {"1-10月"}
    assert plans.fields["value"].tolist() == ["已建成2个", "已完成调标测算"]
    assert set(plans.fields["header"]) == {"1-6月进展情况"}


def test_a_schedule_line_gives_the_deadline(tmp_path):
    # 进度安排 / 时间安排: when the task is to be done, not how far it has come
    plans = read(tmp_path, Doc("""\
某县民政局2024年重点工作任务分解方案
1.新建农村互助养老服务点20个。
牵头单位：养老服务股
进度安排：6月底前完成选址，10月底前全部建成。
2.开展特困人员供养服务机构提升行动。
牵头单位：社会救助股
时间安排：全年
""", 2))
    assert plans.tasks["deadline"].tolist() == ["6月底前完成选址，10月底前全部建成。", "全年"]
    assert plans.tasks["progress"].tolist() == ["", ""]
    assert plans.problems.empty


def test_a_heading_naming_its_leader_by_post_and_name(tmp_path):
    # the leader of the items under a heading, named with posts before or in brackets after
    plans = read(tmp_path, Doc("""\
某区2024年政府工作报告重点任务分解方案
一、区政府党组成员、副区长王建国负责
1.推进城市更新行动。
牵头单位：区住建局
二、李红梅（区政府党组成员）
2.开展城乡居民医保参保扩面。
牵头单位：区医保局
""", 2))
    a = plans.assignments.merge(plans.tasks[["task_id", "seq"]], on="task_id")
    assert dict(a.loc[a["role"] == "leader", ["seq", "name"]].values.tolist()) == {1: "王建国", 2: "李红梅"}


def test_sub_points_before_an_items_units_are_part_of_it(tmp_path):
    # （1）（2） under item 2, its labelled lines after them: they are item 2's, and the
    # other items stay tasks
    plans = read(tmp_path, Doc("""\
2024年某区重点工作任务分解
1.全年实施区级重点项目120个。
牵头单位：区发改局
完成时限：2024年12月
2.举办促消费活动20场以上。
（1）上半年举办10场；
（2）下半年举办10场。
牵头单位：区商务局
完成时限：全年
3.新增城镇就业1.2万人。
牵头单位：区人社局
完成时限：2024年12月底
""", 3))
    assert plans.tasks["seq"].tolist() == [1, 2, 3]
    assert "下半年举办10场" in plans.tasks["text"].iloc[1]
    assert leads_and_units(plans) == {1: (["区发改局"], []), 2: (["区商务局"], []), 3: (["区人社局"], [])}
    assert plans.tasks["deadline"].tolist() == ["2024年12月", "全年", "2024年12月底"]
    inferred = plans.problems[plans.problems["kind"] == "inferred"]
    assert inferred["line"].tolist() == [6, 7]


def test_labels_a_space_apart_and_a_deadline_after_the_parenthesis(tmp_path):
    # the second label after a space, not after ；: the name before it keeps its 局; a
    # deadline printed after the closing parenthesis, or in a parenthesis of its own
    plans = read(tmp_path, Doc("""\
2024年某县重点工作
1.推进工业技改。（牵头单位：县工信局 责任单位：县发改局）
2.推进“个转企”工作。（牵头单位：县市场监管局；责任单位：各乡镇）完成时限：2024年11月30日
3.开展法治宣传。（牵头单位：县司法局）（完成时限：2024年6月）
4.开展安全生产检查。
牵头单位：县应急局　责任单位：县消防救援大队
""", 4))
    assert leads_and_units(plans) == {1: (["县工信局"], ["县发改局"]), 2: (["县市场监管局"], ["各乡镇"]),
                                      3: (["县司法局"], []), 4: (["县应急局"], ["县消防救援大队"])}
    assert plans.tasks["deadline"].tolist() == ["", "2024年11月30日", "2024年6月", ""]
    assert plans.tasks["text"].tolist()[:3] == ["推进工业技改。", "推进“个转企”工作。", "开展法治宣传。"]


def test_a_unit_parenthesis_wrapped_before_its_second_label(tmp_path):
    # a PDF line ends after 牵头单位：…； and the next opens with 责任单位：, closing the parenthesis
    plans = read(tmp_path, Doc("""\
某市卫生健康委2024年重点工作任务分解
1.适龄儿童免疫规划疫苗接种率保持在95%以上。（牵头单位：疾病预防控制科；
责任单位：各县（市、区）卫健委）完成时限：全年
2.创建省级卫生乡镇10个。（牵头单位：爱卫办；责任单位：各县（市、区）爱卫办）
""", 2))
    assert leads_and_units(plans) == {1: (["疾病预防控制科"], ["各县（市、区）卫健委"]),
                                      2: (["爱卫办"], ["各县（市、区）爱卫办"])}
    assert plans.tasks["deadline"].tolist() == ["全年", ""]
    assert "unclosed_units" not in set(plans.problems["kind"])


def test_labels_of_the_bureaus_divisions_name_division_roles(tmp_path):
    # 牵头科室 / 协办科室, 牵头股室 / 配合股室: both at the division's level
    plans = read(tmp_path, Doc("""\
某县民政局2024年重点工作
1.完成县级敬老院消防改造3所。
牵头股室：养老服务股
配合股室：计划财务股
2.建成婚姻家庭辅导中心。
牵头科室：社会事务科
协办科室：婚姻登记处
分管副局长：刘芳
""", 2))
    roles = dict(zip(plans.assignments["name"], plans.assignments["role"], strict=True))
    assert roles == {"养老服务股": "lead_division", "计划财务股": "division", "社会事务科": "lead_division",
                     "婚姻登记处": "division", "刘芳": "leader"}


def test_a_line_wrapped_before_a_decimal_is_no_new_item(tmp_path):
    plans = read(tmp_path, Doc("""\
2024年某市人社局重点工作任务清单
1.开展补贴性职业技能培训，全年培训
2.5万人次。
牵头单位：职业能力建设科
2.城镇新增就业5.2万人。
牵头单位：就业促进科
""", 2))
    assert plans.tasks["text"].tolist() == ["开展补贴性职业技能培训，全年培训2.5万人次。", "城镇新增就业5.2万人。"]
    assert leads_and_units(plans) == {1: (["职业能力建设科"], []), 2: (["就业促进科"], [])}


def test_a_circulars_paragraphs_closed_by_its_date_are_no_tasks(tmp_path):
    # no 附件 line: the circular's date closes it, and only the items after it name units
    path = tmp_path / "plan.txt"
    path.write_text("""\
关于印发2024年全县民政重点工作任务分解的通知
各乡镇民政办，局机关各股室：
现将任务分解印发给你们，并做好以下工作：
1.各责任股室要制定具体实施方案。
2.各牵头股室每月25日前报送工作进展。
某县民政局
2024年3月8日
2024年全县民政重点工作任务分解
1.完成县级敬老院消防改造3所。牵头股室：养老服务股；完成时限：2024年9月
2.规范农村公益性公墓管理。牵头股室：社会事务股；配合股室：各乡镇民政办
""", encoding="utf-8")
    plans = civstat.read_plan(path)
    assert plans.tasks["text"].tolist() == ["完成县级敬老院消防改造3所。", "规范农村公益性公墓管理。"]
    circular = plans.problems[plans.problems["kind"] == "circular_item"]
    assert circular["line"].tolist() == [4, 5]
    assert plans.documents.loc[0, ["title", "year"]].tolist() == ["2024年全县民政重点工作任务分解", 2024]


def test_an_empty_latest_progress_cell_gives_the_latest_filled_one(tmp_path):
    # 1-6月 left empty for item 2: where it stands is what 1-3月 says, and the reader says so;
    # 完成情况 names no period: it stays among the fields
    path = tmp_path / "plan.txt"
    path.write_text("""\
某县2024年民生实事项目推进情况表
序号 | 项目名称 | 责任单位 | 1-3月进展 | 1-6月进展 | 完成情况
1 | 新建老年助餐点15个 | 县民政局 | 完成选址 | 建成6个 | 序时推进
2 | 建设口袋公园5个 | 县城管局 | 完成选址 |  | 滞后
""", encoding="utf-8")
    plans = civstat.read_plan(path)
    assert plans.tasks["progress"].tolist() == ["建成6个", "完成选址"]
    assert plans.tasks["progress_period"].tolist() == ["1-6月", "1-3月"]
    inferred = plans.problems[plans.problems["kind"] == "inferred"]
    assert inferred["line"].tolist() == [4]
    status = plans.fields[plans.fields["header"] == "完成情况"]
    assert status["value"].tolist() == ["序时推进", "滞后"]


def _workbook(path, rows):
    import openpyxl

    wb = openpyxl.Workbook()
    for row in rows:
        wb.active.append(row)
    wb.save(path)
    return path


def test_a_cell_of_units_labelled_by_modifiers_alone(tmp_path):
    # one column of units, each cell saying who leads: 牵头：…；配合：…
    path = _workbook(tmp_path / "plan.xlsx", [
        ["某镇2024年重点工作任务清单"],
        ["序号", "重点任务", "分管领导", "责任单位", "完成时限"],
        [1, "建设高标准农田3000亩", "黄文斌", "牵头：农业服务中心；配合：财政所、各村", "10月底前"],
        [2, "培育农民专业合作社示范社2家", "黄文斌", "牵头：农业服务中心", "12月底前"],
    ])
    plans = civstat.read_plan(path)
    assert leads_and_units(plans) == {1: (["农业服务中心"], ["财政所", "各村"]), 2: (["农业服务中心"], [])}


@pytest.mark.parametrize("header", ["工作举措", "具体措施"])
def test_a_table_whose_only_column_of_work_is_its_measures(tmp_path, header):
    path = _workbook(tmp_path / "plan.xlsx", [
        ["某市民政局2024年重点工作任务分解表"],
        ["序号", header, "分管副局长", "牵头处室", "责任处室", "完成时限"],
        [1, "推进养老服务设施建设，新增床位500张", "王刚", "养老服务处", "办公室", "12月底前"],
        [2, "提高城乡低保标准", "李明", "社会救助处", "规划财务处", "6月底前"],
    ])
    plans = civstat.read_plan(path)
    assert plans.tasks["text"].tolist() == ["推进养老服务设施建设，新增床位500张", "提高城乡低保标准"]
    assert leads_and_units(plans) == {1: (["养老服务处"], ["办公室"]), 2: (["社会救助处"], ["规划财务处"])}
    leaders = plans.assignments[plans.assignments["role"] == "leader"]
    assert leaders["name"].tolist() == ["王刚", "李明"]


def test_a_web_page_laying_its_table_out_inside_another(tmp_path):
    # older government sites: <table width=900><tr><td>title</td></tr><tr><td><table>…
    path = tmp_path / "plan.html"
    path.write_text("""<html><head><meta charset="utf-8"><title>某县2025年度为民办实事项目清单</title></head><body>
<table width="900"><tr><td>某县2025年度为民办实事项目清单</td></tr>
<tr><td><table border="1">
<tr><td>序号</td><td>实事项目</td><td>责任领导</td><td>责任单位</td><td>进度安排</td></tr>
<tr><td>1</td><td>新建集中供水工程5处</td><td>曹斌</td><td>县水利局</td><td>11月底前完工</td></tr>
<tr><td>2</td><td>新建公共停车场2处</td><td>曹斌</td><td>县城投公司</td><td>12月底前</td></tr>
</table></td></tr>
<tr><td>某县人民政府办公室</td></tr></table></body></html>""", encoding="utf-8")
    plans = civstat.read_plan(path)
    assert plans.tasks["text"].tolist() == ["新建集中供水工程5处", "新建公共停车场2处"]
    assert plans.tasks["deadline"].tolist() == ["11月底前完工", "12月底前"]
    assert leads_and_units(plans) == {1: (["县水利局"], []), 2: (["县城投公司"], [])}
    assert plans.documents.loc[0, "year"] == 2025


def test_a_task_merged_over_the_rows_of_its_measures_is_one_task(tmp_path):
    import openpyxl

    wb = openpyxl.Workbook()
    ws = wb.active
    ws.append(["某区民政局2024年重点工作任务及具体措施分解表"])
    ws.append(["序号", "重点任务", "分管领导", "具体措施", "牵头科室", "配合科室", "完成时限"])
    ws.append([1, "提升养老服务能力", "范晓", "新建嵌入式养老服务站4个", "养老服务科", "计划财务科", "9月底前"])
    ws.append([None, None, None, "开展养老护理员培训300人次", "养老服务科", None, "11月底前"])
    ws.append([2, "深化殡葬改革", "黎鸣", "完成殡仪馆火化设备更新", "社会事务科", None, "10月底前"])
    ws.append(["合计", "2项", None, None, None, None, None])
    for cells in ("A3:A4", "B3:B4", "C3:C4"):
        ws.merge_cells(cells)
    wb.save(tmp_path / "plan.xlsx")
    plans = civstat.read_plan(tmp_path / "plan.xlsx")
    assert plans.tasks["text"].tolist() == ["提升养老服务能力", "深化殡葬改革"]
    assert leads_and_units(plans) == {1: (["养老服务科"], ["计划财务科"]), 2: (["社会事务科"], [])}
    assert plans.tasks["deadline"].tolist() == ["9月底前；11月底前", "10月底前"]
    measures = plans.fields[plans.fields["header"] == "具体措施"]
    assert measures["value"].tolist() == ["新建嵌入式养老服务站4个", "开展养老护理员培训300人次", "完成殡仪馆火化设备更新"]
    problems = plans.problems.set_index("line")["kind"].to_dict()
    assert problems[4] == "inferred"
    assert problems[6] == "unplaced_row"
    assert "numbering" not in problems.values()


def test_excel_dates_and_percentages_read_as_the_sheet_shows_them(tmp_path):
    import datetime

    import openpyxl

    wb = openpyxl.Workbook()
    ws = wb.active
    ws.append(["某区2025年度目标任务清单"])
    ws.append(["序号", "工作任务", "牵头单位", "完成时间", "完成进度"])
    ws.append([1, "建成儿童友好示范社区3个", "区民政局", datetime.datetime(2025, 6, 30), 0.6])
    ws.append([2, "完成区划地名信息库更新", "区民政局", datetime.datetime(2025, 5, 31), 1])
    for row in (3, 4):
        ws.cell(row, 5).number_format = "0%"
    wb.save(tmp_path / "plan.xlsx")
    plans = civstat.read_plan(tmp_path / "plan.xlsx")
    assert plans.tasks["deadline"].tolist() == ["2025年6月30日", "2025年5月31日"]
    assert plans.tasks["progress"].tolist() == ["60%", "100%"]


def test_a_two_row_header_printed_one_cell_a_line(tmp_path):
    # 责任单位 over 牵头单位 | 配合单位: flattened, the upper header is a line with no column
    path = tmp_path / "plan.txt"
    path.write_text("""\
某区2024年重点任务第三季度进展情况
序号
任务内容
责任单位
牵头单位
配合单位
完成时限
1-9月完成情况
1
新建城市书房5个
区文旅局
区财政局
10月底前
已建成4个
2
完成棚户区改造400户
区住建局
各街道
12月底前
完成签约310户
""", encoding="utf-8")
    plans = civstat.read_plan(path)
    assert leads_and_units(plans) == {1: (["区文旅局"], ["区财政局"]), 2: (["区住建局"], ["各街道"])}
    assert plans.tasks["deadline"].tolist() == ["10月底前", "12月底前"]
    assert plans.tasks["progress"].tolist() == ["已建成4个", "完成签约310户"]


def test_a_units_name_wrapped_inside_its_cell_is_joined(tmp_path):
    path = _workbook(tmp_path / "plan.xlsx", [
        ["某区2024年为民办实事项目任务分解表"],
        ["序号", "项目名称", "牵头单位", "配合单位", "完成时限"],
        [1, "实施背街小巷路灯亮化工程", "区城管局", "区供电\n公司", "9月底前"],
        [2, "开展婚俗改革实验区创建工作", "区民政局", "区妇联、团\n区委", "12月底前"],
        [3, "新建社区嵌入式托育点6个", "区卫健局", "区教育局\n区妇联", "10月底前"],
    ])
    plans = civstat.read_plan(path)
    assert leads_and_units(plans) == {1: (["区城管局"], ["区供电公司"]), 2: (["区民政局"], ["区妇联", "团区委"]),
                                      3: (["区卫健局"], ["区教育局", "区妇联"])}
    joined = plans.problems[plans.problems["kind"] == "inferred"]
    assert joined["line"].tolist() == [3, 4]


def test_a_line_of_unit_names_under_each_item_gives_its_units(tmp_path):
    # no label: the line under each item names only units; the issuer's signature under the
    # last item is none of its units
    path = tmp_path / "plan.txt"
    path.write_text("""\
2024年市政府重点工作任务分工
1.新增城镇就业6万人。
市人社局
2.新增养老床位1200张。
市民政局、市卫健委
3.新建生活圈30个。
市商务局、各区县政府
某市人民政府办公室
2024年2月20日
""", encoding="utf-8")
    plans = civstat.read_plan(path)
    assert plans.tasks["text"].tolist() == ["新增城镇就业6万人。", "新增养老床位1200张。", "新建生活圈30个。"]
    units = {seq: sorted(g) for seq, g in plans.assignments.merge(plans.tasks[["task_id", "seq"]])
             .groupby("seq")["name_raw"]}
    assert units == {1: ["市人社局"], 2: ["市卫健委", "市民政局"], 3: ["各区县政府", "市商务局"]}
    inferred = plans.problems[plans.problems["kind"] == "inferred"]
    assert inferred["line"].tolist() == [3, 5, 7]


def test_the_issuer_and_the_period_a_title_names(tmp_path):
    # signed by no one: the office the title opens with issued it; a report's progress column
    # names no period: the title's quarter is the period
    path = tmp_path / "plan.txt"
    path.write_text("""\
2024年青峰市民政局第三季度重点工作任务进展情况
1.新增家庭养老床位1000张。
牵头处室：养老服务处
进展情况：已建设786张。
2.推行低保“掌上办”。
牵头处室：社会救助处
进展情况：已上线运行。
""", encoding="utf-8")
    plans = civstat.read_plan(path)
    assert plans.documents.loc[0, ["issuer", "year"]].tolist() == ["青峰市民政局", 2024]
    assert set(plans.tasks["progress_period"]) == {"第三季度"}
    inferred = plans.problems[plans.problems["kind"] == "inferred"]
    assert len(inferred) == 2
    # a title that opens with no office names no issuer
    path.write_text(path.read_text(encoding="utf-8").replace("2024年青峰市民政局", "关于2024年"), encoding="utf-8")
    assert civstat.read_plan(path).documents.loc[0, "issuer"] == ""


def test_projects_named_by_headings_with_labelled_lines_of_content(tmp_path):
    # 一、 the project's name; 主要内容 / 责任单位 / 时间节点 lines under it
    plans = read(tmp_path, Doc("""\
2024年区民政局重点项目推进计划
一、区养老服务中心建设项目
主要内容：新建区级养老服务中心1处，
床位300张。
责任单位：区民政局（牵头），区住建局
时间节点：12月底前主体完工。
二、智慧救助平台建设项目
主要内容：建设低收入人口动态监测预警平台。
责任单位：区民政局（牵头）
时间节点：9月底前上线试运行。
""", 2))
    assert plans.tasks["title"].tolist() == ["区养老服务中心建设项目", "智慧救助平台建设项目"]
    assert plans.tasks["text"].tolist() == ["新建区级养老服务中心1处，床位300张。", "建设低收入人口动态监测预警平台。"]
    assert plans.tasks["deadline"].tolist() == ["12月底前主体完工。", "9月底前上线试运行。"]
    assert leads_and_units(plans) == {1: (["区民政局"], ["区住建局"]), 2: (["区民政局"], [])}
    assert plans.problems.empty


def test_a_deadline_after_the_leader_in_one_parenthesis_is_no_leader(tmp_path):
    plans = read(tmp_path, Doc("""\
某县民政局2024年重点工作任务分解
1.完成敬老院改造3所。（牵头股室：养老服务股；配合单位：县财政局；分管领导：刘振宇；完成时限：2024年6月底前）
2.推进殡葬改革。（牵头股室：社会事务股；分管领导：刘振宇，时限：全年）
""", 2))
    leaders = plans.assignments[plans.assignments["role"] == "leader"]
    assert leaders["name"].tolist() == ["刘振宇", "刘振宇"]
    assert plans.tasks["deadline"].tolist() == ["2024年6月底前", "全年"]


def test_a_note_under_the_table_that_the_first_unit_leads(tmp_path):
    path = tmp_path / "plan.txt"
    path.write_text("""\
某县2024年重点工作任务分解表
序号\t工作任务\t责任单位\t完成时限
1\t新建农村互助养老服务点20个\t县民政局、县财政局、县住建局\t12月底前
2\t提高城乡低保标准\t县民政局、县财政局\t6月底前
注：责任单位中排在第一位的为牵头单位。
""", encoding="utf-8")
    plans = civstat.read_plan(path)
    assert leads_and_units(plans) == {1: (["县民政局"], ["县财政局", "县住建局"]), 2: (["县民政局"], ["县财政局"])}
    assert (plans.problems["kind"] == "inferred").sum() == 2


def test_of_a_start_and_an_end_the_end_is_the_deadline(tmp_path):
    path = _workbook(tmp_path / "plan.xlsx", [
        ["某区2024年重点项目计划表"],
        ["序号", "项目名称", "责任单位", "启动时间", "完成时间"],
        [1, "新建社区养老服务站5个", "区民政局", "2024年3月", "2024年11月"],
    ])
    plans = civstat.read_plan(path)
    assert plans.tasks["deadline"].tolist() == ["2024年11月"]
    assert plans.fields["value"].tolist() == ["2024年3月"]


@pytest.mark.parametrize("sep", [" | ", "\t"])
def test_section_rows_numbered_一_in_the_序号_column(tmp_path, sep):
    rows = [["序号", "工作任务", "牵头县领导", "责任单位", "完成时限"],
            ["一", "扩大有效需求", "", "", ""],
            ["1", "全年实施重点项目120个", "王刚", "县发改局", "12月底前"],
            ["2", "社会消费品零售总额增长6%", "王刚", "县商务局", "12月底前"],
            ["二", "保障改善民生", "", "", ""],
            ["1", "新增城镇就业3000人", "李明", "县人社局", "12月底前"]]
    path = tmp_path / "plan.txt"
    path.write_text("某县2024年政府工作报告重点任务分解表\n" + "".join(sep.join(r) + "\n" for r in rows),
                    encoding="utf-8")
    plans = civstat.read_plan(path)
    assert plans.tasks["seq"].tolist() == [1, 2, 1]
    assert plans.tasks["section"].tolist() == ["扩大有效需求", "扩大有效需求", "保障改善民生"]
    assert "numbering" not in set(plans.problems["kind"])


def test_a_copied_row_broken_inside_a_cell_and_a_signature_under_the_table(tmp_path):
    path = tmp_path / "plan.txt"
    path.write_text("""\
某区2024年政府工作报告目标任务分解表
序号\t工作任务\t分管区领导\t牵头单位\t配合单位\t完成时限
1\t建成区级公共数据平台，政务数据共享率达到95%
打造政务服务品牌\t陈静\t区数据局\t区政务服务中心\t2024年9月
2\t新增城镇就业5200人\t周丽\t区人社局\t区财政局\t2024年12月
北湖区人民政府办公室
2024年2月28日
""", encoding="utf-8")
    plans = civstat.read_plan(path)
    assert plans.tasks["text"].tolist() == ["建成区级公共数据平台，政务数据共享率达到95%打造政务服务品牌", "新增城镇就业5200人"]
    assert plans.tasks["deadline"].tolist() == ["2024年9月", "2024年12月"]
    assert leads_and_units(plans) == {1: (["区数据局"], ["区政务服务中心"]), 2: (["区人社局"], ["区财政局"])}
    assert plans.documents.loc[0, "issuer"] == "北湖区人民政府"


def test_responsibility_written_as_a_clause_of_the_task(tmp_path):
    plans = read(tmp_path, Doc("""\
某县民政局2024年重点工作安排
1.新建乡镇区域养老服务中心3个，由县民政局牵头，县发改委、县财政局、相关乡镇配合，2024年11月底前完成。
2.实施适老化改造1200户，县民政局牵头，县残联配合。
""", 2))
    assert leads_and_units(plans) == {1: (["县民政局"], ["县发改委", "县财政局", "相关乡镇"]),
                                      2: (["县民政局"], ["县残联"])}
    assert plans.tasks["text"].tolist() == ["新建乡镇区域养老服务中心3个。", "实施适老化改造1200户。"]
    assert plans.tasks["deadline"].tolist() == ["2024年11月底前完成", ""]


def test_a_unit_parenthesis_with_a_report_after_it(tmp_path):
    plans = read(tmp_path, Doc("""\
某县2024年民生实事进展情况
1.新建城区公办幼儿园2所，新增学位720个。（责任单位：县教育局）9月已开园招生。
2.建成县级应急物资储备库（责任单位：县应急管理局），已投入使用。
""", 2))
    assert leads_and_units(plans) == {1: ([], ["县教育局"]), 2: ([], ["县应急管理局"])}
    assert plans.tasks["text"].tolist() == ["新建城区公办幼儿园2所，新增学位720个。", "建成县级应急物资储备库"]
    assert plans.fields["value"].tolist() == ["9月已开园招生", "已投入使用"]
    assert (plans.problems["kind"] == "inferred").sum() == 2


def test_a_web_page_whose_breadcrumb_ends_like_a_title_and_a_township_header(tmp_path):
    path = tmp_path / "plan.html"
    path.write_text("""<html><head><meta charset="utf-8"></head><body>
<div>当前位置：首页 &gt; 信息公开 &gt; 规划计划</div>
<h1>青溪县人民政府办公室关于印发《2024年县政府工作报告重点工作任务责任分解方案》的通知</h1>
<table>
<tr><td>序号</td><td>工作任务</td><td>分管领导</td><td>责任站所</td><td>完成时限</td></tr>
<tr><td>1</td><td>建成镇综治中心</td><td>高丽华</td><td>综治中心、司法所</td><td>6月底前</td></tr>
</table></body></html>""", encoding="utf-8")
    plans = civstat.read_plan(path)
    assert plans.documents.loc[0, "title"].endswith("责任分解方案》的通知")
    assert plans.documents.loc[0, "year"] == 2024
    assert leads_and_units(plans) == {1: (["综治中心", "司法所"], [])}


def test_a_reports_title_above_its_bracketed_date(tmp_path):
    path = tmp_path / "plan.txt"
    path.write_text("""\
桐城县民政局2024年1-6月重点工作推进情况
（截至2024年6月30日）
一、高丽华同志分管工作
1.提高城乡低保标准。
牵头股室：社会救助股
进展情况：已完成调标。
""", encoding="utf-8")
    plans = civstat.read_plan(path)
    assert plans.documents.loc[0, ["title", "issuer", "year"]].tolist() == [
        "桐城县民政局2024年1-6月重点工作推进情况", "桐城县民政局", 2024]
    leaders = plans.assignments[plans.assignments["role"] == "leader"]
    assert leaders["name"].tolist() == ["高丽华"]
    assert plans.tasks["progress_period"].tolist() == ["2024年1-6月"]


def test_a_status_line_a_signing_office_and_units_closed_by_等部门(tmp_path):
    path = tmp_path / "plan.txt"
    path.write_text("""\
某县2024年1-9月重点任务落实情况
1.地区生产总值增长6%。
牵头单位：县发展改革委
配合单位：县统计局、县财政局等部门
进展情况：1-9月同比增长6.1%。
完成状态：正在推进
2.推进城市管理改革。
牵头单位：县住建局会同县城管局
进展情况：已完成机构调整。
完成状态：已完成
某县人民政府督查室
2024年10月12日
""", encoding="utf-8")
    plans = civstat.read_plan(path)
    assert plans.tasks["progress"].tolist() == ["1-9月同比增长6.1%。", "已完成机构调整。"]
    assert plans.fields[plans.fields["field"] == "status"]["value"].tolist() == ["正在推进", "已完成"]
    assert leads_and_units(plans) == {1: (["县发展改革委"], ["县统计局", "县财政局"]), 2: (["县住建局"], ["县城管局"])}
    assert plans.documents.loc[0, "issuer"] == "某县人民政府督查室"


def test_word_content_controls_tracked_insertions_and_a_table_in_a_cell(tmp_path):
    # what Word shows is read: a table inside a content control, a unit typed as a tracked
    # insertion, co-units in a small table inside their cell; a tracked deletion is not shown
    import copy

    import docx
    from docx.oxml import OxmlElement
    from docx.oxml.ns import qn

    document = docx.Document()
    document.add_paragraph("某区民政局2024年重点工作任务分解表")
    table = document.add_table(rows=3, cols=4)
    for row, cells in zip(table.rows, [["序号", "工作任务", "牵头科室", "配合科室"],
                                       ["1", "新建社区养老服务站5个", "养老服务科", "规划财务科"],
                                       ["2", "推进殡葬改革", "社会事务科", ""]], strict=True):
        for cell, text in zip(row.cells, cells, strict=True):
            cell.text = text
    paragraph = table.rows[1].cells[3].paragraphs[0]
    inserted, deleted = OxmlElement("w:ins"), OxmlElement("w:del")
    for mark in (inserted, deleted):
        mark.set(qn("w:id"), "1")
        mark.set(qn("w:author"), "editor")
    run = copy.deepcopy(paragraph.runs[0]._r)
    run.find(qn("w:t")).text = "、区住建局"
    inserted.append(run)
    paragraph._p.append(inserted)
    gone = copy.deepcopy(paragraph.runs[0]._r)
    gone.find(qn("w:t")).tag = qn("w:delText")
    deleted.append(gone)
    paragraph._p.append(deleted)
    inner = table.rows[2].cells[3].add_table(rows=2, cols=1)
    inner.rows[0].cells[0].text = "区划地名科"
    inner.rows[1].cells[0].text = "财务科"
    sdt, content = OxmlElement("w:sdt"), OxmlElement("w:sdtContent")
    table._tbl.addprevious(sdt)
    sdt.append(content)
    content.append(table._tbl)
    document.save(tmp_path / "plan.docx")
    plans = civstat.read_plan(tmp_path / "plan.docx")
    assert leads_and_units(plans) == {1: (["养老服务科"], ["规划财务科", "区住建局"]),
                                      2: (["社会事务科"], ["区划地名科", "财务科"])}


def test_a_title_whose_office_is_a_paragraph_of_its_own(tmp_path):
    path = tmp_path / "plan.txt"
    path.write_text("桐城县民政局\n2024年重点工作推进情况\n1.提高城乡低保标准。\n牵头股室：社会救助股\n", encoding="utf-8")
    plans = civstat.read_plan(path)
    assert plans.documents.loc[0, ["title", "issuer", "year"]].tolist() == [
        "桐城县民政局2024年重点工作推进情况", "桐城县民政局", 2024]


def test_offices_printed_with_no_separator_are_split_where_each_names_its_level(tmp_path):
    # a PDF's narrow cell loses the line breaks between its units
    path = tmp_path / "plan.txt"
    path.write_text("""\
某县民政局2024年重点工作任务分解表
序号 | 工作任务 | 牵头股室 | 配合单位
1 | 提高城乡低保标准 | 社会救助股 | 县医保局县人社局各乡镇人民政府
2 | 推进基层治理 | 基层政权股 | 县政府各部门
""", encoding="utf-8")
    plans = civstat.read_plan(path, issuer="某县民政局")
    assert leads_and_units(plans) == {1: (["社会救助股"], ["县医保局", "县人社局", "各乡镇人民政府"]),
                                      2: (["基层政权股"], ["县政府各部门"])}
    inferred = plans.problems[plans.problems["kind"] == "inferred"]
    assert inferred["line"].tolist() == [3]
