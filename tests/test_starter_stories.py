"""The starter hub's story library: enough real stories over every map, and all of them published."""

from __future__ import annotations

import json
import xml.etree.ElementTree as ET

import pytest
from competency_hub.load import Hub, load_hub
from competency_hub.cli.settings import hub_options
from hub import REPO, BuildResult, as_json, validator


@pytest.fixture(scope="module")
def starter() -> Hub:
    hub, _ = load_hub(hub_options(REPO))
    return hub


def test_at_least_eight_published_stories_over_every_map(starter: Hub) -> None:
    published = starter.library.published
    assert len(published) >= 8, len(published)
    cited_maps = {c.capability.split("/")[0] for entry in published for c in entry.model.capabilities}
    assert cited_maps == set(starter.maps)


def test_every_story_cites_capabilities_and_outcome_measures(starter: Hub) -> None:
    for entry in starter.library.published:
        assert entry.model.capabilities, entry.slug
        assert entry.model.outcomes, entry.slug
        assert any(o.before is not None and o.after is not None for o in entry.model.outcomes), entry.slug
        assert set(entry.sections) == {"what-happened", "what-worked", "what-stalled", "lessons"}, entry.slug


def test_stories_tell_wins_and_stalls(starter: Hub) -> None:
    patterns = {p for entry in starter.library.published for p in entry.model.patterns}
    assert {"manager-involvement", "urgent-real-work"} <= patterns  # what made things work
    assert {"unclear-levels", "system-constraint"} <= patterns  # what made them stall


@pytest.mark.build
def test_every_starter_story_is_published_and_the_draft_is_not(starter: Hub, starter_build: BuildResult) -> None:
    assert starter_build.returncode == 0, starter_build.output
    site = starter_build.site
    for entry in starter.library.published:
        assert (site / "stories" / entry.slug / "index.html").is_file(), entry.slug
    drafts = [entry for entry in starter.library.stories.values() if entry.model.draft]
    assert drafts, "the starter hub shows how a draft works"
    for entry in drafts:
        assert not (site / "stories" / entry.slug).exists()
        for path in site.rglob("*"):
            if path.is_file() and path.suffix in (".html", ".json", ".xml"):
                assert entry.model.title not in path.read_text(encoding="utf-8", errors="replace"), path
    feed = ET.parse(site / "stories" / "feed.xml").getroot()
    assert len(feed.findall("{http://www.w3.org/2005/Atom}entry")) == len(starter.library.published)
    table = json.loads((site / "stories" / "finder-facets.json").read_text(encoding="utf-8"))
    assert [row[0] for row in table["stories"]] == [entry.slug for entry in starter.library.published]


def _story_files() -> list:  # type: ignore[type-arg]
    return sorted((REPO / "stories").rglob("*.md"))


@pytest.mark.parametrize("path", _story_files(), ids=lambda p: p.relative_to(REPO).as_posix())
def test_starter_story_front_matter_validates_against_the_published_schema(path) -> None:  # type: ignore[no-untyped-def]
    import yaml
    data = as_json(yaml.safe_load(path.read_text(encoding="utf-8").split("---\n")[1]))
    assert [e.message for e in validator("story").iter_errors(data)] == []


@pytest.mark.parametrize("kind", ["authors", "patterns"])
def test_starter_side_files_validate_against_their_schemas(kind: str) -> None:
    import yaml
    data = as_json(yaml.safe_load((REPO / "stories" / f"{kind}.yml").read_text(encoding="utf-8")))
    assert [e.message for e in validator(kind).iter_errors(data)] == []
    broken = {**data, "extra": 1}
    assert list(validator(kind).iter_errors(broken)), "the schema must reject unknown fields"
