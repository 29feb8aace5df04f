"""Golden tests: the five bundled documents, read by hand.

Every expected value below was transcribed by a person reading the raw text in
``data/raw/`` (line numbers refer to those files, counting from 1, tabs shown as →),
NOT copied from civstat's output.  The conventions applied are the project's
(see the task brief / README): canonical names per ``civstat/data/aliases.csv``,
simplified characters, full-width punctuation next to Chinese, etc.

Lists of names are written as whitespace-separated strings and compared in the
order they are printed in the document.
"""

from __future__ import annotations

import re

import pytest

import civstat

W20 = "wuhan-2020-breakdown"
W22 = "wuhan-2022-breakdown"
W23 = "wuhan-2023-breakdown"
XZ = "xuanzhou-2023-key-tasks"
MC = "masked-city-2020-minsheng100"
WUHAN = (W20, W22, W23)
ALL_DOCS = (W20, W22, W23, XZ, MC)


# --------------------------------------------------------------------------- fixtures


@pytest.fixture(scope="module")
def plans():
    return civstat.load_plans(errors="ignore")


@pytest.fixture(scope="module")
def tasks(plans):
    return plans.tasks


@pytest.fixture(scope="module")
def assignments(plans):
    return plans.assignments


def doc_tasks(tasks, doc_id):
    return tasks[tasks["doc_id"] == doc_id].reset_index(drop=True)


def one_task(tasks, doc_id, seq, section=None):
    """The single task of ``doc_id`` with printed number ``seq`` (and ``section``)."""
    t = doc_tasks(tasks, doc_id)
    t = t[t["seq"] == seq]
    if section is not None:
        t = t[t["section"] == section]
    assert len(t) == 1, f"{doc_id} item {seq} ({section}): found {len(t)} tasks"
    return t.iloc[0]


def names_of(assignments, task_id, role, column="name"):
    a = assignments[(assignments["task_id"] == task_id) & (assignments["role"] == role)]
    return list(a[column])


def words(s: str) -> list[str]:
    return s.split()


# --------------------------------------------------------------------------- documents

# (doc_id, issuer, year, n_tasks, complete, title)
DOCUMENTS = [
    # wuhan-2020 line 1; items *1 … 19 at lines 11-117
    (W20, "武汉市民政局", 2020, 19, True, "2020年市《政府工作报告》民政目标任务责任分解方案"),
    # wuhan-2022 line 2; items *1 … 17 at lines 10-124 (附件2 at 134-139 has no items)
    (W22, "武汉市民政局", 2022, 17, True, "2022年市《政府工作报告》民政工作责任分解方案"),
    # wuhan-2023 lines 17-18 (title broken over two lines); items 1* … 21 at lines 29-153;
    # the circular (line 8) confirms "10项牵头任务" + "11项配合任务" = 21
    (W23, "武汉市民政局", 2023, 21, True, "2023年省、市《政府工作报告》民政目标任务责任分解方案"),
    # xuanzhou lines 3/13; sections of 4+4+12+6+2+4 rows at lines 16-56
    (XZ, "宣州区民政局", 2023, 32, True, "2023年区民政局重点工作任务一清单"),
    # masked city: title mojibake at line 19 ("**市;久裆ぷ鞣桨"), manifest gives it;
    # numbered items 1, 7-16 survive (lines 26, 30-43); cut at lines 27 and 43
    (MC, "**市人民政府", 2020, 11, False, "**市保基本民生工作方案"),
]


@pytest.mark.parametrize(("doc_id", "issuer", "year", "n_tasks", "complete", "title"), DOCUMENTS)
def test_document_row(plans, doc_id, issuer, year, n_tasks, complete, title):
    docs = plans.documents
    row = docs[docs["doc_id"] == doc_id]
    assert len(row) == 1
    row = row.iloc[0]
    assert row["issuer"] == issuer
    assert row["year"] == year
    assert row["n_tasks"] == n_tasks
    assert bool(row["complete"]) is complete


@pytest.mark.parametrize(("doc_id", "issuer", "year", "n_tasks", "complete", "title"), DOCUMENTS)
def test_document_title(plans, doc_id, issuer, year, n_tasks, complete, title):
    docs = plans.documents
    assert docs.loc[docs["doc_id"] == doc_id, "title"].iloc[0] == title


@pytest.mark.parametrize(("doc_id", "issuer", "year", "n_tasks", "complete", "title"), DOCUMENTS)
def test_tasks_carry_document_fields(tasks, doc_id, issuer, year, n_tasks, complete, title):
    t = doc_tasks(tasks, doc_id)
    assert len(t) == n_tasks
    assert set(t["issuer"]) == {issuer}
    assert set(t["year"]) == {year}


def test_only_the_five_documents(plans):
    assert sorted(plans.documents["doc_id"]) == sorted(ALL_DOCS)


# --------------------------------------------------------------------------- numbering

SEQS = {
    W20: list(range(1, 20)),  # lines 11, 17, …, 45 (" →7" glued), …, 81 (" →13" glued), …, 117
    W22: list(range(1, 18)),  # lines 10 … 124; 附件2 (lines 134-139) has no rows
    # lines 29-153; 附件2 rows "1", "2", "3", "…" (lines 169-181) are NOT tasks
    W23: list(range(1, 22)),
    XZ: [1, 2, 3, 4,                                  # 一、 lines 16-22
         1, 2, 3, 4,                                  # 二、 lines 24-28
         1, 2, 3, 4, 5, 6, 8, 9, 10, 11, 12, 13,      # 三、 lines 30-41 (no 7)
         1, 2, 3, 4, 5, 6,                            # 四、 lines 43-48
         1, 2,                                        # 五、 lines 50-51
         1, 2, 3, 4],                                 # 六、 lines 53-56
    # line 26 item 1; lines 28-29 are an unnumbered fragment after the paywall;
    # lines 30-43 items 7-16.  The TOC entries "4、" "10、" (lines 6-7) are not tasks.
    MC: [1, 7, 8, 9, 10, 11, 12, 13, 14, 15, 16],
}

