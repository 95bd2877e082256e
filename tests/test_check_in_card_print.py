"""The printed check-in card (issue 14, "Managers") on every capability of the starter hub.

"Print check-in card" puts the page in card mode and opens the print dialog (window.print is
stubbed here). The card must print on ONE landscape page whether the printer picks A4 or US Letter,
with no text under 12 CSS px (9 pt), across the printable width, with the fields a manager fills in
by hand, the address of the guide (the page's absolute address + "#check-in") and a QR code of it.
Chromium dispatches afterprint after page.pdf(): card mode ends, so each print enters it again.
"""

from __future__ import annotations

import io
import json
from pathlib import Path
from typing import Any, Iterator

import pypdf
import pytest
from browser import WatchedPage, serve_directory
from competency_hub.model.progress import STORAGE_KEY
from hub import REPO, BuildResult, page as html_page
from learner_js import placed_by_self_and_manager, ready

MM = 96 / 25.4
# Landscape, less the card's 7 mm margins (learner.css @page hub-card), in CSS px.
PAPERS = {
    "A4": ((297 - 14) * MM, (210 - 14) * MM),
    "Letter": ((279.4 - 14) * MM, (215.9 - 14) * MM),
}
FIELDS = ["learner", "date", "evidence", "next-step"]
PRINT_STUB = "window.print = function () { window.__printed = (window.__printed || 0) + 1; };"

# In print media, with the page in card mode: every visible element holding text, its font size;
# the card's width; the fill-in fields; the printed address; the QR code.
MEASURE = """() => {
  const article = document.querySelector("article.md-content__inner");
  const small = [];
  let smallest = Infinity;
  for (const element of article.querySelectorAll("*")) {
    if (!element.getClientRects().length || getComputedStyle(element).visibility === "hidden") continue;
    if (![...element.childNodes].some((node) => node.nodeType === Node.TEXT_NODE && node.textContent.trim())) continue;
    const size = parseFloat(getComputedStyle(element).fontSize);
    smallest = Math.min(smallest, size);
    if (size < 12) small.push(`${element.tagName}.${element.className}: ${size}px ${element.textContent.trim().slice(0, 40)}`);
  }
  const guide = article.querySelector(".hub-check-in");
  const qr = article.querySelector(".hub-card__where svg.hub-qr");
  return {
    cardMode: document.body.classList.contains("hub-card-mode"),
    smallest,
    small,
    width: Math.min(article.getBoundingClientRect().width, guide.getBoundingClientRect().width),
    printable: document.documentElement.clientWidth,
    fields: [...article.querySelectorAll("[data-hub-card-field]")]
      .filter((field) => field.getClientRects().length && field.querySelector(".hub-card__line"))
      .map((field) => field.dataset.hubCardField),
    address: article.querySelector("[data-hub-card-address]")?.textContent,
    qr: qr ? { label: qr.getAttribute("aria-label"), modules: Number(qr.dataset.hubQrModules) } : null,
  };
}"""


def pdf_pages(data: bytes) -> int:
    return len(pypdf.PdfReader(io.BytesIO(data)).pages)


def pdf_text(data: bytes) -> str:
    return " ".join(" ".join(p.extract_text() for p in pypdf.PdfReader(io.BytesIO(data)).pages).split())


@pytest.fixture(scope="module")
def starter(starter_build: BuildResult) -> Iterator[tuple[str, Path]]:
    """The starter hub's session build, served on 127.0.0.1: (its address, its folder)."""
    assert starter_build.returncode == 0, starter_build.output
    with serve_directory(starter_build.site) as url:
        yield url, starter_build.site


def capability_pages(site: Path) -> list[str]:
    catalogue = json.loads((site / "assets" / "competency-hub" / "learner-data.json").read_text(encoding="utf-8"))
    return [f"maps/{key}/" for key in sorted(catalogue["capabilities"])]


def print_card(page: Any) -> None:
    """Clicks "Print check-in card" (window.print stubbed; the button is hidden in print media)."""
    before = page.evaluate("window.__printed || 0")
    page.evaluate("document.querySelector('[data-hub-action=\"print-card\"]').click()")
    assert page.evaluate("window.__printed") == before + 1


def card_on(page: Any, paper: str) -> tuple[dict[str, Any], bytes]:
    """The card in card mode measured in print media at `paper`'s printable size, and its PDF."""
    width, height = PAPERS[paper]
    page.set_viewport_size({"width": round(width), "height": round(height)})
    print_card(page)
    page.emulate_media(media="print")
    measured = page.evaluate(MEASURE)
    pdf = page.pdf(format=paper)
    page.emulate_media(media="screen")
    return measured, pdf


