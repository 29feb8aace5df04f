"""Layout variants: small invented plans the reader has never seen.

Each document below is written out in full, as a literal, in one of the three
layouts civstat reads (a Word table flattened to text, a web page's pipe table, a
numbered list). The expected tables are derived by hand from the document itself,
so these tests check that the reader generalises beyond the five bundled plans.

Conventions of the expectations:

* tasks: ``(section, seq, lead, text)`` in document order;
* assignments: ``(n, role, name)`` or ``(n, role, name, name_raw)`` where ``n`` is the
  task's position in the tasks table (1-based); compared as sorted lists;
* problems: ``(fragment, kind)`` where ``fragment`` identifies the document line the
  problem must point at (the unique line containing it).
"""

from __future__ import annotations

from dataclasses import dataclass, field

import pandas as pd
import pytest

import civstat

ISSUER = "某市民政局"
YEAR = 2024


# --- helpers -------------------------------------------------------------------------------


def write_doc(tmp_path, text: str, name: str = "plan.txt"):
    """Write a test document as UTF-8 text and return its path."""
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return path


def read_doc(tmp_path, text: str, *, issuer: str = ISSUER, name: str = "plan.txt"):
    return civstat.read_plan(write_doc(tmp_path, text, name), issuer=issuer, year=YEAR)


def line_of(doc: str, fragment: str) -> int:
    """The number (1-based) of the one line of ``doc`` that contains ``fragment``."""
    hits = [no for no, line in enumerate(doc.split("\n"), 1) if fragment in line]
    assert len(hits) == 1, f"fragment {fragment!r} is on lines {hits}, expected exactly one"
    return hits[0]


def task_rows(plans, columns=("section", "seq", "lead", "text")) -> list[tuple]:
    return [tuple(row) for row in plans.tasks[list(columns)].itertuples(index=False)]


def assignment_rows(plans) -> list[tuple]:
    position = {task_id: n for n, task_id in enumerate(plans.tasks["task_id"], 1)}
    return sorted(
        (position.get(r.task_id, 0), r.role, r.name, r.name_raw) for r in plans.assignments.itertuples()
    )


def expected_assignments(rows) -> list[tuple]:
    return sorted((r[0], r[1], r[2], r[3] if len(r) > 3 else r[2]) for r in rows)


def problem_rows(plans) -> list[tuple]:
    return sorted((int(r.line), r.kind) for r in plans.problems.itertuples())


@dataclass(frozen=True)
class Case:
    doc: str
    layout: str
    tasks: list[tuple]
    assignments: list[tuple]
    problems: list[tuple] = ()
    issuer: str = ISSUER
    columns: dict = field(default_factory=dict)  # other task columns, e.g. {"goal": [...]}


# =============================================================================================
# 1. ASCII instead of full-width punctuation
# =============================================================================================

WORD_ASCII = """\
2024年市民政局重点工作任务责任分解方案

\t序号
\t工作事项
\t分管领导
\t牵头处室
\t责任处室

\t*1
\t提高城乡低保标准,完善低保边缘家庭认定办法。(牵头单位:市民政局;责任单位:市财政局,市人社局)
\t王建国
\t社会救助处
\t市低保中心

\t2
\t推进社区养老服务设施建设,新建社区老年人服务中心(站)20个。(牵头单位:市住房保障局;责任单位:市民政局)
\t刘芳
\t养老服务处
\t

\t*3
\t加强困境儿童关爱保护。(责任单位:市民政局,各区人民政府)
\t刘芳
\t儿童福利处
\t
"""

PIPE_ASCII = """\
2024年区民政局重点工作任务清单 | |||
序号 | 工作任务 | 分管领导 | 牵头科室 |
1 | 落实特困人员救助供养制度,提高集中供养能力。(牵头单位: 区民政局; 责任单位: 区财政局, 区卫健委) | 陈静 | 社会救助科 |
2 | 开展婚姻登记“跨省通办”试点。(责任单位: 区民政局) | 陈静 | 社会事务科 |
3 | 规范社会组织登记管理,开展年度检查。 | 赵磊 | 社会组织管理科 |
"""

LIST_ASCII = """\
2024年某市民政局重点工作任务清单

1.健全社会救助体系,加强低收入人口动态监测。(牵头单位:市民政局;责任单位:市财政局,市医保局)
2.推进居家和社区养老服务改革,新增家庭养老床位500张。(责任单位:市民政局、市卫健委)
3.深化殡葬改革,推进节地生态安葬。(牵头单位:市民政局;责任单位:市自然资源规划局,各区人民政府)
"""

ASCII_CASES = [
    pytest.param(Case(
        WORD_ASCII, "word_table",
        [("", 1, True, "提高城乡低保标准，完善低保边缘家庭认定办法。"),
         ("", 2, False, "推进社区养老服务设施建设，新建社区老年人服务中心（站）20个。"),
         ("", 3, True, "加强困境儿童关爱保护。")],
        [(1, "leader", "王建国"), (1, "lead_division", "社会救助处"), (1, "division", "市低保中心"),
         (1, "city_lead", "市民政局"), (1, "city_unit", "市财政局"),
         (1, "city_unit", "市人力资源社会保障局", "市人社局"),
         (2, "leader", "刘芳"), (2, "lead_division", "养老服务处"),
         (2, "city_lead", "市住房保障局"), (2, "city_unit", "市民政局"),
         (3, "leader", "刘芳"), (3, "lead_division", "儿童福利处"),
         (3, "city_unit", "市民政局"), (3, "city_unit", "各区人民政府")],
    ), id="ascii-word"),
    pytest.param(Case(
        PIPE_ASCII, "pipe_table",
        [("", 1, False, "落实特困人员救助供养制度，提高集中供养能力。"),
         ("", 2, False, "开展婚姻登记“跨省通办”试点。"),
         ("", 3, False, "规范社会组织登记管理，开展年度检查。")],
        [(1, "leader", "陈静"), (1, "lead_division", "社会救助科"),
         (1, "city_lead", "区民政局"), (1, "city_unit", "区财政局"), (1, "city_unit", "区卫健委"),
         (2, "leader", "陈静"), (2, "lead_division", "社会事务科"), (2, "city_unit", "区民政局"),
         (3, "leader", "赵磊"), (3, "lead_division", "社会组织管理科")],
    ), id="ascii-pipe-with-spaces"),
    pytest.param(Case(
        LIST_ASCII, "numbered_list",
        [("", 1, False, "健全社会救助体系，加强低收入人口动态监测。"),
         ("", 2, False, "推进居家和社区养老服务改革，新增家庭养老床位500张。"),
         ("", 3, False, "深化殡葬改革，推进节地生态安葬。")],
        [(1, "city_lead", "市民政局"), (1, "city_unit", "市财政局"),
         (1, "city_unit", "市医疗保障局", "市医保局"),
         (2, "city_unit", "市民政局"), (2, "city_unit", "市卫生健康委", "市卫健委"),
         (3, "city_lead", "市民政局"), (3, "city_unit", "市自然资源和规划局", "市自然资源规划局"),
         (3, "city_unit", "各区人民政府")],
    ), id="ascii-list"),
]

# =============================================================================================
# 2. letter-spaced names and headers
# =============================================================================================

WORD_SPACED = """\
2024年市民政局重点工作任务责任分解方案

\t序  号
\t工 作 事 项
\t分 管 领 导
\t牵 头 处 室
\t责 任 处 室

\t1
\t提高城乡低保保障水平。（责任单位：市民政局）
\t李  超
\t社会救助处
\t市低保中心

\t2
\t推进养老服务设施建设。（责任单位：市民政局、各区人民政府）
\t邓永付
\t养老服务处
\t

\t3
\t加强儿童福利机构建设。（牵头单位：市民政局；责任单位：市财政局）
\t王  芳
\t儿童福利处
\t
"""