LEADS = {
    W20: {1, 2, 3, 4, 5, 6},               # "*1" … "*6", lines 11-41
    W22: {1, 2, 3, 4, 5, 6},               # "*1" … "*6", lines 10-43
    W23: {1, 2, 3, 4, 9, 10, 11, 12, 13, 14},  # "1*" … "4*" lines 29-47, "9*" … "14*" lines 79-109
    XZ: set(),
    MC: set(),
}


@pytest.mark.parametrize("doc_id", ALL_DOCS)
def test_seq_numbers_in_order(tasks, doc_id):
    assert list(doc_tasks(tasks, doc_id)["seq"]) == SEQS[doc_id]


@pytest.mark.parametrize("doc_id", ALL_DOCS)
def test_task_ids_count_through_document(tasks, doc_id):
    t = doc_tasks(tasks, doc_id)
    assert list(t["task_id"]) == [f"{doc_id}-{n:03d}" for n in range(1, len(SEQS[doc_id]) + 1)]


@pytest.mark.parametrize("doc_id", ALL_DOCS)
def test_lead_items(tasks, doc_id):
    t = doc_tasks(tasks, doc_id)
    assert set(t.loc[t["lead"].astype(bool), "seq"]) == LEADS[doc_id]


def test_task_ids_unique(tasks):
    assert tasks["task_id"].is_unique


@pytest.mark.parametrize("doc_id", [W22, W23])
def test_annex2_template_adds_no_tasks(tasks, doc_id):
    t = doc_tasks(tasks, doc_id)
    assert not t["text"].str.contains("责任事项|完成情况").any()
    assert not (t["text"].str.strip() == "").any()
    assert t["seq"].is_unique


# --------------------------------------------------------------------------- Wuhan divisions

# seq: (leader, lead_division(s), division(s))  -- canonical names
W20_DIVISIONS = {
    1: ("孙家同", "基层政权建设和社区治理处", ""),                      # lines 13-15: 基政处, empty
    2: ("张明武", "社会救助处", "市低保中心"),                          # 19-21: 救助处
    3: ("彭莉莉", "儿童福利处", ""),                                    # 25-27: 儿福处
    4: ("彭莉莉", "慈善事业促进和社会工作处", "市慈善服务中心"),        # 31-33: 慈社处, 市慈善中心
    5: ("张明武", "养老服务处", ""),                                    # 37-39: 养老处
    6: ("张明武", "养老服务处", ""),                                    # 43-44: row ends, " →7" glued on 45
    7: ("张明武", "社会救助处", "养老服务处 社会事务处 市低保中心"),    # 47-51: 养老处/事务处/市低保中心
    8: ("张明武", "养老服务处", ""),                                    # 55-57
    9: ("张明武", "养老服务处", ""),                                    # 61-63
    10: ("彭莉莉", "社会组织管理和党建工作处", "政策法规处"),           # 67-69: 社管处, 法规处
    11: ("孙家同", "基层政权建设和社区治理处", ""),                     # 73-75
    12: ("张明武", "养老服务处", ""),                                   # 79-80: " →13" glued on 81
    13: ("张明武", "社会救助处", "市低保中心"),                         # 83-85
    14: ("彭莉莉", "社会组织管理和党建工作处", ""),                     # 89-91
    15: ("张明武", "社会救助处", "市低保中心"),                         # 95-97
    16: ("张明武", "社会救助处", "市低保中心"),                         # 101-103
    17: ("张明武", "社会救助处", "市低保中心"),                         # 107-109
    18: ("张明武", "养老服务处", ""),                                   # 113-115
    19: ("彭莉莉", "儿童福利处", "基层政权建设和社区治理处 社会组织管理和党建工作处"),  # 119-122
}

W22_DIVISIONS = {
    1: ("孙家同", "基层政权建设和社区治理处", ""),                                  # lines 12-14
    2: ("彭莉莉", "慈善事业促进和社会工作处",
        "基层政权建设和社区治理处 社会组织管理和党建工作处"),                      # 19-23
    3: ("张明武", "养老服务处", ""),                                                # 27-29
    4: ("张明武", "养老服务处", ""),                                                # 33-35
    5: ("张明武", "社会救助处", "市低保中心"),                                      # 39-41
    # 46-49: lead cell holds two names (48 "儿童福利处" has no tab), division cell 49 empty
    6: ("彭莉莉", "慈善事业促进和社会工作处 儿童福利处", ""),
    7: ("张明武", "养老服务处", ""),                                                # 53-55
    8: ("孙家同", "规划财务处", ""),                                                # 59-61
    9: ("张明武", "养老服务处", ""),                                                # 65-67
    # 71-81: 政策法规处（局信息中心） -> 政策法规处
    10: ("彭莉莉", "社会组织管理和党建工作处", "政策法规处 社会救助处 区划地名处 社会事务处 养老服务处"),
    11: ("孙家同", "基层政权建设和社区治理处", ""),                                 # 85-87
    12: ("孙家同", "基层政权建设和社区治理处", ""),                                 # 91-93
    # 97-102: lead cell "政策法规处" + "（局信息中心）" on the next line
    13: ("张明武", "政策法规处", "基层政权建设和社区治理处 养老服务处"),
    # 106-110: lead cell holds two names (109 has no tab), division cell 110 empty
    14: ("孙家同", "基层政权建设和社区治理处 社会事务处", ""),
    15: ("张明武", "社会救助处", "市低保中心"),                                     # 114-116
    16: ("张明武", "社会救助处", "市低保中心"),                                     # 120-122
    17: ("彭莉莉", "慈善事业促进和社会工作处", "市慈善服务中心"),                   # 126-128
}

