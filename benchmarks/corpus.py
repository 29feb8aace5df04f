"""A realistic corpus of plans for benchmarks: distinct task texts, and the truth of what continues.

``generate(n_issuers, years, tasks_per_plan, seed)`` returns a :class:`Corpus`: ``n_issuers``
issuers (江川区民政局, 青阳市民政局 …) each writing one plan a year, ``tasks_per_plan``
tasks a plan. Unlike ``synthetic.py``, which perturbs the bundled plans' texts and so
repeats them (about 41,000 distinct texts in 300,000 tasks), every text here is composed
anew from the domain vocabulary and checked against all texts before it, so texts do not
repeat (``Corpus.distinct_ratio()``, 1.0 by construction unless a text cannot be made new).

The vocabulary is civstat's own reference data (read, not copied): the theme lexicon
(``civstat/data/themes.csv``) gives each task its subject (居家养老, 临时救助, 公益性公墓 …)
and its theme, the user dictionary (``userdict.txt``) more domain words, the target
actions (``targets_actions.csv``) the verbs of targets, ``surnames.txt`` the leaders'
surnames. This module adds what those files do not hold: facility nouns, beneficiaries,
the divisions of a 民政局 by theme, place names, and the clause templates.

A task states a *commitment*: one or two objects (place modifier + domain word + facility,
农村 + 互助照料 + 服务站), an opening clause (持续推进农村居家养老服务站建设) and one to three
target clauses with numbers (新建…140个, 覆盖率达到95%, 为3200名特困人员提供…服务, 落实…资金
850万元, 在东湖、青石等3个街道开展…试点), sometimes a closing clause. From one year to the
next a commitment is restated (another verb and adverb, new numbers, clauses in another
order, a closing clause added or gone), renamed (its domain word or facility changes),
split into two tasks (its target clauses shared out), merged with another into one, or
put aside and restated two or three years later; the rest are dropped, and new
commitments fill each plan. ``Corpus.links`` records every direct restatement:
``task_id_old, task_id_new, kind`` with kind ``reworded``, ``renamed``, ``split``,
``merged`` or ``gap`` (old and new plans not adjacent). Each plan is written with its
tasks grouped in sections by theme; leaders (分管领导) hold themes and change now and then;
each task has a lead division (养老服务处, 社会救助科 …), co-units and a deadline.

``Corpus.plans`` is a :class:`civstat.Plans` built directly from the records (no reading);
``Corpus.write(folder)`` writes the plans as documents, in the layouts and formats of
``tests/plangen.py`` (text tables and lists, CSV, and .docx, .xlsx, .html if asked), with a
``manifest.csv`` giving each file's issuer, year and title; reading the folder back with
``civstat.load_plans`` gives the same task ids.

Run ``python benchmarks/corpus.py [--issuers 2 --years 5 --tasks 30]`` for a sample and
the distinct-text ratio.
"""

from __future__ import annotations

import argparse
import csv
import random
import sys
from collections.abc import Sequence
from dataclasses import dataclass, field
from functools import cache
from importlib.resources import files
from pathlib import Path

import pandas as pd

from civstat.plans import Plans

FIRST_YEAR = 2019
LINK_KINDS = ("reworded", "renamed", "split", "merged", "gap")

# -- what happens to a commitment from one plan to the next (probabilities, in order) --
P_REWORDED = 0.52
P_RENAMED = 0.06
P_SPLIT = 0.05
P_MERGED = 0.05
P_GAP = 0.05  # put aside, restated 2 or 3 years later; the rest (about 0.27) is dropped

# -- vocabulary the reference data does not hold ------------------------------------------------
MODIFIERS = ["社区", "农村", "城乡", "街道", "乡镇", "城市社区", "区级", "县级", "村级", "综合"]
FACILITIES = [("服务中心", "个"), ("服务站", "个"), ("示范点", "个"), ("工作站", "个"),
              ("综合体", "个"), ("服务平台", "个"), ("示范项目", "项"), ("服务网点", "处"),
              ("驿站", "家"), ("阵地", "处"), ("服务点", "个"), ("示范基地", "个")]
