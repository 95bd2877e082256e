"""The file-share copy's search (render/fileshare_search.py, mkdocs/search.py, assets/search.js): a
compact index of titles, summaries, headings and facts, loaded as a classic script from file://,
in the same search box as Pagefind's. Its expected results are held in tests/test_hosting.py too."""

from __future__ import annotations

import gzip
import json
from pathlib import Path

import pytest
from browser import open_page, serious_axe_violations
from hub import REPO, BuildResult, build, edit, page
from search_eval import filter_challenges_and_focus_the_first, min_precision, precision_at_5, queries, top_results

from competency_hub.render.fileshare_search import (
    GLOBAL,
    SearchEntry,
    entry,
    first_paragraph,
    index_script,
    shorten,
    summary_of,
)

INDEX = "search/fileshare-index.js"
STARTER_BUDGET = 64 * 1024
"""The starter hub's index (122 pages) stays under this many bytes (about 40 kB when written)."""
BYTES_PER_PAGE = 600
"""The budget that keeps 17,000 pages to a few megabytes: titles, summaries and headings, no bodies."""


def read_index(site: Path) -> dict:  # type: ignore[type-arg]
    text = (site / INDEX).read_text(encoding="utf-8")
    prefix = f"window.{GLOBAL}="
    start = text.index(prefix) + len(prefix)
    return json.loads(text[start:].rstrip().removesuffix(";"))


def rows(site: Path) -> dict[str, dict[str, object]]:
    data = read_index(site)
    return {
        url: {"title": title, "kind": data["kinds"][kind], "context": data["contexts"][context], "summary": summary, "headings": headings}
        for url, title, kind, context, summary, headings in data["pages"]
    }