PIPE_SPACED = """\
序  号 | 工 作 任 务 | 分 管 领 导 | 牵 头 科 室 |
1 | 完善农村留守儿童关爱服务体系。 | 刘  洋 | 儿童福利科 |
2 | 提升养老机构服务质量。 | 张 伟 | 养老服务科 |
3 | 推进婚俗改革。 | 孙国庆 | 社会事务科 |
"""

# a letter-spaced two-character name next to a three-character one in the same cell
WORD_SPACED_PAIR = """\
\t序号
\t工作事项
\t分管领导
\t牵头处室

\t1
\t推进未成年人保护工作站建设。
\t周利宏 王  芳
\t儿童福利处

\t2
\t开展社区工作者能力提升培训。
\t张  伟 孙家同
\t基层政权建设处
"""

PIPE_SPACED_PAIR = """\
序号 | 工作任务 | 分管领导 | 牵头科室 |
1 | 推进未成年人保护工作站建设。 | 周利宏 王  芳 | 儿童福利科 |
2 | 开展社区工作者能力提升培训。 | 张  伟 孙家同 | 基层政权建设科 |
"""

SPACED_CASES = [
    pytest.param(Case(
        WORD_SPACED, "word_table",
        [("", 1, False, "提高城乡低保保障水平。"),
         ("", 2, False, "推进养老服务设施建设。"),
         ("", 3, False, "加强儿童福利机构建设。")],
        [(1, "leader", "李超"), (1, "lead_division", "社会救助处"), (1, "division", "市低保中心"),
         (1, "city_unit", "市民政局"),
         (2, "leader", "邓永付"), (2, "lead_division", "养老服务处"),
         (2, "city_unit", "市民政局"), (2, "city_unit", "各区人民政府"),
         (3, "leader", "王芳"), (3, "lead_division", "儿童福利处"),
         (3, "city_lead", "市民政局"), (3, "city_unit", "市财政局")],
    ), id="spaced-word"),
    pytest.param(Case(
        PIPE_SPACED, "pipe_table",
        [("", 1, False, "完善农村留守儿童关爱服务体系。"),
         ("", 2, False, "提升养老机构服务质量。"),
         ("", 3, False, "推进婚俗改革。")],
        [(1, "leader", "刘洋"), (1, "lead_division", "儿童福利科"),
         (2, "leader", "张伟"), (2, "lead_division", "养老服务科"),
         (3, "leader", "孙国庆"), (3, "lead_division", "社会事务科")],
    ), id="spaced-pipe"),
    pytest.param(Case(
        WORD_SPACED_PAIR, "word_table",
        [("", 1, False, "推进未成年人保护工作站建设。"),
         ("", 2, False, "开展社区工作者能力提升培训。")],
        [(1, "leader", "周利宏"), (1, "leader", "王芳"), (1, "lead_division", "儿童福利处"),
         (2, "leader", "张伟"), (2, "leader", "孙家同"), (2, "lead_division", "基层政权建设处")],
    ), id="spaced-name-beside-another-word"),
    pytest.param(Case(
        PIPE_SPACED_PAIR, "pipe_table",
        [("", 1, False, "推进未成年人保护工作站建设。"),
         ("", 2, False, "开展社区工作者能力提升培训。")],
        [(1, "leader", "周利宏"), (1, "leader", "王芳"), (1, "lead_division", "儿童福利科"),
         (2, "leader", "张伟"), (2, "leader", "孙家同"), (2, "lead_division", "基层政权建设科")],
    ), id="spaced-name-beside-another-pipe"),
]

# =============================================================================================
# 3. other header words for the same roles
# =============================================================================================

# 牵头领导 -> leader, 牵头单位 (column) -> lead_division, 配合单位 (column) -> division
PIPE_HEADERS = """\
2024年县民政局重点工作任务分解表 | ||||
序号 | 工作任务 | 牵头领导 | 牵头单位 | 配合单位 |
1 | 推进县级社会福利中心建设。 | 何建华 | 养老服务股 | 规划财务股 |
2 | 开展困难群众走访慰问。 | 何建华 | 社会救助股 | 县低保中心 |
3 | 推进区划地名信息化建设。 | 马丽 | 区划地名股 |  |
"""

# 分管县领导 -> leader, 牵头责任单位 -> lead_division, 主要协作单位 -> division
WORD_HEADERS = """\
2024年县民政局重点工作任务清单

\t序号
\t重点任务
\t分管县领导
\t牵头责任单位
\t主要协作单位

\t1
\t完成县殡仪馆改扩建工程。
\t周志强
\t县民政局
\t县发展改革委、县财政局

\t2
\t提升县社会福利院护理型床位占比。
\t周志强
\t县民政局
\t县卫生健康委

\t3
\t开展第二次全国地名普查成果转化利用。
\t吴红梅
\t县自然资源局
\t县民政局
"""

# only ONE responsibility column (责任单位): it is the lead
PIPE_ONE_UNIT = """\
序号 | 工作事项 | 分管领导 | 责任单位 |
1 | 推进社区工作者职业体系建设。 | 林涛 | 基层政权建设科 |
2 | 开展养老服务消费券发放试点。 | 林涛 | 养老服务科 规划财务科 |
3 | 落实困难残疾人生活补贴和重度残疾人护理补贴。 | 黄敏 | 社会福利科 |
"""

# only ONE responsibility column (责任科室), with a short task name and a goal column
WORD_ONE_SECTION_OFFICE = """\
\t序号
\t重点工作
\t工作目标
\t牵头领导
\t责任科室

\t1
\t推进养老服务体系建设
\t新建街道综合养老服务中心2个，新增护理型床位100张。
\t刘谋
\t养老服务科

\t2
\t加强流浪乞讨人员救助管理
\t开展“寒冬送温暖”专项救助行动，确保救助管理机构安全运行。
\t周宏
\t社会救助科 社会事务科
"""

# 牵头单位 and 责任单位 as table columns (no leader column); names run together
# ("市财政局市发改委": 市财政局 is printed separately, 市发改委 is in aliases.csv)
WORD_UNIT_COLUMNS = """\
\t序号
\t工作任务
\t牵头单位
\t责任单位

\t1
\t完善城乡低保标准动态调整机制。
\t市民政局
\t市财政局、市人社局

\t2
\t推进养老服务领域价格监管。
\t市民政局
\t市财政局市发改委
"""