ADVERBS = ["", "持续", "深入", "加快", "全面", "稳步", "大力", "积极", "扎实", "统筹", "有序", "着力"]
OPEN_VERBS = ["推进", "实施", "推动", "抓好", "开展", "落实", "强化", "完善", "深化"]
OPEN_ENDS = ["建设", "工作", "提质增效", "规范化建设", "标准化建设", "改革", "体系建设", "能力提升"]
# Whom a theme's services are for (a theme not listed serves the first list's people).
GROUPS = {
    "social_assistance": ["特困人员", "低保对象", "低保边缘家庭成员", "低收入人口", "受灾群众",
                          "流浪乞讨人员", "支出型困难家庭成员"],
    "elderly_care": ["失能老年人", "高龄老人", "孤寡老人", "空巢老人", "特殊困难老年人", "失智老年人"],
    "child_welfare": ["困境儿童", "留守儿童", "事实无人抚养儿童", "孤儿", "残疾儿童"],
    "disability": ["困难残疾人", "重度残疾人", "残疾儿童", "精神障碍患者"],
    "veterans": ["退役军人", "优抚对象", "烈士遗属", "退役士兵"],
    "income_employment": ["就业困难人员", "农村劳动力", "低收入人口", "高校毕业生"],
}
# A domain word that already names a thing takes no facility noun after it.
THINGS = ("中心", "机构", "站", "床位", "综合体", "点", "食堂", "院", "公墓", "平台", "岗位", "组织",
          "协会商会", "基金会", "委员会", "会")
TRAINEES = ["社会工作者", "养老护理员", "社区工作者", "婚姻登记员", "志愿者", "儿童督导员", "儿童主任",
            "村居委会成员", "社会组织负责人", "殡葬服务人员"]
SCOPES = ["城市社区", "农村社区", "乡镇街道", "行政村", "城区", "全区", "全市", "重点区域"]
CLOSINGS = ["确保{year}年底前全部投入使用", "建立健全长效工作机制", "推动{core}工作提质增效",
            "形成可复制可推广的经验", "群众满意度达到{p}%以上", "切实兜牢民生底线", "实现应保尽保",
            "打造一批特色品牌", "纳入年度绩效考核", "定期通报工作进展", "强化资金绩效管理",
            "做到动态管理、应助尽助", "提升服务的精准性和可及性", "持续优化服务供给"]
DEADLINES = ["{year}年12月底前", "{year}年6月底前", "{year}年9月底前", "全年", "长期坚持", "12月底前",
             "{year}年第三季度", "{year}年11月底前", "按时间节点推进", "{year}年10月底前"]
PLACE = ("东西南北青白金江河湖山川平安宁和兴华新桃李杨柳松竹梅兰石桥龙凤泉溪林田丰明光阳春秋"
         "云霞翠碧长永福寿康乐德仁义礼信文武通达汉楚吴越淮海泰嘉")
GIVEN = "伟芳娜敏静丽强磊军洋勇艳杰娟涛明超秀霞平刚桂英华玉萍红玲芬燕斌宇浩凯健俊帆旭宁龙林欣谋利宏武永付"
# The divisions of a 民政局 that lead each theme ("处" in a city's bureau, "科" in a county's).
DIVISIONS = {
    "elderly_care": "养老服务", "social_assistance": "社会救助", "child_welfare": "儿童福利",
    "community_governance": "基层政权建设和社区治理", "charity_social_work": "慈善事业促进和社会工作",
    "social_organizations": "社会组织管理", "funeral_marriage": "社会事务", "disability": "社会福利",
    "veterans": "优抚安置", "income_employment": "政策法规", "economy_services": "规划财务",
}
SUPPORT_DIVISIONS = ["办公室", "规划财务{}", "政策法规{}", "机关党委", "区划地名{}", "信息中心"]
AGENCIES = ["财政局", "卫生健康委", "住房城乡建设局", "人力资源社会保障局", "医疗保障局", "残联", "妇联",
            "教育局", "公安局", "农业农村局", "退役军人事务局", "自然资源和规划局", "市场监管局", "团委"]
# Sections a plan groups its themes under (at most ten: plangen numbers them 一 … 十).
SECTIONS = {
    "social_assistance": "兜底保障基本民生", "disability": "兜底保障基本民生",
    "income_employment": "兜底保障基本民生", "elderly_care": "提升养老服务水平",
    "child_welfare": "加强儿童关爱保护", "community_governance": "加强基层社会治理",
    "social_organizations": "加强基层社会治理", "veterans": "加强基层社会治理",
    "charity_social_work": "发展慈善和社会工作", "funeral_marriage": "优化社会事务管理",
    "economy_services": "优化社会事务管理",
}


