"""Figures: plotly Figures drawn from the analysis tables, labelled in Chinese.

Report layer, first step: analysis tables in, plotly figures out, for the notebooks.

Each function takes the table an analysis returns (:func:`civstat.analyse.workload.workload`,
:func:`civstat.analyse.continuity.continuity`, :func:`civstat.analyse.themes.theme_share` …) and
returns a new :class:`plotly.graph_objects.Figure`; nothing is shown or written.
Every text that comes from a document (names, theme labels, target objects) is
HTML-escaped before it reaches plotly, which would otherwise read ``<b>`` or
``<a href>`` in it as markup; plotly shows the escaped text as typed.

plotly is imported inside the functions, so that ``import civstat`` stays light.
:func:`use_offline_renderer` makes notebooks show figures as HTML with plotly.js
inlined once and no reference to a CDN, which survives ``nbconvert`` to HTML.
"""

from __future__ import annotations

import html
from collections.abc import Iterable

import pandas as pd

from civstat.plans import LABELS_ZH

#: Font families tried in order: they all have Chinese glyphs (Linux, Windows, macOS).
FONT_FAMILY = "Noto Sans CJK SC, Source Han Sans SC, Microsoft YaHei, PingFang SC, SimHei, sans-serif"

#: Chinese labels of the analysis columns, on top of :data:`civstat.plans.LABELS_ZH`.
LABELS = {
    **LABELS_ZH,
    "theme": "主题", "label": "主题", "tasks": "任务数", "lead_tasks": "牵头任务",
    "other_tasks": "配合任务", "weighted": "加权任务数", "share": "占比",
    "score": "相似度", "status": "状态", "value": "目标值", "unit": "单位",
    "object": "指标", "base_value": "原目标", "compare_value": "新目标",
    "continued": "延续", "dropped": "不再列出", "new": "新增", "other": "其他",
}

#: Name of the renderer registered by :func:`use_offline_renderer`.
OFFLINE_RENDERER = "civstat_offline"

#: Whether :func:`use_offline_renderer` puts plotly.js in the notebook (see :func:`embed_plotlyjs`).
_EMBED = {"plotlyjs": True}

_COLORS = ("#2f6db3", "#e07b39", "#3a9a5b", "#c0392b", "#8e6bbf", "#8c6d31", "#d16ba5",
           "#6c7a89", "#b5a136", "#2aa3b8", "#7f3c8d", "#4f6228")


def workload_bars(table: pd.DataFrame, *, by: str = "leader", title: str | None = None):
    """Draw each name's tasks as a stacked bar: tasks the bureau leads, and the others.

    Parameters
    ----------
    table : pandas.DataFrame
        The output of :func:`civstat.analyse.workload.workload`: ``issuer, year, name, tasks,
        lead_tasks``. With more than one issuer-year, bars are labelled with the year.
    by : str
        The role counted (``leader``, ``lead_division`` …), for the axis title.
    title : str, optional
        Figure title; by default the issuer, year and role.

    Returns
    -------
    plotly.graph_objects.Figure
        Two bar traces stacked, ``牵头任务`` (``lead_tasks``) and ``配合任务``
        (``tasks - lead_tasks``), one bar per name, most tasks first. When no task
        of the table is led (plans that do not mark the tasks the bureau leads),
        one trace ``任务数`` instead.

    Examples
    --------
    >>> import pandas as pd
    >>> table = pd.DataFrame({"issuer": ["某局"] * 2, "year": [2023] * 2, "name": ["张三", "李四"],
    ...                       "tasks": [5, 2], "lead_tasks": [3, 0]})
    >>> fig = workload_bars(table)
    >>> [(t.name, list(t.y)) for t in fig.data]
    [('牵头任务', [3, 0]), ('配合任务', [2, 2])]
    """
    import plotly.graph_objects as go

    role = LABELS.get(by, by)
    fig = go.Figure()
    table, collective = _persons_and_units(table)
    if table.empty:
        return _empty(fig, title or f"{role}工作量")
    rows = table.sort_values(["tasks", "name"], ascending=[False, True], kind="stable")
    x = _row_names(rows)
    lead = rows["lead_tasks"].astype(int).tolist()
    other = (rows["tasks"] - rows["lead_tasks"]).astype(int).tolist()
    hover = f"{_escape(role)}：%{{x}}<br>%{{fullData.name}}：%{{y}}项<extra></extra>"
    marked = any(lead)
    if marked:
        fig.add_bar(x=x, y=lead, name=LABELS["lead_tasks"], marker_color=_COLORS[0],
                    text=lead, textposition="inside", hovertemplate=hover)
    fig.add_bar(x=x, y=other, name=LABELS["other_tasks" if marked else "tasks"],
                marker_color=_COLORS[1 if marked else 0], text=other, textposition="inside",
                hovertemplate=hover)
    fig.update_layout(barmode="stack", xaxis_title=role, yaxis_title=LABELS["tasks"])
    if max(lead[i] + other[i] for i in range(len(x))) <= 12:
        fig.update_yaxes(dtick=1)  # task counts are whole numbers
    detail = "（牵头与配合）" if marked else ""
    return _style(fig, (title or f"{_group_title(rows)}{role}工作量{detail}") + _left_out(collective))