@pytest.fixture(scope="module")
def file_share(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The starter hub's file-share build (HUB_OFFLINE=true, as `make build-offline` does)."""
    result: BuildResult = build(REPO, tmp_path_factory.mktemp("fileshare-search") / "site", env={"HUB_OFFLINE": "true"})
    assert result.returncode == 0, result.output
    return result.site


# -- the index ---------------------------------------------------------------------------------------


def test_index_is_the_same_whatever_the_order_of_its_entries() -> None:
    a = entry("b.html", "B", "story", "Coaching", "Summary of b.", ["One"])
    b = entry("a.html", "A", "map", "", "Summary of a.", ["Two"])
    assert index_script([a, b]) == index_script([b, a])


def test_index_is_a_classic_script_that_no_page_text_can_end() -> None:
    text = index_script([entry("a.html", "A </script><script>alert(1)", "guide", "", "x\u2028y", [])])
    assert text.startswith("//") and f"window.{GLOBAL}=" in text
    assert "</script>" not in text and "\u2028" not in text


def test_headings_many_pages_share_are_left_out() -> None:
    entries = [entry(f"c{n}.html", f"Challenge {n}", "challenge", "", "", ["Steps", f"Own heading {n}"]) for n in range(8)]
    data = json.loads(index_script(entries).split("=", 1)[1].rstrip().removesuffix(";"))
    assert [page[5] for page in data["pages"]] == [f"Own heading {n}" for n in range(8)]


def test_summary_is_the_description_or_the_first_plain_paragraph() -> None:
    content = "<p>Part of <a>Map</a> · facts</p><p><strong>Time box:</strong> 5 min</p><p>The paragraph that says what this page is about, at length.</p>"
    assert summary_of("Own description.", "Site description", content) == "Own description."
    assert summary_of("Site description", "Site description", content) == "The paragraph that says what this page is about, at length."
    assert first_paragraph("<p>Short.</p>") == ""
    assert shorten("word " * 100, 40).endswith("…") and len(shorten("word " * 100, 40)) <= 41


def test_entry_keeps_a_few_headings_as_text() -> None:
    made = entry("x.html", "Title", "nonsense", "", "", ["Title", "<code>a</code> &amp; b", *[f"H{n}" for n in range(20)]])
    assert isinstance(made, SearchEntry) and made.kind == "page"
    assert made.headings[0] == "a & b" and len(made.headings) == 12


@pytest.mark.build
def test_the_file_share_copy_writes_a_small_index_and_not_materials(file_share: Path) -> None:
    data = (file_share / INDEX).read_bytes()
    pages = rows(file_share)
    assert len(data) < STARTER_BUDGET and len(data) / len(pages) < BYTES_PER_PAGE, len(data)
    print(f"\nfile-share index of the starter hub: {len(pages)} pages, {len(data)} bytes, {len(gzip.compress(data, mtime=0))} gzipped")
    assert not (file_share / "search" / "search_index.json").exists()
    assert not (file_share / "search" / "search_index.js").exists()
    assert not (file_share / "pagefind").exists()
    home = page(file_share, "index.html")
    box = home.select_one('.md-search[role="dialog"][data-hub-search]')
    assert box is not None and box["data-hub-search-engine"] == "file-share"
    assert home.select_one("form[name=search]") is None, "Material's bundle would look for its own index"
    scripts = [script.get("src", "") for script in home.select("script")]
    assert "assets/competency-hub/search.js" in scripts
    assert not any(INDEX in src for src in scripts), "the index loads on the first search, not with every page"


@pytest.mark.build
def test_the_index_holds_titles_summaries_headings_and_facts_not_bodies(file_share: Path) -> None:
    pages = rows(file_share)
    challenge = pages["challenges/second-person-check-on-your-lockout.html"]
    assert challenge["kind"] == "challenge"
    assert challenge["context"] == "Workplace safety · Lockout/tagout of conveyor equipment · Independent"
    assert str(challenge["summary"]).startswith("On your next planned conveyor job, lead the lockout yourself")
    capability = pages["maps/workplace-safety/lockout-tagout.html"]
    assert capability["kind"] == "capability" and capability["context"] == "Workplace safety"
    assert str(capability["summary"]).startswith("A conveyor that restarts while someone")
    assert pages["maps/coaching/index.html"]["kind"] == "map"
    assert pages["maps/coaching/rubric.html"]["kind"] == "level"
    assert pages["paths/sd-incident-lead.html"]["kind"] == "path"
    story = pages["stories/lockout-checks-for-field-technicians.html"]
    assert story["kind"] == "story" and str(story["context"]).startswith("Workplace safety · ")
    assert pages["guide/learners.html"]["kind"] == "guide"
    assert "Mark a challenge done" in str(pages["guide/learners.html"]["headings"]).split("\n")
    body = page(file_share, "stories/lockout-checks-for-field-technicians.html").select_one("#what-happened").find_next("p").get_text()
    assert body[:60] not in (file_share / INDEX).read_text(encoding="utf-8"), "a story's body stays out"
    for left_out in ("guide/hosting.html", "reference/urls.html", "stories/capabilities/coaching/feedback.html"):
        assert left_out not in pages, left_out


# -- in the browser, from file:// ---------------------------------------------------------------------


@pytest.mark.browser
@pytest.mark.build
def test_expected_results_from_file_share(browser, file_share: Path) -> None:  # type: ignore[no-untyped-def]
    """Each query's first expected page among the first five results, and the mean precision at 5."""
    base = file_share.resolve().as_uri() + "/"
    with open_page(browser) as watched:
        found = {query: top_results(watched.page, base, query.query) for query in queries()}
        assert watched.console_errors == [] and watched.external_requests == []
    mean = sum(precision_at_5(pages, query.expected) for query, pages in found.items()) / len(found)
    print(f"\nfile-share search, precision at 5: {mean:.3f}")
    assert mean >= min_precision(), found
    assert [query.query for query, pages in found.items() if query.expected[0] not in pages] == []


@pytest.mark.browser
@pytest.mark.build
def test_keyboard_search_from_file_share_filters_by_kind_and_is_accessible(browser, file_share: Path) -> None:  # type: ignore[no-untyped-def]
    with open_page(browser) as watched:
        tab = watched.page
        tab.goto((file_share / "maps" / "coaching" / "index.html").resolve().as_uri())
        tab.keyboard.press("/")
        tab.wait_for_selector(".md-search__input:focus")
        tab.keyboard.type("lockout")
        tab.wait_for_selector('[data-hub-search-done="lockout"]', state="attached")
        assert tab.locator(".md-search-result__item").count() >= 3
        assert tab.locator(".hub-search-kind-filter").first.get_attribute("aria-pressed") == "true"
        assert tab.locator(".hub-search-excerpt mark").count() >= 1
        assert watched.console_errors == []
        assert serious_axe_violations(tab) == []
        filter_challenges_and_focus_the_first(tab)
        href = tab.evaluate("document.activeElement.href")
        assert href.startswith("file://") and href.endswith(".html")
        tab.keyboard.press("Enter")
        tab.wait_for_url(href)
        tab.locator("article.md-content__inner h1").first.wait_for()
        assert not tab.evaluate("document.getElementById('__search').checked")
        tab.keyboard.press("s")
        assert tab.evaluate("document.getElementById('__search').checked")
        tab.keyboard.press("Escape")
        assert not tab.evaluate("document.getElementById('__search').checked")
        # axe-core reads the stylesheets with XMLHttpRequest, which file:// refuses (it reports so late)
        assert [e for e in watched.console_errors if "XMLHttpRequest" not in e and "net::ERR_FAILED" not in e] == []
        assert watched.external_requests == []


@pytest.mark.build
def test_material_engine_keeps_materials_search_on_a_file_share(hub: Path) -> None:
    edit(hub, "mkdocs.yml", "  - competency-hub", "  - competency-hub:\n      search: material", count=1)
    edit(hub, "mkdocs.yml", "  - search\n", "  - search\n  - offline\n")
    result = build(hub)
    assert result.returncode == 0, result.output
    assert (result.site / "search" / "search_index.js").is_file() and not (result.site / INDEX).exists()
    home = page(result.site, "index.html")
    assert home.select_one("form[name=search]") is not None and home.select_one("[data-hub-search]") is None