# -- the reference data --------------------------------------------------------------------------


def _data_lines(name: str) -> list[str]:
    text = files("civstat.data").joinpath(name).read_text(encoding="utf-8")
    return [line.strip() for line in text.splitlines() if line.strip() and not line.startswith("#")]


@cache
def vocabulary() -> dict:
    """The domain words by theme, the target verbs, the surnames: from ``civstat/data``."""
    cores: dict[str, str] = {}  # domain word -> theme
    for row in csv.DictReader(_data_lines("themes.csv")):
        term = row["term"]
        if row["theme"] and len(term) >= 2 and not any(c in term for c in "（）()"):
            cores.setdefault(term, row["theme"])
    by_length = sorted(cores, key=len, reverse=True)
    for line in _data_lines("userdict.txt"):  # user-dictionary words, themed by a term they hold
        word = line.split()[0]
        if word not in cores and not any(ch.isdigit() for ch in word):
            inside = next((t for t in by_length if t in word), None)
            if inside:
                cores[word] = cores[inside]
    actions: dict[str, list[str]] = {}
    for row in csv.DictReader(_data_lines("targets_actions.csv")):  # two-character verbs of a target
        if len(row["action"]) == 2 and row["action"] not in ("筹集", "试点", "开展"):
            actions.setdefault(row["family"], []).append(row["action"])
    surnames = [c for line in _data_lines("surnames.txt") if len(line) > 2 for c in line]
    by_theme: dict[str, list[str]] = {}
    for term, theme in sorted(cores.items()):
        by_theme.setdefault(theme, []).append(term)
    return {"cores": by_theme, "actions": actions, "surnames": surnames}


# -- commitments ---------------------------------------------------------------------------------


@dataclass
class _Object:
    modifier: str
    core: str
    facility: str
    unit: str

    @property
    def name(self) -> str:
        return f"{self.modifier}{self.core}{self.facility}"


@dataclass
class _Facet:
    kind: str  # new, upgrade, cover, serve, fund, raise, train, pilot
    obj: int  # which object of the commitment
    value: float
    extra: str = ""  # the group served, the trainees, the scope
    places: tuple[str, ...] = ()


@dataclass
class _Commitment:
    cid: int
    theme: str
    objects: list[_Object]
    facets: list[_Facet]
    closing: int | None
    last_task: str = ""  # the task that stated it last
    last_year: int = 0
    resume: int = 0  # the year a commitment put aside is restated
    texts: list[str] = field(default_factory=list)


def _person(rng: random.Random, surnames: list[str]) -> str:
    return rng.choice(surnames) + "".join(rng.choice(GIVEN) for _ in range(rng.choice((1, 2, 2))))


def _number(kind: str, unit: str, rng: random.Random) -> float:
    if kind == "cover":
        return rng.randint(60, 98)
    if kind in ("fund", "raise"):
        return rng.randint(50, 3000) if kind == "fund" else rng.randint(300, 1500)
    if kind == "serve":
        return rng.randint(200, 20000)
    if kind == "train":
        return rng.randint(50, 5000)
    if kind == "pilot":
        return rng.randint(2, 9)
    return rng.randint(3, 400) if unit in ("个", "项", "处", "家") else rng.randint(100, 5000)


def _move(facet: _Facet, rng: random.Random) -> float:
    """Next year's number: a target rises (coverage towards 100 %) or is reset."""
    v = facet.value
    if facet.kind == "cover":
        return min(100, v + rng.randint(1, 6))
    if facet.kind == "pilot":
        return max(2, v + rng.randint(-1, 3))
    return max(2, round(v * rng.uniform(0.6, 1.8)))