def theme_heatmap(table: pd.DataFrame, *, by: str = "leader", title: str | None = None):
    """Draw a name × theme grid of task counts.

    Parameters
    ----------
    table : pandas.DataFrame
        The output of :func:`civstat.analyse.workload.workload_by_theme`: ``issuer, year,
        name, theme, label, tasks``.
    by : str
        The role counted, for the axis title.
    title : str, optional
        Figure title.

    Returns
    -------
    plotly.graph_objects.Figure
        One heatmap trace: rows are names (most tasks on top), columns theme labels
        (most tasks first), cells the number of tasks (0 where none).

    Examples
    --------
    >>> import pandas as pd
    >>> table = pd.DataFrame({"issuer": "某局", "year": 2023, "name": ["张三", "张三", "李四"],
    ...                       "theme": ["a", "b", "a"], "label": ["养老服务", "社会救助", "养老服务"],
    ...                       "tasks": [4, 1, 2]})
    >>> fig = theme_heatmap(table)
    >>> heat = fig.data[0]
    >>> list(heat.x), list(heat.y), [list(row) for row in heat.z]
    (['养老服务', '社会救助'], ['李四', '张三'], [[2, 0], [4, 1]])
    """
    import plotly.graph_objects as go

    role = LABELS.get(by, by)
    fig = go.Figure()
    table, collective = _persons_and_units(table)
    if table.empty:
        return _empty(fig, title or f"{role} × 主题")
    rows = table.assign(row=_row_names(table), column=table["label"].map(_escape))
    grid = rows.pivot_table(index="row", columns="column", values="tasks", aggfunc="sum",
                            fill_value=0)
    columns = sorted(grid.columns, key=lambda c: (-int(grid[c].sum()), c))
    # plotly draws the first row at the bottom: put the busiest name last, on top
    index = sorted(grid.index, key=lambda r: (int(grid.loc[r].sum()), r))
    grid = grid.loc[index, columns].astype(int)
    fig.add_heatmap(
        z=grid.to_numpy().tolist(), x=list(grid.columns), y=list(grid.index),
        colorscale="Blues", texttemplate="%{z}", colorbar_title=LABELS["tasks"], xgap=2, ygap=2,
        hovertemplate=f"{_escape(role)}：%{{y}}<br>主题：%{{x}}<br>任务数：%{{z}}<extra></extra>",
    )
    fig.update_layout(xaxis_title=LABELS["theme"], yaxis_title=role,
                      height=max(320, 120 + 40 * len(index)))
    return _style(fig, (title or f"{_group_title(rows)}{role} × 主题（任务数）") + _left_out(collective))


