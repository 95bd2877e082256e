"""Search relevance on a built sample hub: precision at 5 of title searches, for any engine.

The starter hub has a hand-written evaluation set (tests/search_queries.json). A sample hub from
`generate-sample` has no such set, but it has what makes search hard at scale: thousands of pages
whose titles repeat across maps ("Redo one handover note … (assisted)" exists for many
capabilities). This script derives a deterministic set from the built site itself:

- every n-th capability, challenge and story page (sorted by address), searched by its title;
- the expected pages of a query are all pages of the same kind with exactly that title (so a
  capability title shared by five maps expects those five capability pages, not one of them).

It serves the site (gzip, 127.0.0.1) or opens it from `file://`, types each query into the header
search in Debian's Chromium as a reader does (tests/search_eval.py) and reports the mean precision
at 5 and how many queries have an expected page first and in the top five.

    .venv/bin/python benchmarks/search_relevance.py /work/bench/L/site-pagefind
    .venv/bin/python benchmarks/search_relevance.py /work/bench/L/site-offline --file

A measurement, not a test.
"""

from __future__ import annotations

import argparse
import html
import json
import re
import sys
from collections import defaultdict
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE.parent / "tests"))
sys.path.insert(0, str(HERE))

from search_eval import precision_at_5, top_results  # noqa: E402

from search_benchmark import CHROMIUM, serve  # noqa: E402

TITLE = re.compile(r"<h1[^>]*>(.*?)</h1>", re.S)
TAG = re.compile(r"<[^>]+>")
PERMALINK = re.compile(r'<a class="headerlink"[^>]*>.*?</a>', re.S)
KINDS = {
    "capability": re.compile(r"^maps/[^/]+/[^/]+/$"),
    "challenge": re.compile(r"^challenges/[^/]+/$"),
    "story": re.compile(r"^stories/(?!capabilities/|patterns/|page/|authors/)[^/]+/$"),
}


def pages(site: Path) -> dict[str, tuple[str, str]]:
    """Address → (kind, title) of every capability, challenge and story page of a built site."""
    found: dict[str, tuple[str, str]] = {}
    for path in sorted(site.rglob("*.html")):
        rel = path.relative_to(site).as_posix()
        address = rel[: -len("index.html")] if rel.endswith("index.html") else rel[: -len(".html")] + "/"
        kind = next((name for name, pattern in KINDS.items() if pattern.match(address)), None)
        if kind is None:
            continue
        heading = TITLE.search(path.read_text(encoding="utf-8"))
        if heading:
            text = html.unescape(TAG.sub("", PERMALINK.sub("", heading[1])))
            # typed as ASCII (tests/search_eval.py waits for the query in a CSS selector)
            title = " ".join("".join(c if c.isascii() else " " for c in text).split())
            found[address] = (kind, title)
    return found


def query_set(found: dict[str, tuple[str, str]], per_kind: int) -> list[tuple[str, str, tuple[str, ...]]]:
    """(kind, query, expected pages): `per_kind` evenly spaced pages of each kind, searched by title."""
    by_title: dict[tuple[str, str], list[str]] = defaultdict(list)
    by_kind: dict[str, list[str]] = defaultdict(list)
    for address, (kind, title) in found.items():
        by_title[(kind, title)].append(address)
        by_kind[kind].append(address)
    chosen = []
    for kind, addresses in sorted(by_kind.items()):
        step = max(1, len(addresses) // per_kind)
        for address in addresses[::step][:per_kind]:
            title = found[address][1]
            chosen.append((kind, title, tuple(by_title[(kind, title)])))
    return chosen


def evaluate(base: str, chosen: list[tuple[str, str, tuple[str, ...]]], settle_ms: int = 400) -> dict[str, object]:
    from playwright.sync_api import sync_playwright

    rows = []
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM)
        page = browser.new_context(viewport={"width": 1280, "height": 900}).new_page()
        for kind, query, expected in chosen:
            found = top_results(page, base, query, settle_ms=settle_ms)
            rows.append(
                {
                    "kind": kind,
                    "query": query,
                    "expected": len(expected),
                    "p5": round(precision_at_5(found, expected), 2),
                    "first": bool(found) and found[0] in expected,
                    "in_top5": any(address in expected for address in found[:5]),
                }
            )
        browser.close()
    summary: dict[str, object] = {
        "queries": len(rows),
        "mean_p5": round(sum(row["p5"] for row in rows) / len(rows), 2),
        "first_expected": sum(row["first"] for row in rows),
        "expected_in_top5": sum(row["in_top5"] for row in rows),
    }
    for kind in sorted({row["kind"] for row in rows}):
        mine = [row for row in rows if row["kind"] == kind]
        summary[f"mean_p5_{kind}"] = round(sum(row["p5"] for row in mine) / len(mine), 2)
    return {"summary": summary, "rows": rows}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("site", type=Path, help="a built site folder")
    parser.add_argument("--file", action="store_true", help="open it from file:// (a file-share build)")
    parser.add_argument("--per-kind", type=int, default=10, help="queries per kind of page")
    parser.add_argument(
        "--settle", type=int, default=400, metavar="MS",
        help="Material's search: read the results once they stayed the same this long (use 3000 at L)",
    )
    args = parser.parse_args()
    site = args.site.resolve()
    chosen = query_set(pages(site), args.per_kind)
    if args.file:
        result = evaluate(site.as_uri() + "/", chosen, args.settle)
    else:
        with serve(site) as base:
            result = evaluate(base, chosen, args.settle)
    print(json.dumps(result, indent=2))


if __name__ == "__main__":
    main()
