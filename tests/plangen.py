"""Write plans from a known table in every layout civstat reads, and score a reading against it.

``make_plan(rng)`` draws a plan: sections, tasks (text, leaders, lead units, co-units,
deadline, progress) and the options of how a bureau would publish it (header words,
column order, flattening, separators, numbering style, merged cells, labels inline or
on their own lines, file format). ``write(plan, folder)`` writes it; ``score(plan,
plans)`` compares what civstat read with the table it started from, field by field.

The vocabulary is this module's own (invented names, offices and tasks), chosen
independently of civstat's reference tables, so that a round trip tests the reader's
inference, not its word lists. Run ``python benchmarks/roundtrip.py`` for the figures
over thousands of documents; ``tests/test_roundtrip.py`` runs a fixed-seed sample.
"""

from __future__ import annotations

import csv
import random
from dataclasses import dataclass, field
from pathlib import Path

SURNAMES = "王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗郑梁谢宋唐许韩冯邓曹彭曾萧田董潘袁蔡蒋余于杜叶程魏苏吕丁任卢姚沈钟姜崔谭陆范汪廖石金韦贾夏付方邹熊白孟秦邱侯江尹薛闫段雷龙黎史陶贺毛郝顾龚邵万覃武钱戴严欧莫孔向汤"
GIVEN = "伟芳娜敏静丽强磊军洋勇艳杰娟涛明超秀霞平刚桂英华玉萍红娥玲芬燕斌宇浩凯健俊帆帅旭宁龙林欣"
PREFIXES = ["市", "区", "县"]
OFFICES = ["民政局", "财政局", "卫生健康委", "住房城乡建设局", "教育局", "人力资源社会保障局", "医疗保障局",
           "残联", "妇联", "农业农村局", "交通运输局", "水利局", "文化旅游局", "发展改革委", "市场监管局",
           "城管局", "司法局", "应急管理局", "数据资源局", "税务局", "供销社", "红十字会", "总工会"]
DIVISIONS = ["养老服务科", "社会救助科", "儿童福利科", "社会事务科", "区划地名科", "办公室", "规划财务科",
             "慈善社会工作科", "基层政权建设科", "社会组织管理局", "低保中心", "婚姻登记中心", "殡葬管理所"]
COLLECTIVE = ["各乡镇人民政府", "各街道办事处", "各区人民政府", "各县（市、区）政府"]
VERBS = ["推进", "完成", "新建", "改造提升", "开展", "落实", "加强", "健全", "实施", "深化", "建设", "优化"]
OBJECTS = ["社区养老服务中心", "农村互助照料中心", "儿童福利机构", "社会救助体系", "婚姻登记服务", "殡葬服务设施",
           "社区社会组织", "志愿服务站点", "居家适老化改造", "低保动态管理", "未成年人保护工作站", "老年助餐点",
           "养老机构消防安全", "困难群众临时救助", "残疾人两项补贴", "社会工作服务站", "慈善超市", "地名信息库"]
MEASURES = ["个", "所", "户", "张", "家", "人次", "处", "条"]
EXTRAS = ["全覆盖", "提质增效", "规范化建设", "标准化管理", "数字化改造", "专项行动"]
DEADLINES = ["12月底前", "6月底前", "9月底前", "全年", "2024年10月", "第三季度", "3月底前完成", "长期坚持"]
PROGRESS = ["已完成", "已完成招标，正在施工。", "完成年度目标的80%。", "按计划推进", "正在推进，已完成前期调研。",
            "完成60%", "已开工建设"]
SECTIONS = ["兜底保障民生", "提升养老服务水平", "加强基层社会治理", "发展慈善和社会工作", "优化社会事务管理"]

