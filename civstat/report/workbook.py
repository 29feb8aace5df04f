"""The workbook for people: the plans and their analyses as Excel sheets a user can read and filter.

Report layer: the analyses into one Excel workbook, written by ``Plans.to_excel``.

:meth:`civstat.Plans.to_excel` writes it; the tidy tables stay in Parquet and CSV
(:meth:`civstat.Plans.save`). openpyxl and the analyses are imported inside the functions.
"""

from __future__ import annotations

import unicodedata
from pathlib import PurePath, PureWindowsPath

import pandas as pd

from civstat.plans import KINDS_ZH, LABELS_ZH, ROLES, Plans, excel_safe

#: Widest column, in characters of the width of one Latin letter (a Chinese character is two).
MAX_WIDTH = 60
#: Columns holding text long enough to wrap.
_WRAP_AT = 30


def task_list(plans: Plans) -> pd.DataFrame:
    """Return one row per task with its holders in every role, deadline and progress side by side.

    Columns are in Chinese; names in one role are joined with 、. Columns empty in every
    task (no plan of the selection has a deadline, say) are left out.

    Examples
    --------
    >>> import civstat
    >>> plans = civstat.load_plans(errors="ignore").select(issuer="武汉市民政局", year=2023)
    >>> row = task_list(plans).iloc[0]
    >>> int(row["序号"]), row["分管领导"], row["牵头处室"]
    (1, '邓永付', '养老服务处')
    """
    from civstat.analyse.themes import themes

    tasks = plans.tasks
    a = plans.assignments
    holders = a.pivot_table(index="task_id", columns="role", values="name",
                            aggfunc=lambda names: "、".join(dict.fromkeys(names)))
    tagged = themes(plans)
    theme = tagged.groupby("task_id", sort=False)["label"].agg("、".join)
    out = pd.DataFrame({
        "单位": tasks["issuer"], "年度": tasks["year"], "序号": tasks["seq"],
        "牵头": tasks["lead"].map({True: "是", False: ""}), "部分": tasks["sections"],
        "工作事项": tasks["text"], "工作目标": tasks["goal"],
    })
    for role in ROLES:
        out[LABELS_ZH[role]] = tasks["task_id"].map(holders[role]) if role in holders else ""
    out["完成时限"] = tasks["deadline"]
    out["进展情况"] = tasks["progress"]
    out["任务来源"] = tasks["source"]
    out["主题"] = tasks["task_id"].map(theme)
    out["文件"] = tasks["doc_id"]
    out = out.fillna({c: "" for c in out.columns if c not in ("年度", "序号")})
    keep = [c for c in out.columns if c in ("单位", "年度", "序号", "工作事项")
            or out[c].astype(str).str.strip().ne("").any()]
    return out[keep].reset_index(drop=True)


def workload_sheet(plans: Plans) -> pd.DataFrame:
    """Return the tasks per name in every role, with the role and kind of name in Chinese."""
    from civstat.analyse.workload import workload

    parts = []
    for role in ROLES:
        if not (plans.assignments["role"] == role).any():
            continue
        w = workload(plans, by=role)
        parts.append(w.assign(role=LABELS_ZH[role]))
    if not parts:
        return pd.DataFrame(columns=["单位", "年度", "角色", "名称", "类型", "任务数", "其中牵头", "占全部任务"])
    w = pd.concat(parts, ignore_index=True)
    return pd.DataFrame({
        "单位": w["issuer"], "年度": w["year"], "角色": w["role"], "名称": w["name"],
        "类型": w["kind"].map(KINDS_ZH), "任务数": w["tasks"], "其中牵头": w["lead_tasks"],
        "占全部任务": w["share"],
    })


def continuity_sheet(plans: Plans) -> pd.DataFrame:
    """Return, for each issuer's consecutive plans, which tasks continued, which are new and which were dropped."""
    from civstat.analyse.continuity import continuity_all

    c = continuity_all(plans)
    seq = plans.tasks.set_index("task_id")["seq"]
    return pd.DataFrame({
        "单位": c["issuer"], "上一年度": c["base_year"], "本年度": c["compare_year"],
        "情况": c["status"].map(LABELS_ZH), "上一年序号": c["base_task"].map(seq),
        "上一年工作事项": c["base_text"], "本年序号": c["compare_task"].map(seq),
        "本年工作事项": c["compare_text"], "共同词语": c["shared_terms"],
    })


