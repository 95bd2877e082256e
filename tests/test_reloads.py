"""Loading the hub again in the same process, as every rebuild of `mkdocs serve` does.

A rebuild takes what the previous load parsed from files whose text did not change (memo.py), so
these check that nothing of it shows: every problem is reported again at every load, every edit is
seen at once, and the faster link, identifier and JSON helpers give exactly what the standard library gives.
In-process and fast (no mark).
"""

from __future__ import annotations

import json
import posixpath
import random
import uuid
from pathlib import Path

from competency_hub import memo
from competency_hub.cli.settings import hub_options
from competency_hub.exports.case import dumps
from competency_hub.exports.ids import Ids, namespace
from competency_hub.load import load_hub
from competency_hub.load.index import HubIndex
from competency_hub.packing import unpack as text
from competency_hub.render.site import RenderOptions, render_site
from competency_hub.render.urls import relative
from hub import copy_story_hub


def load(root: Path):  # type: ignore[no-untyped-def]
    hub, diagnostics = load_hub(hub_options(root))
    return hub, sorted(d.format_text() for d in diagnostics)


def test_every_load_reports_every_problem_and_sees_every_edit(tmp_path: Path) -> None:
    root = copy_story_hub(tmp_path)
    broken_story = root / "stories" / "weekend-triage-rota.md"
    broken_story.write_text(broken_story.read_text(encoding="utf-8").replace("\ntitle:", "\ntitle: [unclosed", 1), encoding="utf-8")
    challenge = root / "challenges" / "tag-ten-tickets.md"
    challenge.write_text(challenge.read_text(encoding="utf-8").replace("time_box: 20", "time_bx: 20"), encoding="utf-8")
    story = root / "stories" / "refund-checklist-pilot.md"

    first_hub, first = load(root)
    assert any("weekend-triage-rota.md" in line and "YAML syntax" in line for line in first), first
    assert any("tag-ten-tickets.md" in line and "time_bx" in line for line in first), first

    _, again = load(root)
    assert again == first, "a load with no file changed reports other problems than the load before"
    _, third = load(root)
    assert third == first, "problems of unchanged files are lost after two loads"

    story.write_text(story.read_text(encoding="utf-8").replace("\ntitle: ", "\ntitle: Edited ", 1), encoding="utf-8")
    edited_hub, after_edit = load(root)
    assert after_edit == first
    assert edited_hub.library.stories["refund-checklist-pilot"].model.title.startswith("Edited ")
    assert not first_hub.library.stories["refund-checklist-pilot"].model.title.startswith("Edited "), "the earlier hub changed"

    broken_story.write_text(broken_story.read_text(encoding="utf-8").replace("title: [unclosed", "title:", 1), encoding="utf-8")
    fixed_hub, after_fix = load(root)
    assert not any("weekend-triage-rota.md" in line for line in after_fix), after_fix
    assert "weekend-triage-rota" in fixed_hub.library.stories

    broken_story.write_text(broken_story.read_text(encoding="utf-8").replace("\ntitle:", "\ntitle: [unclosed", 1), encoding="utf-8")
    _, broken_again = load(root)
    assert broken_again == first, "a file broken again, as at the first load, is not reported as then"


def test_a_memo_keeps_what_two_loads_made_and_nothing_older() -> None:
    kept: memo.TwoLoads[str, int] = memo.TwoLoads()
    memo.new_load()
    kept.put("first", 1)
    memo.new_load()
    assert kept.get("first") == 1, "the next load does not see what the last one made"
    kept.put("second", 2)
    memo.new_load()
    assert kept.get("second") == 2
    assert kept.get("first") == 1, "an answer used by the last load is kept for the next"
    memo.new_load()
    memo.new_load()
    assert kept.get("first") is None and kept.get("second") is None, "answers no load used are kept"


def test_relative_links_are_the_ones_posixpath_gives() -> None:
    parts = ["maps", "support", "triage", "index.md", "a.md", ".", "..", "", ".hidden", "stories"]
    rng = random.Random(15)
    compared = 0
    for _ in range(20_000):
        to_src = "/".join(rng.choice(parts) for _ in range(rng.randint(1, 4)))
        from_src = "/".join(rng.choice(parts) for _ in range(rng.randint(1, 4)))
        if rng.random() < 0.05:
            to_src = "/" + to_src
        try:
            expected = posixpath.relpath(to_src, posixpath.dirname(from_src) or ".")
        except ValueError:
            continue
        assert relative(from_src, to_src) == expected, (from_src, to_src)
        assert relative(from_src, to_src, "a") == f"{expected}#a"
        compared += 1
    assert compared > 15_000
    assert relative("maps/support/triage.md", "maps/support/index.md") == "index.md"
    assert relative("index.md", "maps/support/index.md") == "maps/support/index.md"
    assert relative("stories/a.md", "maps/index.md", "list") == "../maps/index.md#list"