HEADER_CASES = [
    pytest.param(Case(
        PIPE_HEADERS, "pipe_table",
        [("", 1, False, "推进县级社会福利中心建设。"),
         ("", 2, False, "开展困难群众走访慰问。"),
         ("", 3, False, "推进区划地名信息化建设。")],
        [(1, "leader", "何建华"), (1, "lead_division", "养老服务股"), (1, "division", "规划财务股"),
         (2, "leader", "何建华"), (2, "lead_division", "社会救助股"), (2, "division", "县低保中心"),
         (3, "leader", "马丽"), (3, "lead_division", "区划地名股")],
    ), id="headers-牵头领导-牵头单位-配合单位"),
    pytest.param(Case(
        WORD_HEADERS, "word_table",
        [("", 1, False, "完成县殡仪馆改扩建工程。"),
         ("", 2, False, "提升县社会福利院护理型床位占比。"),
         ("", 3, False, "开展第二次全国地名普查成果转化利用。")],
        [(1, "leader", "周志强"), (1, "lead_division", "县民政局"),
         (1, "division", "县发展改革委"), (1, "division", "县财政局"),
         (2, "leader", "周志强"), (2, "lead_division", "县民政局"), (2, "division", "县卫生健康委"),
         (3, "leader", "吴红梅"), (3, "lead_division", "县自然资源局"), (3, "division", "县民政局")],
    ), id="headers-分管县领导-牵头责任单位-主要协作单位"),
    pytest.param(Case(
        PIPE_ONE_UNIT, "pipe_table",
        [("", 1, False, "推进社区工作者职业体系建设。"),
         ("", 2, False, "开展养老服务消费券发放试点。"),
         ("", 3, False, "落实困难残疾人生活补贴和重度残疾人护理补贴。")],
        [(1, "leader", "林涛"), (1, "lead_division", "基层政权建设科"),
         (2, "leader", "林涛"), (2, "lead_division", "养老服务科"), (2, "lead_division", "规划财务科"),
         (3, "leader", "黄敏"), (3, "lead_division", "社会福利科")],
    ), id="headers-only-责任单位"),
    pytest.param(Case(
        WORD_ONE_SECTION_OFFICE, "word_table",
        [("", 1, False, "推进养老服务体系建设"),
         ("", 2, False, "加强流浪乞讨人员救助管理")],
        [(1, "leader", "刘谋"), (1, "lead_division", "养老服务科"),
         (2, "leader", "周宏"), (2, "lead_division", "社会救助科"), (2, "lead_division", "社会事务科")],
        columns={"title": ["推进养老服务体系建设", "加强流浪乞讨人员救助管理"],
                 "goal": ["新建街道综合养老服务中心2个，新增护理型床位100张。",
                          "开展“寒冬送温暖”专项救助行动，确保救助管理机构安全运行。"]},
    ), id="headers-only-责任科室-with-goal"),
    pytest.param(Case(
        WORD_UNIT_COLUMNS, "word_table",
        [("", 1, False, "完善城乡低保标准动态调整机制。"),
         ("", 2, False, "推进养老服务领域价格监管。")],
        [(1, "lead_division", "市民政局"), (1, "division", "市财政局"),
         (1, "division", "市人力资源社会保障局", "市人社局"),
         (2, "lead_division", "市民政局"), (2, "division", "市财政局"),
         (2, "division", "市发展改革委", "市发改委")],
    ), id="headers-牵头单位-责任单位-columns"),
]

# =============================================================================================
# 4. labelled lines after items of a numbered list
# =============================================================================================

LIST_LABELS = """\
2024年某市民政局重点工作任务清单

一、兜底保障
1.提高城乡低保和特困人员供养标准，确保按时足额发放。
分管领导：李超
牵头处室：社会救助处
2.开展低收入人口动态监测，完善常态化救助帮扶机制。
分管领导：李  超
牵头处室：社会救助处
配合单位：市低保中心
二、养老服务
3.新建社区老年人服务中心（站）30个。
牵头单位：市民政局
责任单位：市财政局、各区人民政府
分管领导：邓永付
4.加强养老机构安全管理。（责任单位：市民政局）
分管领导:邓永付
牵头处室:养老服务处
"""

# the same, as web pages often give it: a blank line between paragraphs
LIST_LABELS_SPACED_PARAGRAPHS = """\
2024年某市民政局重点工作任务清单

1.推进社会组织党建工作“两个覆盖”。

分管领导：张伟

牵头处室：社会组织管理处

2.开展“五社联动”社区治理试点。（责任单位：市民政局、各区人民政府）

分管领导：张伟

牵头处室：基层政权建设处
"""

# an item's text wrapped over two lines, then its labelled lines
LIST_LABELS_WRAPPED = """\
2024年某市民政局重点工作任务清单

1.完善特困人员救助供养制度，提升县级特困人员供养服务设施（敬老院）
集中照护能力。
分管领导：李超
牵头处室：社会救助处
2.推进区划地名公共服务建设。
分管领导：孙家同
牵头处室：区划地名处
"""

# a circular whose requirements are numbered, then the plan as a numbered list
LIST_CIRCULAR = """\
某市民政局关于印发2024年重点工作任务清单的通知

局机关各处室、局属各单位：
现将《2024年某市民政局重点工作任务清单》印发给你们，并就有关事项通知如下：
1.高度重视，把重点工作任务落实作为全年工作的重中之重。
2.按时报送，请于每季度结束后5日内报送工作进展情况。

某市民政局
2024年3月1日

附件

2024年某市民政局重点工作任务清单

1.提高城乡低保保障标准。（牵头单位：市民政局；责任单位：市财政局）
2.推进养老服务综合监管。（责任单位：市民政局、市市场监管局）
3.推进婚姻登记“跨省通办”。（牵头单位：市民政局）
"""

LABEL_CASES = [
    pytest.param(Case(
        LIST_LABELS_WRAPPED, "numbered_list",
        [("", 1, False, "完善特困人员救助供养制度，提升县级特困人员供养服务设施（敬老院）集中照护能力。"),
         ("", 2, False, "推进区划地名公共服务建设。")],
        [(1, "leader", "李超"), (1, "lead_division", "社会救助处"),
         (2, "leader", "孙家同"), (2, "lead_division", "区划地名处")],
    ), id="labels-list-wrapped-item"),
    pytest.param(Case(
        LIST_CIRCULAR, "numbered_list",
        [("", 1, False, "提高城乡低保保障标准。"),
         ("", 2, False, "推进养老服务综合监管。"),
         ("", 3, False, "推进婚姻登记“跨省通办”。")],
        [(1, "city_lead", "市民政局"), (1, "city_unit", "市财政局"),
         (2, "city_unit", "市民政局"), (2, "city_unit", "市市场监管局"),
         (3, "city_lead", "市民政局")],
        # the circular's numbered paragraphs are numbered items of the document: they are
        # reported (not silently dropped) as the circular's, and are not tasks
        problems=[("1.高度重视", "circular_item"), ("2.按时报送", "circular_item")],
    ), id="circular-with-numbered-requirements-list"),
    pytest.param(Case(
        LIST_LABELS, "numbered_list",
        [("兜底保障", 1, False, "提高城乡低保和特困人员供养标准，确保按时足额发放。"),
         ("兜底保障", 2, False, "开展低收入人口动态监测，完善常态化救助帮扶机制。"),
         ("养老服务", 3, False, "新建社区老年人服务中心（站）30个。"),
         ("养老服务", 4, False, "加强养老机构安全管理。")],
        [(1, "leader", "李超"), (1, "lead_division", "社会救助处"),
         (2, "leader", "李超"), (2, "lead_division", "社会救助处"), (2, "city_unit", "市低保中心"),
         (3, "city_lead", "市民政局"), (3, "city_unit", "市财政局"), (3, "city_unit", "各区人民政府"),
         (3, "leader", "邓永付"),
         (4, "city_unit", "市民政局"), (4, "leader", "邓永付"), (4, "lead_division", "养老服务处")],
    ), id="labels-list"),
    pytest.param(Case(
        LIST_LABELS_SPACED_PARAGRAPHS, "numbered_list",
        [("", 1, False, "推进社会组织党建工作“两个覆盖”。"),
         ("", 2, False, "开展“五社联动”社区治理试点。")],
        [(1, "leader", "张伟"), (1, "lead_division", "社会组织管理处"),
         (2, "city_unit", "市民政局"), (2, "city_unit", "各区人民政府"),
         (2, "leader", "张伟"), (2, "lead_division", "基层政权建设处")],
    ), id="labels-list-blank-line-between-paragraphs"),
]

# =============================================================================================
# 5. two names in one cell split by spaces; 6. names run together
# =============================================================================================

