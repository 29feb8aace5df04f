"""Themes, their share, keywords and keyword in context, against what a person reads in the seeds.

Every expectation below was read from the documents in data/raw/, not copied from output.
"""

import json
import math
import subprocess
import sys

import pandas as pd
import pytest

import civstat
from civstat.analyse.keywords import keywords, kwic
from civstat.analyse.themes import _document, theme_lexicon, theme_share, themes
from civstat.analyse.tokenize import tokenize_all, tokens
from civstat.plans import COLUMNS, Plans, frame

W20, W22, W23 = "wuhan-2020-breakdown", "wuhan-2022-breakdown", "wuhan-2023-breakdown"
XZ, MC = "xuanzhou-2023-key-tasks", "masked-city-2020-minsheng100"

# The themes the issue asks for, with their labels.
REQUIRED = {
    "elderly_care": "养老服务", "social_assistance": "社会救助", "child_welfare": "儿童福利",
    "community_governance": "基层政权和社区治理", "charity_social_work": "慈善和社会工作",
    "social_organizations": "社会组织", "funeral_marriage": "殡葬和婚俗", "disability": "残疾人",
    "veterans": "退役军人", "income_employment": "就业增收", "economy_services": "经济和服务业",
}


@pytest.fixture(scope="module")
def found(bundled):
    return themes(bundled)


def themes_of(found, task_id):
    return set(found.loc[found["task_id"] == task_id, "theme"])


def tiny_plans(*texts, issuer="某区民政局", year=2024):
    blank = {"str": "", "Int64": year, "int64": 0, "bool": True}
    defaults = {column: blank[dtype] for column, dtype in COLUMNS["tasks"].items()}
    tasks = [{**defaults, "task_id": f"tiny-{i:03d}", "doc_id": "tiny", "issuer": issuer,
              "seq": i, "text": text} for i, text in enumerate(texts, 1)]
    return Plans(frame("documents"), frame("tasks", tasks), frame("assignments"), frame("problems"))


# -- the lexicon ------------------------------------------------------------------------------


def test_package_lexicon_has_the_required_themes_and_labels():
    lex = theme_lexicon()
    assert list(lex.columns) == ["theme", "label", "term"]
    labels = lex[lex["theme"] != ""].drop_duplicates("theme").set_index("theme")["label"].to_dict()
    assert labels == REQUIRED
    assert not lex.duplicated(["theme", "term"]).any()


# -- themes of chosen tasks -------------------------------------------------------------------


@pytest.mark.parametrize(("task_id", "expected"), [
    # 新增家庭养老床位3000张，为1.1万人提供居家养老上门服务，推进特殊困难老年人居家适老化改造
    (f"{W22}-004", {"elderly_care"}),
    # 稳步提高城乡低保、特困供养人员等社会救助保障标准，将支出型贫困家庭纳入社会救助范围
    (f"{W20}-002", {"social_assistance"}),
    # 关爱留守儿童和困境儿童
    (f"{W20}-003", {"child_welfare"}),
    # 积极发展公益慈善事业
    (f"{W20}-004", {"charity_social_work"}),
    # 做好退役军人服务管理保障工作
    (f"{W20}-017", {"veterans"}),
    # 城乡居民人均可支配收入增长与经济增长基本同步
    (f"{W20}-007", {"income_employment", "economy_services"}),
    # 强化“五社联动”，推动社会治理重心下移，提升社区工作者队伍…
    (f"{W22}-002", {"community_governance", "charity_social_work"}),
    # 建设街道（乡镇）社工站140个。为11个区级儿童福利指导中心增配专业社工
    (f"{W22}-006", {"charity_social_work", "child_welfare"}),
    # 持续推进移风易俗，开展民主法治示范村创建
    (f"{W22}-014", {"funeral_marriage"}),
    # 加大家庭经济困难学生资助力度: 经济困难 is assistance, not the economy
    (f"{W22}-016", {"social_assistance"}),
    # 加大妇女儿童、残疾人等群体保障关爱力度，健全覆盖低保、特困…的社会救助体系
    (f"{W23}-002", {"social_assistance", "child_welfare", "disability"}),
    # 居民收入增长与经济增长基本同步
    (f"{W23}-005", {"income_employment", "economy_services"}),
    # 消费…养老、育幼、家政、婚庆…银发经济: a wedding-service market is not 婚俗
    (f"{W23}-006", {"elderly_care", "economy_services"}),
    # 加强困难群众托底保障…失能特困人员…困难残疾人康复帮扶…无障碍改造
    (f"{W23}-021", {"social_assistance", "disability"}),
    # section 二 item 1, 开展重点区域违建墓地专项整治 … 乡镇公益性公墓: 公益性公墓 is not charity
    (f"{XZ}-005", {"funeral_marriage"}),
    # 完善困难群众救助制度，拓宽低收入对象救助范围 … 重残人员: 低收入 is not income growth
    (f"{XZ}-007", {"social_assistance", "disability"}),
    # 一老一小 … 居家和社区养老服务 … 困境儿童 … 收养登记: 社区养老 is elderly care
    (f"{XZ}-008", {"elderly_care", "child_welfare"}),
    # 在全市范围持续推广设立村（社区）“救急难”互助社 … 慈善救扶: 村（社区） names a place
    (f"{XZ}-022", {"social_assistance", "charity_social_work"}),
    # 对享受国家定期抚恤补助的优抚对象、城乡低保对象、特困人员…发放价格临时补贴
    (f"{MC}-002", {"social_assistance", "veterans"}),
    # 基本养老金…养老保险 are pensions, not elderly care; 兜底保障对象 is assistance
    (f"{MC}-006", {"social_assistance"}),
])
def test_themes_of_chosen_tasks(found, task_id, expected):
    assert themes_of(found, task_id) == expected


