"""A declared rename or retirement keeps every published address, family by family.

The families are read from the URL tables of docs/reference/urls.md itself: a row added there
whose addresses are built from an id this test renames or retires (a map, a capability, a
challenge) is checked at once, and a row with a kind of id the test does not know fails until the
test learns what a declared change of it is. Two builds of the hub with stories (real `mkdocs
build`): before, and after tests/retirement.py's declared renames and retirements plus the
retirement of a whole map; then `check-links --previous` on the whole manifest, and the old
addresses of each family one by one.
"""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest
from hub import REPO, build, copy_story_hub, edit, run
from retirement import rename_and_retire

from competency_hub.links import Manifest, broken_promises, scan_site

URLS_DOC = REPO / "docs" / "reference" / "urls.md"

CHANGED = {
    "map": {"billing"},  # retired (status: retired on the map)
    "capability": {"replies", "refunds"},  # support/replies renamed, billing/refunds retired
    "challenge": {"prioritise-queue", "rewrite-macro"},  # renamed, retired
}
"""The ids the declared changes touch, by the placeholder that stands for them in the URL tables."""

NO_DECLARED_CHANGE = {
    "path": "paths have no renamed_from or status: a path's id is kept or its address goes",
    "milestone": "milestones belong to paths",
    "slug": "a story's address is its file name; renaming the file or taking it down is documented to break it",
    "job-aid": "a job aid's address is its file name, with no renamed_from: documented to be kept",
    "pattern": "patterns have no renamed_from",
    "pilot": "a pilot's address is its file name; pilots have no renamed_from or status: retired",
    "n": "page numbers are positional, documented as not stable",
    "kind": "a fixed word chosen by the hub",
    "uuid": "built from the ids above",
    "folder": "a download's path: files keep their name or go",
    "file": "a download's path: files keep their name or go",
    "name": "a docs page: MkDocs' own pages, outside the content",
    "community": "a community's address is its file name; renaming or deleting the file is documented to break it",
}
"""Placeholders with no declared rename or retirement, and why; the test knows these too."""

NOT_IN_MANIFEST = ("/exports/case/<map>/<kind>/<uuid>.json", "/exports/case/item-types/<uuid>.json")
"""CASE objects, documented as left out of /urls.json (they leave with their item, as on a CASE server)."""

ONLY_SOMETIMES = {"/stories/capabilities/<map>/<capability>/page/<n>/"}
"""Families whose old addresses for the changed ids may not exist at all in this hub (positional pages)."""


def families() -> list[tuple[str, str]]:
    """(row label, address pattern) of every row of the Pages and Data exports tables of urls.md."""
    text = URLS_DOC.read_text(encoding="utf-8")
    found = []
    for heading in ("## Pages", "## Data exports"):
        section = text.split(heading + "\n", 1)[1].split("\n## ", 1)[0]
        rows = [line for line in section.splitlines() if line.startswith("| ") and not line.startswith("| Page |") and not line.startswith("| File |")]
        for row in rows:
            cells = [cell.strip() for cell in row.strip("|").split(" | ")]
            for address in re.findall(r"`(/[^`]*)`", cells[1]):
                if "#" not in address and "e.g." not in cells[1].split(f"`{address}`")[0][-6:]:
                    found.append((cells[0], address))
    assert len(found) > 30, found
    return found


def placeholders(pattern: str) -> list[str]:
    return re.findall(r"<([a-z-]+)>", pattern)


def as_regex(pattern: str) -> re.Pattern[str]:
    regex, names = "", []
    for part in re.split(r"(<[a-z-]+>)", pattern):
        if part.startswith("<"):
            names.append(part[1:-1])
            regex += f"(?P<p{len(names)}>[^/]+)"
        else:
            regex += re.escape(part)
    return re.compile(f"^{regex}$")


def touched(pattern: str, url: str) -> bool:
    """Whether `url` is an address of the family `pattern` built from an id the declared changes touch."""
    match = as_regex(pattern).match(url)
    if not match:
        return False
    return any(match[f"p{i}"] in CHANGED.get(name, set()) for i, name in enumerate(placeholders(pattern), 1))


def test_every_placeholder_of_the_url_tables_is_known() -> None:
    unknown = {name for _, pattern in families() for name in placeholders(pattern)} - CHANGED.keys() - NO_DECLARED_CHANGE.keys()
    assert not unknown, f"teach this test what a declared rename or retirement of {unknown} is (docs/reference/urls.md)"


def retire_billing(root: Path) -> None:
    edit(root, "maps/billing.yml", "review_date: 2027-03-01\n", "review_date: 2027-03-01\nstatus: retired\n")


@pytest.fixture(scope="module")
def before_and_after(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, Path]:
    """The story hub, with every optional family switched on, built before and after the declared changes."""
    sites = []
    for name in ("before", "after"):
        root = copy_story_hub(tmp_path_factory.mktemp(name))
        # Per-map challenge lists and numbered pages of stories exist only in bigger hubs: make them exist here.
        edit(root, "mkdocs.yml", "      stories_per_page: 2\n", "      stories_per_page: 1\n      challenges_index_max: 1\n")
        edit(root, "maps/billing.yml", "review_date: 2027-03-01\n", "review_date: 2027-03-01\nchanges:\n  - date: 2026-01-10\n    summary: First version.\n")
        if name == "after":
            rename_and_retire(root)
            retire_billing(root)
            edit(root, "stories/macro-library-stalled.md", "capability: support/replies", "capability: support/customer-replies")
        # Not strict: the stories still cite the retired capability and map, a governance warning.
        result = build(root, strict=False)
        assert result.returncode == 0, result.output
        sites.append(result.site)
    return sites[0], sites[1]


@pytest.mark.build
def test_check_links_passes_after_the_declared_changes(capsys, before_and_after: tuple[Path, Path]) -> None:
    before, after = before_and_after
    status, out, err = run(capsys, "check-links", "--previous", str(before / "urls.json"), str(after))
    assert status == 0, out + err


@pytest.mark.build
@pytest.mark.parametrize("family", families(), ids=lambda f: f[1])
def test_each_family_keeps_its_addresses(before_and_after: tuple[Path, Path], family: tuple[str, str]) -> None:
    """The old addresses built from a changed id resolve; a family built from none keeps all of its addresses."""
    label, pattern = family
    if pattern in NOT_IN_MANIFEST:
        pytest.skip(f"{label}: not in /urls.json")
    before, after = before_and_after
    old = json.loads((before / "urls.json").read_text(encoding="utf-8"))
    if set(placeholders(pattern)) & CHANGED.keys():
        entries = [entry for entry in old["urls"] if touched(pattern, entry["url"])]
        if pattern not in ONLY_SOMETIMES:
            assert entries, f"{label}: the first build has no address of {pattern} for the changed ids"
    else:
        entries = [entry for entry in old["urls"] if as_regex(pattern).match(entry["url"])]
    previous = Manifest.from_json(json.dumps({"version": 1, "urls": entries}))
    assert broken_promises(previous, scan_site(after)) == []