WORD_TWO_NAMES = """\
\t序号
\t工作事项
\t分管领导
\t牵头处室
\t责任处室

\t1
\t推进社会救助和社会福利政策衔接。
\t周利宏 张文娟
\t社会救助处
\t社会事务处 儿童福利处

\t2
\t加强基层政权建设和社区治理。
\t张文娟\u3000刘谋瑜
\t基层政权建设处
\t
"""

PIPE_TWO_NAMES = """\
序号 | 重点工作事项 | 分管领导 | 责任科室 |
1 | 完善办事公开制度 | 周利宏 张文娟 | 慈善事业促进和社会工作科 社会组织管理局 |
2 | 发展养老事业和养老产业 | 刘谋瑜 谭朝晖 | 养老服务科 (儿童福利科) 区社会福利院 |
"""

# names run together; each piece is printed separately elsewhere in the document
WORD_RUN_TOGETHER = """\
\t序号
\t工作事项
\t分管领导
\t牵头处室
\t责任处室

\t1
\t统筹推进城乡社会救助体系建设。
\t李超
\t社会救助处
\t市低保中心

\t2
\t推进殡葬服务设施建设。
\t谭朝晖
\t社会事务处
\t养老服务处

\t3
\t实施特殊困难老年人探访关爱。
\t邓永付
\t社会救助处
\t社会事务处养老服务处市低保中心

\t4
\t做好殡葬领域突出问题整治。
\t谭朝晖
\t社会事务处
\t社会事务处殡葬管理所
"""

# names run together; each piece is in civstat/data/aliases.csv (Wuhan short forms)
WORD_RUN_TOGETHER_ALIASES = """\
\t序号
\t工作事项
\t分管领导
\t牵头处室
\t责任处室

\t1
\t推进城乡社区治理创新。
\t孙家同
\t基政处
\t区划处事务处

\t2
\t健全分层分类社会救助体系。
\t张明武
\t救助处
\t市慈善中心
"""

NAME_CASES = [
    pytest.param(Case(
        WORD_TWO_NAMES, "word_table",
        [("", 1, False, "推进社会救助和社会福利政策衔接。"),
         ("", 2, False, "加强基层政权建设和社区治理。")],
        [(1, "leader", "周利宏"), (1, "leader", "张文娟"), (1, "lead_division", "社会救助处"),
         (1, "division", "社会事务处"), (1, "division", "儿童福利处"),
         (2, "leader", "张文娟"), (2, "leader", "刘谋瑜"), (2, "lead_division", "基层政权建设处")],
    ), id="two-names-word"),
    pytest.param(Case(
        PIPE_TWO_NAMES, "pipe_table",
        [("", 1, False, "完善办事公开制度"),
         ("", 2, False, "发展养老事业和养老产业")],
        [(1, "leader", "周利宏"), (1, "leader", "张文娟"),
         (1, "lead_division", "慈善事业促进和社会工作科"), (1, "lead_division", "社会组织管理局"),
         (2, "leader", "刘谋瑜"), (2, "leader", "谭朝晖"),
         (2, "lead_division", "养老服务科（儿童福利科）"), (2, "lead_division", "区社会福利院")],
    ), id="two-names-pipe"),
    pytest.param(Case(
        WORD_RUN_TOGETHER, "word_table",
        [("", 1, False, "统筹推进城乡社会救助体系建设。"),
         ("", 2, False, "推进殡葬服务设施建设。"),
         ("", 3, False, "实施特殊困难老年人探访关爱。"),
         ("", 4, False, "做好殡葬领域突出问题整治。")],
        [(1, "leader", "李超"), (1, "lead_division", "社会救助处"), (1, "division", "市低保中心"),
         (2, "leader", "谭朝晖"), (2, "lead_division", "社会事务处"), (2, "division", "养老服务处"),
         (3, "leader", "邓永付"), (3, "lead_division", "社会救助处"),
         (3, "division", "社会事务处"), (3, "division", "养老服务处"), (3, "division", "市低保中心"),
         # 殡葬管理所 is printed nowhere else and is not in aliases.csv: never cut
         (4, "leader", "谭朝晖"), (4, "lead_division", "社会事务处"),
         (4, "division", "社会事务处殡葬管理所")],
    ), id="run-together-printed-elsewhere"),
    pytest.param(Case(
        WORD_RUN_TOGETHER_ALIASES, "word_table",
        [("", 1, False, "推进城乡社区治理创新。"),
         ("", 2, False, "健全分层分类社会救助体系。")],
        [(1, "leader", "孙家同"), (1, "lead_division", "基层政权建设和社区治理处", "基政处"),
         (1, "division", "区划地名处", "区划处"), (1, "division", "社会事务处", "事务处"),
         (2, "leader", "张明武"), (2, "lead_division", "社会救助处", "救助处"),
         (2, "division", "市慈善服务中心", "市慈善中心")],
        issuer="武汉市民政局",
    ), id="run-together-aliases"),
]

# =============================================================================================
# 7. section headings; 8. the star before or after the number; 9. numbering
# =============================================================================================

WORD_SECTIONS = """\
2024年省、市《政府工作报告》民政目标任务责任分解方案

\t序号
\t工作事项
\t分管领导
\t牵头处室
\t责任处室

\t一、省《政府工作报告》民政任务

\t*1
\t健全养老服务网络。（责任单位：省民政厅）
\t邓永付
\t养老服务处
\t

\t2
\t落实困难群众救助政策。（牵头单位：省民政厅）
\t李超
\t社会救助处
\t市低保中心

\t二、市《政府工作报告》民政任务

\t1*
\t新建农村老年人互助照料中心50个。（牵头单位：市民政局；责任单位：各区人民政府）
\t邓永付
\t养老服务处
\t

\t2
\t推进社区治理创新试点。（牵头单位：市委社会工作部；责任单位：市民政局）
\t孙家同
\t基层政权建设处
\t
"""

PIPE_SECTIONS_GAP = """\
序号 | 工作任务 | 分管领导 | 牵头科室 | 配合科室 |
一、兜底民生保障 | ||||
1 | 提高农村低保标准。 | 周利宏 | 社会救助科 |  |
2 | 开展临时救助“先行救助”。 | 周利宏 | 社会救助科 | 社会事务科 |
4 | 做好流浪乞讨人员救助。 | 谭朝晖 | 社会事务科 |  |
二、养老服务 | ||||
1 | 推进老年助餐服务。 | 刘谋瑜 | 养老服务科 |  |
2 | 实施特殊困难老年人家庭适老化改造。 | 刘谋瑜 | 养老服务科 | 规划财务科 |
"""

LIST_NESTED_SECTIONS = """\
2024年某市民政局保障和改善民生工作方案

一、工作目标
全年城乡低保标准增幅不低于5%。
二、主要任务
(一)加强社会救助
1.完善最低生活保障制度。（责任单位：市民政局、市财政局）
2.加强临时救助。（责任单位：市民政局）
(二)发展养老服务
1.推进居家社区养老服务。（责任单位：市民政局）
2.发展普惠养老。（牵头单位：市发展改革委；责任单位：市民政局）
三、保障措施
各责任单位要加强组织领导，确保各项任务落到实处。
"""

LIST_STARS = """\
2024年某市民政局重点工作任务清单

*1.推进婚姻登记“跨省通办”。（牵头单位：市民政局）
2*、开展婚俗改革试点。（牵头单位：市民政局；责任单位：市妇联）
3.加强收养登记管理。（责任单位：市民政局）
＊4.做好清明祭扫服务保障。（牵头单位：市民政局）
"""

