"""Pilots in a real `mkdocs build --strict` of the story hub with a pilot: its pages, the chart and table
of each metric, the Atom feed, the CSV and JSON downloads, and the sections on map and path pages."""

from __future__ import annotations

import csv
import datetime
import io
import json
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest
from bs4 import BeautifulSoup
from competency_hub.render.pilot_chart import ChartPoint, scale
from hub import PINNED_TODAY, BuildResult, broken_links, build, content, copy_story_hub, page
from pilots import write_pilot

pytestmark = pytest.mark.build

ATOM = "{http://www.w3.org/2005/Atom}"
CSV = (
    "metric,date,value,note\n"
    "reopened,2026-09-30,11,=HYPERLINK(\"http://evil.example\")\n"
    "reopened,2026-11-20,9,\"After the macro review, the rate fell\"\n"
)
"""Interim results beside the pilot file; one note is a spreadsheet formula, which the CSV download must defuse."""


@pytest.fixture(scope="module")
def built(tmp_path_factory: pytest.TempPathFactory) -> BuildResult:
    root = copy_story_hub(tmp_path_factory.mktemp("pilots"))
    write_pilot(root, csv=CSV)
    result = build(root, env={"COMPETENCY_HUB_TODAY": PINNED_TODAY})
    assert result.returncode == 0, result.output
    return result


@pytest.fixture(scope="module")
def site(built: BuildResult) -> Path:
    return built.site


@pytest.fixture(scope="module")
def pilot(site: Path) -> BeautifulSoup:
    return content(page(site, "pilots/triage-pilot/"))


def test_the_index_lists_the_pilot_and_is_in_the_navigation(site: Path) -> None:
    soup = page(site, "pilots/")
    article = content(soup)
    link = article.select_one("h2#triage-pilot a")
    assert link.get_text() == "Triage rota on the weekend desk"
    assert link["href"] == "triage-pilot/"
    assert article.select_one('[data-hub-pilot-status="running"]').get_text() == "Running"
    paragraphs = [p.get_text(" ", strip=True) for p in article.select("p")]
    assert "Support, weekend desk · 1 September 2026 to 31 December 2026 · 6 people · manager: Sam Okafor" in paragraphs
    assert "The weekend desk tries the first-week path so that urgent tickets are triaged within the hour." in paragraphs
    assert "Pilots" in [a.get_text(strip=True) for a in soup.select("nav.md-nav--primary a.md-nav__link")]


def test_the_pilot_page_states_who_what_and_when(pilot: BeautifulSoup) -> None:
    assert pilot.select_one("h1").get_text(strip=True).startswith("Triage rota on the weekend desk")
    facts = pilot.select_one('[data-hub-pilot="triage-pilot"]')
    text = facts.get_text(" ", strip=True)
    assert "Team: Support, weekend desk" in text
    assert "Invested manager: Sam Okafor" in text
    assert "Cohort: 6 people: The six weekend agents." in text
    assert "Dates: 1 September 2026 to 31 December 2026" in text
    assert facts.select_one('a[data-hub-path="first-week"]')["href"] == "../../paths/first-week/"
    assert facts.select_one('a[data-hub-capability="support/triage"]')["href"] == "../../maps/support/triage/"
    stories = pilot.select("#stories ~ ul a[data-hub-story]")
    assert [a["data-hub-story"] for a in stories] == ["weekend-triage-rota"]


def test_success_is_a_table_of_the_metrics_defined_up_front(pilot: BeautifulSoup) -> None:
    table = pilot.select_one("#success ~ table")
    rows = [[td.get_text(" ", strip=True) for td in tr.select("td")] for tr in table.select("tbody tr")]
    assert rows == [
        ["Median minutes to triage an urgent ticket", "Cycle time", "90 minutes", "30 minutes", "lower", "50 (not yet)"],
        ["Tickets reopened within a week", "Quality", "12 %", "8 %", "lower", "9 (not yet)"],
    ]