W23_DIVISIONS = {
    1: ("邓永付", "养老服务处", ""),                     # lines 31-33
    2: ("李超", "社会救助处", "市低保中心"),             # 37-39
    3: ("邓永付", "养老服务处", ""),                     # 43-45
    4: ("邓永付", "养老服务处", ""),                     # 49-51
    5: ("李超", "社会救助处", "市低保中心"),             # 55-57
    6: ("邓永付", "养老服务处", ""),                     # 61-63
    7: ("邓永付", "养老服务处", ""),                     # 67-69
    8: ("彭莉莉", "慈善事业促进和社会工作处", ""),       # 73-75: 慈善社工处
    9: ("邓永付", "养老服务处", ""),                     # 81-83
    10: ("邓永付", "养老服务处", ""),                    # 87-89
    11: ("邓永付", "养老服务处", ""),                    # 93-95
    12: ("彭莉莉", "儿童福利处", ""),                    # 99-101
    13: ("李超", "社会救助处", "市低保中心"),            # 105-107: "李  超"
    14: ("彭莉莉", "基层政权建设和社区治理处", ""),      # 111-113: 基层政权处
    15: ("邓永付", "养老服务处", ""),                    # 119-121
    16: ("彭莉莉", "儿童福利处", ""),                    # 125-127
    17: ("彭莉莉", "基层政权建设和社区治理处", ""),      # 131-133
    18: ("彭莉莉", "基层政权建设和社区治理处", ""),      # 137-139
    19: ("邓永付", "养老服务处", ""),                    # 143-145
    20: ("邓永付", "养老服务处", ""),                    # 149-151
    21: ("李超", "社会救助处", "社会事务处 养老服务处 市低保中心"),  # 155-157: run together
}

WUHAN_DIVISION_CASES = [
    pytest.param(doc, seq, *row, id=f"{doc[:10]}-{seq}")
    for doc, table in ((W20, W20_DIVISIONS), (W22, W22_DIVISIONS), (W23, W23_DIVISIONS))
    for seq, row in table.items()
]


def test_division_tables_cover_every_wuhan_task():
    for doc, table in ((W20, W20_DIVISIONS), (W22, W22_DIVISIONS), (W23, W23_DIVISIONS)):
        assert sorted(table) == SEQS[doc]


@pytest.mark.parametrize(("doc_id", "seq", "leader", "lead_division", "division"), WUHAN_DIVISION_CASES)
def test_wuhan_leader(tasks, assignments, doc_id, seq, leader, lead_division, division):
    tid = one_task(tasks, doc_id, seq)["task_id"]
    assert names_of(assignments, tid, "leader") == words(leader)


@pytest.mark.parametrize(("doc_id", "seq", "leader", "lead_division", "division"), WUHAN_DIVISION_CASES)
def test_wuhan_lead_division(tasks, assignments, doc_id, seq, leader, lead_division, division):
    tid = one_task(tasks, doc_id, seq)["task_id"]
    assert names_of(assignments, tid, "lead_division") == words(lead_division)


@pytest.mark.parametrize(("doc_id", "seq", "leader", "lead_division", "division"), WUHAN_DIVISION_CASES)
def test_wuhan_division(tasks, assignments, doc_id, seq, leader, lead_division, division):
    tid = one_task(tasks, doc_id, seq)["task_id"]
    assert names_of(assignments, tid, "division") == words(division)


# --------------------------------------------------------------------------- Wuhan city units

# seq: (city_lead, city_unit) -- canonical names, in printed order
W20_CITY = {
    # line 12
    1: ("市民政局", "市文明办 市城管执法委 市农业农村局 市文化和旅游局 市卫生健康委 各新城区人民政府"),
    # line 18
    2: ("市民政局", "市教育局 市财政局 市人力资源社会保障局 市住房保障房管局 市医疗保障局 市残联"),
    # line 24
    3: ("市民政局", "市教育局 市公安局 团市委 市妇联 市残联"),
    # line 30: only （责任单位：市民政局）
    4: ("", "市民政局"),
    # line 36: 各区人民政府<含开发区、风景区管委会> is one name
    5: ("市民政局", "市发展改革委 市自然资源和规划局 市卫生健康委 市住房保障房管局 各区人民政府<含开发区、风景区管委会>"),
    # line 42
    6: ("市民政局", "市卫生健康委 市医疗保障局"),
    # line 46
    7: ("市发展改革委", "市民政局 市人力资源社会保障局 市农业农村局"),
    # line 54
    8: ("市商务局", "市发展改革委 市教育局 市民政局 市文化和旅游局 市卫生健康委 市体育局"),
    # line 60
    9: ("市发展改革委", "市经济和信息化局 市民政局 市交通运输局 市农业农村局 市商务局 市文化和旅游局 "
                       "市卫生健康委 市政务服务和大数据管理局"),
    # line 66
    10: ("市政务服务和大数据管理局", "市公安局 市民政局 市人力资源社会保障局 市自然资源和规划局 市住房保障房管局 "
                                   "市市场监管局 市医疗保障局 各区人民政府<含开发区、风景区管委会>"),
    # line 72
    11: ("市城管执法委", "市教育局 市民政局 市生态环境局 市农业农村局 市卫生健康委 市住房保障房管局 "
                       "市供销合作总社 各区人民政府<含开发区、风景区管委会>"),
    # line 78
    12: ("市农业农村局", "市民政局 市文化和旅游局 市卫生健康委 各新城区人民政府"),
    # line 82
    13: ("市人力资源社会保障局", "市民政局 市农业农村局 市退役军人事务局"),
    # line 88
    14: ("市人力资源社会保障局", "市教育局 市经济和信息化局 市民政局 市城乡建设局 市农业农村局 市应急管理局 市扶贫办"),
    # line 94
    15: ("市发展改革委", "市科技局 市经济和信息化局 市民政局 市人力资源社会保障局 市农业农村局 市商务局 "
                       "各区人民政府<含开发区、风景区管委会>"),
    # line 100
    16: ("市妇联", "市民政局 市扶贫办"),
    # line 106: misprint 市人力资源保障局
    17: ("市退役军人事务局", "市民政局 市人力资源社会保障局"),
    # line 112
    18: ("市卫生健康委", "市委编办 市发展改革委 市民政局 市财政局 市人力资源社会保障局 市市场监管局 市医疗保障局"),
    # line 118
    19: ("市卫生健康委", "市发展改革委 市教育局 市民政局 市住房保障房管局"),
}

