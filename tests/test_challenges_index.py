"""The challenge list /challenges/ in real builds: every challenge in one page in a small hub, one page
per map (/challenges/by-map/<map>/) above `challenges_index_max`, with every `#<map>--<capability>`
anchor of /challenges/ kept so that old links still land in the right map.
"""

from __future__ import annotations

import json
from collections import Counter
from pathlib import Path

import pytest
import yaml
from hub import broken_links, build, content, copy_hub, duplicate_ids, edit, errors, html_path, page, resolve_href

from competency_hub.cli.sample import generate_sample


def maps_of(root: Path) -> dict[str, dict]:
    return {p.stem: yaml.safe_load(p.read_text(encoding="utf-8")) for p in sorted((root / "maps").glob("*.yml"))}


def active_challenges(root: Path) -> set[str]:
    found = set()
    for path in (root / "challenges").glob("*.md"):
        data = yaml.safe_load(path.read_text(encoding="utf-8").split("---\n")[1])
        if data.get("status") != "retired":
            found.add(data["id"])
    return found


def linked_challenges(site: Path, url: str) -> list[str]:
    """Challenge pages the content of the page at `url` links to, in order, as ids."""
    found = []
    for link in content(page(site, url)).find_all("a", href=True):
        resolved = resolve_href(site, html_path(site, url), link["href"])
        if resolved is None:
            continue
        rel = resolved[0].relative_to(site).parts
        if len(rel) == 3 and rel[0] == "challenges" and rel[2] == "index.html" and rel[1] != "by-map":
            found.append(rel[1])
    return found


def ids_on(site: Path, url: str) -> set[str]:
    return {el["id"] for el in page(site, url).find_all(id=True)}


@pytest.mark.build
def test_small_hub_lists_every_challenge_on_one_page(site: Path) -> None:
    root = Path(__file__).parent / "fixtures" / "small-hub"
    assert sorted(linked_challenges(site, "challenges/")) == sorted(active_challenges(root))
    assert not (site / "challenges" / "by-map").exists()
    ids = ids_on(site, "challenges/")
    for map_id, data in maps_of(root).items():
        assert map_id in ids
        assert {f"{map_id}--{c['id']}" for c in data["capabilities"]} <= ids


@pytest.mark.build
def test_above_the_threshold_each_map_has_its_page_and_old_anchors_stay(tmp_path: Path) -> None:
    root = copy_hub(tmp_path)
    edit(root, "mkdocs.yml", "  - competency-hub\n", "  - competency-hub:\n      challenges_index_max: 1\n")
    edit(root, "maps/support.yml", "  - id: triage\n", "  - id: triage\n    renamed_from: [sorting]\n")
    result = build(root)
    assert result.returncode == 0, result.output
    site = result.site
    index = content(page(site, "challenges/"))
    assert linked_challenges(site, "challenges/") == []  # the index lists maps, not challenges
    index_ids = ids_on(site, "challenges/")
    seen: Counter[str] = Counter()
    for map_id, data in maps_of(root).items():
        capabilities = [c["id"] for c in data["capabilities"]]
        old = [o for c in data["capabilities"] for o in c.get("renamed_from", [])]
        # every anchor of the old list is still on /challenges/, inside the map's section
        section = index.select_one(f"h2#{map_id}")
        assert section is not None
        for anchor in [f"{map_id}--{c}" for c in capabilities + old]:
            assert anchor in index_ids, anchor
            element = index.find(id=anchor)
            assert element.find_previous("h2")["id"] == map_id, anchor
        link = index.select_one(f'a[data-hub-challenges-map="{map_id}"]')
        target = resolve_href(site, html_path(site, "challenges/"), link["href"])
        assert target is not None and target[0] == site / "challenges" / "by-map" / map_id / "index.html"
        url = f"challenges/by-map/{map_id}/"
        assert {f"{map_id}--{c}" for c in capabilities + old} <= ids_on(site, url)
        seen.update(linked_challenges(site, url))
    assert seen == Counter(active_challenges(root))  # each challenge once, through the map pages
    assert "renamed" not in ids_on(site, "challenges/")
    pages = [site / "challenges" / "index.html", *sorted((site / "challenges" / "by-map").rglob("index.html"))]
    assert broken_links(site, pages) == []
    assert not [d for d in duplicate_ids(site) if d.startswith("challenges/")]
    manifest = {u["url"]: u for u in json.loads((site / "urls.json").read_text(encoding="utf-8"))["urls"]}
    assert "support--triage" in manifest["/challenges/"]["anchors"]
    assert "support--triage" in manifest["/challenges/by-map/support/"]["anchors"]


@pytest.mark.build
def test_default_threshold_is_300_challenges(tmp_path: Path) -> None:
    root = tmp_path / "hub"
    generate_sample(root, capabilities=8, challenges=301, stories=0, maps=2, seed=3)
    result = build(root, strict=False)
    assert result.returncode == 0, result.output
    site = result.site
    assert sorted(p.name for p in (site / "challenges" / "by-map").iterdir()) == sorted(maps_of(root))
    assert linked_challenges(site, "challenges/") == []
    seen = Counter(c for m in maps_of(root) for c in linked_challenges(site, f"challenges/by-map/{m}/"))
    assert seen == Counter(active_challenges(root))


def test_by_map_is_reserved_for_challenges_and_downloads(tmp_path: Path) -> None:
    root = copy_hub(tmp_path)
    text = (root / "challenges" / "rewrite-macro.md").read_text(encoding="utf-8")
    # the download is named by a challenge: only named files are published (an unnamed one is only warned about)
    text = text.replace("id: rewrite-macro", "id: by-map").replace("steps:\n", "template:\n  file: by-map/support.md\nsteps:\n", 1)
    (root / "challenges" / "by-map.md").write_text(text, encoding="utf-8")
    (root / "challenges" / "by-map").mkdir()
    (root / "challenges" / "by-map" / "support.md").write_text("a download\n", encoding="utf-8")
    found = errors(root)
    assert any("challenges/by-map.md" in e and "challenge id 'by-map' is reserved" in e for e in found), found
    assert any("challenges/by-map/support.md" in e and "'by-map/'" in e and "reserved" in e for e in found), found
