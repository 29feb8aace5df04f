"""The reader's small parts, each on a table of cases: header words, labels, cell kinds,
item numbers, alignment of cells to columns, names."""

from __future__ import annotations

import pytest

from civstat.read.align import align
from civstat.read.content import kind_of
from civstat.read.headers import field_of, label_of, period_of
from civstat.read.labels import heading_units, split_inline_labels, split_unit_parenthesis
from civstat.read.layouts import is_list_line
from civstat.read.names import drop_remark, split_names
from civstat.read.numbering import parse_number, seq_cell


@pytest.mark.parametrize(("header", "field"), [
    ("序号", "seq"), ("序 号", "seq"), ("编号", "seq"),
    ("工作任务", "text"), ("民生实事", "text"), ("项目内容", "text"), ("督查内容", "text"), ("具体事项", "text"),
    ("项目名称", "title"), ("民生事项名称", "title"),
    ("一季度目标", "goal"), ("2022年度任务目标", "goal"), ("工作目标及要求", "goal"),
    ("分管领导", "leader"), ("责任领导", "leader"), ("牵头负责领导", "leader"), ("分管市领导", "leader"),
    ("项目负责人", "leader"), ("分\n管\n领\n导", "leader"),
    ("牵头单位", "lead_division"), ("牵头责任单位", "lead_division"), ("主责部门", "lead_division"),
    ("牵 头 科 室", "lead_division"),
    ("配合单位", "division"), ("协同责任单位", "division"), ("业主单位", "division"), ("参与部门", "division"),
    ("责任处室（单位）", "division"),
    ("完成时限", "deadline"), ("时间节点", "deadline"), ("完成期限", "deadline"),
    ("进展情况", "progress"), ("当前进度", "progress"), ("落实情况（全年）", "progress"),
    ("1-11月完成情况", "progress"), ("进展情况、存在问题及下一步打算", "progress"),
    ("完成状态", "status"), ("备注", "note"), ("监督电话", "contact"), ("类别", "section"),
    ("项目数量", "count"), ("工作措施", "measures"),
    ("前期手续", None), ("刘福利", None), ("县民政局", None), ("养老服务科（儿童福利科）", None),
    ("完成2所学校建设。", None), ("区管领导班子综合考核获得优秀等次", None),
])
def test_field_of(header, field):
    assert field_of(header) == field


@pytest.mark.parametrize(("header", "period"), [
    ("一季度目标", "一季度"), ("1-9月份工作完成情况", "1-9月份"), ("上半年落实情况", "上半年"),
    ("落实情况（全年）", "全年"), ("本月进展情况", "本月"), ("进展情况", ""),
])
def test_period_of(header, period):
    assert period_of(header) == period


@pytest.mark.parametrize(("line", "expected"), [
    ("牵头负责领导：金力。", ("leader", "金力。")),
    ("牵头责任单位:市财政局。", ("city_lead", "市财政局。")),
    ("协同责任单位：市税务局、市人行", ("city_unit", "市税务局、市人行")),
    ("配合部门：市教育局", ("city_unit", "市教育局")),
    ("进展情况：已完成", None), ("下步打算：加快进度", None), ("其中：市本级3个", None),
    ("养老服务牵头单位：市民政局", None),
])
def test_label_of(line, expected):
    assert label_of(line) == expected


@pytest.mark.parametrize(("cell", "kind"), [
    ("李超", "person"), ("李  超", "person"), ("周利宏 张文娟", "person"), ("欧阳明", "person"),
    ("县民政局", "unit"), ("市发改委、市农业农村局等。", "unit"), ("区城管局 区水投", "unit"),
    ("养老服务科 （儿童福利科）", "unit"), ("市政府各部门、各直属机构。", "unit"), ("市林业局。", "unit"),
    ("12月底前", "date"), ("全年", "date"), ("5月底前动工", "date"), ("第三季度", "date"), ("2024.12", "date"),
    ("李超（副局长）", "person"),
    ("95%", "percent"), ("80%（进度滞后）", "percent"),
    ("迁建县政务服务中心。", "text"), ("新建社区老年人服务中心70个，覆盖全部街道。", "text"),
    ("已完成", "short"), ("顺利推进", "short"), ("市生态", "short"), ("", "empty"),
])
def test_kind_of(cell, kind):
    assert kind_of(cell) == kind


@pytest.mark.parametrize(("text", "style", "value", "rest"), [
    ("一、加强养老服务", "cn", 1, "加强养老服务"), ("（三）发挥社会保障作用", "pcn", 3, "发挥社会保障作用"),
    ("(十二)推进改革", "pcn", 12, "推进改革"), ("1.完成改造", "ar", 1, "完成改造"),
    ("12、新建站点", "ar", 12, "新建站点"), ("3．推进", "ar", 3, "推进"), ("（2）落实补贴", "par", 2, "落实补贴"),
    ("②开展培训", "circ", 2, "开展培训"), ("第一，强化保障", "di", 1, "强化保障"),
    ("第三部分 工作任务", "di", 3, "工作任务"), ("二是健全机制", "shi", 2, "健全机制"),
    ("*5、推进试点", "ar", 5, "推进试点"),
])
def test_parse_number(text, style, value, rest):
    number = parse_number(text)
    assert (number.style, number.value, number.rest) == (style, value, rest)


@pytest.mark.parametrize("text", ["2023年工作要点", "第一名金寨县", "一季度目标", "12月底前", "5G网络"])
def test_not_a_number(text):
    assert parse_number(text) is None


def test_number_followed_by_digits_is_ambiguous():
    assert parse_number("7.5G网络覆盖全部乡镇").ambiguous
    assert parse_number("3.1000户完成改造").value == 3