def test_identifiers_are_the_uuid5_of_their_path() -> None:
    rng = random.Random(5)
    for name in ("", "northwind.example"):
        ids = Ids(name)
        for _ in range(5_000):
            path = "".join(rng.choice("ab/-_9é漢") for _ in range(rng.randint(0, 24)))
            expected = str(uuid.uuid5(namespace(name), path))
            assert ids.of(path) == expected, path
            assert ids.of(path) == expected, "asked twice"


def test_published_json_is_what_json_dumps_writes() -> None:
    rng = random.Random(7)
    scalars = [None, True, False, 0, -5, 2**70, 1.5, -0.0, 1e300, "", 'a"b\\c\n\t\u2028é漢\x00', "x"]

    def value(depth: int = 0):  # type: ignore[no-untyped-def]
        roll = rng.random()
        if depth > 4 or roll < 0.4:
            return rng.choice(scalars)
        if roll < 0.7:
            return {"".join(rng.choice('ab"é\n') for _ in range(rng.randint(0, 3))): value(depth + 1) for _ in range(rng.randint(0, 4))}
        return [value(depth + 1) for _ in range(rng.randint(0, 4))]

    for data in [value() for _ in range(5_000)] + [{1: "a", 2: "b"}, {"nan": float("nan")}, {"t": (1, [2, {}])}]:
        assert dumps(data) == (json.dumps(data, indent=2, sort_keys=True, ensure_ascii=False) + "\n").encode("utf-8"), data


def render(root: Path, *, templates: Path | None = None):  # type: ignore[no-untyped-def]
    """One load of the hub, rendered as a rebuild of `serve` renders it (pages kept from the last one)
    and as a build renders it; both as {page: its packed Markdown}, the bytes a kept page keeps
    (equal bytes, equal Markdown; `text` unpacks them)."""
    hub, _ = load_hub(hub_options(root))
    index = HubIndex.build(hub)
    kept = render_site(hub, index, RenderOptions(site_name="Test hub", keep_pages=True, templates_dir=templates))
    fresh = render_site(hub, index, RenderOptions(site_name="Test hub", templates_dir=templates))
    return {p.src_uri: p.packed for p in kept.pages}, {p.src_uri: p.packed for p in fresh.pages}


def edit(path: Path, old: str, new: str) -> None:
    text = path.read_text(encoding="utf-8")
    assert old in text, (path, old)
    path.write_text(text.replace(old, new, 1), encoding="utf-8")


def test_pages_kept_between_rebuilds_are_the_pages_a_build_writes(tmp_path: Path) -> None:
    root = copy_story_hub(tmp_path)
    stories = root / "stories"
    first, fresh = render(root)
    assert first == fresh
    assert "stories/refund-checklist-pilot.md" in first, sorted(first)

    edits = [
        ("a challenge", root / "challenges" / "tag-ten-tickets.md", "\ntitle: ", "\ntitle: Edited "),
        ("a story's summary", stories / "refund-checklist-pilot.md", "\nsummary: ", "\nsummary: Edited "),
        ("a story's body", stories / "weekend-triage-rota.md", "\n## ", "\nA new first paragraph.\n\n## "),
        ("a story's capabilities", stories / "refund-checklist-pilot.md", "capability: support/triage", "capability: billing/refunds"),
        ("an author", stories / "authors.yml", "name: Lee Chen", "name: Lee Chen-Edited"),
        ("a pattern", stories / "patterns.yml", "title: Authentic evidence", "title: Evidence from real work"),
        ("a map", root / "maps" / "billing.yml", "title: Refunds", "title: Refunds and credits"),
        ("a story's date", stories / "macro-library-stalled.md", "\ndate: 2026-01-20", "\ndate: 2024-01-02"),
    ]
    for what, path, old, new in edits:
        edit(path, old, new)
        kept, fresh = render(root)
        assert kept == fresh, f"after editing {what}, a kept page differs from the page a build writes: " + ", ".join(
            sorted(src for src in fresh if kept.get(src) != fresh[src])
        )

    (stories / "renamed-pilot.md").write_text((stories / "refund-checklist-pilot.md").read_text(encoding="utf-8"), encoding="utf-8")
    (stories / "refund-checklist-pilot.md").unlink()
    kept, fresh = render(root)
    assert kept == fresh, "after a story was renamed, kept pages differ from a build's"
    assert "stories/renamed-pilot.md" in kept


