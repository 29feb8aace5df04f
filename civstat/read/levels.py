"""Numbering levels: which style of item number (一、 / （一） / 1. / ①) holds the tasks.

Part of the read layer, used by the interpreter: the level whose items carry
responsibility (cells, labels, parentheses) holds the tasks; levels above are sections.
"""

from __future__ import annotations

from civstat.read.clean import squeeze_spaces
from civstat.read.content import kind_of
from civstat.read.headers import parse_header
from civstat.read.labels import split_inline_labels, split_unit_parenthesis
from civstat.read.layouts import Line, Row, unit_parenthesis
from civstat.read.numbering import Number, parse_number, seq_cell
from civstat.roles import LEAD_ROLES

STYLE_DEPTH = {"cn": 0, "di": 0, "pcn": 1, "ar": 2, "ar-cell": 2, "par": 3, "circ": 4, "shi": 5}


STYLE_NAMES = {"cn": "一、", "pcn": "（一）", "ar": "1.", "par": "（1）", "circ": "①", "di": "第一",
                "shi": "一是", "seqcol": "序号列", "ar-cell": "单独一格的 1", "cn-cell": "单独一格的 一",
                "pcn-cell": "单独一格的（一）", "circ-cell": "单独一格的 ①"}


def style_name(style: str) -> str:
    """Return how a numbering style is written (``（一）``), for the explanation of a reading."""
    return STYLE_NAMES.get(style, style)


def item_style(block: Row, number: Number, seq_col: int | None) -> str:
    """Return the numbering level of a table row: its 序号 column, a number cell, or a number opening its text."""
    if seq_col is not None and not block.stream and not number.rest:
        # 一 | 扩大有效需求 over 1 | …: a numeral of another style in the 序号 column is another level
        return "seqcol" if number.style == "ar" else f"seqcol-{number.style}"
    return f"{number.style}-cell" if not number.rest else number.style


def bare_styles(blocks: list[Row | Line]) -> dict[int, tuple[set[str], set[str]]]:
    """Per table row, two sets of numbering levels of its table: the bare ones and the textual ones.

    A bare level's rows never hold more than their text (``一、区委全会任务`` alone in its
    row): it is a heading level. A textual level has rows with task text; a row of it
    without text is an empty task, while a row of a level without text anywhere (``一 |
    区住建局``) is a group over the rows below it.
    """
    out: dict[int, tuple[set[str], set[str]]] = {}
    rows: list[Row] = []
    counts: dict[str, list[int]] = {}
    seq_col = text_col = None
    last: int | None = None  # the last item number read (1000 is one only after 999)

    def close() -> None:
        bare = {style for style, (n, other, _) in counts.items() if not other}
        textual = {style for style, (_, _, text) in counts.items() if text}
        for row in rows:
            out[id(row)] = (bare, textual)
        rows.clear()
        counts.clear()

    for block in blocks:
        if not isinstance(block, Row):
            continue
        texts = [_joined(c.lines) for c in block.cells]
        if block.implied or _is_header(block, texts):
            close()
            fields = [parse_header(t)[0] if t else None for t in texts]
            seq_col = next((i for i, f in enumerate(fields) if f == "seq"), None)
            text_col = next((i for i, f in enumerate(fields) if f in ("text", "title")), None)
            continue
        first = texts[0] if texts else ""
        number = block.number or seq_cell(first) or parse_number(first)
        if number is None and seq_col is not None and not block.stream and seq_col < len(texts):
            number = seq_cell(texts[seq_col], follows={"ar": last} if last is not None else None)
        if number is None:
            continue
        last = number.value
        style = item_style(block, number, seq_col if not block.stream else None)
        nonempty = [t for t in texts if t]
        extra = len(nonempty) - (1 if number.rest else 2 if len(nonempty) > 1 else 1)
        if block.stream:
            text = bool(number.rest) or any(kind_of(t) == "text" for t in texts[1:])
        else:
            text = bool(number.rest) or (text_col is not None and text_col < len(texts) and bool(texts[text_col]))
        n = counts.setdefault(style, [0, 0, 0])
        n[0] += 1
        n[1] += extra > 0
        n[2] += text
        rows.append(block)
    close()
    return out


