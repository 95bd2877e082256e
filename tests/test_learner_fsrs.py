"""fsrs.js against py-fsrs, the reference implementation: the same ratings at the same times give
the same stability, difficulty, state, step and due date, with and without learning steps and fuzz."""

from __future__ import annotations

from datetime import datetime, timedelta, timezone
from typing import Any

import fsrs
import fsrs.scheduler
import pytest
from learner_js import Modules, from_ms, hash_unit, modules, to_ms

START = datetime(2025, 3, 3, 9, 30, tzinfo=timezone.utc)
DAY_MS = 86_400_000


@pytest.fixture(scope="module")
def js(browser: Any):
    with modules(browser) as loaded:
        yield loaded


SEQUENCES = {
    "all-good": [3, 3, 3, 3, 3, 3, 3],
    "forget-and-relearn": [1, 3, 3, 1, 2, 4, 3, 3],
    "easy-run": [4, 4, 4, 4, 4],
    "hard-start": [2, 2, 2, 1, 1, 3, 3, 3],
    "mixed": [3, 1, 1, 1, 3, 4, 4, 2, 3, 1, 3],
}
TIMING = {
    "on-time": lambda due, i: due,  # the learner reviews when the prompt is due
    "late": lambda due, i: due + timedelta(days=i % 4, hours=5),  # sometimes days late
    "same-day": lambda due, i: due - timedelta(hours=(i % 3) * 4) if i else due,  # early, short-term
}
CONFIGS = {
    "py-fsrs-defaults": dict(),  # learning steps 1 and 10 minutes, relearning 10 minutes
    "hub": dict(learning_steps=(), relearning_steps=()),
}
JS_CONFIGS = {"py-fsrs-defaults": "PY_FSRS_DEFAULTS", "hub": "HUB_SCHEDULER"}


def python_schedule(config: str, ratings: list[int], timing: str, fuzz: bool, monkeypatch: pytest.MonkeyPatch) -> list[dict[str, Any]]:
    """Reviews a card with py-fsrs; fuzz draws the same numbers fsrs.js draws (a hash of card and time)."""
    scheduler = fsrs.Scheduler(enable_fuzzing=fuzz, **CONFIGS[config])
    current: dict[str, float] = {}
    monkeypatch.setattr(fsrs.scheduler, "random", lambda: current["value"])
    card = fsrs.Card(card_id=1, due=START + timedelta(days=1))
    at = START + timedelta(days=1)
    steps = []
    for i, rating in enumerate(ratings):
        if i:
            at = TIMING[timing](card.due, i)
        current["value"] = hash_unit(f"card|{to_ms(at)}")
        card, _ = scheduler.review_card(card, fsrs.Rating(rating), at)
        steps.append(
            {
                "at": to_ms(at),
                "rating": rating,
                "state": int(card.state),
                "step": card.step,
                "stability": card.stability,
                "difficulty": card.difficulty,
                "due": to_ms(card.due),
                "lastReview": to_ms(card.last_review),
            }
        )
    return steps


def js_schedule(js: Modules, config: str, reviews: list[dict[str, Any]], fuzz: bool) -> list[dict[str, Any]]:
    return js.run(
        """
        const { Scheduler, newCard, hashUnit } = m.fsrs;
        const scheduler = new Scheduler({ ...m.fsrs[arg.config], enableFuzzing: arg.fuzz });
        let card = newCard(arg.start + 86400000);
        const out = [];
        for (const r of arg.reviews) {
          card = scheduler.review(card, r.rating, r.at, () => hashUnit(`card|${r.at}`));
          out.push(card);
        }
        return out;
        """,
        {"config": JS_CONFIGS[config], "fuzz": fuzz, "start": to_ms(START), "reviews": reviews},
    )


@pytest.mark.browser
@pytest.mark.parametrize("fuzz", [False, True], ids=["no-fuzz", "fuzz"])
@pytest.mark.parametrize("timing", sorted(TIMING))
@pytest.mark.parametrize("config", sorted(CONFIGS))
@pytest.mark.parametrize("sequence", sorted(SEQUENCES))
def test_fsrs_js_schedules_as_py_fsrs(js: Modules, monkeypatch: pytest.MonkeyPatch, sequence: str, config: str, timing: str, fuzz: bool) -> None:
    expected = python_schedule(config, SEQUENCES[sequence], timing, fuzz, monkeypatch)
    got = js_schedule(js, config, expected, fuzz)
    assert len(got) == len(expected)
    for i, (want, card) in enumerate(zip(expected, got)):
        where = f"review {i + 1} (rating {want['rating']} at {from_ms(want['at']).isoformat()})"
        assert card["state"] == want["state"], where
        assert card["step"] == want["step"], where
        assert card["stability"] == pytest.approx(want["stability"], rel=1e-12), where
        assert card["difficulty"] == pytest.approx(want["difficulty"], rel=1e-12), where
        assert card["due"] == want["due"], f"{where}: due {from_ms(card['due'])}, py-fsrs {from_ms(want['due'])}"
        assert card["lastReview"] == want["lastReview"], where


def test_the_sequences_reach_every_state_and_fuzzed_intervals(monkeypatch: pytest.MonkeyPatch) -> None:
    """Guards the comparison above against testing only easy paths."""
    states, fuzzed = set(), 0
    for sequence in SEQUENCES.values():
        for timing in TIMING:
            plain = python_schedule("py-fsrs-defaults", sequence, timing, False, monkeypatch)
            fuzzy = python_schedule("py-fsrs-defaults", sequence, timing, True, monkeypatch)
            states |= {step["state"] for step in plain}
            fuzzed += sum(a["due"] != b["due"] for a, b in zip(plain, fuzzy))
    assert states == {1, 2, 3}
    assert fuzzed > 10


@pytest.mark.browser
def test_the_hub_scheduler_brings_a_forgotten_prompt_back_the_next_day(js: Modules) -> None:
    card = js.run(
        "const s = new m.fsrs.Scheduler(m.fsrs.HUB_SCHEDULER); return s.review(m.fsrs.newCard(0), 1, 1000, () => 0.5);"
    )
    assert card["due"] - 1000 == DAY_MS
    assert card["state"] == 2 and card["step"] is None


@pytest.mark.browser
def test_the_hub_scheduler_uses_py_fsrs_default_parameters(js: Modules) -> None:
    assert js.run("return [...m.fsrs.HUB_SCHEDULER.parameters];") == list(fsrs.scheduler.DEFAULT_PARAMETERS)
    assert js.run("return m.fsrs.HUB_SCHEDULER.desiredRetention;") == fsrs.Scheduler().desired_retention


@pytest.mark.browser
@pytest.mark.parametrize("value", [0.5, 1.5, 2.5, 3.5, -2.5, 2.4999, 2.5001, 7.0])
def test_py_round_rounds_halves_to_even_like_python(js: Modules, value: float) -> None:
    assert js.call("fsrs.js", "pyRound", value) == round(value)


@pytest.mark.browser
@pytest.mark.parametrize("text", ["", "card|1741000000000", "support/triage|0", "déjà vu — ✓"])
def test_hash_unit_matches_the_python_copy_used_above(js: Modules, text: str) -> None:
    assert js.call("fsrs.js", "hashUnit", text) == hash_unit(text)