def test_unchanged_story_pages_are_kept_and_edited_ones_are_not(tmp_path: Path) -> None:
    root = copy_story_hub(tmp_path)
    first, _ = render(root)
    edit(root / "challenges" / "tag-ten-tickets.md", "\ntitle: ", "\ntitle: Edited ")
    second, _ = render(root)
    page = "stories/weekend-triage-rota.md"
    assert second[page] is first[page], "a story page was rendered again though no story, map or story file changed"
    assert second["stories/index.md"] is first["stories/index.md"], "the library's list was rendered again"

    edit(root / "stories" / "weekend-triage-rota.md", "\nsummary: ", "\nsummary: Edited ")
    third, fresh = render(root)
    assert third[page] is not second[page] and "Edited" in text(third[page])
    assert third == fresh
    lists = [src for src in third if src.startswith("stories/") and src != page and src in second]
    showing = [src for src in lists if "weekend-triage-rota" in text(second[src])]
    elsewhere = [src for src in lists if src not in showing and "hub_page: story\n" not in text(second[src])]
    assert showing and elsewhere, (showing, elsewhere)
    assert all(third[src] is not second[src] for src in showing), "a page that shows the edited story was kept"
    assert all(third[src] is second[src] for src in elsewhere), "a list that does not show the edited story was rendered again"


def test_pages_of_overridden_templates_are_never_kept(tmp_path: Path) -> None:
    root = copy_story_hub(tmp_path)
    templates = root / "templates"
    templates.mkdir()
    (templates / "story.md.j2").write_text("# {{ story.model.title }} {#top}\n\n{{ hub.story_count() }} stories\n", encoding="utf-8")
    first, _ = render(root, templates=templates)
    second, _ = render(root, templates=templates)
    page = "stories/weekend-triage-rota.md"
    assert second[page] == first[page] and second[page] is not first[page], "a page of a template from templates_dir was kept"
    assert second["stories/index.md"] is first["stories/index.md"], "a packaged template's page was not kept"


def test_the_finder_index_is_the_one_lunr_builds() -> None:
    from lunr import lunr

    from competency_hub.render import stories

    rng = random.Random(3)
    words = ["refunds", "refunding", "triage", "triaged", "queues", "checklist", "checklists", "the", "a", "caring",
             "escalation", "escalations", "généralement", "naïve", "x", "it's", "on-call", "2025", "relational", "hopefully"]
    documents = [
        {"i": str(n), "title": " ".join(rng.choice(words) for _ in range(rng.randint(0, 6))),
         "summary": " ".join(rng.choice(words) for _ in range(rng.randint(0, 30)))}
        for n in range(300)
    ]
    stories.FINDER_INDEXES.clear()
    ours = stories._lunr_index(documents, lambda data: json.dumps(data, sort_keys=True).encode("utf-8"))
    fields = [{"field_name": "title", "boost": 5}, "summary"]
    plain = json.dumps(lunr(ref="i", fields=fields, documents=documents).serialize(), sort_keys=True).encode("utf-8")
    assert ours == plain
    assert json.loads(ours)["pipeline"] == ["stemmer"]


def test_the_collector_thresholds_of_a_build_are_put_back_after_it() -> None:
    import gc

    from competency_hub.mkdocs.plugin import BUILD_GC_THRESHOLD, CompetencyHubPlugin

    before = gc.get_threshold()
    assert before != BUILD_GC_THRESHOLD
    plugin = CompetencyHubPlugin()
    plugin.on_startup(command="build", dirty=False)
    try:
        assert gc.get_threshold() == BUILD_GC_THRESHOLD
    finally:
        plugin.on_shutdown()
    assert gc.get_threshold() == before


def test_exports_kept_between_rebuilds_are_the_exports_a_build_writes(tmp_path: Path) -> None:
    from competency_hub.exports import ExportOptions, export_hub

    root = copy_story_hub(tmp_path)
    options = ExportOptions(site_name="Test hub", last_change={"billing": "2025-01-01T00:00:00Z", "support": "2025-01-01T00:00:00Z"})

    def exports():  # type: ignore[no-untyped-def]
        hub, _ = load_hub(hub_options(root))
        index = HubIndex.build(hub)
        kept = export_hub(hub, index, options, keep=True)
        fresh = export_hub(hub, index, options)
        assert {f.src_uri: f.content for f in kept.files} == {f.src_uri: f.content for f in fresh.files}
        return kept

    first = exports()
    edit(root / "stories" / "weekend-triage-rota.md", "\nsummary: ", "\nsummary: Edited ")
    assert exports() is first, "a story's edit made the exports again"
    edit(root / "challenges" / "tag-ten-tickets.md", "\ntitle: ", "\ntitle: Edited ")
    second = exports()
    assert second is not first
    edit(root / "maps" / "billing.yml", "title: Refunds", "title: Refunds and credits")
    assert exports() is not second
