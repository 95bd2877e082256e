"""The learner tools in the built hub: pages, navigation, the data the scripts read, the controls
templates render (hidden until the script runs, with texts that read well without it), the option
that turns them off, and the theme fixes the plugin supplies."""

from __future__ import annotations

import difflib
import json
from pathlib import Path

import material
import pytest
import yaml
from competency_hub.model.progress import STORAGE_KEY
from hub import REPO, SMALL_HUB, BuildResult, broken_links, build, content, edit, html_path, page, resolve_href, validate

SUPPORT = yaml.safe_load((SMALL_HUB / "maps" / "support.yml").read_text(encoding="utf-8"))
CHALLENGES = {
    path.stem: yaml.safe_load(path.read_text(encoding="utf-8").split("---\n")[1])
    for path in sorted((SMALL_HUB / "challenges").glob("*.md"))
}
LEARNER_PAGES = {"progress/": "My progress", "review/": "Review", "plan/": "Practice plan", "team/": "Team view"}


def data(site: Path) -> dict:
    return json.loads((site / "assets" / "competency-hub" / "learner-data.json").read_text(encoding="utf-8"))


# -- pages and navigation ----------------------------------------------------------------------------


@pytest.mark.build
@pytest.mark.parametrize("url", sorted(LEARNER_PAGES))
def test_learner_pages_are_published_with_a_title(site: Path, url: str) -> None:
    soup = page(site, url)
    assert content(soup).find("h1", id="top").get_text(strip=True) == LEARNER_PAGES[url]


@pytest.mark.build
def test_learner_pages_are_one_my_learning_section_of_the_navigation(site: Path) -> None:
    soup = page(site, "")
    sections = {
        label.get_text(" ", strip=True): item
        for item in soup.select("nav.md-nav--primary > ul > li.md-nav__item--nested")
        for label in item.select(":scope > label, :scope > div > label")[:1]
    }
    assert "My learning" in sections
    links = [a.get_text(strip=True) for a in sections["My learning"].select("a.md-nav__link")]
    assert links == ["Progress", "Review", "Practice plan", "Team view"]


@pytest.mark.build
def test_learner_pages_hold_their_data_address_with_a_version(site: Path) -> None:
    for url in LEARNER_PAGES:
        element = content(page(site, url)).select_one("[data-hub-learner]")
        address = element["data-hub-data"]
        assert "?v=" in address
        target, _ = resolve_href(site, html_path(site, url), address.split("?")[0])
        assert target == site / "assets" / "competency-hub" / "learner-data.json"


@pytest.mark.build
def test_every_page_loads_the_learner_script_as_a_module(site: Path) -> None:
    for url in ["", "challenges/tag-ten-tickets/", "maps/support/triage/", "guide/"]:
        scripts = page(site, url).select('script[type="module"]')
        assert [s["src"].rsplit("assets/", 1)[1] for s in scripts] == ["competency-hub/learner/main.js"]


@pytest.mark.build
def test_learner_links_resolve(site: Path) -> None:
    pages = [html_path(site, url) for url in [*LEARNER_PAGES, "challenges/tag-ten-tickets/", "maps/support/triage/"]]
    assert broken_links(site, pages) == []


# -- the data the scripts read ---------------------------------------------------------------------


@pytest.mark.build
def test_the_catalogue_describes_every_challenge_from_its_file(site: Path) -> None:
    catalogue = data(site)
    assert catalogue["version"] == 1 and catalogue["hub"] == "Test hub"
    assert set(catalogue["challenges"]) == set(CHALLENGES)
    for challenge_id, front in CHALLENGES.items():
        assert catalogue["challenges"][challenge_id] == {
            "title": front["title"],
            "minutes": front["time_box"],
            "capability": front["capability"],
            "level": front["level"],
            "recall": [item["id"] for item in front["recall"]],
        }


@pytest.mark.build
def test_the_catalogue_has_paths_maps_and_related_capabilities(site: Path) -> None:
    catalogue = data(site)
    assert catalogue["paths"] == [
        {"id": p["id"], "title": p["title"], "map": "support", "steps": p["steps"]} for p in SUPPORT["paths"]
    ]
    assert catalogue["maps"]["support"]["scale"] == [[level["id"], level["name"]] for level in SUPPORT["scale"]]
    # replies lists triage as a prerequisite and billing/refunds as related
    assert catalogue["capabilities"]["support/replies"]["related"] == ["billing/refunds", "support/triage"]


@pytest.mark.build
def test_the_catalogue_page_patterns_lead_to_real_pages(site: Path) -> None:
    pages = data(site)["pages"]
    assert (site / pages["challenge"].format(id="tag-ten-tickets") / "index.html").is_file()
    assert (site / pages["capability"].format(map="support", capability="triage") / "index.html").is_file()
    assert (site / pages["path"].format(id="first-week") / "index.html").is_file()
    for kind in ("progress", "review", "plan", "team"):
        assert (site / pages[kind] / "index.html").is_file()


