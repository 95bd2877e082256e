"""The learner tools' pure modules, run in Chromium: progress checks and merges (held to the same
rules as the published schema), plan links, the calendar file (parsed with `icalendar`), the review
queue, and the inline Markdown of recall prompts."""

from __future__ import annotations

import copy
import datetime as dt
from typing import Any

import icalendar
import pytest
from competency_hub.schema import json_schema
from jsonschema import Draft202012Validator
from learner_js import Modules, merge, modules, pydantic_accepts

pytestmark = pytest.mark.browser

T1 = "2025-03-03T09:30:00.000Z"
T2 = "2025-03-04T10:00:00.000Z"
T3 = "2025-03-06T08:15:00.000Z"
DAY_MS = 86_400_000


@pytest.fixture(scope="module")
def js(browser: Any):
    with modules(browser, timezone_id="Europe/Paris") as loaded:
        yield loaded


def doc(**parts: Any) -> dict[str, Any]:
    return {"format": "competency-hub-progress", "version": 1, **parts}


def normalised(js: Modules, document: dict[str, Any]) -> dict[str, Any]:
    return js.run("return m.store.stored(m.store.normalise(arg));", document)


def full(js: Modules) -> dict[str, Any]:
    """A document with something of every kind, in normal form (its card computed by fsrs.js)."""
    return normalised(
        js,
        doc(
            challenges={
                "tag-ten-tickets": {"completed": T1, "note": "Went well\nmostly", "evidence": "https://drive.example/x", "updated": T1},
                "rewrite-macro": {"completed": None, "note": "Started", "evidence": "", "updated": T2},
            },
            levels={"support/triage": [{"level": "assisted", "at": T1}, {"level": "independent", "at": T2}]},
            recall={
                "tag-ten-tickets/urgent": {
                    "since": T1,
                    "reviews": [{"at": T2, "rating": 3}, {"at": T3, "rating": 2}],
                    "card": {"state": 1, "step": 0, "stability": None, "difficulty": None, "due": T1, "last_review": None},
                }
            },
        ),
    )


# -- checking: the browser and the published schema agree ------------------------------------------


def test_good_documents_pass_the_browser_the_model_and_the_schema(js: Modules) -> None:
    schema = Draft202012Validator(json_schema("progress"), format_checker=Draft202012Validator.FORMAT_CHECKER)
    for document in [doc(), full(js), {**full(js), "exported": T3, "hub": "Northwind"}]:
        assert js.call("store.js", "check", document) == []
        assert pydantic_accepts(document)
        assert list(schema.iter_errors(document)) == []


def _bad(change: Any) -> dict[str, Any]:
    document = {
        **doc(),
        "challenges": {"tag-ten-tickets": {"completed": T1, "note": "", "evidence": "", "updated": T1}},
        "levels": {"support/triage": [{"level": "assisted", "at": T1}]},
        "recall": {
            "tag-ten-tickets/urgent": {
                "since": T1,
                "reviews": [{"at": T2, "rating": 3}],
                "card": {"state": 2, "step": None, "stability": 2.3, "difficulty": 2.1, "due": T3, "last_review": T2},
            }
        },
    }
    change(document)
    return document


BAD = {
    "a list": lambda d: d.clear() or d.update({"not": "used"}),
    "another format": lambda d: d.update(format="something-else"),
    "a newer version": lambda d: d.update(version=3),
    "an unknown field": lambda d: d.update(extra=1),
    "a challenge key that is not an id": lambda d: d["challenges"].update({"Tag Ten": d["challenges"]["tag-ten-tickets"]}),
    "a challenge without updated": lambda d: d["challenges"]["tag-ten-tickets"].pop("updated"),
    "a completion that is not a time": lambda d: d["challenges"]["tag-ten-tickets"].update(completed="yesterday"),
    "a time without zone": lambda d: d["challenges"]["tag-ten-tickets"].update(updated="2025-03-03T09:30:00"),
    "a note too long": lambda d: d["challenges"]["tag-ten-tickets"].update(note="x" * 5001),
    "a note that is not text": lambda d: d["challenges"]["tag-ten-tickets"].update(note=3),
    "levels not a list": lambda d: d["levels"].update({"support/triage": {"level": "assisted"}}),
    "a level that is not an id": lambda d: d["levels"]["support/triage"][0].update(level="Expert!"),
    "a capability key without map": lambda d: d["levels"].update({"triage": []}),
    "a recall key without challenge": lambda d: d["recall"].update({"urgent": d["recall"]["tag-ten-tickets/urgent"]}),
    "a rating of 5": lambda d: d["recall"]["tag-ten-tickets/urgent"]["reviews"][0].update(rating=5),
    "a rating as text": lambda d: d["recall"]["tag-ten-tickets/urgent"]["reviews"][0].update(rating="3"),
    "a review with an extra field": lambda d: d["recall"]["tag-ten-tickets/urgent"]["reviews"][0].update(mood="ok"),
    "a card state of 4": lambda d: d["recall"]["tag-ten-tickets/urgent"]["card"].update(state=4),
    "a difficulty of 11": lambda d: d["recall"]["tag-ten-tickets/urgent"]["card"].update(difficulty=11),
    "a stability of 0": lambda d: d["recall"]["tag-ten-tickets/urgent"]["card"].update(stability=0),
    "a card without due": lambda d: d["recall"]["tag-ten-tickets/urgent"]["card"].pop("due"),
    "a recall entry without since": lambda d: d["recall"]["tag-ten-tickets/urgent"].pop("since"),
}