# numbering continues across sections (as in Wuhan 2023), and item 3 is missing
WORD_CONTINUOUS_GAP = """\
\t序号
\t工作事项
\t分管领导
\t牵头处室

\t一、市《政府工作报告》民政任务

\t*1
\t完成特殊困难老年人家庭适老化改造。
\t邓永付
\t养老服务处

\t*2
\t推进区级养老服务中心建设。
\t邓永付
\t养老服务处

\t二、市政府民生实事民政任务

\t4
\t新开业老年人助餐点。
\t邓永付
\t养老服务处

\t5
\t为区级儿童福利指导中心配置专业社工。
\t彭莉莉
\t儿童福利处
"""

LIST_GAP = """\
2024年某市民政局重点工作任务清单

1.推进社会救助综合改革。（责任单位：市民政局）
2.推进婚姻登记便民服务。（责任单位：市民政局）
3.加强地名文化保护。（责任单位：市民政局）
5.规范慈善组织信息公开。（责任单位：市民政局）
"""

LIST_BRACKET_NUMBERS = """\
2024年某市民政局重点工作任务清单

一、社会救助
（1）提高城乡低保保障标准。（牵头单位：市民政局；责任单位：市财政局）
（2）加强临时救助。（责任单位：市民政局）
二、养老服务
（1）推进养老服务综合监管。（责任单位：市民政局、市市场监管局）
"""

SECTION_CASES = [
    pytest.param(Case(
        LIST_BRACKET_NUMBERS, "numbered_list",
        [("社会救助", 1, False, "提高城乡低保保障标准。"),
         ("社会救助", 2, False, "加强临时救助。"),
         ("养老服务", 1, False, "推进养老服务综合监管。")],
        [(1, "city_lead", "市民政局"), (1, "city_unit", "市财政局"),
         (2, "city_unit", "市民政局"),
         (3, "city_unit", "市民政局"), (3, "city_unit", "市市场监管局")],
    ), id="sections-list-bracket-numbers-restart"),
    pytest.param(Case(
        WORD_SECTIONS, "word_table",
        [("省《政府工作报告》民政任务", 1, True, "健全养老服务网络。"),
         ("省《政府工作报告》民政任务", 2, False, "落实困难群众救助政策。"),
         ("市《政府工作报告》民政任务", 1, True, "新建农村老年人互助照料中心50个。"),
         ("市《政府工作报告》民政任务", 2, False, "推进社区治理创新试点。")],
        [(1, "leader", "邓永付"), (1, "lead_division", "养老服务处"), (1, "city_unit", "省民政厅"),
         (2, "leader", "李超"), (2, "lead_division", "社会救助处"), (2, "division", "市低保中心"),
         (2, "city_lead", "省民政厅"),
         (3, "leader", "邓永付"), (3, "lead_division", "养老服务处"),
         (3, "city_lead", "市民政局"), (3, "city_unit", "各区人民政府"),
         (4, "leader", "孙家同"), (4, "lead_division", "基层政权建设处"),
         (4, "city_lead", "市委社会工作部"), (4, "city_unit", "市民政局")],
    ), id="sections-word-restart-stars"),
    pytest.param(Case(
        PIPE_SECTIONS_GAP, "pipe_table",
        [("兜底民生保障", 1, False, "提高农村低保标准。"),
         ("兜底民生保障", 2, False, "开展临时救助“先行救助”。"),
         ("兜底民生保障", 4, False, "做好流浪乞讨人员救助。"),
         ("养老服务", 1, False, "推进老年助餐服务。"),
         ("养老服务", 2, False, "实施特殊困难老年人家庭适老化改造。")],
        [(1, "leader", "周利宏"), (1, "lead_division", "社会救助科"),
         (2, "leader", "周利宏"), (2, "lead_division", "社会救助科"), (2, "division", "社会事务科"),
         (3, "leader", "谭朝晖"), (3, "lead_division", "社会事务科"),
         (4, "leader", "刘谋瑜"), (4, "lead_division", "养老服务科"),
         (5, "leader", "刘谋瑜"), (5, "lead_division", "养老服务科"), (5, "division", "规划财务科")],
        problems=[("4 | 做好流浪乞讨人员救助", "numbering")],
    ), id="sections-pipe-restart-and-gap"),
    pytest.param(Case(
        LIST_NESTED_SECTIONS, "numbered_list",
        [("加强社会救助", 1, False, "完善最低生活保障制度。"),
         ("加强社会救助", 2, False, "加强临时救助。"),
         ("发展养老服务", 1, False, "推进居家社区养老服务。"),
         ("发展养老服务", 2, False, "发展普惠养老。")],
        [(1, "city_unit", "市民政局"), (1, "city_unit", "市财政局"),
         (2, "city_unit", "市民政局"),
         (3, "city_unit", "市民政局"),
         (4, "city_lead", "市发展改革委"), (4, "city_unit", "市民政局")],
    ), id="sections-list-nested-restart"),
    pytest.param(Case(
        LIST_STARS, "numbered_list",
        [("", 1, True, "推进婚姻登记“跨省通办”。"),
         ("", 2, True, "开展婚俗改革试点。"),
         ("", 3, False, "加强收养登记管理。"),
         ("", 4, True, "做好清明祭扫服务保障。")],
        [(1, "city_lead", "市民政局"),
         (2, "city_lead", "市民政局"), (2, "city_unit", "市妇联"),
         (3, "city_unit", "市民政局"),
         (4, "city_lead", "市民政局")],
    ), id="stars-list"),
    pytest.param(Case(
        WORD_CONTINUOUS_GAP, "word_table",
        [("市《政府工作报告》民政任务", 1, True, "完成特殊困难老年人家庭适老化改造。"),
         ("市《政府工作报告》民政任务", 2, True, "推进区级养老服务中心建设。"),
         ("市政府民生实事民政任务", 4, False, "新开业老年人助餐点。"),
         ("市政府民生实事民政任务", 5, False, "为区级儿童福利指导中心配置专业社工。")],
        [(1, "leader", "邓永付"), (1, "lead_division", "养老服务处"),
         (2, "leader", "邓永付"), (2, "lead_division", "养老服务处"),
         (3, "leader", "邓永付"), (3, "lead_division", "养老服务处"),
         (4, "leader", "彭莉莉"), (4, "lead_division", "儿童福利处")],
        problems=[("\t4", "numbering")],
    ), id="numbering-gap-across-sections-word"),
    pytest.param(Case(
        LIST_GAP, "numbered_list",
        [("", 1, False, "推进社会救助综合改革。"),
         ("", 2, False, "推进婚姻登记便民服务。"),
         ("", 3, False, "加强地名文化保护。"),
         ("", 5, False, "规范慈善组织信息公开。")],
        [(n, "city_unit", "市民政局") for n in (1, 2, 3, 4)],
        problems=[("5.规范慈善组织", "numbering")],
    ), id="numbering-gap-list"),
]

# =============================================================================================
# 10. a cover circular before the table, a report template after it
# =============================================================================================