@pytest.mark.build
@pytest.mark.parametrize("challenge_id", sorted(CHALLENGES))
def test_each_challenge_publishes_its_recall_prompts_for_the_review_page(site: Path, challenge_id: str) -> None:
    pattern = data(site)["pages"]["recall"]
    published = json.loads((site / pattern.format(id=challenge_id)).read_text(encoding="utf-8"))
    assert published == {
        "challenge": challenge_id,
        "recall": [{"id": r["id"], "prompt": r["prompt"], "answer": r["answer"]} for r in CHALLENGES[challenge_id]["recall"]],
    }


@pytest.mark.build
def test_the_catalogue_stays_small_on_the_starter_hub(starter_build: BuildResult) -> None:
    """It is read by the progress, review and plan pages; recall texts are kept out of it."""
    assert starter_build.returncode == 0, starter_build.output
    path = starter_build.site / "assets" / "competency-hub" / "learner-data.json"
    catalogue = json.loads(path.read_text(encoding="utf-8"))
    entries = json.dumps(catalogue["challenges"], ensure_ascii=False, separators=(",", ":")).encode("utf-8")
    per_challenge = len(entries) / len(catalogue["challenges"])
    assert per_challenge < 300, f"{per_challenge:.0f} bytes per challenge"
    assert '"prompt":' not in path.read_text(encoding="utf-8")


# -- controls on challenge and capability pages --------------------------------------------------------


@pytest.mark.build
def test_challenge_pages_have_a_done_toggle_hidden_until_the_script_runs(site: Path) -> None:
    article = content(page(site, "challenges/tag-ten-tickets/"))
    assert article.find("h2", id="mark-done") is not None
    panel = article.select_one('[data-hub-learner="challenge"]')
    assert panel["data-hub-challenge-id"] == "tag-ten-tickets"
    controls = panel.select_one("[data-hub-controls]")
    assert controls.has_attr("hidden")
    toggle = controls.select_one('button[data-hub-action="complete"]')
    assert toggle["aria-pressed"] == "false" and toggle.get_text(strip=True) == "Done"
    for field in controls.select("textarea, input"):
        assert controls.select_one(f'label[for="{field["id"]}"]') is not None
    fallback = panel.select_one("[data-hub-fallback]")
    assert not fallback.has_attr("hidden") and "needs JavaScript" in fallback.get_text()


@pytest.mark.build
def test_capability_pages_have_self_and_manager_levels_in_scale_order(site: Path) -> None:
    article = content(page(site, "maps/support/triage/"))
    assert article.find("h2", id="self-assessment") is not None
    panel = article.select_one('[data-hub-learner="capability"]')
    assert panel["data-hub-capability-key"] == "support/triage"
    levels = [level["id"] for level in SUPPORT["scale"]]
    for name in ("hub-self-level", "hub-manager-level"):
        assert [i["value"] for i in panel.select(f'input[name="{name}"]')] == [*levels, ""]
    assert panel.select_one("[data-hub-controls]").has_attr("hidden")
    # the section comes before the check-in guide, which keeps its own anchor
    ids = [h["id"] for h in article.find_all("h2")]
    assert ids.index("self-assessment") + 1 == ids.index("check-in")


@pytest.mark.build
def test_capability_pages_can_record_the_level_a_manager_placed_the_learner_at(site: Path) -> None:
    panel = content(page(site, "maps/support/triage/")).select_one('[data-hub-learner="capability"]')
    given = panel.select_one("details[data-hub-given]")
    assert given.find_parent(attrs={"data-hub-controls": True}).has_attr("hidden")  # only with the script
    assert "manager placed you" in given.find("summary").get_text()
    fieldset = given.find("fieldset")
    assert fieldset.find("legend").get_text(strip=True) == "My manager placed me at"
    assert [i["value"] for i in fieldset.select('input[type="radio"][name="hub-given-level"]')] == [level["id"] for level in SUPPORT["scale"]]
    for field in given.select('input:not([type="radio"])'):
        assert given.select_one(f'label[for="{field["id"]}"]') is not None
    assert given.select_one('input[type="date"][data-hub-field="given-date"]').has_attr("required")
    assert given.select_one('button[data-hub-action="record-given-level"]') is not None
    assert given.select_one('[data-hub-slot="given-status"]')["role"] == "status"


@pytest.mark.build
def test_the_check_in_guide_has_a_print_button_and_one_block_per_level(site: Path) -> None:
    guide = content(page(site, "maps/support/triage/")).select_one(".hub-check-in")
    button = guide.select_one('[data-hub-learner="check-in"]')
    assert button.has_attr("hidden") and button.select_one('button[data-hub-action="print-card"]')
    blocks = guide.select(".hub-check-in__level")
    assert [b.find("h3")["id"] for b in blocks] == [f"check-in-{level['id']}" for level in SUPPORT["scale"]]


