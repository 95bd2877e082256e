"""Finder payload benchmark: how big are the story finder's files for 1,000 and 10,000 stories?

Why: the finder runs in the reader's browser. On the library page it loads the facet table
(`stories/finder-facets.json`: titles, summaries, facet values), and the lunr index
(`stories/finder-index.json`) only when someone types a word. Both are built by the same core
function the build uses (`competency_hub.render.stories.finder_payload`), here from synthetic
stories with realistic lengths: a title of 6-12 words, a summary of two or three sentences
(about 260 characters, like the starter stories), 1-3 capabilities out of 24, 0-3 patterns out
of 9, 0-2 outcome kinds out of 7, one of 80 teams and 8 functions, over eight years.

    .venv/bin/python benchmarks/finder_payload.py [--stories 1000 10000] [--seed 1]

Prints a Markdown table: raw and gzip (level 6, what web servers typically use) sizes, and the
time to build. No assertion: a measurement.
"""

from __future__ import annotations

import argparse
import datetime
import gzip
import random
import sys
import time

from competency_hub.render.stories import TEXT_CHUNK, FinderStory, finder_payload

WORDS = (
    "rollback drill deploy review queue pull request migration incident on-call handover shift "
    "near-miss hazard lockout ladder mezzanine forklift picker scanner conveyor customer renewal "
    "discovery objection complaint follow-up note check-in feedback goal rubric calibration "
    "session guild pilot programme team manager evidence practice recording audit season peak "
    "warehouse depot site carrier order route planning pick-list integration test regression "
    "question call email summary lesson stall win time quality safety revenue cost engagement"
).split()

MAPS = {
    "customer-conversations": ["active-listening", "discovery-questions", "handling-objections", "de-escalation", "follow-up-email", "crm-notes"],
    "software-delivery": ["small-pull-requests", "code-review", "regression-tests", "safe-deploys", "incident-response", "design-notes"],
    "workplace-safety": ["hazard-reporting", "risk-assessment", "lockout-tagout", "manual-handling", "working-at-height", "toolbox-talk"],
    "coaching": ["coaching-questions", "feedback", "evidence-check-ins", "practice-goals", "rubric-calibration", "cop-hosting"],
}
LEVELS = ["assisted", "independent", "adaptive", "shaping"]
PATTERNS = ["urgent-real-work", "manager-involvement", "authentic-evidence", "adjacent-skills", "peer-modelling", "protected-time", "second-reviewer", "unclear-levels", "system-constraint"]
OUTCOMES = ["cycle-time", "quality", "safety", "revenue", "customer-experience", "engagement", "cost"]
FUNCTIONS = ["Engineering", "Customer Success", "Warehouse operations", "Field service", "Sales", "Finance", "People", "Logistics"]


def sentence(rng: random.Random, low: int, high: int) -> str:
    words = [rng.choice(WORDS) for _ in range(rng.randint(low, high))]
    return " ".join(words).capitalize()


def synthetic(n: int, seed: int) -> list[FinderStory]:
    rng = random.Random(seed)
    teams = [f"{sentence(rng, 1, 3)} team" for _ in range(80)]
    capabilities = [(m, c) for m, caps in MAPS.items() for c in caps]
    start = datetime.date(2019, 1, 1)
    stories = []
    for i in range(n):
        cited = rng.sample(capabilities, rng.randint(1, 3))
        date = start + datetime.timedelta(days=rng.randrange(8 * 365))
        summary = ". ".join(sentence(rng, 12, 18) for _ in range(rng.randint(2, 3))) + "."
        facets = {
            "map": [(m, m.replace("-", " ").capitalize()) for m, _ in cited],
            "capability": [(f"{m}/{c}", c.replace("-", " ").capitalize()) for m, c in cited],
            "level": [(lv, lv.capitalize()) for lv in {rng.choice(LEVELS) for _ in cited}],
            "team": [(team := rng.choice(teams), team)],
            "function": [(fn := rng.choice(FUNCTIONS), fn)],
            "outcome": [(o, o.replace("-", " ").capitalize()) for o in rng.sample(OUTCOMES, rng.randint(0, 2))],
            "pattern": [(p, p.replace("-", " ").capitalize()) for p in rng.sample(PATTERNS, rng.randint(0, 3))],
            "year": [(str(date.year), str(date.year))],
        }
        stories.append(FinderStory(f"story-{i:05d}-{rng.choice(WORDS)}", sentence(rng, 6, 12), summary, date, facets))
    stories.sort(key=lambda s: (-s.date.toordinal(), s.slug))
    return stories


def kib(size: int) -> str:
    return f"{size / 1024:,.0f} KiB" if size < 1024 * 1024 else f"{size / 1024 / 1024:,.2f} MiB"


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--stories", type=int, nargs="+", default=[1000, 10000])
    parser.add_argument("--seed", type=int, default=1)
    args = parser.parse_args(argv)
    print(
        "| Stories | facets, raw | facets, gzip | first text file, gzip | all text files, gzip "
        "| lunr index, raw | lunr index, gzip | build time |"
    )
    print("|---:|---:|---:|---:|---:|---:|---:|---:|")
    for n in args.stories:
        stories = synthetic(n, args.seed)
        began = time.perf_counter()
        payload = finder_payload(stories, "{slug}/")
        took = time.perf_counter() - began
        texts = [len(gzip.compress(text, 6)) for text in payload.texts]
        print(
            f"| {n:,} | {kib(len(payload.facets))} | {kib(len(gzip.compress(payload.facets, 6)))} "
            f"| {kib(texts[0])} | {kib(sum(texts))} ({len(texts)} files of {TEXT_CHUNK}) "
            f"| {kib(len(payload.index))} | {kib(len(gzip.compress(payload.index, 6)))} | {took:.1f} s |"
        )
        sys.stdout.flush()
    return 0


if __name__ == "__main__":
    sys.exit(main())
