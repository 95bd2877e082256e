"""The site search of a served hub (mkdocs/search.py): Pagefind indexes each searchable page's
article after the build, with its kind, map, capability and level; the header search keeps
Material's box, keys and look. The expected results of realistic queries, in the three hosting
modes, are checked in tests/test_hosting.py; byte-identical builds in tests/test_reproducible.py."""

from __future__ import annotations

import gzip
import json
import shutil
from pathlib import Path

import pytest
from browser import open_page, serve_directory, serious_axe_violations
from hub import BuildResult, build, edit, page
from search_eval import filter_challenges_and_focus_the_first

from competency_hub.mkdocs import search as site_search
from competency_hub.mkdocs.search import SIGNATURE, _cbor_encode, sort_filters


def article(site: Path, url: str):  # type: ignore[no-untyped-def]
    return page(site, url).select_one("article.md-content__inner")


@pytest.fixture(scope="module")
def starter(starter_build: BuildResult) -> Path:
    assert starter_build.returncode == 0, starter_build.output
    return starter_build.site


# -- what is indexed ----------------------------------------------------------------------------------


@pytest.mark.build
def test_the_bundle_is_published_without_pagefinds_own_ui(starter: Path) -> None:
    bundle = starter / "pagefind"
    assert (bundle / "pagefind.js").is_file() and (bundle / "pagefind-entry.json").is_file()
    entry = json.loads((bundle / "pagefind-entry.json").read_text(encoding="utf-8"))
    assert entry["languages"]["en"]["page_count"] >= 90
    assert not list(bundle.glob("pagefind-ui.*")) and not list(bundle.glob("pagefind-component-ui.*"))
    home = page(starter, "")
    assert home.select_one("form[name=search]") is None, "Material's bundle would download its own index"
    assert home.select_one('.md-search[role="dialog"][data-hub-search]')["aria-label"] == "Search"
    assert any(script.get("src", "").endswith("competency-hub/search.js") for script in home.select("script"))


@pytest.mark.build
def test_pages_carry_their_kind_map_capability_and_level(starter: Path) -> None:
    challenge = article(starter, "challenges/second-person-check-on-your-lockout/")
    assert challenge.has_attr("data-pagefind-body") and challenge["data-pagefind-filter"] == "kind:challenge"
    context = challenge.select_one('[data-pagefind-meta="context"]')
    assert context.has_attr("hidden") and context.get_text() == "Workplace safety · Lockout/tagout of conveyor equipment · Independent"
    capability = article(starter, "maps/workplace-safety/lockout-tagout/")
    assert capability["data-pagefind-filter"] == "kind:capability"
    assert capability.select_one('[data-pagefind-meta="context"]').get_text() == "Workplace safety"
    assert article(starter, "maps/coaching/")["data-pagefind-filter"] == "kind:map"
    assert article(starter, "maps/coaching/rubric/")["data-pagefind-filter"] == "kind:level"
    assert article(starter, "paths/sd-incident-lead/")["data-pagefind-filter"] == "kind:path"
    story = article(starter, "stories/lockout-checks-for-field-technicians/")
    assert story["data-pagefind-filter"] == "kind:story"
    assert story.select_one('[data-pagefind-meta="context"]').get_text().startswith("Workplace safety · ")
    assert article(starter, "guide/learners/")["data-pagefind-filter"] == "kind:guide"


@pytest.mark.build
def test_owner_docs_and_lists_stay_out_of_the_search(starter: Path) -> None:
    for url in ("guide/hosting/", "reference/urls/", "stories/capabilities/coaching/feedback/"):
        path_article = article(starter, url)
        assert path_article is not None and not path_article.has_attr("data-pagefind-body"), url


@pytest.mark.build
def test_material_engine_keeps_materials_search(hub: Path) -> None:
    edit(hub, "mkdocs.yml", "  - competency-hub", "  - competency-hub:\n      search: material", count=1)
    result = build(hub)
    assert result.returncode == 0, result.output
    assert not (result.site / "pagefind").exists()
    assert page(result.site, "").select_one("form[name=search]") is not None


# -- the same pages, the same index ------------------------------------------------------------------