W22_CITY = {
    1: ("市民政局", "市住房保障房管局 各区人民政府"),        # line 11
    2: ("市民政局", "各区人民政府"),                          # line 17
    3: ("市民政局", "各区人民政府"),                          # line 26
    4: ("市民政局", "市残联 各区人民政府"),                   # line 32
    5: ("市民政局", "各区人民政府"),                          # line 38
    6: ("市民政局", "各区人民政府"),                          # line 44
    # line 52: 市人社局 -> 市人力资源社会保障局
    7: ("市发展改革委", "市委网信办 市经济和信息化局 市司法局 市民政局 市人力资源社会保障局 市城乡建设局 "
                       "市商务局 市卫生健康委 市住房保障房管局 市市场监管局 市地方金融工作局 各区人民政府"),
    # line 58
    8: ("市发展改革委", "市经济和信息化局 市民政局 市生态环境局 市城乡建设局 市水务局 市交通运输局"),
    # line 64: 市文旅局, 市供销合作社
    9: ("市商务局", "市民政局 市城乡建设局 市文化和旅游局 市卫生健康委 市住房保障房管局 市市场监管局 "
                   "市邮政管理局 市供销合作总社 各区人民政府"),
    # line 70: 市政务服务和大数据局
    10: ("市发展改革委", "市委外办 市教育局 市科技局 市公安局 市民政局 市交通运输局 "
                        "市政务服务和大数据管理局 各区人民政府"),
    # line 84: 牵头单位：市文旅局
    11: ("市文化和旅游局", "市委外办 市教育局 市民政局 市卫生健康委 各区人民政府"),
    # line 90
    12: ("市委外办", "市教育局 市科技局 市公安局 市民政局 市商务局 市文化和旅游局 市卫生健康委 "
                   "市政务服务和大数据管理局 各区人民政府"),
    # line 96
    13: ("市委网信办", "市发展改革委 市教育局 市民政局 市生态环境局 市卫生健康委 市市场监管局 市体育局 各区人民政府"),
    # line 105
    14: ("市司法局", "市民政局 各新城区人民政府"),
    # line 113
    15: ("市乡村振兴局", "市民政局 市人力资源社会保障局 市农业农村局 各区人民政府"),
    # line 119
    16: ("市教育局", "市民政局 市农业农村局 市退役军人事务局 市残联 各区人民政府"),
    # line 125
    17: ("市卫生健康委", "市民政局 市财政局 市红十字会"),
}

W23_CITY = {
    1: ("", "各区人民政府"),                              # line 30: （市责任单位：…）
    2: ("", "市妇联 市残联"),                             # line 36
    3: ("", "各区人民政府"),                              # line 42
    4: ("", "市城管执法委 市卫生健康委 各区人民政府"),     # line 48: 市卫健委
    5: ("市发展改革委", ""),                              # line 54: （市牵头单位：市发改委）
    6: ("市商务局", ""),                                  # line 60
    7: ("市发展改革委", ""),                              # line 66
    8: ("市人才工作局", ""),                              # line 72
    # items 9-21 (lines 80-154) have no unit parenthesis
    **{seq: ("", "") for seq in range(9, 22)},
}

WUHAN_CITY_CASES = [
    pytest.param(doc, seq, *row, id=f"{doc[:10]}-{seq}")
    for doc, table in ((W20, W20_CITY), (W22, W22_CITY), (W23, W23_CITY))
    for seq, row in table.items()
]


@pytest.mark.parametrize(("doc_id", "seq", "city_lead", "city_unit"), WUHAN_CITY_CASES)
def test_wuhan_city_lead(tasks, assignments, doc_id, seq, city_lead, city_unit):
    tid = one_task(tasks, doc_id, seq)["task_id"]
    assert names_of(assignments, tid, "city_lead") == words(city_lead)


@pytest.mark.parametrize(("doc_id", "seq", "city_lead", "city_unit"), WUHAN_CITY_CASES)
def test_wuhan_city_unit(tasks, assignments, doc_id, seq, city_lead, city_unit):
    tid = one_task(tasks, doc_id, seq)["task_id"]
    assert names_of(assignments, tid, "city_unit") == words(city_unit)


# --------------------------------------------------------------------------- name_raw

# (doc, seq, role, name_raw, name)
NAME_RAW_CASES = [
    (W23, 13, "leader", "李超", "李超"),                                   # line 105 "李  超"
    (W23, 14, "lead_division", "基层政权处", "基层政权建设和社区治理处"),  # line 112
    (W23, 8, "lead_division", "慈善社工处", "慈善事业促进和社会工作处"),   # line 74
    (W23, 4, "city_unit", "市卫健委", "市卫生健康委"),                     # line 48
    (W23, 5, "city_lead", "市发改委", "市发展改革委"),                     # line 54
    (W20, 1, "lead_division", "基政处", "基层政权建设和社区治理处"),       # line 14
    (W20, 4, "division", "市慈善中心", "市慈善服务中心"),                  # line 33
    (W20, 7, "division", "事务处", "社会事务处"),                          # line 50
    (W20, 17, "city_unit", "市人力资源保障局", "市人力资源社会保障局"),    # line 106
    (W22, 13, "lead_division", "政策法规处（局信息中心）", "政策法规处"),  # lines 98-99
    (W22, 10, "division", "政策法规处（局信息中心）", "政策法规处"),       # line 73
    (W22, 9, "city_unit", "市供销合作社", "市供销合作总社"),               # line 64
    (W22, 11, "city_lead", "市文旅局", "市文化和旅游局"),                  # line 84
    (W22, 17, "division", "市慈善服务中心", "市慈善服务中心"),             # line 128
]