def test_tasks_without_a_theme(found, bundled):
    unthemed = set(bundled.tasks["task_id"]) - set(found["task_id"])
    assert unthemed == {
        f"{MC}-001",   # 保障肉类、粮油、蔬菜等居民生活必需品…供应
        f"{MC}-011",   # 改善群众居住条件，实施老旧小区改造项目…
        f"{W20}-010",  # 推动政务服务“一网通办”“全城通办”
        f"{W22}-011",  # 加快建设国际文化交流中心
        f"{W22}-017",  # 在公共场所配置自动体外除颤仪（AED）4000台
        f"{W23}-008",  # 健全人才评价体系…
        f"{XZ}-027",   # 主题教育
        f"{XZ}-031",   # 全市民政系统“民政工作先进单位”
        f"{XZ}-032",   # 区管领导班子和领导干部综合考核…
    }


@pytest.mark.parametrize(("task_id", "theme", "terms"), [
    (f"{W20}-003", "child_welfare", "困境儿童、留守儿童"),
    (f"{XZ}-005", "funeral_marriage", "公益性公墓、墓地、活人墓"),
    (f"{W22}-004", "elderly_care", "家庭养老床位、居家养老上门服务、居家适老化改造、老年人"),
    (f"{W23}-014", "community_governance", "共同缔造、社区、社区治理"),
])
def test_terms_are_the_lexicon_terms_found_sorted(found, task_id, theme, terms):
    row = found[(found["task_id"] == task_id) & (found["theme"] == theme)]
    assert row["terms"].tolist() == [terms]


def test_themes_table_shape_and_order(found, bundled):
    assert list(found.columns) == ["task_id", "theme", "label", "terms"]
    assert not found.duplicated(["task_id", "theme"]).any()
    assert found["task_id"].is_monotonic_increasing
    order = {t: i for i, t in enumerate(REQUIRED)}
    for _, group in found.groupby("task_id"):
        assert group["theme"].map(order).is_monotonic_increasing
    assert (found["label"] == found["theme"].map(REQUIRED)).all()
    text = dict(zip(bundled.tasks["task_id"], _document(bundled.tasks), strict=True))
    for row in found.itertuples():
        assert all(term in text[row.task_id] for term in row.terms.split("、"))


def test_themes_does_not_touch_its_input(bundled):
    before = bundled.tasks.copy()
    themes(bundled)
    theme_share(bundled)
    pd.testing.assert_frame_equal(bundled.tasks, before)


def test_themes_accepts_a_table_of_tasks_in_any_order(bundled, found):
    wuhan = bundled.tasks[bundled.tasks["issuer"] == "武汉市民政局"]
    pd.testing.assert_frame_equal(themes(wuhan), found[found["task_id"].str.startswith("wuhan")]
                                  .reset_index(drop=True))
    shuffled = bundled.tasks.sample(frac=1, random_state=0)
    pd.testing.assert_frame_equal(themes(shuffled), found)
    pd.testing.assert_frame_equal(keywords(shuffled), keywords(bundled))