def _bundle(folder: Path, pairs: list[list[object]]) -> None:
    (folder / "filter").mkdir(parents=True)
    data = SIGNATURE + _cbor_encode(["kind", pairs])
    (folder / "filter" / "en_0000000.pf_filter").write_bytes(gzip.compress(data, mtime=0))
    meta = SIGNATURE + _cbor_encode(["1.5.2", [["kind", "en_0000000"]]])
    (folder / "pagefind.en_0000000000.pf_meta").write_bytes(gzip.compress(meta, mtime=0))
    (folder / "pagefind-entry.json").write_text('{"version":"1.5.2","languages":{"en":{"hash":"en_0000000000","wasm":"en","page_count":3}}}')


def test_filter_values_in_any_order_give_the_same_files(tmp_path: Path) -> None:
    _bundle(tmp_path / "a", [["story", [1, 2]], ["map", [0]]])
    _bundle(tmp_path / "b", [["map", [0]], ["story", [1, 2]]])
    sort_filters(tmp_path / "a")
    sort_filters(tmp_path / "b")
    files = lambda root: {p.relative_to(root).as_posix(): p.read_bytes() for p in sorted(root.rglob("*")) if p.is_file()}  # noqa: E731
    assert files(tmp_path / "a") == files(tmp_path / "b")
    entry = json.loads((tmp_path / "a" / "pagefind-entry.json").read_text())
    meta = gzip.decompress((tmp_path / "a" / f"pagefind.{entry['languages']['en']['hash']}.pf_meta").read_bytes())
    (filter_file,) = (tmp_path / "a" / "filter").iterdir()
    assert filter_file.name.removesuffix(".pf_filter").encode() in meta


