"""Governance: retirement rules, review dates, owners, retired items in use, stale challenges, the
report, tombstone pages and the change log, all on copies of the fixture hub built for real.

"Today" is pinned for every test of this module (COMPETENCY_HUB_TODAY=2026-11-26, conftest's
`pinned_today`); tests that move it say so.
"""

from __future__ import annotations

import datetime
import json
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest
from competency_hub.cli.main import main
from competency_hub.validate.governance import months_later
from competency_hub.links import CONTROL_ID_PREFIXES
from competency_hub.load import HubOptions, load_hub
from competency_hub.render.tombstones import capability_anchors, challenge_anchors
from competency_hub.load.index import HubIndex
from hub import broken_links, build, content, copy_hub, duplicate_ids, edit, page, searched_pages, validate, where
from retirement import rename_and_retire

SUPPORT = "maps/support.yml"
BILLING = "maps/billing.yml"
TAG = "challenges/tag-ten-tickets.md"
REWRITE = "challenges/rewrite-macro.md"
RETIRE_REFUNDS = "  - id: refunds\n    status: retired\n    replaced_by: support/replies\n"


@pytest.fixture(autouse=True)
def _pinned(pinned_today: str) -> None:
    """Review dates are judged on one fixed day in this module, whatever the calendar says."""


def run(capsys, *argv: str) -> tuple[int, str, str]:
    status = main(list(argv))
    out, err = capsys.readouterr()
    return status, out, err


# -- retirement rules -----------------------------------------------------------------------------


def test_retired_without_replacement_or_reason_is_an_error(hub: Path) -> None:
    edit(hub, BILLING, "  - id: refunds\n", "  - id: refunds\n    status: retired\n")
    assert [line for line in validate(hub) if ": error: " in line] == [
        f"{where(hub, BILLING, 'retired')}: error: HUB320 retired capability 'refunds' needs 'replaced_by' or 'retired_reason' "
        "(its tombstone page tells readers where to go instead, or why there is nowhere to go)"
    ]


def test_a_reason_alone_is_enough(hub: Path) -> None:
    edit(hub, BILLING, "  - id: refunds\n", "  - id: refunds\n    status: retired\n    retired_reason: Finance owns refunds now.\n")
    assert [line for line in validate(hub) if "error" in line] == []


def test_replaced_by_on_an_active_item_is_an_error(hub: Path) -> None:
    edit(hub, TAG, "id: tag-ten-tickets\n", "id: tag-ten-tickets\nreplaced_by: rewrite-macro\n")
    assert validate(hub) == [
        f"{where(hub, TAG, 'rewrite-macro')}: error: HUB321 'replaced_by' is only for retired items, but challenge "
        "'tag-ten-tickets' is active (add 'status: retired', or remove the field)"
    ]


@pytest.mark.parametrize(
    ("replaced_by", "message"),
    [
        ("support/replys", "HUB303 unknown capability 'support/replys' in 'replaced_by'"),
        ("refunds", "HUB322 capability 'refunds' cannot replace itself"),
    ],
)
def test_replacement_must_exist(hub: Path, replaced_by: str, message: str) -> None:
    edit(hub, BILLING, "  - id: refunds\n", f"  - id: refunds\n    status: retired\n    replaced_by: {replaced_by}\n")
    lines = [line for line in validate(hub) if ": error: " in line]
    assert lines[0].startswith(f"{where(hub, BILLING, 'replaced_by: ' + replaced_by)[:-2]}")
    assert lines[0].split(": error: ")[1].startswith(message)
    assert len(lines) == 1


def test_replacement_must_be_active(hub: Path) -> None:
    edit(hub, REWRITE, "id: rewrite-macro\n", "id: rewrite-macro\nstatus: retired\nreplaced_by: tag-ten-tickets\n")
    edit(hub, TAG, "id: tag-ten-tickets\n", "id: tag-ten-tickets\nstatus: retired\nretired_reason: Old.\n")
    errors = [line for line in validate(hub) if ": error: " in line]
    assert errors == [f"{where(hub, REWRITE, 'tag-ten-tickets')}: error: HUB323 'replaced_by: tag-ten-tickets' is retired too (point at an active challenge)"]


