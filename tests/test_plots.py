"""Figures: types, traces, Chinese labels and values checked by hand; offline rendering."""

import json
import re
import subprocess
import sys

import pandas as pd
import plotly.graph_objects as go
import pytest

from civstat.analyse.continuity import continuity
from civstat.analyse.themes import theme_share, themes
from civstat.analyse.workload import workload, workload_by_theme
from civstat.report import plots

WUHAN = "武汉市民政局"
CJK = re.compile(r"[\u4e00-\u9fff]")


def labels_of(fig: go.Figure) -> list[str]:
    layout = fig.layout
    return [layout.title.text or "", layout.xaxis.title.text or "", layout.yaxis.title.text or ""]


def test_workload_bars_of_wuhan_2023_leaders(bundled):
    # read from the 2023 plan: 邓永付 holds 11 tasks (6 marked * as led by the bureau),
    # 彭莉莉 6 (2), 李超 4 (2)
    fig = plots.workload_bars(workload(bundled, by="leader", issuer=WUHAN, year=2023))
    assert isinstance(fig, go.Figure)
    assert [t.type for t in fig.data] == ["bar", "bar"]
    lead, other = fig.data
    assert (lead.name, other.name) == ("牵头任务", "配合任务")
    assert list(lead.x) == ["邓永付", "彭莉莉", "李超"]
    assert list(lead.y) == [6, 2, 2]
    assert list(other.y) == [5, 4, 2]
    assert fig.layout.barmode == "stack"
    assert labels_of(fig) == ["武汉市民政局 2023年 分管领导工作量（牵头与配合）", "分管领导", "任务数"]


def test_workload_bars_names_the_role_and_drops_the_split_when_no_task_is_marked_led(bundled):
    # Xuanzhou's plan marks no task as led by the bureau: one trace, no 牵头/配合 split
    fig = plots.workload_bars(workload(bundled, by="lead_division", issuer="宣州区民政局", year=2023),
                              by="lead_division")
    assert [t.name for t in fig.data] == ["任务数"]
    assert fig.layout.xaxis.title.text == "牵头处室"
    assert "牵头与配合" not in fig.layout.title.text


def test_workload_bars_label_names_with_their_year_when_several_years():
    table = pd.DataFrame({"issuer": "某局", "year": [2022, 2023], "name": ["张三", "张三"],
                          "tasks": [3, 5], "lead_tasks": [1, 2]})
    fig = plots.workload_bars(table)
    assert list(fig.data[0].x) == ["2023年 张三", "2022年 张三"]
    assert fig.layout.title.text == "分管领导工作量（牵头与配合）"


def test_theme_heatmap_of_wuhan_2023(bundled):
    grid = workload_by_theme(bundled, by="leader", issuer=WUHAN, year=2023)
    fig = plots.theme_heatmap(grid)
    heat = fig.data[0]
    assert heat.type == "heatmap"
    assert set(heat.y) == {"邓永付", "彭莉莉", "李超"}
    assert heat.y[-1] == "邓永付"  # the busiest name is drawn on top
    z = pd.DataFrame([list(r) for r in heat.z], index=list(heat.y), columns=list(heat.x))
    expected = grid.pivot_table(index="name", columns="label", values="tasks", fill_value=0)
    for name in heat.y:
        for label in heat.x:
            assert z.loc[name, label] == expected.get(label, {}).get(name, 0)
    assert labels_of(fig)[1:] == ["主题", "分管领导"]
    assert all(CJK.search(x) for x in heat.x)


def test_theme_heatmap_by_hand():
    table = pd.DataFrame({"issuer": "某局", "year": 2023, "name": ["甲", "甲", "乙"],
                          "theme": ["a", "b", "b"], "label": ["养老服务", "社会救助", "社会救助"],
                          "tasks": [1, 2, 4]})
    heat = plots.theme_heatmap(table).data[0]
    # columns: 社会救助 (6 tasks) before 养老服务 (1); rows: 甲 (3) below 乙 (4)
    assert list(heat.x) == ["社会救助", "养老服务"]
    assert list(heat.y) == ["甲", "乙"]
    assert [list(r) for r in heat.z] == [[2, 1], [4, 0]]