HEADERS = {
    "seq": ["序号", "编号", "序 号"],
    "text": ["工作任务", "工作事项", "重点工作", "任务内容", "民生实事", "项目名称", "督查内容", "重点任务",
             "具体任务", "工作内容", "民生事项名称", "事项"],
    "leader": ["分管领导", "责任领导", "牵头领导", "分管局领导", "负责人", "分管市领导", "分 管 领 导", "责任人"],
    "lead": ["牵头单位", "牵头处室", "牵头部门", "主责单位", "牵头责任单位", "牵头科室", "牵 头 单 位",
             "牵头处室（单位）"],
    "co": ["责任单位", "配合单位", "协办单位", "协同单位", "参与单位", "责任处室（单位）", "协同责任单位",
           "配合部门"],
    "deadline": ["完成时限", "完成时间", "时间节点", "完成期限"],
    "progress": ["进展情况", "当前进度", "一季度进展情况", "落实情况（全年）", "1-9月完成情况", "推进情况"],
    "note": ["备注", "说明"],
}
LABELS = {
    "leader": ["分管领导", "牵头领导", "责任领导", "牵头负责领导"],
    "lead": ["牵头单位", "牵头部门", "牵头责任单位", "主责单位"],
    "co": ["责任单位", "配合单位", "协办单位", "协同责任单位", "参与单位"],
}
TABLE_FORMATS = ["pipe", "cells", "cells_pipe", "tabs", "csv", "xlsx", "docx", "html"]
LIST_STYLES = ["lines", "inline", "paren", "sentence"]
NUMBERS = ["ar_dot", "ar_comma", "par", "pcn", "circ"]
CN = "一二三四五六七八九十"
CIRCLED = "①②③④⑤⑥⑦⑧⑨⑩⑪⑫⑬⑭⑮⑯⑰⑱⑲⑳"


@dataclass
class Task:
    text: str
    leaders: list[str]
    leads: list[str]
    cos: list[str]
    deadline: str = ""
    progress: str = ""
    section: str = ""


@dataclass
class Plan:
    tasks: list[Task]
    layout: str  # "table" or "list"
    fmt: str  # a TABLE_FORMATS entry, or "list"
    options: dict = field(default_factory=dict)

    @property
    def suffix(self) -> str:
        return {"csv": ".csv", "xlsx": ".xlsx", "docx": ".docx", "html": ".html"}.get(self.fmt, ".txt")


def _person(rng: random.Random) -> str:
    return rng.choice(SURNAMES) + "".join(rng.choice(GIVEN) for _ in range(rng.choice([1, 2, 2])))


def _unit(rng: random.Random, bureau: bool) -> str:
    if bureau and rng.random() < 0.5:
        return rng.choice(DIVISIONS)
    return rng.choice(PREFIXES) + rng.choice(OFFICES)


def _text(rng: random.Random) -> str:
    n = rng.randint(2, 300)
    parts = [f"{rng.choice(VERBS)}{rng.choice(OBJECTS)}"]
    if rng.random() < 0.6:
        parts.append(f"新增{rng.choice(OBJECTS)}{n}{rng.choice(MEASURES)}")
    if rng.random() < 0.4:
        parts.append(f"实现{rng.choice(EXTRAS)}")
    return "，".join(parts) + "。"