@pytest.mark.parametrize("name", sorted(BAD))
def test_bad_documents_are_refused_by_the_browser_and_by_the_model(js: Modules, name: str) -> None:
    document = _bad(BAD[name])
    problems = js.call("store.js", "check", document)
    assert problems, "the browser accepted a bad document"
    assert not pydantic_accepts(document), "the model accepted a bad document"


def test_the_unchanged_base_document_of_the_bad_cases_is_good(js: Modules) -> None:
    """Guards the parametrised test above: each bad case fails for its own change."""
    document = _bad(lambda d: None)
    assert js.call("store.js", "check", document) == []
    assert pydantic_accepts(document)


def test_a_newer_version_is_refused_with_a_reason_people_understand(js: Modules) -> None:
    assert js.call("store.js", "check", doc(version=3)) == [
        "the file was made by a newer version of the hub (format version 3); this hub reads versions up to 2"
    ]
    assert "not valid JSON" in js.call("store.js", "parse", "{oops")["problems"][0]


# -- normal form and merging ---------------------------------------------------------------------------


def test_normal_form_recomputes_the_card_and_is_stable(js: Modules) -> None:
    document = full(js)
    card = document["recall"]["tag-ten-tickets/urgent"]["card"]
    assert card["state"] == 2 and card["last_review"] == T3 and card["stability"] > 0
    assert normalised(js, document) == document
    tampered = copy.deepcopy(document)
    tampered["recall"]["tag-ten-tickets/urgent"]["card"]["due"] = "2030-01-01T00:00:00.000Z"
    assert normalised(js, tampered) == document


def test_importing_into_an_empty_browser_restores_the_identical_state(js: Modules) -> None:
    result = merge(js, doc(), full(js))
    assert result["state"] == full(js)
    assert result["changes"]["completed"] == ["tag-ten-tickets"]


def test_importing_the_same_file_twice_changes_nothing(js: Modules) -> None:
    result = merge(js, full(js), full(js))
    assert result["unchanged"] and result["state"] == full(js)


def test_merging_keeps_everything_from_both_sides(js: Modules) -> None:
    mine = normalised(
        js,
        doc(
            challenges={"a": {"completed": T1, "note": "mine", "evidence": "", "updated": T1}},
            levels={"m/c": [{"level": "assisted", "at": T1}]},
            recall={"a/p": {"since": T1, "reviews": [{"at": T2, "rating": 3}], "card": full(js)["recall"]["tag-ten-tickets/urgent"]["card"]}},
        ),
    )
    theirs = normalised(
        js,
        doc(
            challenges={
                "a": {"completed": None, "note": "", "evidence": "https://e.example", "updated": T2},
                "b": {"completed": T2, "note": "", "evidence": "", "updated": T2},
            },
            levels={"m/c": [{"level": "expert", "at": T3}], "m/d": [{"level": "assisted", "at": T2}]},
            recall={"a/p": {"since": T1, "reviews": [{"at": T3, "rating": 1}], "card": full(js)["recall"]["tag-ten-tickets/urgent"]["card"]}},
        ),
    )
    result = merge(js, mine, theirs)
    state, changes = result["state"], result["changes"]
    # their record of 'a' is newer: not done any more, their evidence, but my note is not erased
    assert state["challenges"]["a"] == {"completed": None, "note": "mine", "evidence": "https://e.example", "updated": T2}
    assert state["challenges"]["b"]["completed"] == T2
    assert [item["level"] for item in state["levels"]["m/c"]] == ["assisted", "expert"]
    assert "m/d" in state["levels"]
    assert [r["at"] for r in state["recall"]["a/p"]["reviews"]] == [T2, T3]
    assert state["recall"]["a/p"]["card"] == normalised(js, doc(recall={"a/p": {"since": T1, "reviews": [{"at": T2, "rating": 3}, {"at": T3, "rating": 1}], "card": state["recall"]["a/p"]["card"]}}))["recall"]["a/p"]["card"]
    assert changes == {
        "completed": ["b"],
        "uncompleted": ["a"],
        "notes": ["a"],
        "levels": ["m/c", "m/d"],
        "reviews": 1,
        "prompts": ["a/p"],
        "paths": [],
        "milestones": [],
        "capabilityNotes": [],
    }
    assert merge(js, theirs, mine)["state"] == state, "the result does not depend on which side imports"


