"""Two audiences: learners get the hub and a short Help section; the tool's guide for hub owners sits
apart (`owner_docs`), published at its usual addresses but out of the learners' search."""

from __future__ import annotations

from pathlib import Path

import pytest
from competency_hub.mkdocs.plugin import owner_pages
from hub import BuildResult, build, edit, nav_section, page, starter_docs_nav, starter_plugin_options
from hub import searched_pages as hub_searched_pages

def searched_pages(site: Path) -> set[str]:
    """The pages the header search (Pagefind) indexes, by URL."""
    return set(hub_searched_pages(site))


def with_owner_docs(hub: Path, options: str) -> None:
    (hub / "docs" / "owners").mkdir()
    (hub / "docs" / "owners" / "hosting.md").write_text("# Hosting\n\nCopy site/ to the web server.\n", encoding="utf-8")
    (hub / "docs" / "owners" / "faq.md").write_text(
        "---\nsearch:\n  boost: 0.5\n---\n# Questions owners ask\n\nAbout the build.\n", encoding="utf-8"
    )
    edit(hub, "mkdocs.yml", "  - competency-hub\n", "  - competency-hub:\n" + options)


@pytest.mark.build
def test_owner_docs_are_published_but_not_searched(hub: Path) -> None:
    with_owner_docs(hub, "      owner_docs: [owners/]\n")
    result = build(hub)
    assert result.returncode == 0, result.output
    searched = searched_pages(result.site)
    assert "owners/hosting/" not in searched
    assert "owners/faq/" in searched, "a page's own `search:` front matter is kept"
    assert {"guide/", "maps/support/"} <= searched
    assert "Copy site/ to the web server." in page(result.site, "owners/hosting/").get_text()


@pytest.mark.build
def test_owner_docs_search_keeps_them_in_the_search(hub: Path) -> None:
    with_owner_docs(hub, "      owner_docs: [owners/hosting.md]\n      owner_docs_search: true\n")
    result = build(hub)
    assert result.returncode == 0, result.output
    assert "owners/hosting/" in searched_pages(result.site)


@pytest.mark.build
def test_an_owner_docs_entry_that_names_no_page_stops_a_strict_build(hub: Path) -> None:
    with_owner_docs(hub, "      owner_docs: [owner/, owners/hostng.md]\n")
    result = build(hub)
    assert result.returncode != 0
    assert "owner_docs: 'owner/' is no page or folder of the docs; did you mean 'owners/'?" in result.output
    assert "owner_docs: 'owners/hostng.md' is no page or folder of the docs; did you mean 'owners/hosting.md'?" in result.output
    assert "Traceback" not in result.output


@pytest.mark.build
def test_the_starter_hub_searches_learner_pages_not_the_owners_guide(starter_build: BuildResult) -> None:
    assert starter_build.returncode == 0, starter_build.output
    searched = searched_pages(starter_build.site)
    assert {"guide/learners/", "guide/managers/", "guide/contributing-stories/", "maps/coaching/"} <= searched
    owners = {"guide/", "guide/authoring-challenges/", "guide/hosting/", "reference/urls/", "reference/exports/case/"}
    assert not owners & searched
    assert (starter_build.site / "guide" / "authoring-challenges" / "index.html").is_file(), "owners' pages keep their URL"


@pytest.mark.build
def test_the_starter_hub_has_tabs_for_learners_and_one_for_owners(starter_build: BuildResult) -> None:
    """Maps, paths, challenges, stories and My learning are one click away on every page."""
    for url in ["", "maps/coaching/", "challenges/", "guide/hosting/"]:
        tabs = page(starter_build.site, url).select("nav.md-tabs a.md-tabs__link")
        titles = [tab.get_text(" ", strip=True) for tab in tabs]
        assert titles[:6] == ["Home", "Maps", "Paths", "Challenges", "Stories", "My learning"], url
        assert titles[-2:] == ["Help", "For hub owners"], url


def test_every_owner_page_of_the_starter_nav_is_in_owner_docs_and_no_help_page_is() -> None:
    """The two lists of mkdocs.yml agree: what sits under "For hub owners" is what the search leaves out."""
    owner_docs = starter_plugin_options()["owner_docs"]

    def pages(entries: list) -> list[str]:
        found: list[str] = []
        for entry in entries:
            if isinstance(entry, str):
                found.append(entry)
            elif isinstance(entry, dict):
                for value in entry.values():
                    found += pages(value) if isinstance(value, list) else [value]
        return found

    owners_section = nav_section(starter_docs_nav(), "For hub owners")
    help_section = nav_section(starter_docs_nav(), "Help")
    assert owners_section and help_section
    in_owners, in_help = pages(owners_section), pages(help_section)
    owned, unknown = owner_pages(owner_docs, in_owners + in_help)
    assert unknown == [], "every owner_docs entry names a page of the navigation"
    assert sorted(owned) == sorted(in_owners) and not owned & set(in_help)


@pytest.mark.build
def test_home_intro_replaces_the_introduction_of_the_generated_home_page(hub: Path) -> None:
    (hub / "home-intro.md").write_text("Practice for **Acme** support teams, one ticket at a time.\n", encoding="utf-8")
    edit(hub, "mkdocs.yml", "  - competency-hub\n", "  - competency-hub:\n      home_intro: home-intro.md\n")
    result = build(hub)
    assert result.returncode == 0, result.output
    home = page(result.site, "")
    assert "Practice for Acme support teams, one ticket at a time." in home.get_text(" ", strip=True)
    assert home.select_one("article strong").get_text() == "Acme"
    assert "Small, practical steps" not in home.get_text()
    assert home.select_one("#how-to-start") is not None and home.select_one("#maps") is not None


@pytest.mark.build
def test_a_home_intro_that_is_no_regular_file_stops_the_build(hub: Path) -> None:
    (hub / "intro-elsewhere.md").symlink_to("/etc/hostname")
    edit(hub, "mkdocs.yml", "  - competency-hub\n", "  - competency-hub:\n      home_intro: intro-elsewhere.md\n")
    result = build(hub)
    assert result.returncode != 0
    assert "mkdocs.yml: home_intro: 'intro-elsewhere.md' is not a regular file inside the hub" in result.output
    assert "Traceback" not in result.output


def test_mkdocs_serve_rebuilds_when_the_home_intro_or_the_templates_change(hub: Path) -> None:
    """Both live outside docs/, which is all `mkdocs serve` watches by itself."""
    from mkdocs.config import load_config
    from mkdocs.livereload import LiveReloadServer

    (hub / "home-intro.md").write_text("Practice for **Acme** support teams.\n", encoding="utf-8")
    (hub / "overrides").mkdir()
    edit(hub, "mkdocs.yml", "  - competency-hub\n", "  - competency-hub:\n      home_intro: home-intro.md\n      templates_dir: overrides\n")
    config = load_config(config_file=str(hub / "mkdocs.yml"))
    config = config.plugins.on_config(config)
    server = LiveReloadServer(builder=lambda: None, host="127.0.0.1", port=0, root=str(hub / "site"))  # never started
    plugin = config.plugins["competency-hub"]
    try:
        config.plugins.on_serve(server, config=config, builder=lambda: None)
        # MkDocs' polling watcher, and the file events the plugin watches the hub's folders by
        watched = set(server._watched_paths) | {str(folder) for folder in plugin.watcher.watched}
    finally:
        config.plugins.on_shutdown()
        server.server_close()
    assert str(hub / "home-intro.md") in watched
    assert str(hub / "overrides") in watched
    assert {str(hub / "maps"), str(hub / "challenges")} <= watched