class _Composer:
    """Draws commitments and writes their texts, for one issuer."""

    def __init__(self, rng: random.Random, places: list[str]):
        self.rng = rng
        self.vocab = vocabulary()
        self.places = places
        self.used: set[str] = set()  # domain words this issuer already has a commitment on
        self.next_id = 0

    def core(self, theme: str | None = None, near: str | None = None) -> tuple[str, str]:
        rng, cores = self.rng, self.vocab["cores"]
        if theme is None:  # a theme with more words in the lexicon has more tasks
            themes = sorted(cores)
            theme = rng.choices(themes, weights=[len(cores[t]) for t in themes])[0]
        pool = [c for c in cores[theme] if c not in self.used] or cores[theme]
        if near:
            close = [c for c in pool if c != near and set(c) & set(near)]
            pool = close or [c for c in pool if c != near] or pool
        word = rng.choice(pool)
        self.used.add(word)
        return theme, word

    def obj(self, core: str) -> _Object:
        if core.endswith(THINGS):
            return _Object(self.rng.choice(MODIFIERS), core, "", "个")
        facilities = [f for f in FACILITIES if not (core.endswith("服务") and f[0].startswith("服务"))]
        facility, unit = self.rng.choice(facilities)
        return _Object(self.rng.choice(MODIFIERS), core, facility, unit)

    def facet(self, kind: str, obj: int, unit: str, theme: str) -> _Facet:
        rng = self.rng
        groups = GROUPS.get(theme, GROUPS["social_assistance"])
        extra = {"serve": rng.choice(groups), "train": rng.choice(TRAINEES),
                 "cover": rng.choice(SCOPES)}.get(kind, "")
        places = tuple(rng.sample(self.places, 2)) if kind == "pilot" else ()
        return _Facet(kind, obj, _number(kind, unit, rng), extra, places)

    def commitment(self) -> _Commitment:
        rng = self.rng
        theme, core = self.core()
        o = self.obj(core)
        kinds = rng.sample(["new", "upgrade", "cover", "serve", "fund", "raise", "train", "pilot"],
                           rng.choice((1, 2, 2, 3)))
        self.next_id += 1
        return _Commitment(self.next_id, theme, [o], [self.facet(k, 0, o.unit, theme) for k in kinds],
                           rng.randrange(len(CLOSINGS)) if rng.random() < 0.5 else None)

    def text(self, c: _Commitment, year: int) -> str:
        """One statement of the commitment: an opening clause, its targets, maybe a closing."""
        rng = self.rng
        names = [o.name for o in c.objects]
        subject = "和".join(names)
        opening = f"{rng.choice(ADVERBS)}{rng.choice(OPEN_VERBS)}{subject}{rng.choice(OPEN_ENDS)}"
        clauses = [self._facet_text(f, c.objects[f.obj], year) for f in c.facets]
        rng.shuffle(clauses)
        if c.closing is not None and rng.random() < 0.8:
            clauses.append(CLOSINGS[c.closing].format(year=year, core=c.objects[0].core,
                                                      p=rng.randint(85, 99)))
        return "，".join([opening, *clauses]) + "。"

    def _facet_text(self, f: _Facet, o: _Object, year: int) -> str:
        rng, actions = self.rng, self.vocab["actions"]
        v = int(f.value)
        if f.kind in ("new", "upgrade"):  # 新建… or 改造提升…: the verb from the actions of that kind
            return f"{rng.choice(actions[f.kind])}{o.name}{v}{o.unit}"
        if f.kind == "cover":
            return f"{f.extra}{o.core}{o.facility}覆盖率{rng.choice(('达到', '达', '提高到'))}{v}%"
        if f.kind == "serve":
            service = o.core if o.core.endswith("服务") else o.core + "服务"
            return f"{rng.choice(('为', '累计为', '全年为'))}{v}名{f.extra}提供{service}"
        if f.kind == "fund":
            return f"{rng.choice(('落实', '争取', '统筹安排'))}{o.core}专项资金{v}万元"
        if f.kind == "raise":
            return f"{o.core}补助标准{rng.choice(('提高到', '提高至', '调整为'))}每人每月{v}元"
        if f.kind == "train":
            return f"{rng.choice(('培训', '轮训', '组织培训'))}{f.extra}{v}人次"
        a, b = f.places
        return f"在{a}、{b}等{v}个街道开展{o.core}{rng.choice(('试点', '示范创建', '先行先试'))}"


# -- the corpus ------------------------------------------------------------------------------------