# -- your own lexicon -------------------------------------------------------------------------


def test_custom_lexicon_as_a_dict(bundled):
    out = themes(bundled, lexicon={"housing": ("住房保障", ["保障性住房", "棚户区", "老旧小区"])})
    # 改造棚户区3678套 / 老旧小区改造项目 (masked city item 16) and 2023 Wuhan item 19
    assert out.to_dict("records") == [
        {"task_id": f"{MC}-011", "theme": "housing", "label": "住房保障", "terms": "棚户区、老旧小区"},
        {"task_id": f"{W23}-019", "theme": "housing", "label": "住房保障",
         "terms": "保障性住房、棚户区、老旧小区"},
    ]


def test_custom_lexicon_as_a_csv_file_with_ascii_brackets(bundled, tmp_path):
    path = tmp_path / "committees.csv"
    path.write_text("# residents' committees\ntheme,label,term\n"
                    "committee,居委会,村(居)民委员会\ncommittee,居委会,居委会\n", encoding="utf-8")
    out = themes(bundled, lexicon=path)
    # Xuanzhou item 1: 加强村(居)民委员会规范化建设; Wuhan 2022 item 1: 加强社区居委会…
    assert out[["task_id", "terms"]].to_dict("records") == [
        {"task_id": f"{W22}-001", "terms": "居委会"},
        {"task_id": f"{XZ}-001", "terms": "村（居）民委员会"},
    ]
    assert themes(bundled, lexicon=str(path)).equals(out)


def test_a_term_without_theme_hides_the_terms_inside_it(bundled):
    lexicon = {"elderly": ("养老", ["养老"])}
    assert f"{MC}-006" in set(themes(bundled, lexicon=lexicon)["task_id"])
    shielded = themes(bundled, lexicon={**lexicon, "": ("", ["养老保险", "养老金", "养老待遇"])})
    assert f"{MC}-006" not in set(shielded["task_id"])
    assert f"{XZ}-017" in set(shielded["task_id"])  # 打通养老、医疗、康复等一些政策障碍


def test_bad_lexicons_are_refused(tmp_path, bundled):
    path = tmp_path / "bad.csv"
    path.write_text("theme,word\nx,养老\n", encoding="utf-8")
    with pytest.raises(civstat.ReadError, match=r"bad\.csv, line 1: .*columns \['term'\]"):
        themes(bundled, lexicon=path)
    path.write_text("theme,label,term\nx,X,养老\nx,X,\n", encoding="utf-8")
    with pytest.raises(civstat.ReadError, match=r"line 3: a lexicon row has no term"):
        themes(bundled, lexicon=path)
    with pytest.raises(TypeError, match="pair"):
        themes(bundled, lexicon={"x": ("X", "养老")})
    with pytest.raises(ValueError, match="no theme"):
        themes(bundled, lexicon={"": ("", ["养老保险"])})


# -- theme share ------------------------------------------------------------------------------


def test_theme_share_counts_read_by_hand(bundled):
    share = theme_share(bundled).set_index(["issuer", "year", "theme"])
    # Wuhan 2023, 21 items; elderly care in items 1, 3, 4 (助老), 6 (养老、银发经济), 9, 10, 11,
    # 15 (智慧养老), 19 (适老化改造) and 20.
    row = share.loc[("武汉市民政局", 2023, "elderly_care")]
    assert (row["tasks"], row["n_tasks"]) == (10, 21)
    assert row["share"] == pytest.approx(10 / 21)
    # Xuanzhou: 违建墓地 (二.1), 殡葬改革 (三.5), 婚俗改革 (三.6) of 32 items
    assert share.loc[("宣州区民政局", 2023, "funeral_marriage"), "tasks"] == 3
    # Wuhan 2022: items 7 (服务业), 8 (投资), 9 (消费) and 10 (联合招商)
    assert share.loc[("武汉市民政局", 2022, "economy_services"), "tasks"] == 4
    assert share.loc[("武汉市民政局", 2022, "veterans"), "tasks"] == 0


def test_theme_share_adds_up(bundled, found):
    share = theme_share(bundled)
    assert list(share.columns) == ["issuer", "year", "theme", "label", "tasks", "n_tasks", "share"]
    assert len(share) == 5 * len(REQUIRED)  # every theme for each of the five issuer-years
    assert share["tasks"].sum() == len(found)
    per_group = share.groupby(["issuer", "year"])["n_tasks"].first()
    assert per_group.to_dict() == {("**市人民政府", 2020): 11, ("宣州区民政局", 2023): 32,
                                   ("武汉市民政局", 2020): 19, ("武汉市民政局", 2022): 17,
                                   ("武汉市民政局", 2023): 21}
    assert ((share["share"] >= 0) & (share["share"] <= 1)).all()