def continuity_sankey(links: pd.DataFrame, themes: pd.DataFrame, *, title: str | None = None):
    """Draw how the tasks of one year flow into the next, theme by theme.

    Each task is placed under its first theme (``themes`` lists a task's themes in
    lexicon order; a task with none is ``其他``). A link of
    :func:`civstat.analyse.continuity.continuity` with ``counted`` true is one unit of flow
    from the base task's theme to the compare task's theme; a dropped task flows to
    ``不再列出``, a new task comes from ``新增``. A task that splits into two gives two
    units.

    Parameters
    ----------
    links : pandas.DataFrame
        The output of :func:`civstat.analyse.continuity.continuity` for one issuer and pair of years.
    themes : pandas.DataFrame
        The output of :func:`civstat.analyse.themes.themes` (``task_id, theme, label``).
    title : str, optional
        Figure title.

    Returns
    -------
    plotly.graph_objects.Figure
        One sankey trace; node labels read ``2022年 养老服务``.

    Examples
    --------
    >>> import pandas as pd
    >>> links = pd.DataFrame({
    ...     "issuer": "某局", "base_year": 2022, "compare_year": 2023,
    ...     "base_task": ["a1", "a2", ""], "compare_task": ["b1", "", "b2"],
    ...     "status": ["continued", "dropped", "new"], "counted": True})
    >>> themes = pd.DataFrame({"task_id": ["a1", "b1", "b2"], "theme": ["x", "x", "y"],
    ...                        "label": ["养老服务", "养老服务", "社会救助"]})
    >>> sankey = continuity_sankey(links, themes).data[0]
    >>> [sankey.node.label[s] + " → " + sankey.node.label[t] for s, t in zip(sankey.link.source, sankey.link.target)]
    ['2022年 其他 → 不再列出', '2022年 养老服务 → 2023年 养老服务', '新增 → 2023年 社会救助']
    """
    import plotly.graph_objects as go

    fig = go.Figure()
    rows = links[links["counted"]] if "counted" in links.columns else links
    if rows.empty:
        return _empty(fig, title or "任务延续（按主题）")
    base_year, compare_year = int(rows["base_year"].iloc[0]), int(rows["compare_year"].iloc[0])
    first = themes.drop_duplicates("task_id").set_index("task_id")["label"]
    other = LABELS["other"]

    def node(task: str, year: int) -> str:
        return f"{year}年 {_escape(first.get(task, other))}"

    source = [node(t, base_year) if t else LABELS["new"] for t in rows["base_task"]]
    target = [node(t, compare_year) if t else LABELS["dropped"] for t in rows["compare_task"]]
    flows = (pd.DataFrame({"source": source, "target": target, "status": rows["status"].to_numpy()})
             .groupby(["source", "target", "status"], as_index=False).size()
             .sort_values(["source", "target"], ignore_index=True))
    left = sorted(set(flows["source"]) - {LABELS["new"]}) + [LABELS["new"]]
    right = sorted(set(flows["target"]) - {LABELS["dropped"]}) + [LABELS["dropped"]]
    labels = [n for n in left if n in set(flows["source"])] + [n for n in right if n in set(flows["target"])]
    index = {n: i for i, n in enumerate(labels)}
    theme_of = [n.split(" ", 1)[-1] for n in labels]
    palette = {t: _COLORS[i % len(_COLORS)] for i, t in enumerate(dict.fromkeys(sorted(theme_of)))}
    palette[LABELS["new"]], palette[LABELS["dropped"]] = "#9aa5b1", "#c8ced6"
    fig.add_sankey(
        arrangement="snap",
        node={"label": labels, "color": [palette[t] for t in theme_of], "pad": 14, "thickness": 16,
              "hovertemplate": "%{label}：%{value}项<extra></extra>"},
        link={"source": flows["source"].map(index).tolist(), "target": flows["target"].map(index).tolist(),
              "value": flows["size"].astype(int).tolist(),
              "label": flows["status"].map(LABELS).tolist(),
              "color": [_translucent(palette[theme_of[index[s]]]) for s in flows["source"]],
              "hovertemplate": "%{source.label} → %{target.label}：%{value}项<extra></extra>"},
    )
    fig.update_layout(height=max(380, 28 * len(labels)))
    issuer = _escape(str(rows["issuer"].iloc[0])) if "issuer" in rows.columns else ""
    return _style(fig, title or f"{issuer} {base_year}年 → {compare_year}年 任务延续（按主题）".strip())


