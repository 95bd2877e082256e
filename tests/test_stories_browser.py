"""The story library in Debian's Chromium: the finder, and a corpus of XSS vectors that must not run.

Untrusted story content reaches the page two ways. Front matter values are placed by the
templates, escaped; those vectors are built with the real strict `mkdocs build`. Body vectors
are errors for the validator, so the strict build refuses them; they are rendered through
`mkdocs serve` instead, which keeps previewing broken content. That is also the real risk: a
reviewer previewing an untrusted pull request locally. Either way: no dialog opens, no script
runs, and the article holds no script, event handler or javascript:/data: URL.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Iterator

import pytest
import yaml
from browser import open_page, serve_directory, served_with_site_url
from hub import PUBLISHED, STORIES, build, copy_hub, copy_story_hub, edit, validate
from serving import mkdocs_serve, wait_for

FRONT_MATTER_VECTORS = [
    '<script>alert("fm1")</script>',
    '<img src=x onerror=alert("fm2")>',
    '"><svg onload=alert("fm3")>',
    "</title><script>alert('fm4')</script>",
    "&lt;/title&gt;&lt;script&gt;alert('fm5')&lt;/script&gt;",
    '[click me](javascript:alert("fm6"))',
    "{: onclick=\"alert('fm7')\" }",
    '<a href="jav&#x09;ascript:alert(8)">x</a>',
    "*{onmouseover=alert(9)}*",
    '<iframe srcdoc="<script>alert(10)</script>"></iframe>',
    "' onfocus='alert(11)' autofocus='",
    "<<script>script>alert(12)<</script>/script>",
]
"""Placed in the title, summary, context, outcome and author fields of one story."""

BODY_VECTORS = [
    "<script>alert('b1')</script>",
    "<ScRiPt>alert('b2')</sCrIpT>",
    "<scr<script>ipt>alert('b3')</scr</script>ipt>",
    '<img src=x onerror=alert("b4")>',
    '<IMG SRC=x OnErRoR=alert("b5")>',
    '<img src="x" onerror="&#97;&#108;&#101;&#114;&#116;&#40;&#39;b6&#39;&#41;">',
    '<a href="&#106;avascript:alert(\'b7\')">entity scheme</a>',
    '<a href="jav&#x09;ascript:alert(\'b8\')">tab in scheme</a>',
    '<a href=" JaVaScRiPt:alert(\'b9\')">case and space</a>',
    '<a href="data:text/html;base64,PHNjcmlwdD5hbGVydCgnYjEwJyk8L3NjcmlwdD4=">data url</a>',
    "<svg><script>alert('b11')</script></svg>",
    "<svg onload=alert('b12')></svg>",
    '<svg><a xlink:href="javascript:alert(\'b13\')"><text x="20" y="20">svg link</text></a></svg>',
    "<math><mtext><table><mglyph><style><img src=x onerror=alert('b14')>",
    "<iframe srcdoc=\"<script>alert('b15')</script>\"></iframe>",
    "<iframe src=\"javascript:alert('b16')\"></iframe>",
    "<object data=\"javascript:alert('b17')\"></object>",
    "<embed src=\"javascript:alert('b18')\">",
    '<div style="width: expression(alert(\'b19\'))">css expression</div>',
    "<style>@import 'javascript:alert(\"b20\")'; body { background: red }</style>",
    "<details open ontoggle=alert('b21')><summary>x</summary></details>",
    "<form><button formaction=javascript:alert('b22')>go</button></form>",
    "<input autofocus onfocus=alert('b23')>",
    '<base href="javascript:alert(\'b24\')//">',
    '<meta http-equiv="refresh" content="0;url=javascript:alert(\'b25\')">',
    "<noscript><p title=\"</noscript><img src=x onerror=alert('b26')>\"></noscript>",
    '<img src=x onerror=alert("b27")//',
    "[markdown link](javascript:alert('b28'))",
    "[mixed case](JaVaScRiPt:alert('b29'))",
    "[entity](&#106;avascript:alert('b30'))",
    "![image](javascript:alert('b31'))",
    "[reference][evil]\n\n[evil]: javascript:alert('b32')",
    "<javascript:alert('b33')>",
    "A paragraph with an attribute list.\n{: onclick=\"alert('b34')\" }",
    "[link with attributes](x.md){ onmouseover=\"alert('b35')\" }",
    "### A heading {: data-toc-label=\"<img src=x onerror=alert('b36')>\" }",
    "### <img src=x onerror=alert('b37')> heading with HTML",
    '<a href="x" target="_blank" rel="opener">target</a>',
    "<link rel=stylesheet href=\"javascript:alert('b39')\">",
    "<template><img src=x onerror=alert('b40')></template>",
]

UNSAFE_IN_ARTICLE = """
() => {
  const root = document.querySelector('article.md-content__inner');
  const problems = [];
  for (const el of root.querySelectorAll('*')) {
    const tag = el.tagName.toLowerCase();
    // the finder's own form and inputs, and the learner tools' controls (made by the hub, not by content)
    const finder = el.closest('[data-hub-finder]') || el.closest('[data-hub-learner]')
      // deep-links.js's "Copy link", beside the level or behaviour whose id it names
      || (tag === 'button' && el.matches('.hub-copy-link') && el.dataset.hubCopyLink === el.parentElement.id);
    if (!finder && ['script','iframe','object','embed','style','svg','math','form','input','button','base','meta','link','template','noscript'].includes(tag)) {
      problems.push('<' + tag + '>');
    }
    for (const attr of el.attributes) {
      const name = attr.name.toLowerCase();
      const value = attr.value.replace(/[\\u0000-\\u0020]/g, '').toLowerCase();
      if (name.startsWith('on') || name === 'style' || name === 'srcdoc' || name === 'formaction' || name === 'target') {
        problems.push(tag + '[' + name + ']');
      }
      if (['href', 'src', 'action', 'xlink:href', 'data'].includes(name) && /^(javascript|data|vbscript):/.test(value)) {
        problems.push(tag + '[' + name + '=' + attr.value + ']');
      }
    }
  }
  const toc = document.querySelector('nav.md-nav--secondary');
  if (toc) for (const el of toc.querySelectorAll('img, script, svg, iframe')) problems.push('toc <' + el.tagName.toLowerCase() + '>');
  return problems;
}
"""


def _xss_story(front: dict[str, object], body: str) -> str:
    return "---\n" + yaml.safe_dump(front, allow_unicode=True, sort_keys=False) + "---\n\n" + body


def _front(title: str, summary: str, team: str) -> dict[str, object]:
    return {
        "title": title,
        "date": "2026-01-05",
        "authors": ["xss-author"],
        "context": {"team": team, "function": FRONT_MATTER_VECTORS[3]},
        "capabilities": [{"capability": "support/triage", "level": "assisted"}],
        "outcomes": [
            {
                "measure": FRONT_MATTER_VECTORS[5],
                "kind": "quality",
                "before": FRONT_MATTER_VECTORS[1],
                "after": 3,
                "unit": FRONT_MATTER_VECTORS[6],
                "note": FRONT_MATTER_VECTORS[9],
            }
        ],
        "patterns": ["authentic-evidence"],
        "summary": summary,
    }


SAFE_BODY = "## What happened\n\nSomething.\n\n## What worked\n\nA.\n\n## What stalled\n\nB.\n\n## Lessons\n\nC.\n"


def _add_xss_author(root: Path) -> None:
    authors = root / "stories" / "authors.yml"
    authors.write_text(
        authors.read_text(encoding="utf-8")
        + "  xss-author:\n"
        + f"    name: {json.dumps(FRONT_MATTER_VECTORS[0])}\n"
        + f"    role: {json.dumps(FRONT_MATTER_VECTORS[2])}\n"
        + f"    team: {json.dumps(FRONT_MATTER_VECTORS[10])}\n",
        encoding="utf-8",
    )


def _check_page(browser, url: str) -> list[str]:  # type: ignore[no-untyped-def]
    with open_page(browser) as watched:
        response = watched.page.goto(url)
        assert response is not None and response.ok, url
        watched.page.wait_for_load_state("load")  # not networkidle: `mkdocs serve` long-polls for reloads
        problems = watched.page.evaluate(UNSAFE_IN_ARTICLE)
        # Any inline handler that slipped through would fire on these events.
        watched.page.evaluate(
            """() => { for (const el of document.querySelectorAll('article.md-content__inner *')) {
                for (const type of ['mouseover', 'mouseenter', 'focus', 'toggle', 'animationstart']) {
                  el.dispatchEvent(new Event(type, { bubbles: true }));
                } } }"""
        )
        watched.page.keyboard.press("Tab")
        watched.page.wait_for_timeout(0)
        assert watched.external_requests == [], watched.external_requests
        return [f"dialog {d}" for d in watched.dialogs] + problems


# -- front matter vectors, through the real strict build ------------------------------------------------


@pytest.fixture(scope="module")
def front_matter_site(tmp_path_factory: pytest.TempPathFactory):  # type: ignore[no-untyped-def]
    root = copy_story_hub(tmp_path_factory.mktemp("xss-front"))
    _add_xss_author(root)
    for i, vector in enumerate(FRONT_MATTER_VECTORS):
        front = _front(f"Story {i} {vector}", f"Summary {i} {vector}", f"Team {i} {vector}")
        (root / "stories" / f"xss-{i}.md").write_text(_xss_story(front, SAFE_BODY), encoding="utf-8")
    assert validate(root) == []  # front matter is text: escaped, never an error
    result = build(root)
    assert result.returncode == 0, result.output
    with serve_directory(result.site) as base:
        yield base, result.site


@pytest.mark.build
@pytest.mark.browser
@pytest.mark.parametrize("i", range(len(FRONT_MATTER_VECTORS)))
def test_front_matter_vectors_are_text_on_the_story_page(browser, front_matter_site, i: int) -> None:  # type: ignore[no-untyped-def]
    base, site = front_matter_site
    url = f"{base}stories/xss-{i}/"
    assert _check_page(browser, url) == []
    with open_page(browser) as watched:
        watched.page.goto(url)
        heading = watched.page.locator("article h1").first.inner_text()
        assert heading.startswith(f"Story {i} ") and FRONT_MATTER_VECTORS[i].split("&lt;")[0].strip()[:5] in heading
        assert watched.page.title().startswith(f"Story {i} ")  # the <title> holds the text, not markup
        assert f"Summary {i} {FRONT_MATTER_VECTORS[i]}" in watched.page.locator("article").inner_text()


@pytest.mark.build
@pytest.mark.browser
@pytest.mark.parametrize(
    "path", ["stories/", "stories/page/2/", "stories/capabilities/support/triage/", "maps/support/triage/", "news/"]
)
def test_front_matter_vectors_are_text_on_lists(browser, front_matter_site, path: str) -> None:  # type: ignore[no-untyped-def]
    base, _ = front_matter_site
    assert _check_page(browser, base + path) == []


@pytest.mark.build
@pytest.mark.browser
def test_front_matter_vectors_are_text_in_the_finder_and_site_search(browser, front_matter_site) -> None:  # type: ignore[no-untyped-def]
    base, _ = front_matter_site
    with open_page(browser) as watched:
        watched.page.goto(base + "stories/?words=story")
        watched.page.wait_for_selector('[data-hub-finder-ready="true"]')
        try:
            watched.page.wait_for_function(
                "document.querySelectorAll('[data-hub-finder-results] li').length >= 10", timeout=120_000
            )
        except Exception:  # pragma: no cover - the state helps to see why
            status = watched.page.locator("[data-hub-finder-status]").inner_text()
            raise AssertionError(f"finder: {status!r}, {watched.console_errors}, {watched.page.url}") from None
        assert watched.page.evaluate(UNSAFE_IN_ARTICLE) == []
        # Material's search starts once its components are mounted and its worker has built an
        # index, which takes a while on a busy machine; typing before that is lost, so type again.
        watched.page.wait_for_function("typeof window.component$ !== 'undefined'", timeout=120_000)
        search = watched.page.locator(".md-search__input").first
        for _ in range(6):
            search.fill("")
            search.press_sequentially("onerror")
            try:
                watched.page.wait_for_function(
                    "document.querySelectorAll('.md-search-result__item').length > 0", timeout=20_000
                )
                break
            except Exception:  # noqa: BLE001 - Playwright's timeout: try again
                continue
        meta = watched.page.locator(".md-search-result__meta").all_inner_texts()
        assert watched.page.locator(".md-search-result__item").count() > 0, f"site search: {meta!r}"
        assert watched.page.locator(".md-search-result script, .md-search-result img[onerror]").count() == 0
        assert watched.dialogs == [] and watched.console_errors == []


# -- body vectors, through `mkdocs serve` ------------------------------------------------------------


@pytest.fixture(scope="module")
def served_body_vectors(tmp_path_factory: pytest.TempPathFactory):  # type: ignore[no-untyped-def]
    """One story per body vector (so no vector hides another), previewed with `mkdocs serve`."""
    root = copy_story_hub(tmp_path_factory.mktemp("xss-body"))
    for i, vector in enumerate(BODY_VECTORS):
        body = SAFE_BODY.replace("Something.", "Something.\n\n" + vector + "\n\nAfter the vector.")
        front = _front(f"Body vector {i}", "A story whose body is hostile.", "Red team")
        front["authors"] = ["sam-okafor"]
        front["context"] = {"team": "Red team", "function": "Security"}
        front["outcomes"] = []
        (root / "stories" / f"body-vector-{i}.md").write_text(_xss_story(front, body), encoding="utf-8")
    with mkdocs_serve(root) as served:
        base = served + "/"
        last = len(BODY_VECTORS) - 1
        assert wait_for(base + f"stories/body-vector-{last}/", f"Body vector {last}"), "serve never showed the stories"
        yield root, base


RENDERED_AS_TEXT = {'<img src=x onerror=alert("b27")//'}
"""Not HTML at all (the tag is never closed): Markdown prints it as text, so the validator lets it be."""


@pytest.mark.build
def test_every_body_vector_is_a_validation_error(served_body_vectors) -> None:  # type: ignore[no-untyped-def]
    root, _ = served_body_vectors
    lines = validate(root)
    missed = {
        vector
        for i, vector in enumerate(BODY_VECTORS)
        if not any(line.startswith(f"stories/body-vector-{i}.md:") and ": error: " in line for line in lines)
    }
    assert missed == RENDERED_AS_TEXT


@pytest.mark.build
@pytest.mark.browser
@pytest.mark.parametrize("i", range(len(BODY_VECTORS)))
def test_body_vectors_do_not_run_in_chromium(browser, served_body_vectors, i: int) -> None:  # type: ignore[no-untyped-def]
    _, base = served_body_vectors
    assert _check_page(browser, base + f"stories/body-vector-{i}/") == [], BODY_VECTORS[i]


@pytest.mark.browser
def test_the_corpus_check_can_fail(browser, tmp_path: Path) -> None:
    """Unsanitised, the same corpus opens dialogs and leaves handlers: the checks above would see it."""
    article = '<article class="md-content__inner">' + "".join(
        ["<img src=x onerror=alert('raw')>", "<a href=\"javascript:alert(1)\">x</a>"]
    ) + "</article>"
    (tmp_path / "index.html").write_text(f"<!doctype html><html><body>{article}</body></html>", encoding="utf-8")
    with serve_directory(tmp_path) as base:
        problems = _check_page(browser, base)
    assert "dialog alert: raw" in problems
    assert any("onerror" in p for p in problems) and any("javascript" in p for p in problems)


# -- the finder ----------------------------------------------------------------------------------------


def _finder(watched, url: str):  # type: ignore[no-untyped-def]
    watched.page.set_default_timeout(90_000)  # generous on a busy CI machine; nothing is timed
    watched.page.goto(url)
    watched.page.wait_for_selector('[data-hub-finder-ready="true"]')
    return watched.page


def _results(page) -> list[str]:  # type: ignore[no-untyped-def]
    return page.eval_on_selector_all("[data-hub-finder-results] li", "items => items.map(li => li.dataset.hubStory)")


def _facet_count(page, facet: str, value: str) -> str:  # type: ignore[no-untyped-def]
    return page.locator(f'input[data-hub-facet="{facet}"][value="{value}"] + label [data-hub-count]').inner_text()


@pytest.mark.build
@pytest.mark.browser
def test_finder_replaces_the_static_list_and_shows_every_story(browser, served_story_site: str) -> None:
    with open_page(browser) as watched:
        page = _finder(watched, served_story_site + "stories/")
        assert page.locator("[data-hub-story-static]").is_hidden()
        assert page.locator("[data-hub-finder]").is_visible()
        assert _results(page) == PUBLISHED
        assert page.locator("[data-hub-finder-status]").inner_text() == f"{len(PUBLISHED)} stories"
        assert watched.console_errors == [] and watched.external_requests == []


@pytest.mark.build
@pytest.mark.browser
@pytest.mark.parametrize("capability", ["support/triage", "support/replies", "billing/refunds"])
def test_filter_by_one_capability_gives_exactly_the_stories_that_cite_it(browser, served_story_site: str, capability: str) -> None:
    expected = [s for s in PUBLISHED if any(c["capability"] == capability for c in STORIES[s]["capabilities"])]
    with open_page(browser) as watched:
        page = _finder(watched, served_story_site + "stories/")
        page.locator(f'input[data-hub-facet="capability"][value="{capability}"]').check()
        page.wait_for_function(f"document.querySelectorAll('[data-hub-finder-results] li').length === {len(expected)}")
        assert _results(page) == expected
        assert _facet_count(page, "capability", capability) == f"({len(expected)})"
        assert f"capability={capability.replace('/', '%2F')}" in page.url
        # lunr.js is loaded only for word search
        assert page.evaluate("typeof window.lunr") == "undefined"
        assert watched.console_errors == []


@pytest.mark.build
@pytest.mark.browser
def test_counts_follow_the_other_filters(browser, served_story_site: str) -> None:
    with open_page(browser) as watched:
        page = _finder(watched, served_story_site + "stories/")
        with_pattern = [s for s in PUBLISHED if "authentic-evidence" in STORIES[s].get("patterns", [])]
        triage_in_pattern = [s for s in with_pattern if any(c["capability"] == "support/triage" for c in STORIES[s]["capabilities"])]
        all_triage = [s for s in PUBLISHED if any(c["capability"] == "support/triage" for c in STORIES[s]["capabilities"])]
        assert _facet_count(page, "capability", "support/triage") == f"({len(all_triage)})"
        page.locator('input[data-hub-facet="pattern"][value="authentic-evidence"]').check()
        page.wait_for_function(f"document.querySelectorAll('[data-hub-finder-results] li').length === {len(with_pattern)}")
        assert _facet_count(page, "capability", "support/triage") == f"({len(triage_in_pattern)})"
        # within one facet, values widen the choice: its own counts do not shrink
        assert _facet_count(page, "pattern", "unclear-levels") == "(1)"
        page.locator("[data-hub-finder-clear]").click()
        page.wait_for_function(f"document.querySelectorAll('[data-hub-finder-results] li').length === {len(PUBLISHED)}")


@pytest.mark.build
@pytest.mark.browser
def test_links_can_open_the_finder_pre_filtered(browser, served_story_site: str) -> None:
    expected = [s for s in PUBLISHED if any(c["capability"] == "billing/refunds" for c in STORIES[s]["capabilities"]) and STORIES[s]["date"].year == 2025]
    with open_page(browser) as watched:
        page = _finder(watched, served_story_site + "stories/?capability=billing%2Frefunds&year=2025")
        assert _results(page) == expected
        assert page.locator('input[data-hub-facet="year"][value="2025"]').is_checked()


@pytest.mark.build
@pytest.mark.browser
def test_word_search_loads_lunr_and_combines_with_facets(browser, served_story_site: str) -> None:
    with open_page(browser) as watched:
        page = _finder(watched, served_story_site + "stories/")
        page.locator("[data-hub-finder-query]").fill("refund")
        page.wait_for_function("document.querySelectorAll('[data-hub-finder-results] li').length === 2")
        assert sorted(_results(page)) == ["partial-refunds", "refund-checklist-pilot"]
        assert page.evaluate("typeof window.lunr") == "function"
        page.locator('input[data-hub-facet="year"][value="2026"]').check() if page.locator(
            'input[data-hub-facet="year"][value="2026"]'
        ).is_enabled() else None
        page.locator("[data-hub-finder-query]").fill("rot")  # prefix: as you type
        page.wait_for_function("document.querySelectorAll('[data-hub-finder-results] li').length === 1")
        assert _results(page) == ["weekend-triage-rota"]
        assert "words=rot" in page.url and "q=" not in page.url.replace("words=", "")
        link = page.locator("[data-hub-finder-results] a").first
        link.click()
        page.wait_for_url("**/stories/weekend-triage-rota/")
        assert watched.console_errors == [] and watched.external_requests == []


@pytest.mark.build
@pytest.mark.browser
def test_without_javascript_the_library_is_a_list(browser, served_story_site: str) -> None:
    with open_page(browser, java_script_enabled=False) as watched:
        watched.page.goto(served_story_site + "stories/")
        assert watched.page.locator("[data-hub-finder]").is_hidden()
        shown = watched.page.eval_on_selector_all(
            "[data-hub-story-static] [data-hub-story-list] li", "items => items.map(li => li.dataset.hubStory)"
        )
        assert shown == PUBLISHED[:2]


@pytest.fixture(scope="module")
def instant_story_site(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    """The story hub served on 127.0.0.1 and built with site_url set to that address.

    Material's instant navigation intercepts only links listed in sitemap.xml, which MkDocs fills
    only when site_url is set: without it, every click on the story hub is a full page load.
    """
    folder = tmp_path_factory.mktemp("instant-stories")
    root = copy_story_hub(folder)

    def configure(url: str) -> None:
        edit(root, "mkdocs.yml", "site_name: Test hub\n", f"site_name: Test hub\nsite_url: {url}\n")

    with served_with_site_url(root, folder / "site", configure) as url:
        yield url


@pytest.mark.build
@pytest.mark.browser
def test_finder_starts_after_instant_navigation(browser, instant_story_site: str) -> None:
    """Material's instant navigation swaps the page without reloading scripts: the finder still starts,
    on every visit to the library, and word search finds lunr.js next to the module."""
    with open_page(browser) as watched:
        page = watched.page
        page.set_default_timeout(90_000)
        page.goto(instant_story_site + "news/")
        page.wait_for_load_state("load")
        page.evaluate("window.hubSameDocument = true")  # gone if a click loads a whole page
        page.locator("[data-hub-latest-stories] a[data-hub-more-stories]").first.click()
        page.wait_for_url("**/stories/")
        page.wait_for_selector('[data-hub-finder-ready="true"]')
        assert page.evaluate("window.hubSameDocument") is True
        assert _results(page) == PUBLISHED
        page.locator("[data-hub-finder-query]").fill("refund")
        page.wait_for_function("document.querySelectorAll('[data-hub-finder-results] li').length === 2")
        assert sorted(_results(page)) == ["partial-refunds", "refund-checklist-pilot"]
        # away to a story and back: a new library page, on which the finder starts again
        page.locator("[data-hub-finder-results] a").first.click()
        page.wait_for_selector("[data-hub-finder]", state="detached")
        page.go_back()
        page.wait_for_url("**/stories/?words=refund")
        page.wait_for_selector('[data-hub-finder-ready="true"]')
        page.wait_for_function("document.querySelectorAll('[data-hub-finder-results] li').length === 2")
        assert sorted(_results(page)) == ["partial-refunds", "refund-checklist-pilot"]
        assert page.locator("[data-hub-finder-query]").input_value() == "refund"
        assert page.evaluate("window.hubSameDocument") is True
        assert page.evaluate("document.querySelectorAll('[data-hub-finder]').length") == 1
        assert watched.console_errors == [] and watched.external_requests == []


@pytest.mark.build
@pytest.mark.browser
def test_finder_works_without_the_learner_tools(browser, tmp_path: Path) -> None:
    """The finder imports dom.js from the learner tools' folder: with `learner: false` the build still
    publishes dom.js (and none of the tools' other scripts), and the finder works."""
    root = copy_story_hub(tmp_path)
    edit(root, "mkdocs.yml", "  - competency-hub:\n", "  - competency-hub:\n      learner: false\n")
    result = build(root)
    assert result.returncode == 0, result.output
    scripts = result.site / "assets" / "competency-hub" / "learner"
    assert sorted(p.name for p in scripts.iterdir()) == ["dom.js"]
    with serve_directory(result.site) as base, open_page(browser) as watched:
        page = _finder(watched, base + "stories/?words=rota")
        assert _results(page) == ["weekend-triage-rota"]
        assert watched.console_errors == [] and watched.external_requests == []


@pytest.mark.build
@pytest.mark.browser
def test_an_empty_library_builds_and_its_finder_works(browser, tmp_path: Path) -> None:
    """A new hub's stories/ folder with nothing published yet (only a draft): no crash, no error."""
    root = copy_hub(tmp_path)
    (root / "stories").mkdir()
    result = build(root)
    assert result.returncode == 0, result.output
    assert "No story has been published yet." in (result.site / "stories/index.html").read_text(encoding="utf-8")
    with serve_directory(result.site) as base, open_page(browser) as watched:
        page = _finder(watched, base + "stories/?words=anything")
        assert _results(page) == []
        assert page.locator("[data-hub-finder-status]").inner_text() == "0 stories"
        assert page.evaluate("typeof window.lunr") == "function"  # the empty index loaded
        assert watched.console_errors == []


@pytest.mark.build
@pytest.mark.browser
def test_capability_page_of_the_library_opens_the_finder_pre_filtered(browser, served_story_site: str) -> None:
    expected = [s for s in PUBLISHED if any(c["capability"] == "support/triage" for c in STORIES[s]["capabilities"])]
    with open_page(browser) as watched:
        page = watched.page
        page.set_default_timeout(90_000)
        page.goto(served_story_site + "stories/capabilities/support/triage/")
        page.locator("a[data-hub-finder-link]").click()
        page.wait_for_selector('[data-hub-finder-ready="true"]')
        assert _results(page) == expected
        assert page.locator('input[data-hub-facet="capability"][value="support/triage"]').is_checked()
        assert watched.console_errors == []