def test_theme_share_by_other_columns(bundled):
    by_doc = theme_share(bundled, by="doc_id")
    assert list(by_doc.columns[:2]) == ["doc_id", "theme"]
    assert by_doc["doc_id"].nunique() == 5
    by_issuer = theme_share(bundled, by=["issuer"]).set_index(["issuer", "theme"])
    assert by_issuer.loc[("武汉市民政局", "elderly_care"), "n_tasks"] == 19 + 17 + 21
    with pytest.raises(ValueError, match="no task column"):
        theme_share(bundled, by="leader")


# -- keywords ---------------------------------------------------------------------------------


def test_the_documents_keywords_count_split_into_words_give_exactly_their_tokens(bundled):
    docs = list(_document(bundled.tasks))
    assert tokenize_all(docs, jobs=1) == [tokens(text) for text in docs]


KW_COLUMNS = ["rank", "term", "score", "count", "count_other", "tasks"]


def test_keywords_keep_domain_words_whole(bundled):
    kw = keywords(bundled, top=None, method="tfidf")
    assert list(kw.columns) == ["issuer", "year", *KW_COLUMNS]
    w23 = kw[(kw["issuer"] == "武汉市民政局") & (kw["year"] == 2023)].set_index("term")
    # 完成居家适老化改造2000户以上 (item 1) and …老年人家庭居家适老化改造2000户以上 (item 11)
    assert w23.loc["居家适老化改造", "tasks"] == 2
    assert not {"适老", "老化", "五社", "缔造"} & set(kw["term"])
    per_task = keywords(bundled, by=["task_id"], top=None)
    assert {"五社联动", "社区工作者"} <= set(per_task.loc[per_task["task_id"] == f"{W22}-002", "term"])
    assert "共同缔造" in set(per_task.loc[per_task["task_id"] == f"{W23}-014", "term"])


@pytest.mark.parametrize("method", ["log_odds", "tfidf"])
def test_keywords_are_sorted_by_score_then_term(bundled, method):
    kw = keywords(bundled, by="doc_id", top=None, method=method)
    for _, group in kw.groupby("doc_id"):
        assert list(zip(-group["score"], group["term"], strict=True)) == sorted(
            zip(-group["score"], group["term"], strict=True))
        assert group["rank"].tolist() == list(range(1, len(group) + 1))
    assert (kw["tasks"] >= 1).all()
    assert (kw["count"] >= kw["tasks"]).all()
    assert kw["term"].str.len().min() >= 2  # single characters (户, 个, damaged glyphs) left out


def test_keywords_idf_comes_from_the_corpus():
    plans = tiny_plans("推进居家适老化改造，发展老年助餐", "推进居家适老化改造，完善城乡低保")
    kw = keywords(plans, by=["task_id"], top=None, method="tfidf", generic=1.0)
    first = kw[kw["task_id"] == "tiny-001"].set_index("term")["score"]
    # both tasks share 居家适老化改造; 老年助餐 is the first task's own, so it weighs more
    assert first["老年助餐"] > first["居家适老化改造"]
    assert kw[kw["term"] == "居家适老化改造"]["tasks"].tolist() == [1, 1]


def test_log_odds_is_the_monroe_colaresi_quinn_z_score():
    # group A: 老年助餐 twice, 城乡低保 once; group B: 城乡低保 three times (by hand, prior 1):
    # corpus counts 老年助餐 2, 城乡低保 4, n = 6; for 老年助餐 in A: y=2, a=2, a0=6, n_A=3, n_B=3
    # delta = log(4/(3+6-4)) - log(2/(3+6-2)) = log(4/5) - log(2/7); var = 1/4 + 1/2
    plans = tiny_plans("老年助餐，老年助餐，城乡低保", "城乡低保，城乡低保，城乡低保")
    kw = keywords(plans, by=["task_id"], top=None, generic=1.0).set_index(["task_id", "term"])
    expected = (math.log(4 / 5) - math.log(2 / 7)) / math.sqrt(1 / 4 + 1 / 2)
    assert kw.loc[("tiny-001", "老年助餐"), "score"] == pytest.approx(expected, abs=1e-6)
    # 城乡低保 in A: y=1, a=4; rest y=3: log(5/(3+6-5)) - log(7/(3+6-7)), var 1/5 + 1/7
    low = (math.log(5 / 4) - math.log(7 / 2)) / math.sqrt(1 / 5 + 1 / 7)
    assert kw.loc[("tiny-001", "城乡低保"), "score"] == pytest.approx(low, abs=1e-6)
    assert kw.loc[("tiny-001", "老年助餐"), ["count", "count_other", "tasks"]].tolist() == [2, 0, 1]
    assert kw.loc[("tiny-002", "城乡低保"), ["count", "count_other"]].tolist() == [3, 1]