def theme_share_chart(table: pd.DataFrame, *, title: str | None = None):
    """Draw each theme's share of the tasks, one bar per year.

    Parameters
    ----------
    table : pandas.DataFrame
        The output of :func:`civstat.analyse.themes.theme_share` (``issuer, year, theme, label,
        tasks, n_tasks, share``), for one issuer or several.
    title : str, optional
        Figure title.

    Returns
    -------
    plotly.graph_objects.Figure
        One bar trace per issuer-year (named ``2023年``, or ``某局 2023年`` with several
        issuers), x the theme labels that have tasks in some year, y the share in
        percent. A task with several themes counts for each, so shares may add up to
        more than 100 %.

    Examples
    --------
    >>> import pandas as pd
    >>> table = pd.DataFrame({"issuer": "某局", "year": [2022, 2022, 2023, 2023],
    ...                       "theme": ["a", "b", "a", "b"], "label": ["养老服务", "社会救助"] * 2,
    ...                       "tasks": [1, 0, 3, 1], "n_tasks": [4, 4, 6, 6],
    ...                       "share": [0.25, 0.0, 0.5, 1 / 6]})
    >>> fig = theme_share_chart(table)
    >>> [(t.name, list(t.x), [round(v, 1) for v in t.y]) for t in fig.data]
    [('2022年', ['养老服务', '社会救助'], [25.0, 0.0]), ('2023年', ['养老服务', '社会救助'], [50.0, 16.7])]
    """
    import plotly.graph_objects as go

    fig = go.Figure()
    used = table.groupby("theme")["tasks"].transform("sum") > 0
    rows = table[used]
    if rows.empty:
        return _empty(fig, title or "主题占比")
    labels = list(dict.fromkeys(rows["label"]))  # lexicon order, as theme_share gives it
    several = (rows["issuer"] != rows["issuer"].iloc[0]).any()
    for i, ((issuer, year), group) in enumerate(rows.groupby(["issuer", "year"], sort=True)):
        group = group.set_index("label").reindex(labels)
        name = f"{_escape(issuer)} {int(year)}年" if several else f"{int(year)}年"
        fig.add_bar(
            x=[_escape(x) for x in labels], y=(group["share"].fillna(0) * 100).tolist(), name=name,
            marker_color=_COLORS[i % len(_COLORS)],
            customdata=group[["tasks", "n_tasks"]].fillna(0).astype(int).to_numpy().tolist(),
            hovertemplate="%{fullData.name} %{x}：%{customdata[0]}项，占%{y:.0f}%"
                          "（共%{customdata[1]}项）<extra></extra>",
        )
    fig.update_layout(barmode="group", xaxis_title=LABELS["theme"], yaxis_title="任务占比（%）",
                      yaxis_ticksuffix="%")
    issuer = "" if several else _escape(str(rows["issuer"].iloc[0])) + " "
    return _style(fig, title or f"{issuer}各主题任务占比（按年度）")