@pytest.mark.parametrize(("doc_id", "seq", "role", "name_raw", "name"), NAME_RAW_CASES)
def test_name_raw_and_canonical(tasks, assignments, doc_id, seq, role, name_raw, name):
    tid = one_task(tasks, doc_id, seq)["task_id"]
    a = assignments[(assignments["task_id"] == tid) & (assignments["role"] == role)]
    assert name_raw in list(a["name_raw"])
    assert a.loc[a["name_raw"] == name_raw, "name"].tolist() == [name]


def test_name_once_per_task_and_role(assignments):
    assert not assignments.duplicated(["task_id", "role", "name"]).any()


# --------------------------------------------------------------------------- Wuhan sections and sources

W23_SEC1 = "市《政府工作报告》民政任务"   # line 27
W23_SEC2 = "市政府民生实事民政任务"       # line 77
W23_SEC3 = "省《政府工作报告》民政任务"   # line 115

W23_SECTIONS = {
    **{seq: (W23_SEC1, "市《政府工作报告》") for seq in range(1, 9)},     # lines 29-75
    **{seq: (W23_SEC2, "市政府民生实事") for seq in range(9, 15)},        # lines 79-113
    **{seq: (W23_SEC3, "省《政府工作报告》") for seq in range(15, 22)},   # lines 117-157
}

# footnote line 131: 第3项 双重任务; 第4、5、6、17项 市政府民生实事; 其余 市《政府工作报告》
W22_SOURCES = {
    seq: "市《政府工作报告》" for seq in range(1, 18)
} | {
    3: "市《政府工作报告》、市政府民生实事",
    4: "市政府民生实事",
    5: "市政府民生实事",
    6: "市政府民生实事",
    17: "市政府民生实事",
}


@pytest.mark.parametrize(("seq", "section", "source"), [(s, *v) for s, v in W23_SECTIONS.items()],
                         ids=[f"item{s}" for s in W23_SECTIONS])
def test_wuhan2023_section_and_source(tasks, seq, section, source):
    t = one_task(tasks, W23, seq)
    assert t["section"] == section
    assert t["source"] == source


@pytest.mark.parametrize(("seq", "source"), sorted(W22_SOURCES.items()),
                         ids=[f"item{s}" for s in sorted(W22_SOURCES)])
def test_wuhan2022_source(tasks, seq, source):
    t = one_task(tasks, W22, seq)
    assert t["source"] == source
    assert t["section"] == ""


@pytest.mark.parametrize("seq", SEQS[W20])
def test_wuhan2020_source_from_title(tasks, seq):
    t = one_task(tasks, W20, seq)
    assert t["source"] == "市《政府工作报告》"   # title, line 1
    assert t["section"] == ""


@pytest.mark.parametrize("doc_id", WUHAN + (MC,))
def test_title_and_goal_empty_outside_xuanzhou(tasks, doc_id):
    t = doc_tasks(tasks, doc_id)
    assert set(t["title"]) == {""}
    assert set(t["goal"]) == {""}


# --------------------------------------------------------------------------- texts

TEXTS = [
    # wuhan-2020 line 12: closing （牵头单位：…；责任单位：…） removed
    (W20, 1, "开展100个农村社区建设试点，培育文明乡风、良好家风、淳朴民风。"),
    # line 30: （责任单位：市民政局） removed
    (W20, 4, "积极发展公益慈善事业。"),
    # line 100
    (W20, 16, "为全市贫困妇女购买特定医疗安康保险。"),
    # wuhan-2022 line 44: inner brackets kept, closing parenthesis removed
    (W22, 6, "建设街道（乡镇）社工站140个。为11个区级儿童福利指导中心增配专业社工。"),
    # line 125: （AED） is part of the text
    (W22, 17, "在公共场所配置自动体外除颤仪（AED）4000台。"),
    # line 38
    (W22, 5, "扩大特困人员救助供养范围。"),
    # wuhan-2023 line 54: （市牵头单位：市发改委） removed
    (W23, 5, "居民收入增长与经济增长基本同步。"),
    # line 80: no parenthesis at all
    (W23, 9, "新建社区老年人服务中心（站）70个、农村老年人互助中心（服务点）30个。"),
    # line 154: [bookmark: _GoBack] removed
    (W23, 21, "加强困难群众托底保障，工伤职工伤残津贴、供养亲属抚恤金、生活护理费标准提高10%。"
              "全面推行失能特困人员县级集中照护模式。加大困难残疾人康复帮扶，为持证残疾人提供基本型"
              "辅助器具适配服务8万名，为困难残疾人家庭实施无障碍改造8000户。"),
    # masked city line 31 (traditional, ASCII comma) -> simplified, full-width
    (MC, 8, "落实孤儿、事实无人抚养儿童阶段性价格临时补贴，执行时间为2020年3—6月。"),
    # line 32
    (MC, 9, "对因自然灾害紧急转移安置的群众，因灾房屋倒塌或严重损坏无房可住、无生活来源、"
            "无自救能力的受灾群众和其他受灾群众，提供基本生活补助。"),
    # line 33
    (MC, 10, "帮助城市困难职工解困脱困1万人次。"),
    # line 36: the unit parenthesis runs over to line 37
    (MC, 12, "做好部分退役士兵社会保险接续工作，实现军转安置率100%。"),
    # line 26: unit parenthesis left open by the paywall cut (line 27)
    (MC, 1, "加强监测、预警和调控，畅通供应、物流、仓储渠道，保障肉类、粮油、蔬菜等居民生活必需品和重要生产资料供应。"),
]


@pytest.mark.parametrize(("doc_id", "seq", "text"), TEXTS, ids=[f"{d[:10]}-{s}" for d, s, _ in TEXTS])
def test_text(tasks, doc_id, seq, text):
    assert one_task(tasks, doc_id, seq)["text"] == text