# -- plan links --------------------------------------------------------------------------------------

CATALOGUE = {
    "challenges": {
        "tag-ten-tickets": {"title": "Tag ten tickets", "minutes": 20, "capability": "support/triage", "level": "assisted", "recall": ["urgent"]},
        "rewrite-macro": {"title": "Rewrite a macro", "minutes": 25, "capability": "support/replies", "level": "assisted", "recall": ["a", "b"]},
        "prioritise-queue": {"title": "Prioritise a queue", "minutes": 15, "capability": "support/triage", "level": "independent", "recall": ["p"]},
        "refund-one": {"title": "Refund one order", "minutes": 10, "capability": "billing/refunds", "level": "assisted", "recall": ["r"]},
        "quiet-listening": {"title": "Listen quietly", "minutes": 10, "capability": "coaching/listening", "level": "assisted", "recall": ["q"]},
    },
    "capabilities": {
        "support/triage": {"title": "Ticket triage", "related": []},
        "support/replies": {"title": "Written replies", "related": ["billing/refunds", "support/triage"]},
        "billing/refunds": {"title": "Refunds", "related": ["support/triage"]},
        "coaching/listening": {"title": "Listening", "related": []},
    },
}


def test_a_plan_survives_its_link(js: Modules) -> None:
    plan = {"challenges": ["rewrite-macro", "tag-ten-tickets"], "title": "Week 12 & more: 50% #1, done?", "note": "Before Friday = ✓\nthen review"}
    fragment = js.call("plan.js", "encodePlan", plan)
    assert "#" not in fragment and " " not in fragment
    assert js.call("plan.js", "decodePlan", "#" + fragment, CATALOGUE) == {"plan": plan, "problems": []}


def test_a_plan_link_with_unknown_or_bad_ids_reports_them(js: Modules) -> None:
    result = js.call("plan.js", "decodePlan", "c=tag-ten-tickets,gone-challenge,Bad_Id,tag-ten-tickets&t=x", CATALOGUE)
    assert result["plan"]["challenges"] == ["tag-ten-tickets"]
    assert result["problems"] == ["the challenge 'gone-challenge' is not in this hub (any more)", "'Bad_Id' is not a challenge id"]
    assert js.call("plan.js", "decodePlan", "top", CATALOGUE) == {"plan": None, "problems": []}
    assert js.call("plan.js", "decodePlan", "c=a&t=%E0%A4%A", None)["plan"]["title"] == ""


def test_a_plan_as_text_lists_time_boxes_links_and_total(js: Modules) -> None:
    text = js.run(
        "return m.plan.planText(arg.plan, arg.catalogue, { pageUrl: (id) => `https://hub.example/challenges/${id}/`, planUrl: 'https://hub.example/plan/#c=x' });",
        {"plan": {"challenges": ["tag-ten-tickets", "rewrite-macro"], "title": "", "note": "Goal: faster triage"}, "catalogue": CATALOGUE},
    )
    assert text.splitlines() == [
        "Practice plan",
        "Goal: faster triage",
        "",
        "1. Tag ten tickets (20 min · Ticket triage)",
        "   https://hub.example/challenges/tag-ten-tickets/",
        "2. Rewrite a macro (25 min · Written replies)",
        "   https://hub.example/challenges/rewrite-macro/",
        "",
        "Total: 45 min",
        "Plan: https://hub.example/plan/#c=x",
    ]


# -- the calendar file -------------------------------------------------------------------------------