def make_plan(rng: random.Random) -> Plan:
    """Draw a plan and how it is published."""
    layout = "table" if rng.random() < 0.7 else "list"
    fmt = rng.choice(TABLE_FORMATS) if layout == "table" else "list"
    n_sections = rng.choice([0, 0, 1, 2, 3])
    leaders = [_person(rng) for _ in range(rng.randint(2, 4))]
    tasks = []
    sections = rng.sample(SECTIONS, n_sections) if n_sections else [""]
    for section in sections:
        for _ in range(rng.randint(2, 6)):
            lead_pool = rng.sample(leaders, rng.choice([1, 1, 1, 2]))
            cos = sorted({_unit(rng, True) for _ in range(rng.choice([0, 1, 2, 3]))})
            if rng.random() < 0.15:
                cos.append(rng.choice(COLLECTIVE))
            lead = [_unit(rng, True)]
            cos = [c for c in cos if c not in lead]
            tasks.append(Task(_text(rng), lead_pool, lead, cos, section=section))
    columns = ["leader", "lead", "co"]
    options = {
        "sections": bool(n_sections),
        "headers": {k: rng.choice(v) for k, v in HEADERS.items()},
        "unit_sep": rng.choice(["、", "，", "；", " ", "\n"]),
        "number": rng.choice(NUMBERS),
    }
    if layout == "table":
        if rng.random() < 0.3:
            rng.shuffle(columns)
        if rng.random() < 0.4:
            columns.append("deadline")
        if rng.random() < 0.3:
            columns.append("progress")
        if rng.random() < 0.2:
            columns.append("note")
        if rng.random() < 0.2:  # a plan with no leader column
            columns.remove("leader")
        if rng.random() < 0.15:  # nor a co-unit column
            columns.remove("co")
        # a value printed once for rows that share it (a merged cell), shown by leaving it out
        options["merged_leader"] = "leader" in columns and fmt != "csv" and rng.random() < 0.2
        if options["unit_sep"] == "\n" and fmt in ("pipe", "csv"):
            options["unit_sep"] = "、"
    else:
        options["list_style"] = rng.choice(LIST_STYLES)
        options["label_sep"] = rng.choice(["；", "，", "; "])
        options["labels"] = {k: rng.choice(v) for k, v in LABELS.items()}
        if options["unit_sep"] in ("\n", " "):
            options["unit_sep"] = "、"
        if options["list_style"] == "sentence":
            for t in tasks:
                t.leaders = []
        if options["list_style"] in ("paren", "sentence") and rng.random() < 0.5:
            for t in tasks:
                t.leaders = []
    for t in tasks:
        if "deadline" in columns:
            t.deadline = rng.choice(DEADLINES)
        if "progress" in columns:
            t.progress = rng.choice(PROGRESS)
        if "leader" not in columns and layout == "table":
            t.leaders = []
        if "co" not in columns and layout == "table":
            t.cos = []
    options["columns"] = columns
    if options.get("merged_leader"):
        for k in range(1, len(tasks)):  # runs of tasks under one leader
            if rng.random() < 0.5 and tasks[k].section == tasks[k - 1].section:
                tasks[k].leaders = list(tasks[k - 1].leaders)
    return Plan(tasks, layout, fmt, options)


# --- writing -----------------------------------------------------------------------------------


def _number(style: str, n: int) -> str:
    return {"ar_dot": f"{n}.", "ar_comma": f"{n}、", "par": f"（{n}）", "pcn": f"（{CN[n - 1] if n <= 10 else n}）",
            "circ": CIRCLED[n - 1] if n <= 20 else f"{n}."}[style]


def _cell(plan: Plan, task: Task, column: str) -> str:
    sep = plan.options["unit_sep"]
    return {"leader": sep.replace("、", " ").replace("，", " ").replace("；", " ") .join(task.leaders)
            if sep not in ("\n",) else "\n".join(task.leaders),
            "lead": sep.join(task.leads), "co": sep.join(task.cos), "deadline": task.deadline,
            "progress": task.progress, "note": "市民生实事" if task.deadline else ""}[column]


def _table_rows(plan: Plan) -> tuple[list[str], list[tuple[str, list[str]]]]:
    """The header and the rows (``("section", [title])`` or ``("task", cells)``) of a table plan."""
    h = plan.options["headers"]
    columns = plan.options["columns"]
    header = [h["seq"], h["text"]] + [h[c] for c in columns]
    rows: list[tuple[str, list[str]]] = []
    section = None
    n = 0
    previous: Task | None = None
    for task in plan.tasks:
        if plan.options["sections"] and task.section != section:
            section = task.section
            k = sum(1 for kind, _ in rows if kind == "section")
            rows.append(("section", [f"{CN[k]}、{section}"]))
            n = 0
            previous = None
        n += 1
        cells = [str(n), task.text]
        for c in columns:
            value = _cell(plan, task, c)
            if c == "leader" and plan.options.get("merged_leader") and previous is not None \
                    and previous.leaders == task.leaders:
                value = None  # merged: printed on the first row only
            cells.append(value)
        rows.append(("task", cells))
        previous = task
    return header, rows