def test_masked_city_item16_is_cut(tasks):
    # line 43: the text stops at "…补贴440 ……(未完" ; no unit parenthesis survives
    text = one_task(tasks, MC, 16)["text"]
    assert text.startswith("改善群众居住条件，实施老旧小区改造项目236个、28999户，改造棚户区3678套")
    assert "未完" not in text
    assert "全文共" not in text


@pytest.mark.parametrize("doc_id", ALL_DOCS)
def test_no_unit_parenthesis_or_artefacts_in_text(tasks, doc_id):
    for text in doc_tasks(tasks, doc_id)["text"]:
        for marker in ("责任单位", "牵头单位", "[bookmark", "新文秘网", "正式会员"):
            assert marker not in text.lower(), text


@pytest.mark.parametrize("doc_id", ALL_DOCS)
def test_no_ascii_punctuation_next_to_chinese(tasks, doc_id):
    cjk = r"[\u4e00-\u9fff]"
    bad = re.compile(rf"{cjk}[(),:;]|[(),:;]{cjk}")
    t = doc_tasks(tasks, doc_id)
    for col in ("text", "title", "goal"):
        for value in t[col]:
            assert not bad.search(value), value


MC_NO_GLOSS = [1, 8, 9, 10, 11, 12, 13, 14, 15, 16]  # item 7 carries mojibake (line 30 "當?shù)卣J定")


@pytest.mark.parametrize("seq", MC_NO_GLOSS)
def test_masked_city_no_pinyin_or_traditional(tasks, seq):
    text = one_task(tasks, MC, seq)["text"]
    assert not re.search(r"[A-Za-zāáǎàēéěèīíǐìōóǒòūúǔùǖǘǚǜü]", text), text
    # a handful of traditional characters that occur in these items
    assert not re.search("[實現鄉醫險兒貧類護職萬們農單責區縣]", text), text


# --------------------------------------------------------------------------- Xuanzhou

XZ_S1 = "区委十四届六次全会任务"                    # line 15
XZ_S2 = "区委、区政府重点工作"                      # line 23
XZ_S3 = "市民政局重点工作任务"                      # line 29
XZ_S4 = "省民政厅特色工作任务"                      # line 42
XZ_S5 = "全省民政年度重点工作推进会工作任务"        # line 49
XZ_S6 = "“争先创优”工作目标"                        # line 52

XZ_SOURCE = {
    XZ_S1: "区委十四届六次全会",
    XZ_S2: "区委、区政府重点工作",
    XZ_S3: "市民政局重点工作",
    XZ_S4: "省民政厅特色工作",
    XZ_S5: "全省民政年度重点工作推进会",
    XZ_S6: "“争先创优”工作目标",
}

YANGLAO = "养老服务科（儿童福利科）"           # printed "养老服务科 (儿童福利科)"
QUHUA = "区划地名科（基层政权建设和社区治理科）"  # printed "区划地名科 (基层政权建设和社区治理科)"
SHETUAN = "宣州区社团和民间组织管理局"

# (section, seq, title, leaders, lead divisions), in document order
XZ_ROWS = [
    (XZ_S1, 1, "健全基层党组织领导下的群众自治组织机制", "张文娟", QUHUA),                       # line 16
    (XZ_S1, 2, "完善办事公开制度，持续加强自治组织、社会组织、志愿者队伍等建设",
     "周利宏 张文娟", f"慈善事业促进和社会工作科 {SHETUAN}"),                                 # lines 17-19
    (XZ_S1, 3, "健全分层分类的社会救助体系", "周利宏", "社会救助科"),                          # lines 20-21
    (XZ_S1, 4, "发展养老事业和养老产业", "刘谋瑜", YANGLAO),                                   # line 22
    (XZ_S2, 1, "开展重点区域违建墓地专项整治", "谭朝晖", "社会事务科"),                        # line 24
    (XZ_S2, 2, "稳步提高城乡居民最低生活保障标准", "周利宏", "社会救助科"),                    # line 25
    (XZ_S2, 3, "完善困难群众救助制度，拓宽低收入对象救助范围", "周利宏", "社会救助科"),        # line 26
    (XZ_S2, 4, "下大力气解决“一老一小”问题，区社会福利院迁址重建主体完工，争创省级居家和社区养老服务示范区",
     "刘谋瑜 谭朝晖", f"{YANGLAO} 宣州区社会福利院"),                                          # lines 27-28
    (XZ_S3, 1, "扩容和完善商协会体系", "张文娟", SHETUAN),                                     # line 30
    (XZ_S3, 2, "规范村级组织工作事务", "张文娟", QUHUA),                                       # line 31
    (XZ_S3, 3, "完善基层治理平台", "张文娟", QUHUA),                                           # line 32
    (XZ_S3, 4, "拓展基层群体参与社会治理渠道", "张文娟", QUHUA),                               # line 33
    (XZ_S3, 5, "稳慎推进殡葬改革", "谭朝晖", "社会事务科"),                                    # line 34
    (XZ_S3, 6, "推进婚俗改革", "谭朝晖", "社会事务科"),                                        # line 35
    (XZ_S3, 8, "加强儿童保障和构建未成年人保护网络", "刘谋瑜", YANGLAO),                       # line 36 (no 7)
    (XZ_S3, 9, "推进基本养老服务体系建设", "刘谋瑜", YANGLAO),                                 # line 37
    (XZ_S3, 10, "深化推进医养康一体化改革", "刘谋瑜", YANGLAO),                                # line 38
    (XZ_S3, 11, "建设面向沪苏浙的康养基地", "刘谋瑜", YANGLAO),                                # line 39
    (XZ_S3, 12, "启动老年人帮扶行动和实施适老化改造", "刘谋瑜", YANGLAO),                      # line 40
    (XZ_S3, 13, "实施“善行宣州”行动", "周利宏", "慈善事业促进和社会工作科"),                  # line 41
    (XZ_S4, 1, "农村留守儿童“牵手行动”", "刘谋瑜", YANGLAO),                                   # line 43
    (XZ_S4, 2, "在全市范围持续推广设立村（社区）“救急难”互助社", "周利宏", "社会救助科"),      # line 44
    (XZ_S4, 3, "持续开展老年助餐服务“暖民心”行动", "刘谋瑜", YANGLAO),                         # line 45
    (XZ_S4, 4, "开展儿童福利机构高质量发展专项行动", "刘谋瑜", YANGLAO),                       # line 46
    (XZ_S4, 5, "赋能行业协会商会高质量发展", "张文娟", SHETUAN),                               # line 47
    (XZ_S4, 6, "社会组织党建“两个覆盖”扩面提质", "张文娟", SHETUAN),                           # line 48
    (XZ_S5, 1, "主题教育", "谭朝晖", "机关党委"),                                              # line 50
    (XZ_S5, 2, "困难群众低保办理程序优化问题", "周利宏", "社会救助科"),                        # line 51
    (XZ_S6, 1, "养老服务工作争取省政府督查激励", "刘谋瑜", YANGLAO),                           # line 53
    (XZ_S6, 2, "社会救助工作争取省政府督查激励", "周利宏", "社会救助科"),                      # line 54
    (XZ_S6, 3, "全市民政系统“民政工作先进单位”", "各分管领导", "各科室"),                      # line 55
    (XZ_S6, 4, "区管领导班子和领导干部综合考核获得“优秀”等次、目标管理绩效考核获得优秀单位",
     "各分管领导", "各科室"),                                                                  # line 56
]