def calendar_text(js: Modules, days: list[dict[str, Any]], now: str = T1) -> str:
    return js.run(
        "return m.ics.calendar({ days: arg.days, now: Date.parse(arg.now), hub: 'Northwind; Learning, Hub', url: 'https://hub.example/review/' });",
        {"days": days, "now": now},
    )


DAYS = [
    {"date": "2025-03-04", "count": 1, "titles": ["Tag ten tickets"]},
    {"date": "2025-12-31", "count": 3, "titles": ["Réécrire une macro, vite; bien", "A very long title " * 6, "Émoji ✓ 😀"]},
]


def test_the_calendar_parses_with_icalendar(js: Modules) -> None:
    text = calendar_text(js, DAYS)
    calendar = icalendar.Calendar.from_ical(text)
    assert str(calendar["VERSION"]) == "2.0" and str(calendar["PRODID"])
    events = list(calendar.walk("VEVENT"))
    assert [event.decoded("DTSTART") for event in events] == [dt.date(2025, 3, 4), dt.date(2025, 12, 31)]
    assert [event.decoded("DTEND") for event in events] == [dt.date(2025, 3, 5), dt.date(2026, 1, 1)]
    assert str(events[0]["SUMMARY"]) == "Review 1 recall prompt (Northwind; Learning, Hub)"
    assert str(events[1]["SUMMARY"]) == "Review 3 recall prompts (Northwind; Learning, Hub)"
    description = str(events[1]["DESCRIPTION"])
    for title in DAYS[1]["titles"]:
        assert f"- {title}" in description
    assert description.endswith("https://hub.example/review/")
    assert str(events[0]["URL"]) == "https://hub.example/review/"
    assert events[0].decoded("DTSTAMP") == dt.datetime(2025, 3, 3, 9, 30, tzinfo=dt.timezone.utc)
    alarms = list(events[1].walk("VALARM"))
    assert len(alarms) == 1 and alarms[0].decoded("TRIGGER") == dt.timedelta(hours=9)


def test_the_calendar_follows_rfc_5545_line_rules(js: Modules) -> None:
    text = calendar_text(js, DAYS)
    assert text.endswith("\r\n") and "\n" not in text.replace("\r\n", "")
    for line in text.split("\r\n"):
        assert len(line.encode("utf-8")) <= 75, line


def test_calendar_events_keep_their_uid_from_one_download_to_the_next(js: Modules) -> None:
    first = icalendar.Calendar.from_ical(calendar_text(js, DAYS, T1))
    later = icalendar.Calendar.from_ical(calendar_text(js, DAYS, T3))
    assert [str(e["UID"]) for e in first.walk("VEVENT")] == [str(e["UID"]) for e in later.walk("VEVENT")]
    assert [int(e["SEQUENCE"]) for e in first.walk("VEVENT")] < [int(e["SEQUENCE"]) for e in later.walk("VEVENT")]


def test_an_empty_calendar_is_still_a_calendar(js: Modules) -> None:
    calendar = icalendar.Calendar.from_ical(calendar_text(js, []))
    assert list(calendar.walk("VEVENT")) == []


# -- the review queue --------------------------------------------------------------------------------


def queue_state(js: Modules) -> dict[str, Any]:
    return normalised(
        js,
        doc(
            challenges={
                "tag-ten-tickets": {"completed": T1, "updated": T1},
                "prioritise-queue": {"completed": T1, "updated": T1},
                "rewrite-macro": {"completed": T1, "updated": T1},
                "refund-one": {"completed": T2, "updated": T2},
                "quiet-listening": {"completed": T1, "updated": T1},
                "gone-from-the-hub": {"completed": T1, "updated": T1},
            }
        ),
    )


def test_prompts_are_due_the_day_after_the_challenge_is_done(js: Modules) -> None:
    prompts = js.run("return m.queue.scheduledPrompts(arg[0], arg[1]);", [queue_state(js), CATALOGUE])
    assert sorted(p["key"] for p in prompts) == [
        "prioritise-queue/p", "quiet-listening/q", "refund-one/r", "rewrite-macro/a", "rewrite-macro/b", "tag-ten-tickets/urgent"
    ]
    due = {p["key"]: p["due"] for p in prompts}
    assert due["tag-ten-tickets/urgent"] - js.run("return Date.parse(arg);", T1) == DAY_MS