def write(plan: Plan, folder: Path, name: str = "plan") -> Path:
    """Write a plan in its format; return the file."""
    path = folder / f"{name}{plan.suffix}"
    title = "2024年某区民政局重点工作任务分解表"
    if plan.layout == "list":
        path.write_text(_write_list(plan, title), encoding="utf-8")
        return path
    header, rows = _table_rows(plan)
    if plan.fmt in ("pipe", "cells", "cells_pipe", "tabs"):
        path.write_text(_write_text_table(plan, title, header, rows), encoding="utf-8")
    elif plan.fmt == "csv":
        with path.open("w", encoding="utf-8-sig", newline="") as handle:
            out = csv.writer(handle)
            out.writerow(header)
            for kind, cells in rows:
                out.writerow(cells if kind == "section" else ["" if c is None else c for c in cells])
    elif plan.fmt == "xlsx":
        _write_xlsx(path, title, header, rows)
    elif plan.fmt == "docx":
        _write_docx(path, title, header, rows)
    elif plan.fmt == "html":
        _write_html(path, title, header, rows)
    return path


def _write_text_table(plan: Plan, title: str, header: list[str], rows) -> str:
    fmt = plan.fmt
    out = [title, ""]
    if fmt == "pipe":
        out.append(" | ".join(header) + " |")
        for kind, cells in rows:
            if kind == "section":
                out.append(f"{cells[0]} | " + "|" * (len(header) - 2))
            else:
                out.append(" | ".join(c for c in cells if c is not None) + " |")
        return "\n".join(out) + "\n"
    end = " |" if fmt == "cells_pipe" else ""
    lead = "\t" if fmt == "tabs" else ""
    gap = [""] if fmt != "cells_pipe" else []
    for h in header:
        out += [f"{lead}{h}{end}"] + ([""] if fmt == "cells" else [])
    out += gap
    for kind, cells in rows:
        if kind == "section":
            out += [f"{cells[0]}{end}"] + gap
            continue
        for c in cells:
            if c is None:
                continue
            if c == "":
                if fmt == "tabs":
                    out.append("\t")
                continue
            value_lines = c.split("\n")
            out.append(f"{lead}{value_lines[0]}{end}")
            out += [f"{x}{end}" for x in value_lines[1:]]
            if fmt == "cells":
                out.append("")
        out += gap
    return "\n".join(out) + "\n"


def _merged_spans(rows):
    """For each task row and column, how many rows a None below it extends the cell."""
    spans: dict[tuple[int, int], int] = {}
    for r, (kind, cells) in enumerate(rows):
        if kind != "task":
            continue
        for c, value in enumerate(cells):
            if value is None:
                top = r - 1
                while rows[top][1][c] is None:
                    top -= 1
                spans[(top, c)] = spans.get((top, c), 1) + 1
    return spans


def _write_xlsx(path: Path, title: str, header: list[str], rows) -> None:
    import openpyxl

    book = openpyxl.Workbook()
    sheet = book.active
    sheet.append([title])
    sheet.append(header)
    first = 3
    for kind, cells in rows:
        sheet.append(cells if kind == "section" else ["" if c is None else c for c in cells])
    for (r, c), span in _merged_spans(rows).items():
        sheet.merge_cells(start_row=first + r, start_column=c + 1, end_row=first + r + span - 1, end_column=c + 1)
    book.save(path)


def _write_docx(path: Path, title: str, header: list[str], rows) -> None:
    import docx

    document = docx.Document()
    document.add_paragraph(title)
    table = document.add_table(rows=1 + len(rows), cols=len(header))
    for c, h in enumerate(header):
        table.cell(0, c).text = h
    for r, (kind, cells) in enumerate(rows, 1):
        if kind == "section":
            merged = table.cell(r, 0).merge(table.cell(r, len(header) - 1))
            merged.text = cells[0]
            continue
        for c, value in enumerate(cells):
            if value:
                table.cell(r, c).text = value
    for (r, c), span in _merged_spans(rows).items():
        table.cell(r + 1, c).merge(table.cell(r + span, c))
    document.save(path)