XZ_IDS = [f"s{[XZ_S1, XZ_S2, XZ_S3, XZ_S4, XZ_S5, XZ_S6].index(r[0]) + 1}-{r[1]}" for r in XZ_ROWS]


def test_xuanzhou_rows_in_order(tasks):
    t = doc_tasks(tasks, XZ)
    assert list(zip(t["section"], t["seq"], strict=True)) == [(r[0], r[1]) for r in XZ_ROWS]


@pytest.mark.parametrize(("section", "seq", "title", "leaders", "divisions"), XZ_ROWS, ids=XZ_IDS)
def test_xuanzhou_section_and_source(tasks, section, seq, title, leaders, divisions):
    t = one_task(tasks, XZ, seq, section)
    assert t["source"] == XZ_SOURCE[section]


@pytest.mark.parametrize(("section", "seq", "title", "leaders", "divisions"), XZ_ROWS, ids=XZ_IDS)
def test_xuanzhou_title_equals_text(tasks, section, seq, title, leaders, divisions):
    t = one_task(tasks, XZ, seq, section)
    assert t["title"] == title
    assert t["text"] == title


@pytest.mark.parametrize(("section", "seq", "title", "leaders", "divisions"), XZ_ROWS, ids=XZ_IDS)
def test_xuanzhou_leaders(tasks, assignments, section, seq, title, leaders, divisions):
    tid = one_task(tasks, XZ, seq, section)["task_id"]
    assert names_of(assignments, tid, "leader") == words(leaders)


@pytest.mark.parametrize(("section", "seq", "title", "leaders", "divisions"), XZ_ROWS, ids=XZ_IDS)
def test_xuanzhou_lead_divisions(tasks, assignments, section, seq, title, leaders, divisions):
    tid = one_task(tasks, XZ, seq, section)["task_id"]
    assert names_of(assignments, tid, "lead_division") == words(divisions)


def test_xuanzhou_bracketed_second_name_raw(tasks, assignments):
    tid = one_task(tasks, XZ, 1, XZ_S1)["task_id"]   # line 16
    assert names_of(assignments, tid, "lead_division", "name_raw") == [QUHUA]


def test_xuanzhou_has_only_leader_and_lead_division(assignments):
    roles = set(assignments.loc[assignments["doc_id"] == XZ, "role"])
    assert roles == {"leader", "lead_division"}


XZ_GOALS = [
    # line 16
    (XZ_S1, 1, "加强村（居）民委员会规范化建设，加强城乡社区治理能力、服务能力建设。"),
    # line 24 (ASCII ; -> ；)
    (XZ_S2, 1, "完成“三线三区”范围内违建墓地和“三线三区”区域外活人墓的摸排，遏制增量，消减存量；"
               "全面补齐乡镇公益性公墓短板，逐步推进村级公益性公墓全覆盖。"),
    # line 25
    (XZ_S2, 2, "落实市政府《关于公布2023年度最低生活保障等社会救助标准的通知》要求，"
               "城市最低生活保障标准为780元/月/人、农村最低生活保障标准为755元/月/人。"
               "科学合理测算我区城乡低保财政补助水平，从7月份执行。"),
    # line 26
    (XZ_S2, 3, "做好低保边缘家庭和支出型家庭认定工作，符合条件的重病、重残人员全部参照“单人户”纳入保障。"
               "低收入人口不低于城乡低保人数的10%。"),
    # line 32
    (XZ_S3, 3, "开展智慧社区建设试点。"),
    # line 39
    (XZ_S3, 11, "在全区范围内，结合我区康养服务的实际情况，打造科学布局2-3个村（社区）面向沪苏浙老年人健康养老服务基地。"),
    # line 45
    (XZ_S4, 3, "继续实行老年人就餐“普惠+优待”政策，进一步优化服务、扩大宣传，持续提升政策知晓率和群众满意度。"
               "巩固提升已建成老年食堂（助餐点），新增城乡养老服务中心（老年食堂）养老服务站（助餐点）19个。"),
    # line 53: goal repeats the task
    (XZ_S6, 1, "养老服务工作争取省政府督查激励"),
    # line 55
    (XZ_S6, 3, "争取2023年全市民政系统“民政工作先进单位”一等奖"),
]


XZ_SECTIONS = [XZ_S1, XZ_S2, XZ_S3, XZ_S4, XZ_S5, XZ_S6]


@pytest.mark.parametrize(("section", "seq", "goal"), XZ_GOALS,
                         ids=[f"s{XZ_SECTIONS.index(s) + 1}-{n}" for s, n, _ in XZ_GOALS])