def test_old_ids_stay_unique(hub: Path) -> None:
    edit(hub, SUPPORT, "  - id: replies\n", "  - id: replies\n    renamed_from: [triage]\n")
    edit(hub, TAG, "id: tag-ten-tickets\n", "id: tag-ten-tickets\nrenamed_from: [rewrite-macro, index]\n")
    errors = [line for line in validate(hub) if ": error: " in line]
    assert errors == [
        f"{where(hub, TAG, 'rewrite-macro,')}: error: HUB324 old id 'rewrite-macro' of 'tag-ten-tickets' is still used by a challenge "
        "(an old id gets a redirect page, so no challenge may use it)",
        f"{where(hub, TAG, 'index]')}: error: HUB324 'index' is reserved for the hub's own pages",
        f"{where(hub, SUPPORT, 'triage]')}: error: HUB324 old id 'triage' of 'replies' is still used by a capability of this map "
        "(an old id gets a redirect page, so no capability may use it)",
    ]


def test_a_reference_to_an_old_id_names_the_new_one(hub: Path) -> None:
    edit(hub, SUPPORT, "  - id: replies\n", "  - id: customer-replies\n    renamed_from: [replies]\n")
    lines = [line for line in validate(hub) if "unknown capability 'replies'" in line]
    assert [line.split(": error: ")[0] for line in lines] == [
        where(hub, REWRITE, "support/replies"),
        where(hub, SUPPORT, "replies\n        level"),
    ]
    assert all(line.endswith("(it was renamed to 'customer-replies')") for line in lines)


# -- governance findings --------------------------------------------------------------------------


def test_the_fixture_has_no_finding_on_the_pinned_day(capsys, hub: Path) -> None:
    assert run(capsys, "report", str(hub))[0] == 0