@pytest.mark.parametrize(("cell", "value"), [("1", 1), ("*3", 3), ("3*", 3), ("一", 1), ("（二）", 2), ("⑤", 5)])
def test_seq_cell(cell, value):
    assert seq_cell(cell).value == value


@pytest.mark.parametrize("cell", ["3个", "1.5", "2023", "一季度"])
def test_not_a_seq_cell(cell):
    assert seq_cell(cell) is None


@pytest.mark.parametrize(("line", "listing"), [
    ("1、金寨县；2、裕安区；3、霍山县。", True), ("1.完成改造2000户，新建站点30个。", False),
    ("1、推进2项改革，3个试点", False),
])
def test_list_line(line, listing):
    assert is_list_line(parse_number(line)) is listing


@pytest.mark.parametrize(("kinds", "fields", "columns"), [
    (["text", "unit", "unit", "unit", "date"], ["text", "division", "deadline"], [0, 1, 1, 1, 2]),
    (["text", "short", "unit", "text"], ["title", "division", "progress"], [0, 1, 1, 2]),
    (["text", "unit", "person"], ["section", "text", "goal", "division", "leader"], [1, 3, 4]),
    (["text", "person", "unit", "date"], ["text", "leader", "division", "deadline"], [0, 1, 2, 3]),
    (["text", "percent", "unit", "short"], ["text", "progress", "lead_division", "note"], [0, 1, 2, 3]),
])
def test_align(kinds, fields, columns):
    assert align(kinds, fields).columns == columns


def test_align_without_merging_skips_a_column():
    # a pipe row "text | A、B | C" under 工作 | 配合 | 领导 | 牵头: the leader cell was merged away
    assert align(["text", "unit", "unit"], ["text", "division", "leader", "lead_division"],
                 merge=False).columns == [0, 1, 3]


@pytest.mark.parametrize(("text", "rest", "pairs"), [
    ("加强监管。（牵头单位：市市场监管局；配合单位：市公安局）", "加强监管。",
     [("city_lead", "市市场监管局"), ("city_unit", "市公安局")]),
    ("加强监管。(牵头单位:市市场监管局,配合单位:市公安局、市商务局)", "加强监管。",
     [("city_lead", "市市场监管局"), ("city_unit", "市公安局、市商务局")]),
    ("推进改造。【市住建局牵头，各区政府负责落实】", "推进改造。",
     [("city_lead", "市住建局"), ("city_unit", "各区政府")]),
    ("落实补贴。（市财政局负责）", "落实补贴。", [("city_unit", "市财政局")]),
    # the note is taken out; the plan applies it to this task and those after (reader)
    ("开展整治。（责任单位：市民政局、市公安局，列第一位者为牵头单位）", "开展整治。",
     [("city_unit", "市民政局、市公安局")]),
    ("提升供养服务设施（敬老院）", "提升供养服务设施（敬老院）", []),
    ("推进社区食堂建设（市民政局、市商务局）", "推进社区食堂建设", [("city_unit", "市民政局、市商务局")]),
])
def test_split_unit_parenthesis(text, rest, pairs):
    got_rest, got_pairs, unclosed = split_unit_parenthesis(text)
    assert (got_rest, got_pairs, unclosed) == (rest, pairs, False)


@pytest.mark.parametrize(("text", "expected"), [
    ("技能培训提升，牵头单位：市退役军人局。其中，叶集区较慢。",
     ("技能培训提升", [("city_lead", "市退役军人局")], "其中，叶集区较慢。")),
    ("棚户区改造，牵头部门：市住建委。", ("棚户区改造", [("city_lead", "市住建委")], "")),
    ("落实进展情况：已完成", ("落实进展情况：已完成", [], "")),
])
def test_split_inline_labels(text, expected):
    assert split_inline_labels(text) == expected


@pytest.mark.parametrize(("heading", "units"), [
    ("一、县示范区管委会牵头工作（8项）", [("city_lead", "县示范区管委会")]),
    ("二、市民政局牵头任务", [("city_lead", "市民政局")]),
    ("三、加强基层治理", []), ("一、牵头工作", []),
    # a heading naming the leader in charge of its tasks
    ("一、王纲市长主抓重点工作", [("leader", "王纲")]),
    ("（二）欧阳明常务副县长分管工作（6项）", [("leader", "欧阳明")]),
    ("三、张晓燕副主任负责事项", [("leader", "张晓燕")]),
    ("二、常务副市长主抓重点工作", []),             # a title, no person
    ("四、加快市长江经济带建设", []),
])
def test_heading_units(heading, units):
    assert heading_units(heading) == units


@pytest.mark.parametrize(("cell", "names"), [
    ("市经信局、市商务局、中新苏滁高新区管委会等，各县、市、区政府。",
     ["市经信局", "市商务局", "中新苏滁高新区管委会", "各县、市、区政府"]),
    ("市发改委、市税务局、六安供电公司等。", ["市发改委", "市税务局", "六安供电公司"]),
    ("区城管局 区水投", ["区城管局", "区水投"]),
    ("金力。", ["金力"]),
])
def test_split_names(cell, names):
    assert split_names(cell) == names


@pytest.mark.parametrize(("name", "kept"), [
    ("区教体局（区国资公司代建）", "区教体局"), ("南昌市政大道房地产有限公司（开发商配建学校项目）", "南昌市政大道房地产有限公司"),
    ("养老服务科（儿童福利科）", "养老服务科（儿童福利科）"), ("政策法规处（局信息中心）", "政策法规处（局信息中心）"),
])
def test_drop_remark(name, kept):
    assert drop_remark(name) == kept