def themes_sheet(plans: Plans) -> pd.DataFrame:
    """Return one row per task and theme, with the words that placed the task in the theme."""
    from civstat.analyse.themes import themes

    t = themes(plans).merge(plans.tasks[["task_id", "issuer", "year", "seq", "text"]], on="task_id")
    return pd.DataFrame({"单位": t["issuer"], "年度": t["year"], "主题": t["label"], "序号": t["seq"],
                         "命中词语": t["terms"], "工作事项": t["text"]})


def targets_sheet(plans: Plans) -> pd.DataFrame:
    """Return one row per numeric target, with its issuer, year and task."""
    from civstat.analyse.targets import targets

    t = targets(plans).merge(plans.tasks[["task_id", "seq", "text"]], on="task_id")
    return pd.DataFrame({"单位": t["issuer"], "年度": t["year"], "序号": t["seq"], "目标": t["label"],
                         "数值": t["value"], "计量单位": t["unit"], "原文": t["raw"],
                         "工作事项": t["text"]})


def documents_sheet(plans: Plans) -> pd.DataFrame:
    """Return the documents with their file names only (not the folder of the machine that read them)."""
    d = plans.documents
    return pd.DataFrame({"文件": d["doc_id"], "单位": d["issuer"].replace("", "（未写明发文单位）"),
                         "年度": d["year"], "标题": d["title"],
                         "文件名": d["path"].map(file_name), "任务数": d["n_tasks"],
                         "完整": d["complete"].map({True: "是", False: "否（有缺失）"})})


def problems_sheet(plans: Plans) -> pd.DataFrame:
    """Return the problems of reading, with Chinese headers."""
    p = plans.problems
    return pd.DataFrame({"文件": p["doc_id"], "行号": p["line"], "类型": p["kind"], "原文": p["text"],
                         "说明": p["message"]})


def file_name(path: str) -> str:
    r"""Return the last part of a path written on any system.

    Examples
    --------
    >>> file_name("/home/a/data/raw/plan.docx"), file_name(r"C:\data\plan.docx"), file_name("")
    ('plan.docx', 'plan.docx', '')
    """
    path = str(path or "")
    return PureWindowsPath(path).name if "\\" in path else PurePath(path).name


def sheets(plans: Plans) -> dict[str, pd.DataFrame]:
    """Return the workbook's sheets by name, in their order."""
    return {"任务清单": task_list(plans), "工作量": workload_sheet(plans), "延续情况": continuity_sheet(plans),
            "主题": themes_sheet(plans), "目标": targets_sheet(plans), "文件": documents_sheet(plans),
            "问题": problems_sheet(plans)}


def text_width(value) -> int:
    """Return how many Latin-letter widths a value takes in a cell (a Chinese character takes two).

    Examples
    --------
    >>> text_width("养老abc"), text_width(2023), text_width(None)
    (7, 4, 0)
    """
    if value is None or (not isinstance(value, str) and pd.isna(value)):
        return 0
    longest = max(str(value).split("\n"), key=len)
    return sum(2 if unicodedata.east_asian_width(c) in "WF" else 1 for c in longest)


def write_workbook(plans: Plans, path) -> None:
    """Write :func:`sheets` to ``path`` as an ``.xlsx`` formatted for reading and filtering."""
    from openpyxl.styles import Alignment, Font

    with pd.ExcelWriter(path, engine="openpyxl") as writer:
        for name, df in sheets(plans).items():
            excel_safe(df).to_excel(writer, sheet_name=name, index=False)
            sheet = writer.sheets[name]
            sheet.freeze_panes = "A2"
            sheet.auto_filter.ref = sheet.dimensions
            for cell in sheet[1]:
                cell.font = Font(bold=True)
                cell.alignment = Alignment(vertical="center")
            for i, column in enumerate(df.columns, 1):
                widest = max([text_width(column), *(text_width(v) for v in df[column])])
                letter = sheet.cell(row=1, column=i).column_letter
                sheet.column_dimensions[letter].width = min(widest + 2, MAX_WIDTH)
                wrap = widest > _WRAP_AT
                share = column == "占全部任务"
                for (cell,) in sheet.iter_rows(min_row=2, min_col=i, max_col=i):
                    cell.alignment = Alignment(wrap_text=wrap, vertical="top")
                    if share:
                        cell.number_format = "0%"