def target_changes_chart(changes: pd.DataFrame, *, base_year: int | None = None,
                         compare_year: int | None = None, title: str | None = None):
    """Draw old and new values of the targets that continue, one row per target.

    Parameters
    ----------
    changes : pandas.DataFrame
        One row per target pair, with columns ``object, unit, base_value,
        compare_value``; ``base_year`` and ``compare_year`` columns, if present,
        name the years.
    base_year, compare_year : int, optional
        The years, when the table has no such columns.
    title : str, optional
        Figure title.

    Returns
    -------
    plotly.graph_objects.Figure
        A dumbbell chart on a logarithmic axis (targets in 个 and in 万户 share it):
        one trace of grey connecting lines, then one marker trace for the base
        values and one for the compare values; rows read ``指标（单位）``.

    Examples
    --------
    >>> import pandas as pd
    >>> changes = pd.DataFrame({"object": ["社区老年人服务中心（站）"], "unit": ["个"],
    ...                         "base_value": [80.0], "compare_value": [70.0]})
    >>> fig = target_changes_chart(changes, base_year=2022, compare_year=2023)
    >>> [(t.name, list(t.x), list(t.y)) for t in fig.data[1:]]
    [('2022年', [80.0], ['社区老年人服务中心（站）（个）']), ('2023年', [70.0], ['社区老年人服务中心（站）（个）'])]
    """
    import plotly.graph_objects as go

    fig = go.Figure()
    if changes.empty:
        return _empty(fig, title or "量化目标新旧对比")
    if base_year is None and "base_year" in changes.columns:
        base_year = int(changes["base_year"].iloc[0])
    if compare_year is None and "compare_year" in changes.columns:
        compare_year = int(changes["compare_year"].iloc[0])
    old = f"{base_year}年" if base_year is not None else LABELS["base_value"]
    new = f"{compare_year}年" if compare_year is not None else LABELS["compare_value"]
    rows = changes.reset_index(drop=True)
    y = _unique([f"{_escape(o)}（{_escape(u)}）" for o, u in zip(rows["object"], rows["unit"], strict=True)])
    base = rows["base_value"].astype(float).tolist()
    compare = rows["compare_value"].astype(float).tolist()
    lines_x, lines_y = [], []
    for label, a, b in zip(y, base, compare, strict=True):
        lines_x += [a, b, None]
        lines_y += [label, label, None]
    fig.add_scatter(x=lines_x, y=lines_y, mode="lines", line={"color": "#b0b8c1", "width": 3},
                    showlegend=False, hoverinfo="skip")
    hover = "%{y}<br>%{fullData.name}：%{x:,.4~g}<extra></extra>"
    fig.add_scatter(x=base, y=y, mode="markers", name=old, hovertemplate=hover,
                    marker={"size": 12, "color": _COLORS[6 % len(_COLORS)]})
    fig.add_scatter(x=compare, y=y, mode="markers", name=new, hovertemplate=hover,
                    marker={"size": 12, "color": _COLORS[0]})
    fig.update_layout(xaxis_type="log", xaxis_title=f"{LABELS['value']}（对数刻度）",
                      yaxis_title=LABELS["object"], yaxis_autorange="reversed",
                      height=max(320, 140 + 36 * len(y)))
    return _style(fig, title or f"量化目标新旧对比（{old} → {new}）")


def use_offline_renderer() -> str:
    """Show figures in notebooks as HTML that works offline, and survives nbconvert.

    Registers and selects the renderer :data:`OFFLINE_RENDERER`: plotly's
    ``notebook`` renderer (plotly.js inlined once, in the output of the first cell
    that shows a figure; never a CDN), except that figures do not load MathJax
    from a CDN either. JupyterLab runs the scripts of a trusted notebook's HTML
    outputs, so the same notebook works there too.

    Returns
    -------
    str
        The renderer's name.
    """
    import plotly.io as pio

    if OFFLINE_RENDERER not in pio.renderers:
        pio.renderers[OFFLINE_RENDERER] = _offline_renderer_class()()
    pio.renderers.default = OFFLINE_RENDERER
    return OFFLINE_RENDERER


def embed_plotlyjs(embed: bool) -> None:
    """Choose whether notebooks carry plotly.js (4.8 MB) in the first output of each.

    A notebook opened in JupyterLab needs it there (the default). ``civstat brief``'s
    kernels turn it off (:func:`civstat.report.kernel.warm_up`): the pages they make load
    plotly.js from a file beside them and the executed notebooks are kept without it, so
    sending it out of the kernel for every notebook, only to strip it, costs time for nothing.
    """
    _EMBED["plotlyjs"] = bool(embed)