def test_overdue_review_is_a_note_with_its_place(hub: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """By default the calendar brings notes, not warnings: a passing date never stops a strict build."""
    monkeypatch.setenv("COMPETENCY_HUB_TODAY", "2027-02-01")
    assert validate(hub, notes=True) == [
        f"{where(hub, SUPPORT, '2027-01-31')}: note: HUB601 map 'support' was due for review on 2027-01-31 [overdue-review] "
        "(its owners check it against the work, then move 'review_date' forward)"
    ]
    assert validate(hub) == []


def test_overdue_review_is_a_warning_where_the_hub_opts_in(hub: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    edit(hub, "mkdocs.yml", "  - competency-hub\n", "  - competency-hub:\n      governance:\n        warn_on: [overdue-review]\n")
    monkeypatch.setenv("COMPETENCY_HUB_TODAY", "2027-02-01")
    assert validate(hub) == [
        f"{where(hub, SUPPORT, '2027-01-31')}: warning: HUB601 map 'support' was due for review on 2027-01-31 [overdue-review] "
        "(its owners check it against the work, then move 'review_date' forward)"
    ]


def test_the_review_day_itself_is_not_overdue(hub: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("COMPETENCY_HUB_TODAY", "2027-01-31")
    assert validate(hub, notes=True) == []


def test_map_without_owners(hub: Path) -> None:
    edit(hub, BILLING, "owners:\n  - name: Ben Okafor\n", "owners: []\n")
    assert validate(hub) == [
        f"{where(hub, BILLING, '[]')}: warning: HUB602 map 'billing' has no owner [no-owners] (name a person or team in 'owners')"
    ]


def test_retired_items_still_referenced_name_the_replacement(hub: Path) -> None:
    edit(hub, BILLING, "  - id: refunds\n", RETIRE_REFUNDS)
    edit(hub, REWRITE, "id: rewrite-macro\n", "id: rewrite-macro\nstatus: retired\nreplaced_by: tag-ten-tickets\n")
    assert validate(hub) == [
        f"{where(hub, SUPPORT, 'billing/refunds')}: warning: HUB603 capability 'replies' (related) refers to capability "
        "'billing/refunds', which is retired [retired-referenced] (use 'replies' instead)",
        f"{where(hub, SUPPORT, 'rewrite-macro]')}: warning: HUB603 path 'first-week' refers to challenge 'rewrite-macro', "
        "which is retired [retired-referenced] (use 'tag-ten-tickets' instead)",
    ]


def test_a_capability_of_a_retired_map_counts_as_retired(hub: Path) -> None:
    edit(hub, BILLING, "review_date: 2027-03-01\n", "review_date: 2027-03-01\nstatus: retired\n")
    lines = validate(hub)
    assert lines == [
        f"{where(hub, SUPPORT, 'billing/refunds')}: warning: HUB603 capability 'replies' (related) refers to capability "
        "'billing/refunds' of the retired map 'billing' [retired-referenced]"
    ]


def test_stale_challenge(hub: Path) -> None:
    edit(hub, TAG, "id: tag-ten-tickets\n", "id: tag-ten-tickets\nreviewed: 2025-11-25\n")
    assert validate(hub, notes=True) == [
        f"{where(hub, TAG, '2025-11-25')}: note: HUB604 challenge 'tag-ten-tickets' was last reviewed on 2025-11-25, "
        "more than 12 months ago [stale-challenge] (check it still fits the work, then update 'reviewed')"
    ]
    edit(hub, TAG, "reviewed: 2025-11-25", "reviewed: 2025-11-26")
    assert validate(hub, notes=True) == []


def test_stale_after_months_is_an_option(hub: Path) -> None:
    edit(hub, TAG, "id: tag-ten-tickets\n", "id: tag-ten-tickets\nreviewed: 2026-01-15\n")
    edit(hub, "mkdocs.yml", "  - competency-hub\n", "  - competency-hub:\n      governance:\n        stale_after_months: 3\n")
    assert [line.split(": note: ")[1][:40] for line in validate(hub, notes=True)] == ["HUB604 challenge 'tag-ten-tickets' was l"]


def test_months_later_clamps_to_the_end_of_the_month() -> None:
    assert months_later(datetime.date(2026, 1, 31), 1) == datetime.date(2026, 2, 28)
    assert months_later(datetime.date(2024, 1, 31), 1) == datetime.date(2024, 2, 29)
    assert months_later(datetime.date(2026, 11, 30), 3) == datetime.date(2027, 2, 28)
    assert months_later(datetime.date(2026, 5, 15), 12) == datetime.date(2027, 5, 15)


# -- the build: warnings, errors, notes ---------------------------------------------------------------


@pytest.mark.build
def test_findings_are_warnings_that_stop_only_strict_builds(hub: Path) -> None:
    edit(hub, BILLING, "owners:\n  - name: Ben Okafor\n", "owners: []\n")
    strict = build(hub)
    assert strict.returncode == 1
    assert "WARNING -  competency-hub: maps/billing.yml:4:9: warning: HUB602 map 'billing' has no owner [no-owners]" in strict.output
    assert build(hub, strict=False).returncode == 0


@pytest.mark.build
def test_fail_on_makes_a_kind_an_error(hub: Path) -> None:
    edit(hub, BILLING, "owners:\n  - name: Ben Okafor\n", "owners: []\n")
    edit(hub, "mkdocs.yml", "  - competency-hub\n", "  - competency-hub:\n      governance:\n        fail_on: [no-owners]\n")
    result = build(hub, strict=False)
    assert result.returncode == 1
    assert "maps/billing.yml:4:9: error: HUB602 map 'billing' has no owner [no-owners]" in result.output


@pytest.mark.build
def test_kinds_left_out_of_warn_on_are_only_noted(hub: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """A strict build does not break on the day a map falls due: by default, and when the hub says so."""
    monkeypatch.setenv("COMPETENCY_HUB_TODAY", "2027-06-01")
    noted = "INFO    -  competency-hub: maps/support.yml:9:14: note: HUB601 map 'support' was due for review on 2027-01-31 [overdue-review]"
    result = build(hub)
    assert result.returncode == 0, result.output
    assert noted in result.output
    edit(hub, "mkdocs.yml", "  - competency-hub\n", "  - competency-hub:\n      governance:\n        warn_on: [no-owners]\n")
    result = build(hub)
    assert result.returncode == 0, result.output
    assert noted in result.output


@pytest.mark.build
def test_a_strict_build_years_ahead_passes_with_every_review_overdue(hub: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Governance nags owners; it does not stop learners getting their site unless the hub opts in."""
    edit(hub, TAG, "id: tag-ten-tickets\n", "id: tag-ten-tickets\nreviewed: 2026-01-15\n")
    monkeypatch.setenv("COMPETENCY_HUB_TODAY", "2036-06-01")
    result = build(hub)
    assert result.returncode == 0, result.output
    assert "was due for review" in result.output and "[stale-challenge]" in result.output
    edit(hub, "mkdocs.yml", "  - competency-hub\n", "  - competency-hub:\n      governance:\n        fail_on: [overdue-review]\n")
    result = build(hub, strict=False)
    assert result.returncode == 1 and "error: HUB601 map 'support' was due for review" in result.output


@pytest.mark.build
def test_an_unknown_kind_is_an_option_error(capsys, hub: Path) -> None:
    edit(hub, "mkdocs.yml", "  - competency-hub\n", "  - competency-hub:\n      governance:\n        fail_on: [overdue]\n")
    result = build(hub)
    assert result.returncode == 1
    assert "fail_on" in result.output
    status, _, err = run(capsys, "report", str(hub))
    assert status == 2 and "governance.fail_on" in err


@pytest.mark.build
def test_a_bad_today_is_reported(capsys, hub: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("COMPETENCY_HUB_TODAY", "next tuesday")
    status, _, err = run(capsys, "report", str(hub))
    assert status == 2 and "'next tuesday' is not a date written YYYY-MM-DD" in err
    result = build(hub)
    assert result.returncode == 1 and "next tuesday" in result.output


def test_notes_are_pull_request_notices_and_never_fail_validate(capsys, hub: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """The owner still sees an overdue review on the pull request, as a notice, not a failure."""
    monkeypatch.setenv("COMPETENCY_HUB_TODAY", "2027-02-01")
    status, out, err = run(capsys, "validate", "--strict", "--format", "github", str(hub))
    line = where(hub, SUPPORT, "2027-01-31").split(":")
    assert status == 0
    assert out.splitlines() == [
        f"::notice file={line[0]},line={line[1]},col={line[2]},title=HUB601 map past its review date::map 'support' was due for review on 2027-01-31 "
        "[overdue-review] (its owners check it against the work, then move 'review_date' forward)"
    ]
    assert "no problems found; 1 note(s) for the owners: 1×HUB601" in err
    status, out, _ = run(capsys, "validate", "--strict", str(hub))
    assert status == 0 and ": note: HUB601 map 'support' was due for review" in out


# -- the report ---------------------------------------------------------------------------------------


def messy(hub: Path) -> None:
    """One finding of every kind."""
    edit(hub, BILLING, "owners:\n  - name: Ben Okafor\n", "owners: []\n")
    edit(hub, REWRITE, "id: rewrite-macro\n", "id: rewrite-macro\nstatus: retired\nreplaced_by: tag-ten-tickets\n")
    edit(hub, TAG, "id: tag-ten-tickets\n", "id: tag-ten-tickets\nreviewed: 2025-01-02\n")


def test_report_lists_every_kind_of_finding(capsys, hub: Path) -> None:
    messy(hub)
    status, out, err = run(capsys, "report", str(hub), "--today", "2027-02-01")
    assert status == 0
    assert out.splitlines() == [
        "Governance report, 2027-02-01",
        "",
        "Maps:",
        "  billing (active): next review 2027-03-01; no owner",
        "  support (active): next review 2027-01-31; Ana Ruiz",
        "",
        "Maps past their review date (1):",
        f"  {where(hub, SUPPORT, '2027-01-31')}: overdue-review: map 'support' was due for review on 2027-01-31 "
        "(its owners check it against the work, then move 'review_date' forward)",
        "",
        "Maps without owners (1):",
        f"  {where(hub, BILLING, '[]')}: no-owners: map 'billing' has no owner (name a person or team in 'owners')",
        "",
        "Retired items still referenced (1):",
        f"  {where(hub, SUPPORT, 'rewrite-macro]')}: retired-referenced: path 'first-week' refers to challenge "
        "'rewrite-macro', which is retired (use 'tag-ten-tickets' instead)",
        "",
        "Stale challenges (1):",
        f"  {where(hub, TAG, '2025-01-02')}: stale-challenge: challenge 'tag-ten-tickets' was last reviewed on "
        "2025-01-02, more than 12 months ago (check it still fits the work, then update 'reviewed')",
    ]
    assert "4 finding(s)" in err
    assert run(capsys, "report", str(hub), "--today", "2027-02-01", "--strict")[0] == 1


def test_report_json_and_fail_on(capsys, hub: Path) -> None:
    messy(hub)
    edit(hub, "mkdocs.yml", "  - competency-hub\n", "  - competency-hub:\n      governance:\n        fail_on: [stale-challenge]\n")
    status, out, _ = run(capsys, "report", str(hub), "--format", "json")
    assert status == 1
    data = json.loads(out)
    assert data["today"] == "2026-11-26"
    assert [m["id"] for m in data["maps"]] == ["billing", "support"]
    assert sorted(f["kind"] for f in data["findings"]) == ["no-owners", "retired-referenced", "stale-challenge"]
    assert data["findings"][0]["path"] == TAG and data["content_errors"] == 0


def test_report_says_when_content_errors_leave_files_out(capsys, hub: Path) -> None:
    edit(hub, TAG, "time_box: 20", "time_box: twenty")
    status, _, err = run(capsys, "report", str(hub))
    assert status == 0 and "the content has 1 error(s)" in err


# -- tombstones in the built site ------------------------------------------------------------------


@pytest.fixture(scope="module")
def retired_site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    root = copy_hub(tmp_path_factory.mktemp("retired"))
    rename_and_retire(root)
    edit(
        root,
        SUPPORT,
        "review_date: 2027-01-31\n",
        "review_date: 2027-01-31\nchanges:\n  - date: 2026-01-10\n    summary: First version.\n"
        "  - date: 2026-05-02\n    summary: Renamed *Written replies*; see [the map](index.md).\n",
    )
    result = build(root)
    assert result.returncode == 0, result.output
    assert "WARNING" not in result.output
    return result.site


@pytest.mark.build
def test_retired_capability_tombstone(retired_site: Path) -> None:
    soup = page(retired_site, "maps/billing/refunds/")
    article = content(soup)
    assert article.h1.get_text(strip=True) == "Retired: Refunds"
    box = article.select_one("[data-hub-tombstone]")
    assert box["data-hub-tombstone"] == "retired"
    assert box["data-hub-redirect"] == "../../support/customer-replies/"
    assert box["data-hub-redirect-delay"] == "5"
    assert "Refund decisions moved to the finance team." in box.get_text()
    assert article.find("meta", attrs={"http-equiv": "refresh"})["content"] == "5; url=../../support/customer-replies/"
    kept = {li["id"]: li for li in article.select("[data-hub-old-anchor]")}
    assert {"refunds-checklist", "refunds-partial", "level-assisted", "level-independent-changes", "evidence-refund-ticket", "check-in", "check-in-independent"} <= set(kept)
    assert "Completes every line of the refund checklist" in kept["refunds-checklist"].get_text()
    assert kept["refunds-checklist"].a["href"] == "../../support/customer-replies/"  # no such behaviour there
    assert kept["check-in"].a["href"] == "../../support/customer-replies/#check-in"


@pytest.mark.build
def test_renamed_capability_redirect_page(retired_site: Path) -> None:
    article = content(page(retired_site, "maps/support/replies/"))
    box = article.select_one("[data-hub-tombstone]")
    assert box["data-hub-tombstone"] == "renamed"
    assert box["data-hub-redirect-delay"] == "0"
    assert set(box["data-hub-redirect-anchors"].split()) >= {"replies-macro", "level-expert", "evidence-reply"}
    assert "replies-macro" in {li["id"] for li in article.select("[data-hub-old-anchor]")}


@pytest.mark.build
def test_retired_challenge_tombstone_and_lists(retired_site: Path) -> None:
    article = content(page(retired_site, "challenges/rewrite-macro/"))
    assert article.select_one("[data-hub-tombstone]")["data-hub-redirect"] == "../adapt-a-macro/"
    assert "recall-next-step" in {li["id"] for li in article.select("[data-hub-old-anchor]")}
    index = content(page(retired_site, "challenges/")).get_text()
    assert "Rewrite a macro reply" not in index and "Adapt a macro to one customer" in index
    home = content(page(retired_site, "")).get_text(" ")
    assert "3 challenges" in " ".join(home.split())  # tag, set-queue and adapt: the retired one is left out


@pytest.mark.build
def test_retired_capability_leaves_the_map_but_keeps_its_anchors(retired_site: Path) -> None:
    billing = content(page(retired_site, "maps/billing/"))
    table = billing.find("h2", id="capabilities").find_next("table")
    assert "Refunds" not in table.get_text()
    retired = billing.find("h2", id="retired").find_next("ul")
    assert "Refunds" in retired.get_text() and "Written replies" in retired.get_text()
    rubric = content(page(retired_site, "maps/billing/rubric/"))
    assert rubric.find("tr", id="refunds")["class"] == ["hub-retired"]
    support_rubric = content(page(retired_site, "maps/support/rubric/"))
    assert support_rubric.find(id="replies") is not None and support_rubric.find("tr", id="customer-replies") is not None
    challenges = content(page(retired_site, "challenges/"))
    assert challenges.find(id="support--replies") is not None and challenges.find(id="billing--refunds") is not None


@pytest.mark.build
def test_tombstones_are_not_searchable(retired_site: Path) -> None:
    locations = set(searched_pages(retired_site))
    assert "maps/billing/refunds/" not in locations and "maps/support/replies/" not in locations
    assert "maps/support/customer-replies/" in locations


@pytest.mark.build
def test_site_with_tombstones_has_no_broken_link_and_no_duplicate_id(retired_site: Path) -> None:
    assert broken_links(retired_site) == []
    assert duplicate_ids(retired_site) == []


@pytest.mark.build
def test_tombstones_keep_every_anchor_the_live_pages_have(site: Path) -> None:
    """The anchor lists are written by hand: every id of a built capability or challenge page is in them."""
    hub, _ = load_hub(HubOptions(root=Path(__file__).parent / "fixtures" / "small-hub"))
    index = HubIndex.build(hub)
    for key, (entry, _, capability) in index.capabilities.items():
        ids = {el["id"] for el in content(page(site, f"maps/{key.map_id}/{key.capability_id}/")).find_all(id=True)}
        ids = {i for i in ids if not i.startswith(CONTROL_ID_PREFIXES)}
        assert ids <= {a.id for a in capability_anchors(entry, capability)}, key
    for challenge_id, challenge in hub.challenges.items():
        ids = {el["id"] for el in content(page(site, f"challenges/{challenge_id}/")).find_all(id=True)}
        ids = {i for i in ids if not i.startswith(CONTROL_ID_PREFIXES)}  # form controls, not anchors
        in_paths = bool(index.paths_by_challenge.get(challenge_id))
        assert ids == {a.id for a in challenge_anchors(challenge, in_paths=in_paths)}, challenge_id


# -- the change log ----------------------------------------------------------------------------------


@pytest.mark.build
def test_change_log_on_the_map_page_newest_first(retired_site: Path) -> None:
    article = content(page(retired_site, "maps/support/"))
    log = article.find("h2", id="changes").find_next("ul")
    assert [li.get_text(" ", strip=True)[:10] for li in log.find_all("li")] == ["2026-05-02", "2026-01-10"]
    assert log.find("em").get_text() == "Written replies"
    assert article.select_one("a[data-hub-feed]")["href"] == "changes.xml"
    empty = content(page(retired_site, "maps/billing/"))
    assert "No changes recorded yet" in empty.find("h2", id="changes").find_next("p").get_text()
    assert not (retired_site / "maps" / "billing" / "changes.xml").exists()


@pytest.mark.build
def test_change_feed_is_atom_with_dates_from_the_log(retired_site: Path) -> None:
    atom = "{http://www.w3.org/2005/Atom}"
    feed = ET.fromstring((retired_site / "maps" / "support" / "changes.xml").read_bytes())
    assert feed.findtext(f"{atom}title") == "Test hub: Customer support: changes"
    assert feed.findtext(f"{atom}updated") == "2026-05-02T00:00:00Z"
    entries = feed.findall(f"{atom}entry")
    assert [e.findtext(f"{atom}updated") for e in entries] == ["2026-05-02T00:00:00Z", "2026-01-10T00:00:00Z"]
    assert entries[0].find(f"{atom}link").get("href") == "./#changes"
    assert feed.find(f"{atom}author/{atom}name").text == "Ana Ruiz"
    ids = [e.findtext(f"{atom}id") for e in entries]
    assert all(i.startswith("urn:uuid:") for i in ids) and len(set(ids)) == 2


@pytest.mark.build
def test_change_feed_uses_site_url_when_given(hub: Path) -> None:
    edit(hub, SUPPORT, "review_date: 2027-01-31\n", "review_date: 2027-01-31\nchanges:\n  - date: 2026-01-10\n    summary: First.\n")
    edit(hub, "mkdocs.yml", "site_name: Test hub\n", "site_name: Test hub\nsite_url: https://learning.example.org/hub/\n")
    result = build(hub)
    assert result.returncode == 0, result.output
    text = (result.site / "maps" / "support" / "changes.xml").read_text(encoding="utf-8")
    assert 'href="https://learning.example.org/hub/maps/support/#changes"' in text
    assert 'rel="self" type="application/atom+xml" href="https://learning.example.org/hub/maps/support/changes.xml"' in text


def test_changes_must_have_dates(hub: Path) -> None:
    edit(hub, SUPPORT, "review_date: 2027-01-31\n", "review_date: 2027-01-31\nchanges:\n  - date: soon\n    summary: First.\n")
    assert validate(hub) == [f"{where(hub, SUPPORT, 'soon')}: error: HUB133 changes[0].date must be a date written YYYY-MM-DD (got 'soon')"]