WORD_CIRCULAR_TEMPLATE = """\
某市民政局关于印发《2024年市民政局重点工作任务责任分解方案》的通知

局机关各处室、局属各单位：
现将《2024年市民政局重点工作任务责任分解方案》印发给你们，请结合工作实际，认真抓好贯彻落实。
一、提高思想认识
各处室（单位）要把重点工作任务落实作为全年工作的重中之重，主要负责同志亲自抓、负总责。
二、严格时间节点
请各牵头处室于2024年4月5日、7月5日、10月5日前，将工作进展情况报送局办公室（报送格式详见附件2）。

某市民政局
2024年3月1日

附件1

2024年市民政局重点工作任务责任分解方案

\t序号
\t工作事项
\t分管领导
\t牵头处室
\t责任处室

\t*1
\t完成特殊困难老年人家庭居家适老化改造1000户。（牵头单位：市民政局；责任单位：各区人民政府）
\t邓永付
\t养老服务处
\t

\t*2
\t提高城乡低保和特困人员救助供养标准。（牵头单位：市民政局；责任单位：市财政局）
\t李超
\t社会救助处
\t市低保中心

\t3
\t推进社区嵌入式服务设施建设。（牵头单位：市发展改革委；责任单位：市民政局、市住房保障局）
\t孙家同
\t基层政权建设处
\t养老服务处

\t4
\t做好退役军人和其他优抚对象关爱帮扶。（牵头单位：市退役军人事务局；责任单位：市民政局）
\t李超
\t社会救助处
\t


附件2
2024年市民政局XXX（处室）第X季度重点工作任务完成情况

\t序号
\t责任事项
\t完成情况

\t1
\t
\t

\t2
\t
\t

\t3
\t
\t

\t…
\t
\t
"""

PIPE_CIRCULAR_TEMPLATE = """\
索引号: | 11330100MB0000000X/2024-00012 | 主题分类: | 民政 |
发布机构: | 某市民政局 | 生成日期: | 2024-03-05 |
名称: | 关于印发2024年市民政局重点工作任务清单的通知 | 文号: | 某民〔2024〕5号 |
关于印发2024年市民政局重点工作任务清单的通知
局机关各处室、局属各单位：
现将2024年市民政局重点工作任务清单印发给你们，请认真贯彻落实，并于每季度结束后5日内报送工作进展情况。
某市民政局
2024年3月5日
附件1
2024年市民政局重点工作任务清单 | |||
序号 | 工作任务 | 分管领导 | 牵头处室 |
1 | 推进“一老一小”服务体系建设。 | 邓永付 | 养老服务处 |
2 | 健全低收入人口常态化救助帮扶机制。 | 李超 | 社会救助处 |
3 | 开展社会组织规范化建设专项行动。 | 彭莉莉 | 社会组织管理处 |
附件2
2024年市民政局第X季度重点工作任务完成情况 | ||
序号 | 责任事项 | 完成情况 |
1 |  |  |
2 |  |  |
3 |  |  |
© 2024 某市民政局 版权所有
主办：某市民政局 运维电话：(0571)12345678
"""

# the plan as an attachment: an "附件" line above its title
LIST_ATTACHMENT = """\
附件

2024年某市民政局重点工作任务清单

1.提高城乡低保保障标准。（牵头单位：市民政局；责任单位：市财政局）
2.推进养老服务综合监管。（责任单位：市民政局、市市场监管局）
"""

CIRCULAR_CASES = [
    pytest.param(Case(
        LIST_ATTACHMENT, "numbered_list",
        [("", 1, False, "提高城乡低保保障标准。"),
         ("", 2, False, "推进养老服务综合监管。")],
        [(1, "city_lead", "市民政局"), (1, "city_unit", "市财政局"),
         (2, "city_unit", "市民政局"), (2, "city_unit", "市市场监管局")],
    ), id="attachment-line-above-list"),
    pytest.param(Case(
        WORD_CIRCULAR_TEMPLATE, "word_table",
        [("", 1, True, "完成特殊困难老年人家庭居家适老化改造1000户。"),
         ("", 2, True, "提高城乡低保和特困人员救助供养标准。"),
         ("", 3, False, "推进社区嵌入式服务设施建设。"),
         ("", 4, False, "做好退役军人和其他优抚对象关爱帮扶。")],
        [(1, "leader", "邓永付"), (1, "lead_division", "养老服务处"),
         (1, "city_lead", "市民政局"), (1, "city_unit", "各区人民政府"),
         (2, "leader", "李超"), (2, "lead_division", "社会救助处"), (2, "division", "市低保中心"),
         (2, "city_lead", "市民政局"), (2, "city_unit", "市财政局"),
         (3, "leader", "孙家同"), (3, "lead_division", "基层政权建设处"), (3, "division", "养老服务处"),
         (3, "city_lead", "市发展改革委"), (3, "city_unit", "市民政局"), (3, "city_unit", "市住房保障局"),
         (4, "leader", "李超"), (4, "lead_division", "社会救助处"),
         (4, "city_lead", "市退役军人事务局"), (4, "city_unit", "市民政局")],
    ), id="circular-and-template-word"),
    pytest.param(Case(
        PIPE_CIRCULAR_TEMPLATE, "pipe_table",
        [("", 1, False, "推进“一老一小”服务体系建设。"),
         ("", 2, False, "健全低收入人口常态化救助帮扶机制。"),
         ("", 3, False, "开展社会组织规范化建设专项行动。")],
        [(1, "leader", "邓永付"), (1, "lead_division", "养老服务处"),
         (2, "leader", "李超"), (2, "lead_division", "社会救助处"),
         (3, "leader", "彭莉莉"), (3, "lead_division", "社会组织管理处")],
    ), id="circular-and-template-pipe"),
]

# =============================================================================================
# 11. rows and cells broken over lines, glued rows
# =============================================================================================

PIPE_BROKEN = """\
序号 | 工作任务 | 分管领导 | 牵头科室 | 配合科室 |
1 | 推进养老服务设施建设，
新建社区老年人服务中心（站）20个。 | 刘谋瑜 | 养老服务科 |  |
2 | 健全社会救助家庭经济状况核对机制。 |
周利宏 |
社会救助科 |
规划财务科 |
3 | 加强儿童福利机构规范化建设。 | 刘谋瑜 | 儿童福利科 |  |
"""

# a goal cell broken over lines, its second paragraph starting with "2."
PIPE_BROKEN_GOAL = """\
序号 | 重点工作 | 工作目标 | 分管领导 | 责任科室 |
1 | 健全社会救助体系 | 1.落实社会救助主动发现机制。
2.推进“物质+服务”救助模式。 | 周利宏 | 社会救助科 |
2 | 发展养老服务 | 新增养老床位200张。 | 刘谋瑜 | 养老服务科 |
"""

WORD_BROKEN_GLUED = """\
\t序号
\t工作事项
\t分管领导
\t牵头处室
\t责任处室
（单位）

\t*1
\t推进养老服务设施建设，
新建社区老年人服务中心（站）20个。（牵头单位：市民政局；
责任单位：各区人民政府）
\t邓永付
\t养老服务处
\t社会事务处
市低保中心
 \t2
\t提高城乡低保标准。（牵头单位：市民政局）
\t李超
\t社会救助处
 \t3
\t开展农村留守儿童关爱服务。（责任单位：市民政局）
\t王芳
\t儿童福利处
\t

\t4
\t推进婚姻登记服务标准化建设。（牵头单位：市民政局）
\t谭朝晖
\t社会事务处
\t
"""