def test_the_review_queue_interleaves_related_capabilities(js: Modules) -> None:
    order = js.run(
        "const p = m.queue.scheduledPrompts(arg[0], arg[1]);"
        "return m.queue.interleave(m.queue.dueToday(p, Date.parse(arg[2])), arg[1]).map((x) => x.key);",
        [queue_state(js), CATALOGUE, "2025-03-05T12:00:00.000Z"],
    )
    # By due date and id, the capabilities come as triage, listening, replies, refunds; replies is
    # related to triage and refunds, listening to nothing, so it moves after them.
    capabilities = [CATALOGUE["challenges"][key.split("/")[0]]["capability"] for key in order]
    assert capabilities == [
        "support/triage", "support/replies", "billing/refunds", "coaching/listening", "support/triage", "support/replies"
    ]
    assert all(a != b for a, b in zip(capabilities, capabilities[1:]))


def test_due_today_ends_at_local_midnight(js: Modules) -> None:
    # done at 09:30 UTC on 3 March: due at 09:30 UTC on 4 March, 10:30 in Paris (the page's zone)
    due_on = js.run(
        "const p = m.queue.scheduledPrompts(arg[0], arg[1]);"
        "return arg[2].map((now) => m.queue.dueToday(p, Date.parse(now)).length);",
        [normalised(js, doc(challenges={"tag-ten-tickets": {"completed": T1, "updated": T1}})), CATALOGUE,
         ["2025-03-03T22:59:00.000Z", "2025-03-03T23:00:00.000Z", "2025-03-04T08:00:00.000Z"]],
    )
    assert due_on == [0, 1, 1]


def test_upcoming_groups_prompts_by_local_day(js: Modules) -> None:
    days = js.run(
        "const p = m.queue.scheduledPrompts(arg[0], arg[1]); return m.queue.upcoming(p, Date.parse(arg[2]), 14).map((d) => [d.date, d.prompts.length]);",
        [queue_state(js), CATALOGUE, T1],
    )
    assert days == [["2025-03-04", 5], ["2025-03-05", 1]]


# -- recall prompts' inline Markdown -------------------------------------------------------------------


def test_inline_markdown_renders_a_safe_subset(js: Modules) -> None:
    html = js.run(
        "const box = document.createElement('div'); box.append(m.dom.inlineMarkdown(arg, 'https://hub.example/c/')); return box.innerHTML;",
        "Use `loto-tries`, **not** *guesses* — see [the rubric](../rubric/) or [x](javascript:alert(1)) <img src=x onerror=alert(1)>",
    )
    assert html == (
        'Use <code>loto-tries</code>, <strong>not</strong> <em>guesses</em> — see '
        '<a href="https://hub.example/rubric/">the rubric</a> or x) &lt;img src=x onerror=alert(1)&gt;'
    )


# -- main.js without Material ------------------------------------------------------------------------


def test_main_enhances_pages_of_other_themes_without_document_observable(browser: Any) -> None:
    with modules(browser) as fresh:
        state = fresh.run(
            """
            document.body.innerHTML = `
              <div data-hub-learner="challenge" data-hub-challenge-id="tag-ten-tickets" data-hub-recall-count="1">
                <p data-hub-fallback>needs JavaScript</p>
                <div data-hub-controls hidden>
                  <button data-hub-action="complete" aria-pressed="false">Done</button>
                  <p data-hub-slot="status"></p><textarea data-hub-field="note"></textarea>
                  <input data-hub-field="evidence"><p data-hub-slot="saved"></p>
                </div>
              </div>`;
            if (window.document$) throw new Error("this page should not have Material");
            await import(new URL("main.js", location.href).href);
            const element = document.querySelector("[data-hub-learner]");
            for (let i = 0; i < 100 && element.dataset.hubReady !== "true"; i += 1) await new Promise((r) => setTimeout(r, 20));
            element.querySelector("button").click();
            return {
              ready: element.dataset.hubReady,
              controls: element.querySelector("[data-hub-controls]").hidden,
              fallback: element.querySelector("[data-hub-fallback]").hidden,
              pressed: element.querySelector("button").getAttribute("aria-pressed"),
              stored: JSON.parse(localStorage.getItem("competency-hub:v1")).challenges["tag-ten-tickets"].completed !== null,
            };
            """
        )
        assert state == {"ready": "true", "controls": False, "fallback": True, "pressed": "true", "stored": True}


# -- a plan link with the paths followed and the milestones recorded ---------------------------------

