"""A pilot metric's chart is SVG drawn at build time: points where their values put them, the baseline and
target as lines, and a text alternative (`role="img"`, `<title>`, `<desc>`)."""

from __future__ import annotations

import datetime

from bs4 import BeautifulSoup
from competency_hub.render.pilot_chart import LEFT, PLOT_HEIGHT, PLOT_WIDTH, TOP, ChartPoint, render_metric_chart

D = datetime.date


def chart(points: list[ChartPoint], baseline: float = 0, target: float = 100) -> BeautifulSoup:
    svg = render_metric_chart(
        id_prefix="chart-fix-days",
        title="Days to fix <a hazard> & more",
        description="Baseline 0, target 100.",
        unit="days",
        start=D(2026, 1, 1),
        end=D(2026, 1, 11),
        baseline=baseline,
        target=target,
        points=points,
    )
    return BeautifulSoup(svg, "html.parser")


def test_points_sit_at_their_date_and_value() -> None:
    # Values run from 0 to 100, so the axis runs from -10 to 110 (a tenth of the range as margin).
    soup = chart([ChartPoint(D(2026, 1, 6), 50), ChartPoint(D(2026, 1, 1), 0), ChartPoint(D(2026, 1, 11), 100)])
    points = [(float(c["cx"]), float(c["cy"]), c["data-hub-date"], c["data-hub-value"]) for c in soup.select("circle")]
    assert points == [  # oldest first
        (LEFT, round(TOP + 110 / 120 * PLOT_HEIGHT, 1), "2026-01-01", "0"),
        (LEFT + PLOT_WIDTH / 2, TOP + PLOT_HEIGHT / 2, "2026-01-06", "50"),
        (LEFT + PLOT_WIDTH, round(TOP + 10 / 120 * PLOT_HEIGHT, 1), "2026-01-11", "100"),
    ]
    trend = soup.select_one("polyline")["points"].split()
    assert trend == [f"{x:g},{y:g}" for x, y, _, _ in points]


def test_baseline_and_target_are_horizontal_lines_at_their_values() -> None:
    soup = chart([ChartPoint(D(2026, 1, 6), 50)], baseline=20, target=80)
    # Values 20 to 80: the axis runs from 14 to 86.
    for name, value in (("baseline", 20), ("target", 80)):
        line = soup.select_one(f'line[data-hub-line="{name}"]')
        y = round(TOP + (86 - value) / 72 * PLOT_HEIGHT, 1)
        assert (float(line["y1"]), float(line["y2"])) == (y, y)
        assert (float(line["x1"]), float(line["x2"])) == (LEFT, LEFT + PLOT_WIDTH)
        assert line["data-hub-value"] == str(value)
    labels = [t.get_text() for t in soup.select("text.hub-pilot-chart__line-label")]
    assert labels == ["baseline 20", "target 80"]


def test_the_chart_is_a_titled_described_image_with_axis_labels_and_no_inline_style() -> None:
    soup = chart([ChartPoint(D(2026, 1, 6), 50)])
    svg = soup.select_one("svg")
    assert svg["role"] == "img"
    assert svg["aria-labelledby"] == "chart-fix-days-title chart-fix-days-desc"
    assert soup.select_one("#chart-fix-days-title").get_text() == "Days to fix <a hazard> & more"
    assert "<a hazard>" not in str(svg).replace("&lt;a hazard&gt;", "")  # escaped, never markup
    assert soup.select_one("#chart-fix-days-desc").get_text() == "Baseline 0, target 100."
    texts = [t.get_text() for t in soup.select("text")]
    assert {"1 January 2026", "11 January 2026", "Date measured", "days"} <= set(texts)
    assert soup.select_one("circle title").get_text() == "6 January 2026: 50 days"
    assert not soup.select("[style]") and "<script" not in str(soup)


def test_a_flat_metric_still_has_a_range() -> None:
    soup = chart([ChartPoint(D(2026, 1, 6), 142)], baseline=142, target=142)
    circle = soup.select_one("circle")
    assert float(circle["cy"]) == TOP + PLOT_HEIGHT / 2
