"""Standup prompts (issue 17): each map's JSON Feed 1.1 and Atom feed of recall prompts and one-minute practices.

Two real builds of the small fixture hub, on two pinned build dates (SOURCE_DATE_EPOCH), the second
with a `site_url`: the JSON feeds pass the JSON Feed 1.1 schema of ../shared/standards/jsonfeed/
(skipped, saying why, when it is absent), the Atom feeds parse with xml.etree, the ids are the same
in both builds and both formats, and the rotation puts each item on the days the documented rule says.
"""

from __future__ import annotations

import datetime
import json
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest
import yaml
from competency_hub.render.standup import EPOCH, next_day, rotation_slot
from hub import REPO, BuildResult, build, copy_hub, edit, page
from jsonschema import Draft7Validator
from standards import format_checker, load

pytestmark = pytest.mark.build

ATOM = "{http://www.w3.org/2005/Atom}"
FIRST_DAY = datetime.date(2026, 12, 7)
SECOND_DAY = datetime.date(2027, 3, 2)
PRACTICE = "Say aloud the refund rule you would quote to a customer who asks for a refund on day 31."


def epoch(day: datetime.date) -> str:
    return str((day - EPOCH).days * 86400 + 3600 * 13)  # 13:00 UTC: the build date is the UTC day


@pytest.fixture(scope="module")
def builds(tmp_path_factory: pytest.TempPathFactory) -> tuple[BuildResult, BuildResult]:
    results = []
    for n, (day, head) in enumerate(((FIRST_DAY, ""), (SECOND_DAY, "site_url: https://learning.northwind.example/hub/\n"))):
        root = copy_hub(tmp_path_factory.mktemp(f"standup{n}"))
        edit(root, "maps/billing.yml", "    moments:\n", f"    practice_minute: >-\n      {PRACTICE}\n    moments:\n")
        edit(root, "maps/support.yml", "  - id: triage\n", "  - id: triage\n    practice_minute: Tag the next ticket you open before reading past its first line.\n")
        (root / "mkdocs.yml").write_text(head + (root / "mkdocs.yml").read_text(encoding="utf-8"), encoding="utf-8")
        result = build(root, env={"SOURCE_DATE_EPOCH": epoch(day)})
        assert result.returncode == 0, result.output
        results.append(result)
    return results[0], results[1]


def json_feed(result: BuildResult, map_id: str) -> dict:
    return json.loads((result.site / "maps" / map_id / "standup.json").read_text(encoding="utf-8"))


def atom_feed(result: BuildResult, map_id: str) -> ET.Element:
    return ET.parse(result.site / "maps" / map_id / "standup.xml").getroot()


def test_json_feeds_pass_the_json_feed_schema(builds: tuple[BuildResult, BuildResult]) -> None:
    validator = Draft7Validator(load("jsonfeed/schema-v1.1.json"), format_checker=format_checker())
    for result in builds:
        for map_id in ("support", "billing"):
            feed = json_feed(result, map_id)
            errors = [f"{list(e.absolute_path)}: {e.message}" for e in validator.iter_errors(feed)]
            assert not errors, errors
            assert feed["version"] == "https://jsonfeed.org/version/1.1"
    absolute = json_feed(builds[1], "support")
    assert absolute["feed_url"] == "https://learning.northwind.example/hub/maps/support/standup.json"
    assert absolute["items"][0]["url"] == "https://learning.northwind.example/hub/challenges/prioritise-queue/#recall-impact"
    assert "url" not in json_feed(builds[0], "support")["items"][0], "no relative address where JSON Feed wants an absolute one"


def test_items_carry_prompts_and_the_one_minute_practice(builds: tuple[BuildResult, BuildResult]) -> None:
    items = json_feed(builds[0], "support")["items"]
    assert [item["_standup"]["key"] for item in items] == [
        "support/triage/prioritise-queue/impact",
        "support/triage/tag-ten-tickets/urgent",
        "support/replies/rewrite-macro/next-step",
    ]
    assert items[1]["content_text"] == (
        "Recall: What makes a ticket urgent rather than important?\n"
        "One-minute practice: Tag the next ticket you open before reading past its first line."
    )
    assert items[2]["_standup"]["practice_minute"] is None and items[2]["content_text"].startswith("Recall: ")
    (only,) = json_feed(builds[0], "billing")["items"]  # a capability without challenges: its practice alone
    assert only["_standup"]["key"] == "billing/refunds/practice"
    assert only["content_text"] == f"One-minute practice: {PRACTICE}"
    assert only["_standup"]["page"] == "refunds/"


