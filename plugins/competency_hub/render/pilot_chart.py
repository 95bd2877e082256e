"""A pilot metric's interim results as an accessible inline SVG: baseline, target and measured points.

Drawn at build time, no script: the chart is an image (`role="img"`) named by its `<title>` and
described in words by its `<desc>`, and the page puts the same numbers in a table beside it.
Colours come from the stylesheet (Material's colour variables), never from attributes, so both
palettes work and no `style=` is written.
"""

from __future__ import annotations

import datetime
from dataclasses import dataclass
from html import escape

WIDTH = 640
HEIGHT = 260
LEFT = 64
"""Room for the value labels on the left."""
RIGHT = 96
"""Room for the 'baseline' and 'target' labels on the right."""
TOP = 16
BOTTOM = 44
"""Room for the date labels and the axis title below."""
PLOT_WIDTH = WIDTH - LEFT - RIGHT
PLOT_HEIGHT = HEIGHT - TOP - BOTTOM


@dataclass(frozen=True)
class ChartPoint:
    date: datetime.date
    value: float


@dataclass(frozen=True)
class Scale:
    """Where dates and values fall on the chart."""

    first: datetime.date
    last: datetime.date
    low: float
    high: float

    def x(self, day: datetime.date) -> float:
        span = max((self.last - self.first).days, 1)
        return round(LEFT + (day - self.first).days / span * PLOT_WIDTH, 1)

    def y(self, value: float) -> float:
        return round(TOP + (self.high - value) / (self.high - self.low) * PLOT_HEIGHT, 1)


def scale(start: datetime.date, end: datetime.date, baseline: float, target: float, points: list[ChartPoint]) -> Scale:
    """Dates from the start to the end (or the last measurement); values from the lowest to the highest
    of baseline, target and measurements, with a tenth of the range as margin on each side."""
    values = [baseline, target, *(p.value for p in points)]
    low, high = min(values), max(values)
    margin = (high - low) * 0.1 or max(abs(high) * 0.1, 1.0)
    last = max([end, *(p.date for p in points)])
    return Scale(start, last, low - margin, high + margin)


def number(value: float) -> str:
    """12, 3.5, 0.25: as written, without a trailing '.0'."""
    return str(int(value)) if float(value).is_integer() else f"{value:g}"


def long_date(day: datetime.date) -> str:
    return f"{day.day} {day.strftime('%B')} {day.year}"


def render_metric_chart(
    *,
    id_prefix: str,
    title: str,
    description: str,
    unit: str,
    start: datetime.date,
    end: datetime.date,
    baseline: float,
    target: float,
    points: list[ChartPoint],
) -> str:
    """The chart as one line of SVG; `title`, `description` and `unit` are plain text (escaped here)."""
    s = scale(start, end, baseline, target, points)
    x0, x1 = LEFT, LEFT + PLOT_WIDTH
    yb, yt = s.y(baseline), s.y(target)
    out = [
        f'<svg class="hub-pilot-chart" xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {WIDTH} {HEIGHT}" '
        f'width="{WIDTH}" height="{HEIGHT}" role="img" aria-labelledby="{id_prefix}-title {id_prefix}-desc" '
        f'data-hub-chart="{escape(id_prefix)}">',
        f'<title id="{id_prefix}-title">{escape(title)}</title>',
        f'<desc id="{id_prefix}-desc">{escape(description)}</desc>',
        f'<rect class="hub-pilot-chart__area" x="{x0}" y="{TOP}" width="{PLOT_WIDTH}" height="{PLOT_HEIGHT}"/>',
        # the axes, with the lowest and highest values and the first and last dates
        f'<path class="hub-pilot-chart__axis" d="M{x0},{TOP} V{TOP + PLOT_HEIGHT} H{x1}"/>',
        f'<text class="hub-pilot-chart__tick" x="{x0 - 6}" y="{TOP + 4}" text-anchor="end">{escape(number(round(s.high, 2)))}</text>',
        f'<text class="hub-pilot-chart__tick" x="{x0 - 6}" y="{TOP + PLOT_HEIGHT}" text-anchor="end">{escape(number(round(s.low, 2)))}</text>',
        f'<text class="hub-pilot-chart__tick" x="{x0}" y="{TOP + PLOT_HEIGHT + 16}" text-anchor="start">{escape(long_date(s.first))}</text>',
        f'<text class="hub-pilot-chart__tick" x="{x1}" y="{TOP + PLOT_HEIGHT + 16}" text-anchor="end">{escape(long_date(s.last))}</text>',
        f'<text class="hub-pilot-chart__label" x="{x0 + PLOT_WIDTH / 2:g}" y="{HEIGHT - 6}" text-anchor="middle">Date measured</text>',
        f'<text class="hub-pilot-chart__label" x="14" y="{TOP + PLOT_HEIGHT / 2:g}" text-anchor="middle" '
        f'transform="rotate(-90 14 {TOP + PLOT_HEIGHT / 2:g})">{escape(unit)}</text>',
        # baseline and target, labelled at their right end
        f'<line class="hub-pilot-chart__baseline" x1="{x0}" y1="{yb}" x2="{x1}" y2="{yb}" data-hub-line="baseline" data-hub-value="{number(baseline)}"/>',
        f'<text class="hub-pilot-chart__line-label" x="{x1 + 6}" y="{yb + 4}">baseline {escape(number(baseline))}</text>',
        f'<line class="hub-pilot-chart__target" x1="{x0}" y1="{yt}" x2="{x1}" y2="{yt}" data-hub-line="target" data-hub-value="{number(target)}"/>',
        f'<text class="hub-pilot-chart__line-label" x="{x1 + 6}" y="{yt + 4 + (12 if abs(yt - yb) < 14 and yt >= yb else -12 if abs(yt - yb) < 14 else 0)}">target {escape(number(target))}</text>',
    ]
    ordered = sorted(points, key=lambda p: p.date)
    if len(ordered) > 1:
        line = " ".join(f"{s.x(p.date):g},{s.y(p.value):g}" for p in ordered)
        out.append(f'<polyline class="hub-pilot-chart__trend" points="{line}"/>')
    for p in ordered:
        out.append(
            f'<circle class="hub-pilot-chart__point" cx="{s.x(p.date):g}" cy="{s.y(p.value):g}" r="5" '
            f'data-hub-date="{p.date.isoformat()}" data-hub-value="{number(p.value)}">'
            f"<title>{escape(long_date(p.date))}: {escape(number(p.value))} {escape(unit)}</title></circle>"
        )
    out.append("</svg>")
    return "".join(out)