def test_each_metric_has_a_chart_with_its_points_and_a_table_of_the_same_numbers(pilot: BeautifulSoup) -> None:
    block = pilot.select_one('[data-hub-metric="reopened"]')
    svg = block.select_one("svg")
    assert svg["role"] == "img"
    title_id, desc_id = svg["aria-labelledby"].split()
    assert svg.select_one(f"#{title_id}").get_text() == "Tickets reopened within a week (%)"
    desc = svg.select_one(f"#{desc_id}").get_text()
    assert "baseline 12, target 8 (lower is better)" in desc
    assert "Measured 30 September 2026: 11; 31 October 2026: 10; 20 November 2026: 9." in desc
    # Points: from the file and the CSV, oldest first, where their date and value put them.
    measured = [ChartPoint(datetime.date(2026, 9, 30), 11), ChartPoint(datetime.date(2026, 10, 31), 10), ChartPoint(datetime.date(2026, 11, 20), 9)]
    axes = scale(datetime.date(2026, 9, 1), datetime.date(2026, 12, 31), 12, 8, measured)
    circles = svg.select("circle")
    assert [(float(c["cx"]), float(c["cy"])) for c in circles] == [(axes.x(p.date), axes.y(p.value)) for p in measured]
    assert [c["data-hub-value"] for c in circles] == ["11", "10", "9"]
    assert float(svg.select_one('line[data-hub-line="target"]')["y1"]) == axes.y(8)
    table = block.select_one("table")
    assert [th.get_text(strip=True) for th in table.select("th")] == ["Date", "Value (%)", "Note"]
    rows = [[td.get_text(strip=True) for td in tr.select("td")][:2] for tr in table.select("tbody tr")]
    assert rows == [["Baseline", "12"], ["30 September 2026", "11"], ["31 October 2026", "10"], ["20 November 2026", "9"], ["Target", "8"]]
    assert not pilot.select("[style]")


def test_the_feed_has_an_entry_per_day_of_results_newest_first(site: Path, pilot: BeautifulSoup) -> None:
    assert pilot.select_one("a[data-hub-feed]")["href"] == "feed.xml"
    feed = ET.parse(site / "pilots" / "triage-pilot" / "feed.xml").getroot()
    assert feed.tag == f"{ATOM}feed"
    entries = feed.findall(f"{ATOM}entry")
    assert [e.findtext(f"{ATOM}updated") for e in entries] == [
        "2026-11-20T00:00:00Z", "2026-10-31T00:00:00Z", "2026-09-30T00:00:00Z"
    ]
    assert feed.findtext(f"{ATOM}updated") == "2026-11-20T00:00:00Z"
    october = entries[1].findtext(f"{ATOM}content")
    assert "Median minutes to triage an urgent ticket: 50 minutes (baseline 90, target 30, lower is better). Two new agents" in october
    assert "Tickets reopened within a week: 10 %" in october
    assert all(e.findtext(f"{ATOM}id").startswith("urn:uuid:") for e in entries)
    assert len({e.findtext(f"{ATOM}id") for e in entries}) == 3
    assert entries[0].find(f"{ATOM}link").get("href") == "../#results"


def test_the_metrics_download_as_csv_with_formulas_defused(site: Path) -> None:
    raw = (site / "pilots" / "triage-pilot" / "metrics.csv").read_bytes()
    assert raw.startswith("\ufeff".encode())
    rows = list(csv.reader(io.StringIO(raw.decode("utf-8-sig"), newline="")))
    assert rows[0] == ["Pilot id", "Metric id", "Metric", "Unit", "Kind", "Better", "Baseline", "Target", "Date", "Value", "Note"]
    assert [r[1] + "@" + r[8] + "=" + r[9] for r in rows[1:]] == [
        "triage-minutes@2026-09-30=70", "triage-minutes@2026-10-31=50",
        "reopened@2026-09-30=11", "reopened@2026-10-31=10", "reopened@2026-11-20=9",
    ]
    assert rows[3][10] == "'=HYPERLINK(\"http://evil.example\")"
    assert rows[2][2:8] == ["Median minutes to triage an urgent ticket", "minutes", "cycle-time", "lower", "90", "30"]


def test_the_metrics_download_as_json(site: Path, pilot: BeautifulSoup) -> None:
    assert pilot.select_one('a[data-hub-download="json"]')["href"] == "metrics.json"
    data = json.loads((site / "pilots" / "triage-pilot" / "metrics.json").read_text(encoding="utf-8"))
    assert (data["pilot"], data["status"], data["start"], data["end"]) == ("triage-pilot", "running", "2026-09-01", "2026-12-31")
    reopened = data["metrics"][1]
    assert (reopened["id"], reopened["baseline"], reopened["target"], reopened["direction"], reopened["kind"]) == ("reopened", 12, 8, "lower", "quality")
    assert [(m["date"], m["value"]) for m in reopened["measurements"]] == [("2026-09-30", 11), ("2026-10-31", 10), ("2026-11-20", 9)]


def test_map_and_path_pages_show_the_pilots_that_tried_them(site: Path) -> None:
    for url, back in (("maps/support/", "../../pilots/triage-pilot/"), ("paths/first-week/", "../../pilots/triage-pilot/")):
        article = content(page(site, url))
        section = article.select_one("h2#pilots")
        assert section is not None, url
        item = section.find_next("ul").select_one("li")
        assert item.select_one("a")["href"] == back
        assert "Triage time fell by a third in two months." in item.get_text()
    assert content(page(site, "maps/billing/")).select_one("#pilots") is None


def test_no_broken_link_from_the_pilot_pages(site: Path) -> None:
    pages = [site / "pilots" / "index.html", site / "pilots" / "triage-pilot" / "index.html"]
    assert broken_links(site, pages) == []