def _write_html(path: Path, title: str, header: list[str], rows) -> None:
    from html import escape

    spans = _merged_spans(rows)
    out = [f"<html><body><p>{escape(title)}</p><table border='1'>",
           "<tr>" + "".join(f"<th>{escape(h)}</th>" for h in header) + "</tr>"]
    for r, (kind, cells) in enumerate(rows):
        if kind == "section":
            out.append(f"<tr><td colspan='{len(header)}'>{escape(cells[0])}</td></tr>")
            continue
        tds = []
        for c, value in enumerate(cells):
            if value is None:
                continue
            span = spans.get((r, c), 1)
            attr = f" rowspan='{span}'" if span > 1 else ""
            tds.append(f"<td{attr}>{escape(value).replace(chr(10), '<br>')}</td>")
        out.append("<tr>" + "".join(tds) + "</tr>")
    out.append("</table></body></html>")
    path.write_text("\n".join(out), encoding="utf-8")


def _write_list(plan: Plan, title: str) -> str:
    o = plan.options
    style = o["list_style"]
    labels = o["labels"]
    sep = o["unit_sep"]
    out = [title, ""]
    section = None
    n = 0
    k = 0
    for task in plan.tasks:
        if o["sections"] and task.section != section:
            section = task.section
            out.append(f"{CN[k]}、{section}")
            k += 1
            n = 0
        n += 1
        text = task.text
        number = _number(o["number"], n)
        parts = []
        if task.leaders:
            parts.append(f"{labels['leader']}：{'、'.join(task.leaders)}")
        parts.append(f"{labels['lead']}：{sep.join(task.leads)}")
        if task.cos:
            parts.append(f"{labels['co']}：{sep.join(task.cos)}")
        if style == "lines":
            out.append(f"{number}{text}")
            out += [p + "。" for p in parts]
        elif style == "inline":
            out.append(f"{number}{text.rstrip('。')}，{'；'.join(parts)}。")
        elif style == "paren":
            out.append(f"{number}{text}（{o['label_sep'].join(parts)}）")
        else:  # sentence
            co = f"，{sep.join(task.cos)}负责落实" if task.cos else ""
            out.append(f"{number}{text}（{sep.join(task.leads)}牵头{co}）")
        out.append("")
    return "\n".join(out) + "\n"


# --- scoring -----------------------------------------------------------------------------------

FIELDS = ("text", "leaders", "leads", "cos", "deadline", "progress")


def _norm(s: str) -> str:
    return "".join(s.split()).rstrip("。")


def score(plan: Plan, plans) -> tuple[int, int, list[str]]:
    """Fields right, fields in all, and what went wrong, for one plan read back."""
    tasks = plans.tasks.reset_index(drop=True)
    a = plans.assignments
    wrong: list[str] = []
    right = total = 0
    for i, want in enumerate(plan.tasks):
        total += len(FIELDS)
        if i >= len(tasks):
            wrong.append(f"task {i + 1} missing")
            continue
        got = tasks.iloc[i]
        rows = a[a["task_id"] == got["task_id"]]
        names = {r: set(rows.loc[rows["role"].isin(roles), "name_raw"]) for r, roles in (
            ("leaders", ["leader"]), ("leads", ["lead_division", "city_lead"]),
            ("cos", ["division", "city_unit"]))}
        checks = {
            "text": _norm(got["text"]) == _norm(want.text),
            "leaders": names["leaders"] == set(want.leaders),
            "leads": names["leads"] == set(want.leads),
            "cos": names["cos"] == set(want.cos),
            "deadline": _norm(got["deadline"]) == _norm(want.deadline),
            "progress": _norm(got["progress"]) == _norm(want.progress),
        }
        for f, ok in checks.items():
            right += ok
            if not ok:
                wrong.append(f"task {i + 1} {f}")
    extra = len(tasks) - len(plan.tasks)
    if extra > 0:
        total += extra * len(FIELDS)
        wrong.append(f"{extra} extra tasks")
    return right, total, wrong


def describe(plan: Plan) -> str:
    """A short name for how a plan was published, for grouping failures."""
    o = plan.options
    if plan.layout == "list":
        return f"list/{o['list_style']}/{o['number']}"
    return f"{plan.fmt}" + ("/merged" if o.get("merged_leader") else "")
