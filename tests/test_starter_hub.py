"""The repository's own starter hub: clean, complete enough to learn from, and built with --strict."""

from __future__ import annotations

import pytest
from competency_hub.load import Hub, load_hub
from competency_hub.cli.settings import hub_options
from competency_hub.render.text import BRIEF_LENGTH
from hub import REPO, BuildResult, broken_links, duplicate_ids, page, validate


@pytest.fixture(scope="module")
def starter() -> Hub:
    hub, _ = load_hub(hub_options(REPO))
    return hub


def test_starter_hub_validates_without_errors_or_warnings() -> None:
    assert validate(REPO) == []


@pytest.mark.build
def test_starter_hub_builds_strict(starter_build: BuildResult) -> None:
    assert starter_build.returncode == 0, starter_build.output
    assert "Traceback" not in starter_build.output
    assert (starter_build.site / "index.html").is_file()


def test_starter_hub_has_at_least_four_maps(starter: Hub) -> None:
    assert len(starter.maps) >= 4, sorted(starter.maps)


def test_every_starter_map_has_a_four_level_scale_and_five_capabilities(starter: Hub) -> None:
    assert starter.maps, "no map loaded"
    for map_id, entry in starter.maps.items():
        assert len(entry.model.scale) == 4, f"{map_id}: {len(entry.model.scale)} levels"
        assert len(entry.model.capabilities) >= 5, f"{map_id}: {len(entry.model.capabilities)} capabilities"


def test_every_starter_capability_has_evidence_with_a_rubric(starter: Hub) -> None:
    assert starter.maps, "no map loaded"
    for map_id, entry in starter.maps.items():
        levels = [level.id for level in entry.model.scale]
        for capability in entry.model.capabilities:
            assert capability.evidence, f"{map_id}/{capability.id} has no evidence"
            for evidence in capability.evidence:
                assert evidence.rubric, f"{map_id}/{capability.id}: evidence {evidence.id} has no rubric"
                for criterion in evidence.rubric:
                    assert set(criterion.levels) == set(levels), f"{map_id}/{capability.id}: {criterion.id}"


def test_starter_hub_has_at_least_25_challenges(starter: Hub) -> None:
    assert len(starter.challenges) >= 25, len(starter.challenges)


def test_starter_hub_has_at_least_two_learning_paths(starter: Hub) -> None:
    paths = [path for entry in starter.maps.values() for path in entry.model.paths]
    assert len(paths) >= 2, [p.id for p in paths]


@pytest.mark.build
def test_every_starter_challenge_is_published(starter: Hub, starter_build: BuildResult) -> None:
    assert starter_build.returncode == 0, starter_build.output
    for challenge_id in starter.challenges:
        assert (starter_build.site / "challenges" / challenge_id / "index.html").is_file(), challenge_id
    for map_id, entry in starter.maps.items():
        for capability in entry.model.capabilities:
            assert (starter_build.site / "maps" / map_id / capability.id / "index.html").is_file()


@pytest.mark.build
def test_every_link_of_the_starter_site_resolves(starter_build: BuildResult) -> None:
    assert starter_build.returncode == 0, starter_build.output
    assert broken_links(starter_build.site) == []


@pytest.mark.build
def test_no_starter_page_has_duplicate_ids(starter_build: BuildResult) -> None:
    assert starter_build.returncode == 0, starter_build.output
    assert duplicate_ids(starter_build.site) == []


@pytest.mark.build
def test_prerequisite_lists_end_before_the_next_label(starter_build: BuildResult) -> None:
    """"Prepares for:" and "Often grows together with:" are labels of their own lists, never glued to
    the last item of the list above (a Jinja block tag used to swallow the line break)."""
    glued = []
    for path in sorted((starter_build.site / "maps").glob("*/*/index.html")):
        section = page(starter_build.site, path.parent.relative_to(starter_build.site).as_posix() + "/").select_one("#prerequisites")
        if section is None:
            continue
        for item in section.find_all_next("li", limit=30):
            if any(label in item.get_text() for label in ("Prepares for:", "Often grows together with:", "Builds on:")):
                glued.append(path.parent.name)
    assert glued == []
    labels = [p.get_text() for p in page(starter_build.site, "maps/coaching/feedback/").select("article p")]
    assert "Prepares for:" in labels and "Often grows together with:" in labels


@pytest.mark.build
def test_the_home_page_shows_maps_and_paths_as_short_cards(starter: Hub, starter_build: BuildResult) -> None:
    """Where to start, at a glance: a card per map and path with one short line; the long "for whom"
    texts are on the map and path pages."""
    home = page(starter_build.site, "")
    maps_cards, paths_cards = home.select("article .grid.cards.hub-cards")
    map_links = [a["href"] for a in maps_cards.select("li > p:first-child > a")]
    assert map_links == [f"maps/{map_id}/" for map_id in sorted(starter.maps, key=lambda m: starter.maps[m].model.title)]
    path_links = paths_cards.select("li > p:first-child > a[data-hub-mark-path]")
    assert len(path_links) == sum(len(entry.model.paths) for entry in starter.maps.values())
    for card in maps_cards.select("li") + paths_cards.select("li"):
        about = card.select("p")[1].get_text()
        assert len(about) <= BRIEF_LENGTH + 1, about
    coaching = starter.maps["coaching"].model.summary
    assert " ".join(coaching.split()) not in home.get_text(" "), "the whole text is on the map page"
    assert " ".join(coaching.split()) in page(starter_build.site, "maps/coaching/").get_text(" ")