def test_continuity_sankey_by_hand():
    links = pd.DataFrame({
        "issuer": "某局", "base_year": 2022, "compare_year": 2023,
        "base_task": ["a1", "a1", "a2", "a3", ""], "compare_task": ["b1", "b2", "", "", "b3"],
        "status": ["continued", "continued", "dropped", "dropped", "new"],
        "counted": [True, True, True, False, True],  # a3 repeats a2: counted once
    })
    found = pd.DataFrame({"task_id": ["a1", "a1", "b1", "b2", "b3"],
                          "theme": ["elderly_care", "social_assistance", "elderly_care",
                                    "social_assistance", "child_welfare"],
                          "label": ["养老服务", "社会救助", "养老服务", "社会救助", "儿童福利"]})
    fig = plots.continuity_sankey(links, found)
    sankey = fig.data[0]
    assert sankey.type == "sankey"
    flows = {(sankey.node.label[s], sankey.node.label[t]): v
             for s, t, v in zip(sankey.link.source, sankey.link.target, sankey.link.value, strict=True)}
    assert flows == {
        ("2022年 养老服务", "2023年 养老服务"): 1,  # a1's first theme is 养老服务
        ("2022年 养老服务", "2023年 社会救助"): 1,
        ("2022年 其他", "不再列出"): 1,
        ("新增", "2023年 儿童福利"): 1,
    }
    assert fig.layout.title.text == "某局 2022年 → 2023年 任务延续（按主题）"


def test_continuity_sankey_counts_every_commitment_of_wuhan_once(bundled):
    links = continuity(bundled, issuer=WUHAN, base_year=2022, compare_year=2023)
    sankey = plots.continuity_sankey(links, themes(bundled)).data[0]
    assert sum(sankey.link.value) == int(links["counted"].sum())
    new = sum(v for s, v in zip(sankey.link.source, sankey.link.value, strict=True)
              if sankey.node.label[s] == "新增")
    assert new == int(((links["status"] == "new") & links["counted"]).sum())


def test_theme_share_chart_of_wuhan(bundled):
    share = theme_share(bundled).query("issuer == @WUHAN")
    fig = plots.theme_share_chart(share)
    assert [t.name for t in fig.data] == ["2020年", "2022年", "2023年"]
    assert all(t.type == "bar" for t in fig.data)
    by_year = {t.name: dict(zip(t.x, t.y, strict=True)) for t in fig.data}
    # elderly care: 5 of 19 tasks in 2020, 2 of 17 in 2022, 10 of 21 in 2023 (the theme tests)
    expected = share.query("theme == 'elderly_care'").set_index("year")["share"] * 100
    for year, value in expected.items():
        assert by_year[f"{year}年"]["养老服务"] == pytest.approx(value)
    # a theme without a task in any year (社会组织, for Wuhan) is left out
    assert share.query("theme == 'social_organizations'")["tasks"].sum() == 0
    assert "社会组织" not in fig.data[0].x
    assert labels_of(fig) == ["武汉市民政局 各主题任务占比（按年度）", "主题", "任务占比（%）"]


def test_target_changes_chart_by_hand():
    changes = pd.DataFrame({"base_year": 2022, "compare_year": 2023,
                            "object": ["社区老年人服务中心（站）", "区级儿童福利指导中心"],
                            "unit": ["个", "个"], "base_value": [80.0, 11.0], "compare_value": [70.0, 13.0]})
    fig = plots.target_changes_chart(changes)
    lines, old, new = fig.data
    assert (old.name, new.name) == ("2022年", "2023年")
    assert list(old.x) == [80.0, 11.0]
    assert list(new.x) == [70.0, 13.0]
    assert list(old.y) == ["社区老年人服务中心（站）（个）", "区级儿童福利指导中心（个）"]
    assert list(lines.x) == [80.0, 70.0, None, 11.0, 13.0, None]
    assert fig.layout.xaxis.type == "log"
    assert fig.layout.yaxis.title.text == "指标"


def test_target_changes_chart_keeps_repeated_rows_apart():
    changes = pd.DataFrame({"object": ["农村互助照料中心"] * 2, "unit": ["个"] * 2,
                            "base_value": [140.0, 140.0], "compare_value": [30.0, 200.0]})
    old = plots.target_changes_chart(changes).data[1]
    assert list(old.y) == ["农村互助照料中心（个）", "农村互助照料中心（个） (2)"]
    assert old.name == "原目标"


