"""The capability graph of a map as inline SVG: prerequisites left, what they unlock to the right."""

from __future__ import annotations

import textwrap
from dataclasses import dataclass
from html import escape

# Sizes in CSS pixels: the SVG is drawn at its own size, never scaled down (labels stay 13 px, marks
# and tags 12 px), so four columns fit Material's 688 px content column at 1280 px and wider graphs
# scroll sideways inside their figure.
NODE_WIDTH = 142
NODE_HEIGHT = 80
COLUMN_GAP = 30
ROW_GAP = 20
MARGIN = 10
LINE_CHARS = 19
LINES = 3
LINE_HEIGHT = 16
TAG_WIDTH = 58


@dataclass
class GraphNode:
    key: str
    title: str
    href: str
    critical: bool = False
    external: bool = False
    """A prerequisite from another map, drawn dashed."""


def _layers(nodes: dict[str, GraphNode], prerequisites: dict[str, list[str]]) -> dict[str, int]:
    """Longest-path layering: a capability sits one column right of its furthest prerequisite."""
    layer: dict[str, int] = {}
    for start in nodes:
        stack = [(start, False)]
        visiting: set[str] = set()
        while stack:
            key, expanded = stack.pop()
            if key in layer:
                continue
            parents = [p for p in prerequisites.get(key, []) if p in nodes]
            if expanded:
                visiting.discard(key)
                layer[key] = 1 + max((layer.get(p, 0) for p in parents), default=-1)
                continue
            visiting.add(key)
            stack.append((key, True))
            stack.extend((p, False) for p in parents if p not in layer and p not in visiting)
    return layer


def _order(columns: list[list[str]], prerequisites: dict[str, list[str]]) -> None:
    """Reorder each column by the mean row of its prerequisites, to untangle edges (two sweeps)."""
    for _ in range(2):
        rows = {key: i for column in columns for i, key in enumerate(column)}
        for column in columns[1:]:
            def barycentre(key: str) -> float:
                parents = [rows[p] for p in prerequisites.get(key, []) if p in rows]
                return sum(parents) / len(parents) if parents else float(rows[key])

            column.sort(key=lambda k: (barycentre(k), rows[k]))
            rows.update({key: i for i, key in enumerate(column)})


def _label(title: str) -> list[str]:
    """The title in at most LINES lines of LINE_CHARS; a longer one ends with "…" (the link's title has it whole)."""
    lines = textwrap.wrap(title, LINE_CHARS, break_long_words=True) or [title]
    if len(lines) > LINES:
        rest = textwrap.shorten(" ".join(lines[LINES - 1 :]), LINE_CHARS, placeholder="…")
        lines = [*lines[: LINES - 1], rest if rest != "…" else lines[LINES - 1][: LINE_CHARS - 1] + "…"]
    return lines


def render_graph_svg(
    nodes: list[GraphNode], prerequisites: dict[str, list[str]], *, title: str, description: str, id_prefix: str
) -> str:
    """An accessible SVG: a titled image whose nodes are links; the caller adds the text alternative.

    Each node carries `data-hub-mark-capability`, so the learner tools (decorate.js) mark it with the
    learner's level, written as words into the node's empty `<text data-hub-mark-slot>`.

    Node links use `xlink:href`, not `href`: Material's instant navigation assigns to the `href`
    property of every element with an `href` attribute, which throws on SVG links (read-only there).
    """
    by_key = {node.key: node for node in nodes}
    layer = _layers(by_key, prerequisites)
    columns: list[list[str]] = [[] for _ in range(max(layer.values(), default=0) + 1)]
    for node in nodes:
        columns[layer[node.key]].append(node.key)
    _order(columns, prerequisites)
    position: dict[str, tuple[int, int]] = {}
    for c, column in enumerate(columns):
        for r, key in enumerate(column):
            position[key] = (MARGIN + c * (NODE_WIDTH + COLUMN_GAP), MARGIN + r * (NODE_HEIGHT + ROW_GAP))
    width = MARGIN * 2 + len(columns) * NODE_WIDTH + (len(columns) - 1) * COLUMN_GAP
    height = MARGIN * 2 + max((len(c) for c in columns), default=1) * (NODE_HEIGHT + ROW_GAP) - ROW_GAP
    marker = f"{id_prefix}-arrow"
    out = [
        f'<svg class="hub-graph" xmlns="http://www.w3.org/2000/svg" xmlns:xlink="http://www.w3.org/1999/xlink" '
        f'viewBox="0 0 {width} {height}" '
        f'width="{width}" height="{height}" role="group" '
        f'aria-labelledby="{id_prefix}-title {id_prefix}-desc">',
        f'<title id="{id_prefix}-title">{escape(title)}</title>',
        f'<desc id="{id_prefix}-desc">{escape(description)}</desc>',
        f'<defs><marker id="{marker}" viewBox="0 0 10 10" refX="10" refY="5" markerWidth="8" '
        'markerHeight="8" orient="auto-start-reverse"><path d="M0,0 L10,5 L0,10 z" class="hub-graph__arrowhead"/>'
        "</marker></defs>",
    ]
    for key in sorted(position):
        for parent in prerequisites.get(key, []):
            if parent not in position:
                continue
            x1, y1 = position[parent]
            x2, y2 = position[key]
            sx, sy, tx, ty = x1 + NODE_WIDTH, y1 + NODE_HEIGHT // 2, x2, y2 + NODE_HEIGHT // 2
            bend = max(COLUMN_GAP // 2, (tx - sx) // 2)
            out.append(
                f'<path class="hub-graph__edge" d="M{sx},{sy} C{sx + bend},{sy} {tx - bend},{ty} {tx},{ty}" '
                f'marker-end="url(#{marker})"/>'
            )
    for node in nodes:
        x, y = position[node.key]
        classes = "hub-graph__node" + (" hub-graph__node--critical" if node.critical else "")
        classes += " hub-graph__node--external" if node.external else ""
        lines = _label(node.title)
        text = "".join(
            f'<tspan x="{x + 10}" y="{y + 21 + i * LINE_HEIGHT}">{escape(line)}</tspan>' for i, line in enumerate(lines)
        )
        tag = (
            # A tag on the node's top border, so it never competes with the label or the learner's mark.
            f'<rect class="hub-graph__tag" x="{x + NODE_WIDTH - TAG_WIDTH - 8}" y="{y - 8}" width="{TAG_WIDTH}" '
            f'height="16" rx="3"/><text class="hub-graph__badge" x="{x + NODE_WIDTH - TAG_WIDTH // 2 - 8}" '
            f'y="{y + 4}" text-anchor="middle">critical</text>'
            if node.critical
            else ""
        )
        out.append(
            # xlink:href, not href: Material's instant navigation rewrites every [href] on load,
            # and an SVG link's href is read-only, so it would throw on every map page.
            f'<a xlink:href="{escape(node.href)}" class="{classes}" data-hub-capability="{escape(node.key)}" '
            f'data-hub-mark-capability="{escape(node.key)}">'
            f"<title>{escape(node.title)}{' (critical)' if node.critical else ''}</title>"
            f'<rect class="hub-graph__box" x="{x}" y="{y}" width="{NODE_WIDTH}" height="{NODE_HEIGHT}" rx="6"/>'
            f'<text class="hub-graph__label">{text}</text>{tag}'
            f'<text class="hub-graph__state" x="{x + 10}" y="{y + NODE_HEIGHT - 9}" data-hub-mark-slot=""></text></a>'
        )
    out.append("</svg>")
    return "".join(out)