def list_levels(blocks: list[Row | Line]) -> tuple[str | None, list[str]]:
    """Which numbering style of a numbered list holds the tasks, and the styles in order.

    The tasks are at the deepest level (the last in order of appearance) whose items
    carry responsibility of their own — labelled lines, a closing unit parenthesis or
    labels on the line — in a good share of its items: a level above it that also names
    a leader or a unit is a section passing them on. But where that deepest level names
    no lead unit and a level above it does (（一）…牵头单位：市民政局 over 1.…责任单位：各区政府),
    the tasks are at the level above, and the items below are their measures. Where no level does, at the first
    level whose items are followed by lines of units in brackets, else at the first level
    numbered like items (``1.``, ``（1）``, ``①``) rather than like headings.
    """
    order: list[str] = []
    counts: dict[str, list[int]] = {}
    runs: dict[str, list[list[bool]]] = {}   # per style, its runs of items under one item above
    implied = False
    for block in blocks:
        if not isinstance(block, Row):
            continue
        if block.implied:
            implied = True
            continue
        if not implied or block.number is None:
            continue
        style = block.number.style
        if style not in order:
            order.append(style)
        lines = block.cells[1].lines if len(block.cells) > 1 else []
        # its own: labelled lines, or units in its text; a line of units in brackets of its
        # own after sub-points (（责任单位：…）) may be the item above's
        below = len(lines) > 1 and lines[-1].lstrip().startswith(("（", "(")) and unit_parenthesis(lines[-1])[1]
        text = "".join(lines[:-1] if below else lines)
        roles = {role for role, _ in block.labels if role != "parenthesis"}
        roles.update(role for role, _ in split_inline_labels(text)[1])
        if unit_parenthesis(text)[1]:
            roles.update([role for role, _ in split_unit_parenthesis(text)[1]] or ["unit"])
        carries = bool(roles) or bool(block.labels) or below
        for deeper in order[order.index(style) + 1:]:   # an item closes the runs of the levels below it
            if runs.get(deeper) and runs[deeper][-1]:
                runs[deeper].append([])
        run = runs.setdefault(style, [[]])
        run[-1].append(bool(roles))
        n = counts.setdefault(style, [0, 0, 0, 0])
        n[0] += 1
        n[1] += carries
        n[2] += bool(roles)
        n[3] += bool(roles & LEAD_ROLES)
    if not order:
        return None, order
    # the deepest level whose items carry their own responsibility: a heading above it
    # that names a leader or a unit (一、兜牢民生底线（分管领导：王纲）) passes them to its items
    def share(style: str, k: int) -> bool:
        return bool(counts[style][k]) and counts[style][k] >= 0.3 * counts[style][0]

    def sub_points(style: str) -> bool:
        # only the last of each run of its items has units after it: they are the item
        # above's (2.举办活动20场。/（1）上半年10场；/（2）下半年10场。/牵头单位：…)
        long = [r for r in runs[style] if len(r) >= 2]
        return bool(long) and not any(any(r[:-1]) for r in long) and any(r[-1] for r in long)

    own = [style for style in order if share(style, 2)]
    if len(own) > 1 and sub_points(own[-1]):
        own.pop()
    if own:
        # ... unless it names only co-units under a level that names the leads: the tasks
        # are that level's, the items below them their measures
        above = [style for style in own[:-1] if share(style, 3)]
        return (above[-1] if above and not share(own[-1], 3) else own[-1]), order
    for style in order:
        total, carrying, *_ = counts[style]
        if carrying and carrying >= 0.3 * total:
            return style, order
    for style in order:
        if style in ("ar", "par", "circ", "shi"):
            return style, order
    return order[-1], order




def _joined(lines: list[str]) -> str:
    return squeeze_spaces("".join(x.strip() for x in lines))


def _raw(lines: list[str]) -> str:
    """Return a cell's text with its line breaks and the spaces that may separate names."""
    return "\n".join(" ".join(x.split()) for x in lines if x.strip())


def _is_header(block: Row, texts: list[str]) -> bool:
    fields = [parse_header(t)[0] if t else None for t in texts]
    known = sum(f is not None for f in fields)
    return known >= 2 and known * 2 >= len([t for t in texts if t]) and not block.stream \
        and block.number is None and not block.implied