@pytest.mark.build
@pytest.mark.browser
def test_every_starter_card_prints_on_one_page_of_a4_and_of_letter_at_9_pt(tab: WatchedPage, starter: tuple[str, Path]) -> None:
    base, site = starter
    urls = capability_pages(site)
    maps = sorted(p.stem for p in (REPO / "maps").glob("*.yml"))
    assert len(urls) >= 20 and {url.split("/")[1] for url in urls} == set(maps)
    page = tab.page
    page.add_init_script(PRINT_STUB)
    problems: list[str] = []
    seen: list[tuple[str, str, int, float, float]] = []
    for url in urls:
        page.set_viewport_size({"width": 1280, "height": 900})
        page.goto(base + url)
        ready(page, "check-in")
        for paper in PAPERS:
            measured, pdf = card_on(page, paper)
            where = f"{url} on {paper}"
            seen.append((url, paper, pdf_pages(pdf), measured["smallest"], measured["width"] / measured["printable"]))
            if not measured["cardMode"]:
                problems.append(f"{where}: not in card mode")
            if (pages := pdf_pages(pdf)) != 1:
                problems.append(f"{where}: {pages} pages")
            if measured["small"]:
                problems.append(f"{where}: text under 12px: {measured['small'][:3]}")
            if measured["width"] < 0.9 * measured["printable"]:
                problems.append(f"{where}: card {measured['width']:.0f}px of {measured['printable']}px")
            if measured["fields"] != FIELDS:
                problems.append(f"{where}: fields {measured['fields']}")
            if measured["address"] != base + url + "#check-in":
                problems.append(f"{where}: address {measured['address']!r}")
            if not measured["qr"] or measured["qr"]["label"] != "QR code of this check-in guide's address":
                problems.append(f"{where}: no QR code")
            # card mode ends after printing (Chromium's afterprint after page.pdf)
            if page.evaluate("document.body.classList.contains('hub-card-mode') || !!document.querySelector('[data-hub-card]')"):
                problems.append(f"{where}: card mode did not end after printing")
    for row in seen:  # shown with pytest -s
        print("%s %s: %d page, smallest text %.1fpx, %.0f%% of the printable width" % (*row[:4], row[4] * 100))
    assert len(seen) == 2 * len(urls) and problems == []




@pytest.mark.build
@pytest.mark.browser
def test_the_card_marks_the_self_assessed_and_the_managers_level_in_words(tab: WatchedPage, starter: tuple[str, Path]) -> None:
    base, _ = starter
    page = tab.page
    page.add_init_script(PRINT_STUB)
    page.goto(base + "progress/")
    ready(page, "progress")
    page.evaluate("([key, doc]) => localStorage.setItem(key, JSON.stringify(doc))", [STORAGE_KEY, placed_by_self_and_manager("coaching/feedback")])
    page.goto(base + "maps/coaching/feedback/")
    ready(page, "check-in")
    measured, pdf = card_on(page, "A4")
    assert pdf_pages(pdf) == 1 and measured["small"] == []
    text = pdf_text(pdf)
    assert "Self-assessed level: Assisted (March 1, 2025)" in text
    assert "Manager's level: Independent (Sam Lee, March 4, 2025)" in text
    # and on the levels themselves, in words
    print_card(page)
    marks = page.evaluate(
        """() => [...document.querySelectorAll("[data-hub-card-mark]")].map((mark) =>
             [mark.dataset.hubCardMark, mark.closest(".hub-check-in__level").querySelector("h3").id, mark.textContent])"""
    )
    assert marks == [
        ["self", "check-in-assisted", "◆ Self-assessed level (March 1, 2025)"],
        ["manager", "check-in-independent", "◆ Manager's level (Sam Lee, March 4, 2025)"],
    ]


@pytest.mark.build
@pytest.mark.browser
def test_a_card_without_recorded_levels_says_so(tab: WatchedPage, starter: tuple[str, Path]) -> None:
    base, _ = starter
    page = tab.page
    page.add_init_script(PRINT_STUB)
    page.goto(base + "maps/coaching/feedback/")
    ready(page, "check-in")
    print_card(page)
    assert page.inner_text('[data-hub-card-level="self"]') == "Self-assessed level: not recorded"
    assert page.inner_text('[data-hub-card-level="manager"]') == "Manager's level: not recorded"
    assert page.locator("[data-hub-card-mark]").count() == 0


@pytest.mark.build
def test_the_question_on_the_level_above_reads_naturally_for_one_behaviour_or_several(site: Path) -> None:
    # Triage (fixture hub): Independent has one behaviour, Expert two.
    soup = html_page(site, "maps/support/triage/")
    questions = {
        level["id"]: [" ".join(li.get_text().split()) for li in level.find_parent("div").select("li") if "need help" in li.get_text()]
        for level in soup.select(".hub-check-in__level > h3")
    }
    assert questions["check-in-assisted"] == [
        '"Would you still need help with this: sets priority from impact and urgency, and writes the reason in one line?"'
        '"Would you still need help with the behaviour listed at Independent?"'
    ]
    assert questions["check-in-independent"] == [
        '"Which of these would you still need help with: proposes a routing rule when the same mis-tag appears three times in a week, '
        "or reviews a colleague's tags weekly and names one pattern to change?\""
        '"Which of the behaviours listed at Expert would you still need help with?"'
    ]
    assert questions["check-in-expert"] == []
    # the page shows the full question, the card the short one (learner.css: .hub-card-only, .hub-card-hide)
    single = soup.select_one("#check-in-assisted").find_parent("div")
    assert single.select_one(".hub-card-hide em") and "Which of these" not in single.get_text()