def test_xuanzhou_goal(tasks, section, seq, goal):
    assert one_task(tasks, XZ, seq, section)["goal"] == goal


def test_xuanzhou_goal_of_row_broken_over_lines(tasks):
    # lines 17-19: the goal cell ends on line 17; leaders/divisions on 18-19 must not leak into it
    goal = one_task(tasks, XZ, 2, XZ_S1)["goal"]
    assert goal.startswith("1.加强志愿服务工作。")
    assert goal.endswith("促进行业协会商会作用发挥。")
    assert "周利宏" not in goal
    assert "慈善事业促进和社会工作科" not in goal


def test_xuanzhou_footer_and_metadata_are_not_tasks(tasks):
    t = doc_tasks(tasks, XZ)
    for col in ("text", "goal"):
        joined = "".join(t[col])
        assert "Rights Reserved" not in joined
        assert "索引号" not in joined
        assert "ICP" not in joined


# --------------------------------------------------------------------------- masked city

MC_SEC1 = "确保市场稳定运行"     # line 25 "(一)確保市場穩(wěn)定運行"
MC_SEC2 = "加大社会救助力度"     # heading lost in the cut; TOC lines 5 and 7 put item 10 under (二)
MC_SEC3 = "发挥社会保障作用"     # line 34
MC_SEC4 = "提升教育卫生水平"     # line 39
MC_SEC5 = "加强基本住房保障"     # line 42

# seq: (section, city_unit canonical)
MC_ITEMS = {
    1: (MC_SEC1, "市商务粮食局 各县市区人民政府"),         # line 26 (parenthesis cut open)
    7: (MC_SEC2, "市发展改革委 各县市区人民政府"),         # line 30
    8: (MC_SEC2, "市民政局 各县市区人民政府"),             # line 31
    9: (MC_SEC2, "市应急管理局 各县市区人民政府"),         # line 32
    10: (MC_SEC2, "市总工会 各县市区人民政府"),            # line 33
    11: (MC_SEC3, "市人力资源社会保障局 各县市区人民政府"),  # line 35: 市人力資源和社會保障局，…
    12: (MC_SEC3, "市退役军人事务局 各县市区人民政府"),    # lines 36-37: "市退役\n軍人事務局"
    13: (MC_SEC3, "市医疗保障局 各县市区人民政府"),        # line 38: 市醫保局
    14: (MC_SEC4, "市教育局 各县市区人民政府"),            # line 40
    15: (MC_SEC4, "市卫生健康委 各县市区人民政府"),        # line 41: 市衛健委
    16: (MC_SEC5, ""),                                    # line 43: cut before the parenthesis
}


@pytest.mark.parametrize(("seq", "section", "city_unit"), [(s, *v) for s, v in MC_ITEMS.items()],
                         ids=[f"item{s}" for s in MC_ITEMS])
def test_masked_city_unit(tasks, assignments, seq, section, city_unit):
    tid = one_task(tasks, MC, seq)["task_id"]
    assert names_of(assignments, tid, "city_unit") == words(city_unit)


@pytest.mark.parametrize(("seq", "section", "city_unit"), [(s, *v) for s, v in MC_ITEMS.items()],
                         ids=[f"item{s}" for s in MC_ITEMS])
def test_masked_city_section(tasks, seq, section, city_unit):
    t = one_task(tasks, MC, seq)
    assert t["section"] == section
    assert t["source"] == ""


def test_masked_city_only_city_units(assignments):
    roles = set(assignments.loc[assignments["doc_id"] == MC, "role"])
    assert roles == {"city_unit"}


# --------------------------------------------------------------------------- problems


def test_masked_city_cut_problems(plans):
    p = plans.problems
    cut = p[(p["doc_id"] == MC) & (p["kind"] == "cut")]
    # line 27 "……(新文秘网…省略584字,正式会员可完整阅读)……", line 43 "……(未完,全文共3245字…"
    assert sorted(set(cut["line"])) == [27, 43]


@pytest.mark.parametrize("doc_id", [W20, W22, W23, XZ])
def test_no_cut_problems_in_complete_documents(plans, doc_id):
    p = plans.problems
    assert not ((p["doc_id"] == doc_id) & (p["kind"] == "cut")).any()


def test_xuanzhou_numbering_gap(plans):
    p = plans.problems
    num = p[(p["doc_id"] == XZ) & (p["kind"] == "numbering")]
    # section 三: "6 | 推进婚俗改革" (line 35) is followed by "8 | 加强儿童保障…" (line 36)
    assert len(num) == 1
    assert num["line"].iloc[0] == 36


@pytest.mark.parametrize("doc_id", WUHAN)
def test_no_numbering_problems_in_wuhan(plans, doc_id):
    p = plans.problems
    assert not ((p["doc_id"] == doc_id) & (p["kind"] == "numbering")).any()


# --------------------------------------------------------------------------- consistency


def test_assignments_match_their_tasks(tasks, assignments):
    merged = assignments.merge(tasks[["task_id", "doc_id", "issuer", "year"]], on="task_id",
                               how="left", suffixes=("", "_task"), validate="many_to_one")
    assert merged["doc_id_task"].notna().all()
    assert (merged["doc_id"] == merged["doc_id_task"]).all()
    assert (merged["issuer"] == merged["issuer_task"]).all()
    assert (merged["year"] == merged["year_task"]).all()


def test_read_plan_single_file():
    from pathlib import Path

    path = Path(civstat.__file__).resolve().parent.parent / "data" / "raw" / f"{W23}.txt"
    one = civstat.read_plan(path, issuer="武汉市民政局", year=2023)
    assert list(one.tasks["seq"]) == SEQS[W23]
    assert list(one.tasks["task_id"]) == [f"{W23}-{n:03d}" for n in range(1, 22)]
    assert set(one.tasks.loc[one.tasks["lead"].astype(bool), "seq"]) == LEADS[W23]