# -- helpers ---------------------------------------------------------------------------------


def _offline_renderer_class():
    """Return plotly's NotebookRenderer without the MathJax CDN script it puts in every figure."""
    from plotly.io.base_renderers import NotebookRenderer

    class OfflineNotebookRenderer(NotebookRenderer):
        def activate(self):
            if _EMBED["plotlyjs"]:  # plotly.js, shown once when the renderer is selected
                super().activate()

        def to_mimebundle(self, fig_dict):
            from plotly.io import to_html

            body = to_html(fig_dict, config=self.config, auto_play=self.auto_play,
                           include_plotlyjs=False, include_mathjax=False, full_html=False,
                           animation_opts=self.animation_opts, default_width="100%",
                           default_height=525, validate=False)
            return {"text/html": body}

    return OfflineNotebookRenderer


def _escape(text) -> str:
    return html.escape(str(text), quote=False)


def _row_names(table: pd.DataFrame) -> list[str]:
    """Names, with the issuer and year in front when the table holds several issuer-years."""
    names = table["name"].map(_escape)
    if table[["issuer", "year"]].drop_duplicates().shape[0] > 1:
        names = table["year"].astype(int).astype(str) + "年 " + names
    return names.tolist()


def _group_title(table: pd.DataFrame) -> str:
    """``某局 2023年 `` for a table of one issuer-year, else nothing."""
    groups = table[["issuer", "year"]].drop_duplicates()
    if len(groups) != 1:
        return ""
    issuer, year = groups.iloc[0]
    return f"{_escape(issuer)} {int(year)}年 "


def _unique(labels: Iterable[str]) -> list[str]:
    """Keep row labels distinct, numbering repeats (两个目标同名同单位)."""
    seen: dict[str, int] = {}
    out = []
    for label in labels:
        seen[label] = seen.get(label, 0) + 1
        out.append(label if seen[label] == 1 else f"{label} ({seen[label]})")
    return out


def _translucent(color: str) -> str:
    r, g, b = (int(color[i:i + 2], 16) for i in (1, 3, 5))
    return f"rgba({r},{g},{b},0.35)"


def _style(fig, title: str):
    fig.update_layout(
        title={"text": title, "x": 0.01, "xanchor": "left"},
        font={"family": FONT_FAMILY, "size": 13},
        hoverlabel={"font_family": FONT_FAMILY},
        template="plotly_white",
        legend={"orientation": "h", "yanchor": "bottom", "y": 1.02, "x": 0},
        margin={"l": 60, "r": 30, "t": 90, "b": 60},
    )
    return fig


class NoChart(str):
    """What a figure function returns when its table has nothing to draw: one sentence.

    A notebook shows it as a paragraph instead of an empty chart.

    Examples
    --------
    >>> NoChart("主题占比：没有可显示的内容。")._repr_html_()
    '<p class="civstat-nochart">主题占比：没有可显示的内容。</p>'
    """

    def _repr_html_(self) -> str:
        return f'<p class="civstat-nochart">{html.escape(self, quote=False)}</p>'


def _empty(fig, title: str) -> NoChart:
    return NoChart(f"{html.unescape(title)}：没有可显示的内容。")


def _persons_and_units(table: pd.DataFrame) -> tuple[pd.DataFrame, list[str]]:
    """Leave out collective entries (各分管领导, 各区人民政府): no one holder, so no bar of their own.

    Returns the rows kept and the collective names left out.
    """
    from civstat.analyse.workload import name_kind

    kind = table["kind"] if "kind" in table.columns else table["name"].map(name_kind)
    collective = kind == "collective"
    return table[~collective], sorted(set(table.loc[collective, "name"]))


def _left_out(names: list[str]) -> str:
    return f"<br><sup>另有统称（{_escape('、'.join(names))}）的任务未画入</sup>" if names else ""