@dataclass(frozen=True)
class Corpus:
    """A generated corpus: the plans, and the true links between tasks of different years.

    Attributes
    ----------
    plans : civstat.Plans
        Documents, tasks and assignments, built directly from the generated records.
    links : pandas.DataFrame
        One row per direct restatement of a commitment: ``task_id_old, task_id_new, kind``
        (kind in :data:`LINK_KINDS`); a task split into two has two rows, two merged into one too.
    commitments : pandas.DataFrame
        ``task_id, commitment``: the commitment each task states (a merged task, the new
        commitment it starts; ``links`` says which two it came from).
    seed : int
        The seed it was generated from.
    """

    plans: Plans
    links: pd.DataFrame
    commitments: pd.DataFrame
    seed: int

    def distinct_ratio(self) -> float:
        """Distinct task texts over tasks."""
        texts = self.plans.tasks["text"]
        return texts.nunique() / max(len(texts), 1)

    def write(self, folder: str | Path, *, formats: Sequence[str] = ("txt", "csv")) -> Path:
        """Write every plan as a document in one of ``formats`` (txt, csv, docx, xlsx, html).

        Layouts and formats are drawn (seeded by the corpus' seed) as ``tests/plangen.py``
        draws them, restricted to ``formats``; ``manifest.csv`` gives each file's issuer,
        year and title. Files are named by ``doc_id``, so reading the folder gives the
        task ids of :attr:`plans`.
        """
        plangen = _plangen()
        folder = Path(folder)
        folder.mkdir(parents=True, exist_ok=True)
        suffixes = {"." + f.lower().lstrip(".") for f in formats}
        rng = random.Random(self.seed + 1)
        tasks = self.plans.tasks
        roles = (self.plans.assignments.groupby(["task_id", "role"], sort=False)["name"]
                 .agg(list).to_dict())
        manifest = []
        for doc in self.plans.documents.itertuples(index=False):
            while True:
                drawn = plangen.make_plan(rng)
                if drawn.suffix in suffixes:
                    break
            columns = drawn.options["columns"]
            rows = tasks[tasks["doc_id"] == doc.doc_id]
            has = {"leader": "leader" in columns or drawn.layout == "list",
                   "co": "co" in columns or drawn.layout == "list"}
            if drawn.options.get("list_style") == "sentence":
                has["leader"] = False
            plan_tasks = [
                plangen.Task(
                    text=t.text,
                    leaders=roles.get((t.task_id, "leader"), []) if has["leader"] else [],
                    leads=roles.get((t.task_id, "lead_division"), []),
                    cos=roles.get((t.task_id, "division"), []) if has["co"] else [],
                    deadline=t.deadline if "deadline" in columns else "",
                    section=t.section)
                for t in rows.itertuples(index=False)]
            drawn.options["sections"] = True
            drawn.options["merged_leader"] = False
            plan = plangen.Plan(plan_tasks, drawn.layout, drawn.fmt, drawn.options)
            path = _write_document(plangen, plan, folder, doc.doc_id, doc.title)
            manifest.append({"file": path.name, "issuer": doc.issuer, "year": doc.year,
                             "title": doc.title})
        with (folder / "manifest.csv").open("w", encoding="utf-8", newline="") as handle:
            out = csv.DictWriter(handle, ["file", "issuer", "year", "title"])
            out.writeheader()
            out.writerows(manifest)
        return folder


def _write_document(plangen, plan, folder: Path, name: str, title: str) -> Path:
    """``plangen.write`` with the plan's own title (plangen's writers take one; its write() does not)."""
    path = folder / f"{name}{plan.suffix}"
    if plan.layout == "list":
        path.write_text(plangen._write_list(plan, title), encoding="utf-8")
        return path
    if plan.fmt == "csv":  # a CSV plan has no title line
        return plangen.write(plan, folder, name)
    header, rows = plangen._table_rows(plan)
    if plan.fmt == "xlsx":
        plangen._write_xlsx(path, title, header, rows)
    elif plan.fmt == "docx":
        plangen._write_docx(path, title, header, rows)
    elif plan.fmt == "html":
        plangen._write_html(path, title, header, rows)
    else:
        path.write_text(plangen._write_text_table(plan, title, header, rows), encoding="utf-8")
    return path


def _plangen():
    tests = str(Path(__file__).resolve().parent.parent / "tests")
    if tests not in sys.path:
        sys.path.insert(0, tests)
    import plangen

    return plangen


def _issuers(n: int, rng: random.Random) -> list[tuple[str, str]]:
    """``n`` distinct issuers: (name, level suffix of its divisions)."""
    seen: set[str] = set()
    out = []
    while len(out) < n:
        size = 2 if len(seen) < 0.5 * len(PLACE) ** 2 else 3
        place = "".join(rng.choice(PLACE) for _ in range(size))
        level = rng.choice("市区区县")
        name = f"{place}{level}民政局"
        if name not in seen:
            seen.add(name)
            out.append((name, "处" if level == "市" else "科"))
    return out