BROKEN_CASES = [
    pytest.param(Case(
        PIPE_BROKEN, "pipe_table",
        [("", 1, False, "推进养老服务设施建设，新建社区老年人服务中心（站）20个。"),
         ("", 2, False, "健全社会救助家庭经济状况核对机制。"),
         ("", 3, False, "加强儿童福利机构规范化建设。")],
        [(1, "leader", "刘谋瑜"), (1, "lead_division", "养老服务科"),
         (2, "leader", "周利宏"), (2, "lead_division", "社会救助科"), (2, "division", "规划财务科"),
         (3, "leader", "刘谋瑜"), (3, "lead_division", "儿童福利科")],
    ), id="broken-pipe-rows"),
    pytest.param(Case(
        PIPE_BROKEN_GOAL, "pipe_table",
        [("", 1, False, "健全社会救助体系"),
         ("", 2, False, "发展养老服务")],
        [(1, "leader", "周利宏"), (1, "lead_division", "社会救助科"),
         (2, "leader", "刘谋瑜"), (2, "lead_division", "养老服务科")],
        columns={"goal": ["1.落实社会救助主动发现机制。2.推进“物质+服务”救助模式。", "新增养老床位200张。"]},
    ), id="broken-pipe-goal-cell"),
    pytest.param(Case(
        WORD_BROKEN_GLUED, "word_table",
        [("", 1, True, "推进养老服务设施建设，新建社区老年人服务中心（站）20个。"),
         ("", 2, False, "提高城乡低保标准。"),
         ("", 3, False, "开展农村留守儿童关爱服务。"),
         ("", 4, False, "推进婚姻登记服务标准化建设。")],
        [(1, "leader", "邓永付"), (1, "lead_division", "养老服务处"),
         (1, "division", "社会事务处"), (1, "division", "市低保中心"),
         (1, "city_lead", "市民政局"), (1, "city_unit", "各区人民政府"),
         (2, "leader", "李超"), (2, "lead_division", "社会救助处"), (2, "city_lead", "市民政局"),
         (3, "leader", "王芳"), (3, "lead_division", "儿童福利处"), (3, "city_unit", "市民政局"),
         (4, "leader", "谭朝晖"), (4, "lead_division", "社会事务处"), (4, "city_lead", "市民政局")],
    ), id="broken-word-cells-glued-rows"),
]

# =============================================================================================
# 12. a line inside the task table that belongs to no task
# =============================================================================================

PIPE_STRAY = """\
序号 | 工作任务 | 分管领导 | 牵头科室 |
1 | 落实困难残疾人生活补贴。 | 黄敏 | 社会福利科 |
（续表）
2 | 开展养老机构等级评定。 | 刘谋瑜 | 养老服务科 |
说明 | 第3项由区政府督查室跟踪督办 | |
3 | 推进社区综合服务设施建设。 | 张文娟 | 基层政权科 |
"""

WORD_STRAY = """\
\t序号
\t工作事项
\t分管领导
\t牵头处室

\t1
\t开展社会救助政策宣传月活动。
\t李超
\t社会救助处


（表内任务按分管领导排列）

\t2
\t推进养老服务人才队伍建设。
\t邓永付
\t养老服务处

\t3
\t做好年度慈善募捐活动备案管理。
\t彭莉莉
\t慈善事业促进和社会工作处
"""

# a page number after a single blank line only
WORD_STRAY_ONE_BLANK = """\
\t序号
\t工作事项
\t分管领导
\t牵头处室

\t1
\t开展社会救助政策宣传月活动。
\t李超
\t社会救助处

— 2 —

\t2
\t推进养老服务人才队伍建设。
\t邓永付
\t养老服务处
"""

LIST_STRAY = """\
2024年某市民政局重点工作任务清单

1.加强社会救助资金监管。（责任单位：市民政局、市财政局）
（表内任务按分管领导排列）
2.推进智慧养老服务平台建设。（责任单位：市民政局、市大数据局）
3.开展社会组织等级评估。（责任单位：市民政局）
"""

STRAY_CASES = [
    pytest.param(Case(
        PIPE_STRAY, "pipe_table",
        [("", 1, False, "落实困难残疾人生活补贴。"),
         ("", 2, False, "开展养老机构等级评定。"),
         ("", 3, False, "推进社区综合服务设施建设。")],
        [(1, "leader", "黄敏"), (1, "lead_division", "社会福利科"),
         (2, "leader", "刘谋瑜"), (2, "lead_division", "养老服务科"),
         (3, "leader", "张文娟"), (3, "lead_division", "基层政权科")],
        problems=[("（续表）", "unplaced_line"), ("说明 |", "unplaced_row")],
    ), id="stray-pipe"),
    pytest.param(Case(
        WORD_STRAY, "word_table",
        [("", 1, False, "开展社会救助政策宣传月活动。"),
         ("", 2, False, "推进养老服务人才队伍建设。"),
         ("", 3, False, "做好年度慈善募捐活动备案管理。")],
        [(1, "leader", "李超"), (1, "lead_division", "社会救助处"),
         (2, "leader", "邓永付"), (2, "lead_division", "养老服务处"),
         (3, "leader", "彭莉莉"), (3, "lead_division", "慈善事业促进和社会工作处")],
        problems=[("（表内任务按分管领导排列）", "unplaced_line")],
    ), id="stray-word"),
    pytest.param(Case(
        WORD_STRAY_ONE_BLANK, "word_table",
        [("", 1, False, "开展社会救助政策宣传月活动。"),
         ("", 2, False, "推进养老服务人才队伍建设。")],
        [(1, "leader", "李超"), (1, "lead_division", "社会救助处"),
         (2, "leader", "邓永付"), (2, "lead_division", "养老服务处")],
        # a page number is page furniture (civstat/data/boilerplate.csv): neither a name nor a problem
    ), id="stray-word-page-number-after-one-blank"),
    pytest.param(Case(
        LIST_STRAY, "numbered_list",
        [("", 1, False, "加强社会救助资金监管。"),
         ("", 2, False, "推进智慧养老服务平台建设。"),
         ("", 3, False, "开展社会组织等级评估。")],
        [(1, "city_unit", "市民政局"), (1, "city_unit", "市财政局"),
         (2, "city_unit", "市民政局"), (2, "city_unit", "市大数据局"),
         (3, "city_unit", "市民政局")],
        problems=[("（表内任务按分管领导排列）", "unplaced_line")],
    ), id="stray-list"),
]

# =============================================================================================
# extra: a pipe table with leading pipes and a separator row (markdown-style extraction)
# =============================================================================================

PIPE_LEADING = """\
2024年区民政局重点工作任务清单

| 序号 | 工作任务 | 分管领导 | 牵头科室 |
|---|---|---|---|
| 1 | 推进区级未成年人救助保护中心建设。 | 刘谋瑜 | 儿童福利科 |
| *2 | 开展低保专项治理。 | 周利宏 | 社会救助科 |
"""

EXTRA_CASES = [
    pytest.param(Case(
        PIPE_LEADING, "pipe_table",
        [("", 1, False, "推进区级未成年人救助保护中心建设。"),
         ("", 2, True, "开展低保专项治理。")],
        [(1, "leader", "刘谋瑜"), (1, "lead_division", "儿童福利科"),
         (2, "leader", "周利宏"), (2, "lead_division", "社会救助科")],
    ), id="pipe-leading-pipes-markdown"),
]

ALL_CASES = (ASCII_CASES + SPACED_CASES + HEADER_CASES + LABEL_CASES + NAME_CASES + SECTION_CASES
             + CIRCULAR_CASES + BROKEN_CASES + STRAY_CASES + EXTRA_CASES)


# --- the tests over all cases ------------------------------------------------------------------


@pytest.mark.parametrize("case", ALL_CASES)
def test_document_row(tmp_path, case):
    plans = read_doc(tmp_path, case.doc, issuer=case.issuer)
    doc = plans.documents.iloc[0]
    got = (doc["layout"], int(doc["n_tasks"]), doc["issuer"], int(doc["year"]), bool(doc["complete"]))
    assert got == (case.layout, len(case.tasks), case.issuer, YEAR, True)


@pytest.mark.parametrize("case", ALL_CASES)
def test_tasks(tmp_path, case):
    plans = read_doc(tmp_path, case.doc, issuer=case.issuer)
    assert task_rows(plans) == case.tasks