def test_keywords_leave_out_the_generic_words_of_plans(bundled):
    from civstat.analyse.similarity import generic_words

    kw = keywords(bundled, top=20)
    assert not set(kw["term"]) & generic_words(bundled)
    assert not {"中心", "体系", "社区"} & set(kw["term"])
    everything = keywords(bundled, top=None, generic=1.0)
    assert "社区" in set(everything["term"])
    assert "体系" not in set(everything["term"])    # listed in civstat/data/generic_words.txt


def test_keywords_say_what_a_plan_is_about(bundled):
    kw = keywords(bundled, top=10)
    w23 = kw[(kw["issuer"] == "武汉市民政局") & (kw["year"] == 2023)]
    xz = kw[kw["issuer"] == "宣州区民政局"]
    # read in the plans: Wuhan 2023's province tasks bring housing (保障性租赁住房, 住房) and
    # consumption (消费 in items 6 and 15); Xuanzhou is about 行业协会商会 (4 tasks) and 儿童福利机构
    assert {"消费", "住房", "保障性"} <= set(w23["term"])
    assert {"行业协会商会", "儿童福利机构"} <= set(xz["term"])
    assert (w23["count"] > w23["count_other"] / 10).all()


def test_keywords_edge_cases():
    empty = keywords(tiny_plans("。", "，"))
    assert empty.empty
    assert list(empty.columns) == ["issuer", "year", *KW_COLUMNS]
    with pytest.raises(ValueError, match="top"):
        keywords(tiny_plans("养老"), top=0)
    with pytest.raises(ValueError, match="method"):
        keywords(tiny_plans("养老"), method="bm25")


# -- keyword in context -----------------------------------------------------------------------


def test_kwic_counts_occurrences_read_by_hand(bundled):
    rows = kwic(bundled, "适老化", width=5)
    assert list(rows.columns) == ["task_id", "issuer", "year", "field", "start", "left", "term", "right"]
    # Wuhan 2022 item 4; Wuhan 2023 items 1, 11 and 19 (twice: 旧城改造和适老化改造, 完成适老化改造2.5万户);
    # Xuanzhou 发展养老事业和养老产业, 推进基本养老服务体系建设, and 启动老年人帮扶行动和实施适老化改造
    # (in its title and in its goal).
    assert rows["task_id"].value_counts().to_dict() == {
        f"{W22}-004": 1, f"{W23}-001": 1, f"{W23}-011": 1, f"{W23}-019": 2,
        f"{XZ}-004": 1, f"{XZ}-016": 1, f"{XZ}-019": 2,
    }
    first = rows.iloc[0]
    assert (first["left"], first["term"], first["right"]) == ("老年人居家", "适老化", "改造。")
    assert rows.loc[rows["task_id"] == f"{XZ}-019", "field"].tolist() == ["text", "goal"]


def test_kwic_context_stops_at_the_edges(bundled):
    rows = kwic(bundled, "五社联动", width=6)
    assert rows[["task_id", "left", "right"]].to_dict("records") == [
        {"task_id": f"{W22}-002", "left": "强化“", "right": "”，推动社会"}]
    none = kwic(bundled, "不存在的词")
    assert none.empty
    assert list(none.columns)[-3:] == ["left", "term", "right"]
    with pytest.raises(ValueError, match="term"):
        kwic(bundled, "")


# -- import stays light -----------------------------------------------------------------------


def test_importing_themes_loads_neither_jieba_nor_sklearn():
    code = ("import sys, json, civstat.analyse.themes; "
            "print(json.dumps([m for m in ('jieba', 'sklearn', 'scipy') if m in sys.modules]))")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert json.loads(out.stdout) == []