def generate(n_issuers: int = 2000, years: int | Sequence[int] = 5, tasks_per_plan: int = 30,
             seed: int = 0) -> Corpus:
    """Generate a reproducible corpus of plans with distinct texts and known continuity.

    Parameters
    ----------
    n_issuers : int
        How many issuers; each writes one plan a year.
    years : int or sequence of int
        How many consecutive years from 2019, or the years themselves.
    tasks_per_plan : int
        Tasks in each plan.
    seed : int
        Seed of ``random.Random``: the same arguments give the same corpus.

    Returns
    -------
    Corpus
    """
    rng = random.Random(seed)
    plan_years = list(range(FIRST_YEAR, FIRST_YEAR + years)) if isinstance(years, int) else sorted(years)
    vocab = vocabulary()
    seen: set[str] = set()
    documents, tasks, assignments, links, lineage = [], [], [], [], []
    for number, (issuer, suffix) in enumerate(_issuers(n_issuers, rng), 1):
        places = sorted({"".join(rng.choice(PLACE) for _ in range(2)) for _ in range(14)})
        composer = _Composer(rng, places)
        leaders = [_person(rng, vocab["surnames"]) for _ in range(rng.randint(3, 5))]
        holder = {theme: rng.randrange(len(leaders)) for theme in DIVISIONS}
        alive: list[_Commitment] = []
        aside: list[_Commitment] = []
        for y_index, year in enumerate(plan_years):
            doc_id = f"plan{number:05d}-{year}"
            if rng.random() < 0.2:  # a leader leaves; a new one takes over the themes
                k = rng.randrange(len(leaders))
                leaders[k] = _person(rng, vocab["surnames"])
            stated: list[tuple[_Commitment, list[tuple[str, str]]]] = []  # and where it came from
            if y_index:
                stated = _carry_over(composer, alive, aside, year, rng)
            rng.shuffle(stated)
            stated = stated[:tasks_per_plan]
            while len(stated) < tasks_per_plan:
                stated.append((composer.commitment(), []))
            stated.sort(key=lambda s: list(SECTIONS.values()).index(SECTIONS[s[0].theme]))
            alive = []
            seq_in = {}
            for k, (c, sources) in enumerate(stated, 1):
                task_id = f"{doc_id}-{k:03d}"
                text = composer.text(c, year)
                for _ in range(50):  # a text is never written twice in the corpus
                    if text not in seen:
                        break
                    for f in c.facets:
                        f.value = _move(f, rng)
                    text = composer.text(c, year)
                seen.add(text)
                section = SECTIONS[c.theme]
                seq_in[section] = seq_in.get(section, 0) + 1
                tasks.append({"task_id": task_id, "doc_id": doc_id, "issuer": issuer, "year": year,
                              "section": section, "seq": seq_in[section], "lead": False, "title": "",
                              "text": text, "goal": "", "source": "", "line": 2 + 5 * k,
                              "sections": section, "deadline": rng.choice(DEADLINES).format(year=year),
                              "progress": "", "progress_period": "", "page": None})
                lead = DIVISIONS[c.theme] + suffix
                cos = {rng.choice(SUPPORT_DIVISIONS).format(suffix) for _ in range(rng.choice((0, 1, 1, 2)))}
                cos |= {issuer[:-3] + rng.choice(AGENCIES) for _ in range(rng.choice((0, 1, 2)))}
                names = [("leader", leaders[holder[c.theme]]), ("lead_division", lead)]
                names += [("division", n) for n in sorted(cos - {lead})]
                assignments += [{"task_id": task_id, "doc_id": doc_id, "issuer": issuer, "year": year,
                                 "role": role, "name": n, "name_raw": n} for role, n in names]
                links += [{"task_id_old": old, "task_id_new": task_id, "kind": kind} for old, kind in sources]
                lineage.append({"task_id": task_id, "commitment": f"{issuer}#{c.cid}"})
                c.last_task, c.last_year = task_id, year
                alive.append(c)
            documents.append({"doc_id": doc_id, "issuer": issuer, "year": year,
                              "title": f"{issuer}{year}年重点工作任务责任分解方案", "layout": "generated",
                              "path": "", "n_tasks": len(stated), "complete": True})
    plans = Plans.from_records({"documents": documents, "tasks": tasks, "assignments": assignments})
    link_table = pd.DataFrame(links, columns=["task_id_old", "task_id_new", "kind"]).astype("str")
    return Corpus(plans, link_table, pd.DataFrame(lineage, columns=["task_id", "commitment"]), seed)