@pytest.mark.build
def test_a_background_run_outdated_by_a_newer_rebuild_is_stopped_and_leaves_the_index(
    starter: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """`serve --dirty`: Pagefind, running after one rebuild, stops when the next begins, so that
    rebuild has the machine; the site's index stays whole (the run after that rebuild indexes)."""
    site = tmp_path / "site"
    shutil.copytree(starter, site)
    bundle = lambda: {p.relative_to(site).as_posix(): p.read_bytes() for p in sorted((site / "pagefind").rglob("*")) if p.is_file()}  # noqa: E731
    before = bundle()
    capability = site / "maps/workplace-safety/lockout-tagout/index.html"
    capability.write_text(capability.read_text(encoding="utf-8").replace("</article>", "<p>Zyxwvut quokka.</p></article>"), encoding="utf-8")
    monkeypatch.setattr(site_search, "OUTDATED_POLL_SECONDS", 0.001)  # asked while Pagefind surely still runs

    asked: list[bool] = []
    def newer_rebuild_after_start() -> bool:
        asked.append(True)
        return len(asked) > 1  # not yet when it starts; then a rebuild begins

    assert site_search.build_index(str(site), background=True, outdated=newer_rebuild_after_start) is False
    assert len(asked) == 2, "Pagefind was asked once before it started and once while it ran"
    assert bundle() == before, "a stopped run leaves the site's index as it was"
    assert site_search.build_index(str(site), background=True, outdated=lambda: True) is False
    assert bundle() == before

    assert site_search.build_index(str(site), background=True, outdated=lambda: False) is True
    assert bundle() != before, "a run not stopped indexes the edited page"


# -- in the browser ---------------------------------------------------------------------------------


@pytest.mark.browser
@pytest.mark.build
def test_keyboard_search_filters_by_kind_and_is_accessible(browser, starter: Path) -> None:  # type: ignore[no-untyped-def]
    with serve_directory(starter) as base, open_page(browser) as watched:
        tab = watched.page
        tab.goto(base + "maps/coaching/")
        tab.keyboard.press("/")  # Material's shortcut
        tab.wait_for_selector(".md-search__input:focus")
        tab.keyboard.type("handover")
        tab.wait_for_selector('[data-hub-search-done="handover"]', state="attached")
        items = tab.locator(".md-search-result__item")
        assert items.count() >= 5
        kinds = tab.locator(".hub-search-kind-filter")
        assert kinds.first.get_attribute("aria-pressed") == "true"
        assert serious_axe_violations(tab) == []
        filter_challenges_and_focus_the_first(tab)
        href = tab.evaluate("document.activeElement.getAttribute('href')")
        tab.keyboard.press("Enter")
        tab.wait_for_url(lambda url: url.rstrip("/").endswith(href.rstrip("/")))
        assert not tab.evaluate("document.getElementById('__search').checked")
        tab.keyboard.press("s")
        assert tab.evaluate("document.getElementById('__search').checked")
        tab.keyboard.press("Escape")
        assert not tab.evaluate("document.getElementById('__search').checked")
        assert watched.console_errors == [] and watched.external_requests == []


# -- titles first ----------------------------------------------------------------------------------


@pytest.mark.build
def test_the_titles_index_holds_every_kind_but_challenges_and_stories(starter: Path) -> None:
    data = json.loads((starter / "search" / "titles.json").read_text(encoding="utf-8"))
    rows = {url: (title, data["kinds"][kind], data["contexts"][context], excerpt) for url, title, kind, context, excerpt in data["pages"]}
    assert list(rows) == sorted(rows)
    kinds = {kind for _, kind, _, _ in rows.values()}
    assert {"map", "capability", "level", "path", "job-aid", "community", "pilot", "guide"} <= kinds
    assert not kinds & {"challenge", "story"}
    assert rows["maps/workplace-safety/lockout-tagout/"][:3] == ("Lockout/tagout of conveyor equipment", "capability", "Workplace safety")
    assert rows["job-aids/shift-handover/"][1] == "job-aid"
    assert all(len(excerpt) <= 141 for _, _, _, excerpt in rows.values())
    assert "guide/hosting/" not in rows, "owner docs stay out, as from the search"
    assert not (starter / "search" / "search_index.json").exists(), "Material's index: no page loads it"
    marked = article(starter, "job-aids/shift-handover/")
    assert marked["data-pagefind-filter"] == "kind:job-aid"


@pytest.mark.build
def test_pagefind_skips_a_storys_related_stories_and_the_learner_controls(starter: Path) -> None:
    """Material strips `data-search-exclude` before the page is written: Pagefind needs its own mark."""
    story = article(starter, "stories/lockout-checks-for-field-technicians/")
    related = story.select_one(".hub-related")
    assert related is not None and related.has_attr("data-pagefind-ignore") and related.select("a")
    capability = article(starter, "maps/workplace-safety/lockout-tagout/")
    assert capability.select_one(".hub-capability-stories").has_attr("data-pagefind-ignore")
    assert capability.select_one("[data-hub-learner]").has_attr("data-pagefind-ignore")
    challenge = article(starter, "challenges/second-person-check-on-your-lockout/")
    controls = challenge.select("[data-hub-learner]")
    assert len(controls) == 2 and all(element.has_attr("data-pagefind-ignore") for element in controls)


@pytest.fixture(scope="module")
def crowded(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A sample hub whose stories repeat their capability's title, 16 stories a capability: a word count
    ranking puts the stories before the capability page."""
    from competency_hub.cli.sample import generate_sample

    root = tmp_path_factory.mktemp("crowded")
    generate_sample(root, capabilities=4, challenges=4, stories=64, maps=1, seed=1)
    result = build(root)
    assert result.returncode == 0, result.output
    return result.site


@pytest.mark.browser
@pytest.mark.build
def test_a_capability_comes_first_for_its_title_among_stories_that_repeat_it(browser, crowded: Path) -> None:  # type: ignore[no-untyped-def]
    from search_eval import top_results

    titles = json.loads((crowded / "search" / "titles.json").read_text(encoding="utf-8"))
    capabilities = [(url, title) for url, title, kind, _, _ in titles["pages"] if titles["kinds"][kind] == "capability"]
    assert len(capabilities) == 4
    with serve_directory(crowded) as base, open_page(browser) as watched:
        tab = watched.page
        tab.goto(base)
        pagefind_first = []
        for url, title in capabilities:
            found = top_results(tab, base, title, count=10)
            assert found[0] == url, (title, found)
            assert len(found) == len(set(found)) and len([u for u in found if u.startswith("stories/")]) >= 4, found
            pagefind_first.append(
                tab.evaluate(
                    """async (q) => { const m = await import('/pagefind/pagefind.js'); await m.init();
                    const s = await m.search(q); return (await s.results[0].data()).url; }""",
                    title,
                )
            )
        assert watched.console_errors == [] and watched.external_requests == []
    assert any(first != "/" + url for first, (url, _) in zip(pagefind_first, capabilities)), (
        "Pagefind alone puts every capability first here: the fixture no longer shows what the titles index fixes"
    )