@pytest.mark.parametrize("draw", [
    lambda: plots.workload_bars(pd.DataFrame(columns=["issuer", "year", "name", "tasks", "lead_tasks"])),
    lambda: plots.theme_heatmap(pd.DataFrame(columns=["issuer", "year", "name", "theme", "label", "tasks"])),
    lambda: plots.continuity_sankey(pd.DataFrame(columns=["base_year", "compare_year", "base_task",
                                                          "compare_task", "status", "counted"]),
                                    pd.DataFrame(columns=["task_id", "theme", "label"])),
    lambda: plots.theme_share_chart(pd.DataFrame(columns=["issuer", "year", "theme", "label", "tasks",
                                                          "n_tasks", "share"])),
    lambda: plots.target_changes_chart(pd.DataFrame(columns=["object", "unit", "base_value",
                                                             "compare_value"])),
])
def test_an_empty_table_gives_a_sentence_instead_of_an_empty_chart(draw):
    shown = draw()
    assert isinstance(shown, plots.NoChart)
    assert not isinstance(shown, go.Figure)
    assert shown.endswith("：没有可显示的内容。")
    assert shown._repr_html_().startswith('<p class="civstat-nochart">')


def test_collective_entries_are_not_drawn_as_holders(bundled):
    load = workload(bundled, by="leader", issuer="宣州区民政局", year=2023)
    assert "各分管领导" in set(load["name"])
    fig = plots.workload_bars(load)
    drawn = {x for trace in fig.data for x in trace.x}
    assert "各分管领导" not in drawn
    assert drawn == set(load.loc[load["kind"] != "collective", "name"])
    assert "另有统称（各分管领导）的任务未画入" in fig.layout.title.text
    grid = plots.theme_heatmap(workload_by_theme(bundled, issuer="宣州区民政局", year=2023))
    assert "各分管领导" not in set(grid.data[0].y)
    only_collective = load[load["kind"] == "collective"]
    assert isinstance(plots.workload_bars(only_collective), plots.NoChart)


def test_every_figure_uses_a_cjk_font_stack(bundled):
    figures = [
        plots.workload_bars(workload(bundled, issuer=WUHAN, year=2023)),
        plots.theme_heatmap(workload_by_theme(bundled, issuer=WUHAN, year=2023)),
        plots.theme_share_chart(theme_share(bundled)),
    ]
    for fig in figures:
        assert fig.layout.font.family == plots.FONT_FAMILY
        assert fig.layout.font.family.startswith("Noto Sans CJK SC")
        assert all(CJK.search(text) for text in labels_of(fig))


def test_text_from_documents_reaches_plotly_escaped():
    table = pd.DataFrame({"issuer": ["<b>局</b>"], "year": [2023], "name": ["<script>alert(1)</script>"],
                          "tasks": [2], "lead_tasks": [1]})
    fig = plots.workload_bars(table)
    assert list(fig.data[0].x) == ["&lt;script&gt;alert(1)&lt;/script&gt;"]
    assert "<b>" not in fig.layout.title.text
    page = fig.to_html(include_plotlyjs=False)
    assert "<script>alert(1)" not in page


def test_offline_renderer_inlines_plotly_once_and_references_no_cdn():
    code = """
import json, sys
from IPython.core.interactiveshell import InteractiveShell
import plotly.graph_objects as go
import plotly.io as pio
from civstat.report import plots
shell = InteractiveShell.instance()
shown = []
shell.display_pub.publish = lambda data, metadata=None, **kw: shown.append(data)
plots.embed_plotlyjs(sys.argv[1] == "embed")
plots.use_offline_renderer()
fig = go.Figure(go.Bar(x=["甲"], y=[1]))
from IPython.display import display
display(fig)
display(fig)
print(json.dumps([d.get("text/html", "") for d in shown]))
"""
    import plotly.offline

    bundle = plotly.offline.get_plotlyjs()
    for embed in ("embed", "no"):
        out = subprocess.run([sys.executable, "-c", code, embed], capture_output=True, text=True,
                             check=True).stdout
        shown = json.loads(out.strip().splitlines()[-1])
        # the first display activates the renderer, which shows plotly.js unless told not to
        # (civstat brief's kernels: their pages load it from a file)
        assert sum(html.count(bundle) for html in shown) == (1 if embed == "embed" else 0)
        assert len(shown) == (3 if embed == "embed" else 2)
        rest = "".join(html.replace(bundle, "") for html in shown)
        assert rest.count("Plotly.newPlot") == 2
        assert not re.search(r"https?://", rest)


def test_importing_the_figure_and_briefing_modules_loads_no_plotly_or_papermill():
    code = ("import sys, json, civstat.report.plots, civstat.report.sentences, civstat.report.notebooks; "
            "print(json.dumps([m for m in ('plotly', 'papermill', 'nbconvert', 'jieba', 'sklearn') "
            "if m in sys.modules]))")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout
    assert json.loads(out) == []