def _carry_over(composer: _Composer, alive: list[_Commitment], aside: list[_Commitment], year: int,
                rng: random.Random) -> list[tuple[_Commitment, list[tuple[str, str]]]]:
    """Last year's commitments restated, renamed, split, merged, put aside; those due back return."""
    out = []
    merging: list[_Commitment] = []
    for c in alive:
        draw = rng.random()
        if draw < P_REWORDED:
            _restate(c, rng)
            out.append((c, [(c.last_task, "reworded")]))
        elif draw < P_REWORDED + P_RENAMED:
            _restate(c, rng)
            k = rng.randrange(len(c.objects))
            o = c.objects[k]
            if rng.random() < 0.6:
                o.core = composer.core(c.theme, near=o.core)[1]
            elif o.facility:
                o.facility = rng.choice([f for f, _ in FACILITIES if f != o.facility])
            else:
                o.modifier = rng.choice([m for m in MODIFIERS if m != o.modifier])
            out.append((c, [(c.last_task, "renamed")]))
        elif draw < P_REWORDED + P_RENAMED + P_SPLIT:
            _restate(c, rng)
            for part in _split(composer, c, rng):
                out.append((part, [(c.last_task, "split")]))
        elif draw < P_REWORDED + P_RENAMED + P_SPLIT + P_MERGED:
            merging.append(c)
        elif draw < P_REWORDED + P_RENAMED + P_SPLIT + P_MERGED + P_GAP:
            c.resume = year + rng.choice((1, 1, 2))
            aside.append(c)
    while len(merging) >= 2:
        a, b = merging.pop(), merging.pop()
        _restate(a, rng)
        _restate(b, rng)
        composer.next_id += 1
        facets = [a.facets[0], b.facets[0]]
        facets[0].obj, facets[1].obj = 0, 1
        merged = _Commitment(composer.next_id, a.theme, [a.objects[0], b.objects[0]], facets, None)
        out.append((merged, [(a.last_task, "merged"), (b.last_task, "merged")]))
    for c in merging:  # no partner this year: restated as it was
        _restate(c, rng)
        out.append((c, [(c.last_task, "reworded")]))
    for c in [c for c in aside if c.resume <= year]:
        aside.remove(c)
        _restate(c, rng)
        out.append((c, [(c.last_task, "gap")]))
    return out


def _restate(c: _Commitment, rng: random.Random) -> None:
    for f in c.facets:
        f.value = _move(f, rng)
    if rng.random() < 0.15:
        c.closing = rng.randrange(len(CLOSINGS)) if c.closing is None else None


def _split(composer: _Composer, c: _Commitment, rng: random.Random) -> list[_Commitment]:
    """Two commitments on the same object, each with part of the targets (or a new one)."""
    facets = list(c.facets)
    if len(facets) == 1:
        kind = rng.choice([k for k in ("new", "cover", "serve", "fund", "train") if k != facets[0].kind])
        facets.append(composer.facet(kind, 0, c.objects[0].unit, c.theme))
    k = rng.randint(1, len(facets) - 1)
    parts = []
    for share in (facets[:k], facets[k:]):
        composer.next_id += 1
        objects = [_Object(o.modifier, o.core, o.facility, o.unit) for o in c.objects]
        parts.append(_Commitment(composer.next_id, c.theme, objects, share, None))
    for part in parts:  # the facets point at objects the part has
        for f in part.facets:
            f.obj = min(f.obj, len(part.objects) - 1)
    return parts


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--issuers", type=int, default=2)
    parser.add_argument("--years", type=int, default=5)
    parser.add_argument("--tasks", type=int, default=30)
    parser.add_argument("--seed", type=int, default=0)
    parser.add_argument("--write", help="also write the plans as documents into this folder")
    args = parser.parse_args()
    corpus = generate(args.issuers, args.years, args.tasks, args.seed)
    print(corpus.plans)
    with pd.option_context("display.width", 200, "display.max_colwidth", 90):
        print(corpus.plans.tasks[["task_id", "text"]].head(12).to_string(index=False))
        print(corpus.links.value_counts("kind").to_string())
    print(f"distinct-text ratio: {corpus.distinct_ratio():.4f} "
          f"({corpus.plans.tasks['text'].nunique():,} distinct of {len(corpus.plans.tasks):,})")
    if args.write:
        print(f"written to {corpus.write(args.write)}")


if __name__ == "__main__":
    main()
