"""The evaluation set of the site search (tests/search_queries.json), run in Chromium.

`top_results` types a query into the header search on the home page as a reader does and returns
the first results as hub-relative page addresses, for the three engines: Pagefind (served builds),
the file-share copy's own (render/fileshare_search.py), and Material's (`search: material`). Used by tests/test_hosting.py and
benchmarks/search_benchmark.py. `filter_challenges_and_focus_the_first` is the kind filter and keyboard
check that tests/test_search.py (Pagefind) and tests/test_fileshare_search.py (file share) share.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import urljoin

QUERIES = Path(__file__).resolve().parent / "search_queries.json"


@dataclass(frozen=True)
class Query:
    query: str
    expected: tuple[str, ...]


def queries() -> list[Query]:
    data = json.loads(QUERIES.read_text(encoding="utf-8"))
    return [Query(item["query"], tuple(item["expected"])) for item in data["queries"]]


def min_precision() -> float:
    return float(json.loads(QUERIES.read_text(encoding="utf-8"))["min_precision_at_5"])


def page_address(href: str, base: str) -> str:
    """`href` as a directory URL relative to the hub (anchor and query dropped; `x.html` → `x/`)."""
    absolute = urljoin(base, href).split("#")[0].split("?")[0]
    home = urljoin(base, ".")
    rel = absolute[len(home) :] if absolute.startswith(home) else absolute
    if rel.endswith("index.html"):
        rel = rel[: -len("index.html")]
    elif rel.endswith(".html"):
        rel = rel[: -len(".html")] + "/"
    return rel


def precision_at_5(found: list[str], expected: tuple[str, ...]) -> float:
    """Share of the first five results that are expected pages, out of the most there could be."""
    top = list(dict.fromkeys(found))[:5]
    return sum(1 for page in top if page in expected) / min(5, len(expected))


def top_results(page, base: str, query: str, count: int = 5, settle_ms: int = 400) -> list[str]:  # type: ignore[no-untyped-def]
    """The first `count` distinct pages that the search on the page at `base` lists for `query`.

    `settle_ms`: with Material's search, how long the list must stay the same to be taken as final
    (above 400, it is read again until it does; Material searches a 37 MB index at 17,000 pages)."""
    start = base + ("index.html" if base.startswith("file:") else "")
    if page.url != start:
        page.goto(start, wait_until="load")
    box = page.locator("input.md-search__input")
    box.click()
    box.fill("")
    box.press_sequentially(query)
    pagefind = page.locator("[data-hub-search]").count() > 0
    if pagefind:
        page.locator(f"[data-hub-search-done={json.dumps(query)}]").wait_for(state="attached")
    else:  # Material: the result list is rewritten on each key; wait until it names this query's results
        page.locator(".md-search-result__item").first.wait_for(timeout=max(30_000, 60 * settle_ms))
        page.wait_for_timeout(settle_ms)
        if settle_ms > 400:  # a big index: the list is final once it stops changing
            shown = None
            while shown != (shown := page.eval_on_selector_all(".md-search-result__item a", "links => links.map(a => a.href).join()")):
                page.wait_for_timeout(settle_ms)
    hrefs = page.eval_on_selector_all(
        ".md-search-result__item", "items => items.map(item => item.querySelector('a').getAttribute('href'))"
    )
    found = list(dict.fromkeys(page_address(href, page.url) for href in hrefs))
    return found[:count]


def filter_challenges_and_focus_the_first(tab) -> None:  # type: ignore[no-untyped-def]
    """With results on screen in the header search (either engine): the Challenge filter leaves only
    challenges, each with its map, capability and level; ArrowDown from the box focuses the first."""
    tab.locator('.hub-search-kind-filter[data-kind="challenge"]').click()
    # The list is emptied before the filtered results are drawn: wait for results, all of them challenges.
    tab.wait_for_function(
        "() => { const kinds = [...document.querySelectorAll('.hub-search-kind')];"
        " return kinds.length > 0 && kinds.every(k => k.textContent === 'Challenge'); }"
    )
    contexts = tab.locator(".hub-search-context").all_inner_texts()
    assert contexts and all(text.startswith("Challenge ") and " · " in text for text in contexts)
    tab.locator(".md-search__input").focus()
    tab.keyboard.press("ArrowDown")
    assert tab.evaluate("document.activeElement.classList.contains('md-search-result__link')")