def test_ids_are_stable_across_builds_and_formats(builds: tuple[BuildResult, BuildResult]) -> None:
    for map_id in ("support", "billing"):
        first, second = json_feed(builds[0], map_id), json_feed(builds[1], map_id)
        ids = [item["id"] for item in first["items"]]
        assert ids == [item["id"] for item in second["items"]]
        assert len(set(ids)) == len(ids) and all(i.startswith("urn:uuid:") for i in ids)
        for result, feed in zip(builds, (first, second)):
            atom = atom_feed(result, map_id)
            assert atom.tag == f"{ATOM}feed"
            entries = atom.findall(f"{ATOM}entry")
            assert [e.findtext(f"{ATOM}id") for e in entries] == ids
            assert [e.findtext(f"{ATOM}content") for e in entries] == [item["content_text"] for item in feed["items"]]
            assert [e.find(f"{ATOM}category").get("term") for e in entries] == [f"slot-{i}" for i in range(len(ids))]
        assert atom_feed(builds[0], map_id).findtext(f"{ATOM}id") == atom_feed(builds[1], map_id).findtext(f"{ATOM}id")


def test_rotation_follows_the_date_from_the_build_date(builds: tuple[BuildResult, BuildResult]) -> None:
    assert (FIRST_DAY - EPOCH).days % 3 == 1  # 20794 days: the pinned date falls on slot 1 of 3
    for result, day in zip(builds, (FIRST_DAY, SECOND_DAY)):
        feed = json_feed(result, "support")
        count = len(feed["items"])
        assert feed["_standup"]["count"] == count == 3
        assert feed["_standup"]["build_date"] == day.isoformat()
        assert feed["_standup"]["build_date_slot"] == rotation_slot(day, count) == (day - datetime.date(1970, 1, 1)).days % 3
        scheduled = []
        for slot, item in enumerate(feed["items"]):
            meta = item["_standup"]
            assert meta["slot"] == slot and meta["every_days"] == count
            start = datetime.date.fromisoformat(meta["next_date"])
            assert day <= start < day + datetime.timedelta(days=count)
            assert (start - datetime.date(1970, 1, 1)).days % count == slot
            assert meta["window"] == {"start": start.isoformat(), "end": (start + datetime.timedelta(days=1)).isoformat()}
            scheduled.append(start)
        assert sorted(scheduled) == [day + datetime.timedelta(days=n) for n in range(count)]
        today = feed["items"][(day - datetime.date(1970, 1, 1)).days % count]
        assert today["_standup"]["next_date"] == day.isoformat()
    assert [i["_standup"]["next_date"] for i in json_feed(builds[0], "support")["items"]] == ["2026-12-09", "2026-12-07", "2026-12-08"]
    assert next_day(0, 3, FIRST_DAY) == datetime.date(2026, 12, 9)


def test_map_page_links_both_feeds(builds: tuple[BuildResult, BuildResult]) -> None:
    soup = page(builds[0].site, "maps/support/")
    links = {a["data-hub-standup-feed"]: a for a in soup.select("a[data-hub-standup-feed]")}
    assert links["json"]["href"] == "standup.json" and links["json"]["type"] == "application/feed+json"
    assert links["atom"]["href"] == "standup.xml" and links["atom"]["type"] == "application/atom+xml"
    assert soup.select_one("h2#standup") is not None
    assert "standup_count" not in soup.select_one("article").get_text(), "the partial's comment stays out of the page"


def test_a_map_without_prompts_or_practices_has_an_empty_feed(tmp_path: Path) -> None:
    result = build(copy_hub(tmp_path), env={"SOURCE_DATE_EPOCH": epoch(FIRST_DAY)})
    assert result.returncode == 0, result.output
    feed = json_feed(result, "billing")
    assert feed["items"] == [] and feed["_standup"]["count"] == 0 and feed["_standup"]["build_date_slot"] is None
    assert Draft7Validator(load("jsonfeed/schema-v1.1.json"), format_checker=format_checker()).is_valid(feed)
    assert atom_feed(result, "billing").findall(f"{ATOM}entry") == []
    soup = page(result.site, "maps/billing/")
    assert {a["data-hub-standup-feed"] for a in soup.select("a[data-hub-standup-feed]")} == {"json", "atom"}
    assert "no recall prompts or one-minute practices yet" in soup.select_one("h2#standup").find_next("p").get_text(" ")


def test_every_starter_capability_has_its_one_minute_practice_in_a_valid_feed(starter_build: BuildResult) -> None:
    assert starter_build.returncode == 0, starter_build.output
    validator = Draft7Validator(load("jsonfeed/schema-v1.1.json"), format_checker=format_checker())
    for map_file in sorted((REPO / "maps").glob("*.yml")):
        data = yaml.safe_load(map_file.read_text(encoding="utf-8"))
        feed = json_feed(starter_build, data["id"])
        assert validator.is_valid(feed), data["id"]
        practised = {item["_standup"]["capability"]: item["_standup"]["practice_minute"] for item in feed["items"]}
        for capability in data["capabilities"]:
            line = " ".join(capability["practice_minute"].split())
            assert practised[f"{data['id']}/{capability['id']}"] == line
            assert len(line) <= 240 and line[0].isupper(), "one concrete line, readable in a minute"
        links = page(starter_build.site, f"maps/{data['id']}/").select("a[data-hub-standup-feed]")
        assert {a["href"] for a in links} == {"standup.json", "standup.xml"}