@pytest.mark.parametrize("case", ALL_CASES)
def test_assignments(tmp_path, case):
    plans = read_doc(tmp_path, case.doc, issuer=case.issuer)
    assert assignment_rows(plans) == expected_assignments(case.assignments)


@pytest.mark.parametrize("case", ALL_CASES)
def test_problems(tmp_path, case):
    plans = read_doc(tmp_path, case.doc, issuer=case.issuer)
    expected = sorted((line_of(case.doc, fragment), kind) for fragment, kind in case.problems)
    assert problem_rows(plans) == expected


@pytest.mark.parametrize("case", [p for p in ALL_CASES if p.values[0].columns])  # noqa: PD011
def test_other_task_columns(tmp_path, case):
    plans = read_doc(tmp_path, case.doc, issuer=case.issuer)
    for column, values in case.columns.items():
        assert plans.tasks[column].tolist() == values, column


# --- titles of documents with a cover circular --------------------------------------------------


@pytest.mark.parametrize(
    ("doc", "title"),
    [
        pytest.param(WORD_CIRCULAR_TEMPLATE, "2024年市民政局重点工作任务责任分解方案", id="word"),
        pytest.param(PIPE_CIRCULAR_TEMPLATE, "2024年市民政局重点工作任务清单", id="pipe"),
        pytest.param(LIST_CIRCULAR, "2024年某市民政局重点工作任务清单", id="list"),
    ],
)
def test_title_is_the_plans_not_the_circulars(tmp_path, doc, title):
    plans = read_doc(tmp_path, doc)
    assert plans.documents["title"].iloc[0] == title


# --- the same plan in two layouts ----------------------------------------------------------------

SAME_PLAN_WORD = """\
2024年市民政局重点工作任务责任分解方案

\t序号
\t工作事项
\t分管领导
\t牵头处室
\t责任处室

\t一、兜底保障

\t*1
\t提高城乡低保标准，完善低保动态调整机制。（牵头单位：市民政局；责任单位：市财政局、市人社局）
\t李超
\t社会救助处
\t市低保中心

\t2
\t健全困难群众救助帮扶机制。（牵头单位：市发改委；责任单位：市民政局）
\t李超
王芳
\t社会救助处
\t社会事务处
儿童福利处

\t二、养老服务

\t3*
\t新建社区老年人服务中心（站）30个。（牵头单位：市民政局；责任单位：各区人民政府）
\t邓永付
\t养老服务处
\t

\t4
\t推进医养结合服务发展。（牵头单位：市卫健委；责任单位：市民政局、市医保局）
\t邓永付
\t养老服务处
\t规划财务处
"""

SAME_PLAN_PIPE = """\
2024年市民政局重点工作任务责任分解方案 | ||||
序号 | 工作事项 | 分管领导 | 牵头处室 | 责任处室 |
一、兜底保障 | ||||
*1 | 提高城乡低保标准，完善低保动态调整机制。（牵头单位：市民政局；责任单位：市财政局、市人社局） | 李超 | 社会救助处 | 市低保中心 |
2 | 健全困难群众救助帮扶机制。（牵头单位：市发改委；责任单位：市民政局） | 李超 王芳 | 社会救助处 | 社会事务处 儿童福利处 |
二、养老服务 | ||||
3* | 新建社区老年人服务中心（站）30个。（牵头单位：市民政局；责任单位：各区人民政府） | 邓永付 | 养老服务处 |  |
4 | 推进医养结合服务发展。（牵头单位：市卫健委；责任单位：市民政局、市医保局） | 邓永付 | 养老服务处 | 规划财务处 |
"""

SAME_PLAN_TASKS = [
    (1, True, "提高城乡低保标准，完善低保动态调整机制。"),
    (2, False, "健全困难群众救助帮扶机制。"),
    (3, True, "新建社区老年人服务中心（站）30个。"),
    (4, False, "推进医养结合服务发展。"),
]


@pytest.fixture
def same_plan(tmp_path):
    word = civstat.read_plan(write_doc(tmp_path, SAME_PLAN_WORD, "word.txt"), issuer=ISSUER, year=YEAR)
    pipe = civstat.read_plan(write_doc(tmp_path, SAME_PLAN_PIPE, "pipe.txt"), issuer=ISSUER, year=YEAR)
    return word, pipe


def test_same_plan_layouts_are_recognised(same_plan):
    word, pipe = same_plan
    assert word.documents["layout"].tolist() == ["word_table"]
    assert pipe.documents["layout"].tolist() == ["pipe_table"]


def test_same_plan_gives_the_expected_tasks(same_plan):
    for plans in same_plan:
        assert task_rows(plans, ("seq", "lead", "text")) == SAME_PLAN_TASKS


SAME_PLAN_ASSIGNMENTS = [
    (1, "leader", "李超"), (1, "lead_division", "社会救助处"), (1, "division", "市低保中心"),
    (1, "city_lead", "市民政局"), (1, "city_unit", "市财政局"), (1, "city_unit", "市人力资源社会保障局", "市人社局"),
    (2, "leader", "李超"), (2, "leader", "王芳"), (2, "lead_division", "社会救助处"),
    (2, "division", "社会事务处"), (2, "division", "儿童福利处"),
    (2, "city_lead", "市发展改革委", "市发改委"), (2, "city_unit", "市民政局"),
    (3, "leader", "邓永付"), (3, "lead_division", "养老服务处"),
    (3, "city_lead", "市民政局"), (3, "city_unit", "各区人民政府"),
    (4, "leader", "邓永付"), (4, "lead_division", "养老服务处"), (4, "division", "规划财务处"),
    (4, "city_lead", "市卫生健康委", "市卫健委"), (4, "city_unit", "市民政局"),
    (4, "city_unit", "市医疗保障局", "市医保局"),
]


def test_same_plan_gives_the_expected_assignments(same_plan):
    for plans in same_plan:
        assert assignment_rows(plans) == expected_assignments(SAME_PLAN_ASSIGNMENTS)


def test_same_plan_same_tasks(same_plan):
    word, pipe = same_plan
    columns = ["seq", "lead", "text"]
    pd.testing.assert_frame_equal(word.tasks[columns].reset_index(drop=True),
                                  pipe.tasks[columns].reset_index(drop=True))


def test_same_plan_same_assignments(same_plan):
    word, pipe = same_plan
    columns = ["role", "name"]
    pd.testing.assert_frame_equal(word.assignments[columns].reset_index(drop=True),
                                  pipe.assignments[columns].reset_index(drop=True))


def test_same_plan_same_sections(same_plan):
    for plans in same_plan:
        assert plans.tasks["section"].tolist() == ["兜底保障", "兜底保障", "养老服务", "养老服务"]


# --- no task table ---------------------------------------------------------------------------------

CIRCULAR_ONLY = """\
某市民政局关于做好2024年民政重点工作的通知

各区民政局，局机关各处室、局属各单位：
为深入贯彻落实全省民政工作会议精神，现就做好2024年民政重点工作通知如下。
请各单位结合实际，认真抓好落实，并于每季度结束后5日内报送工作进展情况。

某市民政局
2024年3月1日
"""

TEMPLATE_ONLY = """\
附件2
2024年市民政局XXX（处室）第X季度工作目标完成情况

\t序号
\t责任事项
\t完成情况

\t1
\t
\t

\t2
\t
\t
"""


@pytest.mark.parametrize("doc", [pytest.param(CIRCULAR_ONLY, id="circular-only"),
                                 pytest.param(TEMPLATE_ONLY, id="report-template-only")])
def test_no_task_table_raises(tmp_path, doc):
    with pytest.raises(civstat.ReadError):
        read_doc(tmp_path, doc)