JOURNEY_CATALOGUE = {
    **CATALOGUE,
    "maps": {"support": {"title": "Support", "scale": [["assisted", "Assisted"], ["independent", "Independent"], ["expert", "Expert"]]}},
    "paths": [{"id": "first-week", "title": "First week", "map": "support", "steps": ["tag-ten-tickets", "prioritise-queue", "rewrite-macro"]}],
    "milestones": {
        "first-week": [
            {"id": "triage-reviewed", "title": "Triage reviewed", "capability": "support/triage", "level": "independent", "mandatory": True},
        ]
    },
}


def test_a_plan_link_carries_followed_paths_and_milestones(js: Modules) -> None:
    state = {
        "challenges": {"tag-ten-tickets": {"completed": "2025-03-03T09:30:00.000Z"}, "rewrite-macro": {"completed": None}},
        "milestones": {
            "first-week/triage-reviewed": [
                {"at": "2025-03-03T10:00:00.000Z", "date": "2025-03-03", "level": "assisted", "evidence": "", "by": "peer", "reviewer": ""},
                {"at": "2025-03-04T10:00:00.000Z", "date": "2025-03-04", "level": "independent", "evidence": "x", "by": "manager", "reviewer": "Sam Lee"},
            ],
            "gone-path/old": [{"at": "2025-03-04T10:00:00.000Z", "date": "2025-03-04", "level": "expert", "evidence": "", "by": "self", "reviewer": ""}],
        },
    }
    journey = js.run(
        "return m.plan.journeyOf(arg.state, arg.catalogue, ['first-week', 'gone-path'], (id) => Boolean(arg.state.challenges[id]?.completed));",
        {"state": state, "catalogue": JOURNEY_CATALOGUE},
    )
    assert journey == {
        "paths": [{"id": "first-week", "done": 1}],
        "milestones": [{"key": "first-week/triage-reviewed", "level": "independent", "by": "manager", "date": "2025-03-04"}],
    }
    plan = {"challenges": ["prioritise-queue"], "title": "Week 12", "note": "", **journey}
    fragment = js.call("plan.js", "encodePlan", plan)
    assert "Sam" not in fragment  # reviewers' names stay out of links
    assert js.call("plan.js", "decodePlan", "#" + fragment, JOURNEY_CATALOGUE) == {"plan": plan, "problems": []}
    text = js.run(
        "return m.plan.planText(arg.plan, arg.catalogue, { pageUrl: (id) => `https://hub.example/challenges/${id}/`, planUrl: 'https://hub.example/plan/#c=x' });",
        {"plan": plan, "catalogue": JOURNEY_CATALOGUE},
    )
    assert text.splitlines()[-9:] == [
        "Total: 15 min",
        "",
        "Learning paths followed:",
        "- First week: 1 of 3 challenges done",
        "",
        "Milestones recorded:",
        "- First week, Triage reviewed: passed at Independent (reviewed by a manager, 2025-03-04)",
        "",
        "Plan: https://hub.example/plan/#c=x",
    ]


def test_a_plan_link_with_bad_paths_or_milestones_reports_them(js: Modules) -> None:
    fragment = (
        "c=tag-ten-tickets&p=first-week:9,gone:1,Bad:x"
        "&m=first-week/triage-reviewed:assisted:peer:2025-03-01,first-week/triage-reviewed:expert:boss:2025-03-01,"
        "first-week/nope:assisted:self:2025-03-01,first-week/triage-reviewed:wizard:self:2025-03-01"
    )
    result = js.call("plan.js", "decodePlan", fragment, JOURNEY_CATALOGUE)
    assert result["plan"]["paths"] == [{"id": "first-week", "done": 3}]  # never more than the path's steps
    assert result["plan"]["milestones"] == [{"key": "first-week/triage-reviewed", "level": "assisted", "by": "peer", "date": "2025-03-01"}]
    assert result["problems"] == [
        "the path 'gone' is not in this hub (any more)",
        "'Bad:x' is not a path with its steps done",
        "'first-week/triage-reviewed:expert:boss:2025-03-01' is not a milestone record",
        "the milestone 'first-week/nope' is not in this hub (any more)",
        "the level 'wizard' of 'first-week/triage-reviewed' is not in this hub (any more)",
    ]
    below = js.call("plan.js", "milestoneLine", result["plan"]["milestones"][0], JOURNEY_CATALOGUE)
    assert below == "First week, Triage reviewed: recorded at Assisted, below Independent (reviewed by a peer, 2025-03-01)"