@pytest.mark.build
@pytest.mark.parametrize(
    ("url", "actions"),
    [("progress/", ["export", "import", "forget", "forget-confirm"]), ("review/", ["ics"]), ("plan/", ["copy-text", "edit-plan", "plan", "copy-link"])],
)
def test_learner_pages_have_their_stable_actions(site: Path, url: str, actions: list[str]) -> None:
    found = [el["data-hub-action"] for el in content(page(site, url)).select("[data-hub-action]")]
    assert found == actions
    if url == "progress/":
        assert content(page(site, url)).select_one('[data-hub-action="import"]')["type"] == "file"


@pytest.mark.build
def test_learner_pages_read_well_without_javascript(site: Path) -> None:
    for url in LEARNER_PAGES:
        article = content(page(site, url))
        assert article.select_one("[data-hub-learner]").has_attr("hidden")
        fallback = article.select_one('[data-hub-fallback="page"]')
        assert not fallback.has_attr("hidden")
        assert "needs JavaScript" in fallback.get_text()
        assert fallback.find("a", href=True) is not None


def test_the_storage_key_is_the_documented_one() -> None:
    script = (REPO / "plugins" / "competency_hub" / "assets" / "learner" / "store.js").read_text(encoding="utf-8")
    assert STORAGE_KEY == "competency-hub:v1"
    # version 2 of the format keeps version 1's key: a stored version 1 document is migrated in place
    assert "export const VERSION = 2;" in script and 'export const STORAGE_KEY = "competency-hub:v1";' in script


# -- options ----------------------------------------------------------------------------------------


@pytest.mark.build
def test_learner_false_publishes_none_of_the_tools(hub: Path) -> None:
    edit(hub, "mkdocs.yml", "  - competency-hub\n", "  - competency-hub:\n      learner: false\n")
    result = build(hub)
    assert result.returncode == 0, result.output
    assert not (result.site / "progress").exists() and not (result.site / "assets" / "competency-hub" / "learner-data.json").exists()
    soup = page(result.site, "challenges/tag-ten-tickets/")
    assert soup.select("[data-hub-learner]") == [] and soup.select('script[type="module"]') == []
    assert content(soup).find(id="mark-done") is None
    assert content(page(result.site, "maps/support/triage/")).find(id="self-assessment") is None
    assert "My learning" not in page(result.site, "").get_text()


@pytest.mark.build
def test_html_addresses_work_for_the_learner_pages(hub: Path) -> None:
    edit(hub, "mkdocs.yml", "site_name: Test hub\n", "site_name: Test hub\nuse_directory_urls: false\n")
    result = build(hub)
    assert result.returncode == 0, result.output
    pages = data(result.site)["pages"]
    assert pages["challenge"] == "challenges/{id}.html" and pages["progress"] == "progress.html"
    assert (result.site / pages["capability"].format(map="support", capability="triage")).is_file()
    assert broken_links(result.site, [result.site / "progress.html", result.site / "challenges" / "tag-ten-tickets.html"]) == []


def test_a_behaviour_cannot_take_the_self_assessment_anchor(hub: Path) -> None:
    edit(hub, "maps/support.yml", "- id: triage-coaches", "- id: self-assessment")
    assert any("behaviour id 'self-assessment' would clash with an anchor" in line for line in validate(hub))


# -- theme fixes -------------------------------------------------------------------------------------


THEME = REPO / "plugins" / "competency_hub" / "theme"


def test_the_search_partial_differs_from_materials_only_by_the_dialog_name() -> None:
    """Fails when a Material upgrade changes partials/search.html: copy it again and re-apply the change."""
    original = (Path(material.__file__).parent / "templates" / "partials" / "search.html").read_text(encoding="utf-8")
    ours = (THEME / "partials" / "search.html").read_text(encoding="utf-8")
    strip = lambda text: text.split("-#}\n", 1)[1].splitlines()  # noqa: E731 - the licence header differs
    changed = [line for line in difflib.unified_diff(strip(original), strip(ours), lineterm="", n=0) if line[:1] in "+-" and line[:3] not in ("+++", "---")]
    assert changed == [
        '-<div class="md-search" data-md-component="search" role="dialog">',
        '+<div class="md-search" data-md-component="search" role="dialog" aria-label="{{ lang.t(\'search\') }}">',
    ]


@pytest.mark.build
def test_the_built_search_dialog_has_a_name_and_the_theme_stylesheet(site: Path) -> None:
    soup = page(site, "")
    assert soup.select_one('.md-search[role="dialog"]')["aria-label"] == "Search"
    assert any(link["href"].endswith("competency-hub/theme.css") for link in soup.select('link[rel="stylesheet"]'))


@pytest.mark.build
def test_a_sites_custom_dir_still_overrides_the_plugins_partials(hub: Path) -> None:
    edit(hub, "mkdocs.yml", "  font: false\n", "  font: false\n  custom_dir: overrides\n")
    (hub / "overrides" / "partials").mkdir(parents=True)
    (hub / "overrides" / "partials" / "search.html").write_text('<div class="md-search" data-site-own-search></div>\n', encoding="utf-8")
    result = build(hub)
    assert result.returncode == 0, result.output
    assert page(result.site, "").select_one("[data-site-own-search]") is not None
