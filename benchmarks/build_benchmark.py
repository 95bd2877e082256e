"""Build-time benchmark: a synthetic competency hub against a plain MkDocs + Material site of equal size.

Why: on every build the plugin loads, validates and renders each map, capability, rubric, path and
challenge into pages. This script shows what that costs on top of what MkDocs + Material cost anyway
for the same number of pages, and how `competency-hub validate` time grows with the content.

    .venv/bin/python benchmarks/build_benchmark.py [--capabilities N] [--challenges M] [--maps K]
                                                   [--repeat R] [--out DIR] [--seed S]

Steps: generate a valid hub (checked with `check_hub`; the script aborts on any error), build it once
to count and size its pages, generate a baseline of ordinary Markdown pages mirroring those pages,
then time R interleaved builds of each (fresh site folder each time) and report medians. Results are
printed as a Markdown table and written to benchmarks/out/results-<N>-<M>.json.

Standard library plus the project's own package only; no timing is ever asserted.
"""

from __future__ import annotations

import argparse
import datetime
import html
import json
import os
import platform
import random
import re
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass, field
from importlib import metadata
from pathlib import Path
from typing import Any

from competency_hub.cli import check_hub

HERE = Path(__file__).resolve().parent
RESULTS_DIR = HERE / "out"
MARKDOWN_EXTENSIONS = ["attr_list", "md_in_html", "tables", "toc", "admonition"]
"""The extensions the plugin adds to the hub build; the baseline uses the same, so Markdown costs match."""

# --------------------------------------------------------------------------------------------------
# Word banks. Behaviour wording is observable on purpose (no "understand", "know", "effectively"…),
# so the generated hub is clean under the language lint, like a well-written real one.

SCALE = [
    {
        "id": "assisted",
        "name": "Assisted",
        "summary": "Does routine work from a checklist with a lead close by.",
        "complexity": "Routine cases that match the checklist.",
        "quality": "A lead corrects about one piece of work in five.",
        "independence": "Asks a lead before leaving the checklist.",
    },
    {
        "id": "independent",
        "name": "Independent",
        "summary": "Handles the usual cases alone.",
        "complexity": "Cases with one unusual factor.",
        "quality": "Nine pieces of work in ten need no correction.",
        "independence": "Works alone and escalates unusual cases.",
    },
    {
        "id": "proficient",
        "name": "Proficient",
        "summary": "Handles hard cases and helps others with theirs.",
        "complexity": "Cases with several unusual factors or conflicting rules.",
        "quality": "Work is used by others as a reference.",
        "independence": "Decides alone and reviews the work of others on request.",
    },
    {
        "id": "expert",
        "name": "Expert",
        "summary": "Sets the standard and improves how the team works.",
        "complexity": "New kinds of cases and changes to the process itself.",
        "quality": "Work becomes the example in the team's guides.",
        "independence": "Sets direction and coaches others.",
    },
]

AREAS = [
    ("customer-support", "Customer support", "agents who answer customers by chat, phone and e-mail"),
    ("billing-operations", "Billing operations", "people who issue invoices, refunds and credit notes"),
    ("field-service", "Field service", "technicians who install and repair equipment on site"),
    ("account-management", "Account management", "account managers who renew and grow customer contracts"),
    ("warehouse", "Warehouse operations", "staff who receive, store and ship orders"),
    ("quality-assurance", "Quality assurance", "testers who check releases before they reach customers"),
    ("people-operations", "People operations", "coordinators who run hiring and onboarding"),
    ("incident-response", "Incident response", "on-call engineers who restore service during outages"),
]

TOPICS = [
    "ticket", "invoice", "handover note", "incident report", "call summary", "release note",
    "refund request", "onboarding plan", "status update", "escalation", "customer record",
    "meeting agenda", "test plan", "risk log", "purchase order", "quote", "shift report",
    "feedback note", "process map", "help article", "site visit report", "stock count",
]

ASPECTS = [
    "Writing", "Reviewing", "Prioritising", "Planning", "Checking", "Handing over",
    "Escalating", "Summarising", "Tracking", "Presenting",
]

BEHAVIOURS = [  # two templates per level, lowest level first
    (
        "Completes each {topic} from the team checklist and ticks every step as it is done.",
        "Asks a lead to check the {topic} before it goes out and notes each change the lead makes.",
    ),
    (
        "Writes {a_topic} without the checklist in under {minutes} minutes, with every required field filled in.",
        "Names the main risk in each {topic} and records it in the shared log the same day.",
    ),
    (
        "Adapts the {topic} to an unusual case and writes down the reason in one sentence.",
        "Reviews two colleagues' {topics} a week and returns one concrete change for each.",
    ),
    (
        "Proposes a change to the {topic} checklist when the same correction appears three times in a month.",
        "Runs a 20-minute practice session on the {topic} and records what each participant changed.",
    ),
]

RUBRIC = [
    (
        "completeness",
        "Every required part present",
        [
            "Most parts present; the lead adds the rest.",
            "All parts present, in the agreed order.",
            "All parts present, plus the context a reader needs for an unusual case.",
            "All parts present, and a gap in the checklist itself is flagged.",
        ],
    ),
    (
        "clarity",
        "A reader can act on it without asking",
        [
            "A reader needs one follow-up question.",
            "A reader acts on it with no follow-up question.",
            "A reader new to the case acts on it with no follow-up question.",
            "It is reused as the example in the team guide.",
        ],
    ),
]

SENTENCES = [
    "When the {topic} is unclear, the next person in the chain loses time asking for it again.",
    "A good {topic} lets someone who was not there pick the work up in a couple of minutes.",
    "Teams that practise this in short sessions see fewer returns and fewer repeated questions.",
    "Doing it in {minutes} minutes keeps the habit small enough to repeat every week.",
    "Most mistakes here come from skipping one step under time pressure, not from missing skill.",
    "The customer rarely sees the {topic} itself, but they feel every delay it causes.",
    "Start from the last real case you handled rather than from an invented one.",
    "Write the first version quickly, then spend the remaining time checking it against the rubric.",
    "Ask one colleague to read it cold and note where they hesitate.",
    "Keep the wording plain: short sentences, one fact each, numbers where there are numbers.",
    "If something does not fit the checklist, say so in one line instead of forcing it in.",
    "Compare your result with the example below and mark the two biggest differences.",
    "The review at the end matters more than the draft, because that is where the pattern shows.",
    "Over a month the small corrections add up to a noticeably calmer queue.",
    "Leads use the same rubric in check-ins, so practising with it now makes that conversation easier.",
    "The example below was written on a busy Monday and still covers every required part.",
    "Notice how it names the next step and the owner before anything else.",
    "It leaves out the history nobody needs and links to the record instead.",
    "Each line answers a question the reader would otherwise have asked.",
    "Time spent here is repaid the first time someone else has to pick up the work.",
]

PROSE = [
    "This page describes how the team handles the {topic} from start to finish.",
    "The process has changed over the last year, and the notes below reflect the current version.",
    "Each section covers one part of the work, with the questions people ask most often.",
    "Where a step depends on another team, the contact and the usual turnaround are given.",
    "The checklist is kept short on purpose; anything unusual is noted in the shared log.",
    "Reviews happen weekly, and the findings feed back into the guide.",
    "New starters usually need two or three weeks before they handle the whole flow alone.",
    "Numbers in the examples come from a real month, rounded to keep them readable.",
    "If a case does not fit any of the patterns, escalate it rather than guessing.",
    "The table below sums up who owns which part and how quickly they respond.",
    "Most questions from customers fall into a handful of groups, listed further down.",
    "Keep records short and factual so the next person can act on them quickly.",
]


def slug(text: str) -> str:
    """Lowercase, hyphen-separated id (the hub's Slug pattern) from a title."""
    return re.sub(r"[^a-z0-9]+", "-", text.lower()).strip("-")


def words(text: str) -> int:
    return len(text.split())


def plural(noun: str) -> str:
    return noun[:-1] + "ies" if noun.endswith("y") and noun[-2:-1] not in "aeiou" else noun + "s"


def a(noun: str) -> str:
    """The noun with its indefinite article."""
    return f"{'an' if noun[0] in 'aeiou' else 'a'} {noun}"


# --------------------------------------------------------------------------------------------------
# A tiny block-YAML writer, so content files look like hand-written ones (PyYAML is not stdlib).

_PLAIN = re.compile(r"[A-Za-z][A-Za-z0-9 ,.()'/_-]*[A-Za-z0-9.)]|[A-Za-z]")
_YAML_WORDS = {"yes", "no", "on", "off", "true", "false", "null", "y", "n", "~"}


def yaml_scalar(value: Any) -> str:
    """A scalar, left plain when it reads the same in YAML, double-quoted otherwise."""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, datetime.date):
        return value.isoformat()
    if isinstance(value, int):
        return str(value)
    text = str(value)
    if _PLAIN.fullmatch(text) and text.lower() not in _YAML_WORDS:
        return text
    return json.dumps(text)  # a JSON string is a valid YAML double-quoted scalar


def to_yaml(value: Any, indent: int = 0) -> str:
    """Block-style YAML for dicts, lists and scalars (enough for maps and front matter)."""
    pad = " " * indent
    lines: list[str] = []
    if isinstance(value, dict):
        for key, item in value.items():
            if isinstance(item, (dict, list)) and item:
                lines.append(f"{pad}{yaml_scalar(key)}:")
                lines.append(to_yaml(item, indent + 2))
            elif isinstance(item, list):
                lines.append(f"{pad}{yaml_scalar(key)}: []")
            else:
                lines.append(f"{pad}{yaml_scalar(key)}: {yaml_scalar(item)}")
    elif isinstance(value, list):
        for item in value:
            if isinstance(item, dict):
                nested = to_yaml(item, indent + 2).splitlines()
                lines.append(f"{pad}- {nested[0].lstrip()}")
                lines.extend(nested[1:])
            else:
                lines.append(f"{pad}- {yaml_scalar(item)}")
    return "\n".join(lines)


# --------------------------------------------------------------------------------------------------
# The synthetic hub.


@dataclass
class CapabilitySpec:
    map_id: str
    id: str
    title: str
    topic: str
    critical: bool
    challenges: list[str] = field(default_factory=list)


def _paragraphs(rng: random.Random, bank: list[str], target_words: int, **fill: Any) -> list[str]:
    """Paragraphs of 3–5 different sentences from `bank`, stopping once `target_words` is reached."""
    paragraphs: list[str] = []
    total = 0
    while total < target_words:
        sentences: list[str] = []
        for template in rng.sample(bank, rng.randint(3, 5)):
            sentences.append(template.format(**fill))
            total += words(sentences[-1])
            if total >= target_words:
                break
        paragraphs.append(" ".join(sentences))
    return paragraphs


def _capability(
    spec: CapabilitySpec, earlier: list[CapabilitySpec], next_map_first: str | None, rng: random.Random
) -> dict[str, Any]:
    """One capability: 2 behaviours per level, one evidence with a 2-criterion rubric, prerequisites on earlier ones."""
    minutes = rng.choice([5, 10, 15])
    behaviours: dict[str, list[dict[str, Any]]] = {}
    for position, (level, templates) in enumerate(zip(SCALE, BEHAVIOURS)):
        items = []
        for k, template in enumerate(templates, start=1):
            text = template.format(topic=spec.topic, topics=plural(spec.topic), a_topic=a(spec.topic), minutes=minutes)
            item: dict[str, Any] = {"id": f"{spec.id}-{level['id']}-{k}", "text": text}
            if position:
                item["builds_on"] = f"{spec.id}-{SCALE[position - 1]['id']}-{k}"
            items.append(item)
        behaviours[level["id"]] = items
    prerequisites: list[str] = []
    if earlier and len(earlier) % 3:
        prerequisites.append(earlier[-1].id)
    if len(earlier) >= 4 and earlier[len(earlier) // 2].id not in prerequisites:
        prerequisites.append(earlier[len(earlier) // 2].id)
    data: dict[str, Any] = {
        "id": spec.id,
        "title": spec.title,
        "why": f"A weak {spec.topic} costs the next person time and the customer patience.",
        "critical": spec.critical,
        "moments": [
            f"{a(spec.topic).capitalize()} is due in ten minutes and two facts are missing.",
            f"A colleague hands over a half-finished {spec.topic} at the end of a shift.",
        ],
        "behaviours": behaviours,
        "evidence": [
            {
                "id": "work-sample",
                "title": f"Three recent {plural(spec.topic)}",
                "description": f"Three {plural(spec.topic)} from the last month, exported from the team's tool.",
                "rubric": [
                    {"id": cid, "criterion": criterion, "levels": {lv["id"]: text for lv, text in zip(SCALE, texts)}}
                    for cid, criterion, texts in RUBRIC
                ],
            }
        ],
        "check_in": [
            f"Which {spec.topic} took longest this week, and why?",
            "Which rubric line would you like a second opinion on?",
        ],
        "prerequisites": prerequisites,
    }
    if next_map_first and len(earlier) % 5 == 2:
        data["related"] = [next_map_first]
    return data


def _challenge(
    cid: str, spec: CapabilitySpec, level: dict[str, str], prerequisite: str | None, index: int, rng: random.Random
) -> str:
    """A challenge file: front matter plus a 250–400-word body with the three known sections."""
    minutes = rng.choice([10, 15, 20, 25, 30])
    front: dict[str, Any] = {
        "id": cid,
        "title": f"Redo one {spec.topic} and check it against the rubric ({level['name'].lower()})",
        "summary": f"Practise {spec.title.lower()} on a real {spec.topic} and check it with the rubric.",
        "capability": f"{spec.map_id}/{spec.id}",
        "level": level["id"],
        "time_box": minutes,
        "steps": [
            f"Pick the most recent {spec.topic} you worked on.",
            "Set a timer and redo it from scratch, without looking at the original.",
            "Check the result against each rubric line and mark the gaps.",
            "Share it with a colleague and note their first question.",
        ][: rng.randint(3, 4)],
        "evidence": [
            {"evidence": "work-sample", "produce": f"The redone {spec.topic} with your rubric marks beside it."}
        ],
        "reflection": [
            "Which rubric line was hardest to meet, and what would make it easier next time?",
            f"What did your colleague ask first, and is the answer now in the {spec.topic}?",
        ],
        "recall": [
            {
                "id": "parts",
                "prompt": f"Name the required parts of {a(spec.topic)}.",
                "answer": "The ones on the team checklist, in the agreed order.",
            },
            {
                "id": "escalate",
                "prompt": f"When do you escalate {a(spec.topic)} instead of finishing it?",
                "answer": "When it does not fit the checklist and the reason cannot be written in one line.",
            },
        ],
    }
    if index % 3 == 0:
        prompt = f"Which {spec.topic} of mine would you change first?"
        front["resources"] = [{"kind": "coaching-prompt", "title": "Ask your lead", "text": prompt}]
    elif index % 3 == 1:
        url = f"https://intranet.example.org/guides/{slug(spec.topic)}"
        front["resources"] = [{"kind": "reading", "title": f"{spec.topic.capitalize()} guide", "url": url}]
    if prerequisite:
        front["prerequisites"] = [prerequisite]

    intro = f"A {minutes}-minute practice on a real {spec.topic}, at the {level['name'].lower()} level of the scale."
    table = [
        "| Part | What it says | Why it is there |",
        "|---|---|---|",
        "| Next step | Call the customer back by 14:00 | The reader acts first, reads later |",
        "| Owner | Sam, billing desk | Nobody has to ask who |",
        "| Open question | Is the discount still valid? | Flags the one risk |",
    ]
    template = [
        "Copy this outline into your tool and fill in each line.",
        "",
        f"- **{spec.topic.capitalize()} for:** _who it is for_",
        "- **Next step and owner:** _what happens next, and who does it_",
        "- **Facts:** _one per line, with numbers_",
        "- **Open questions:** _anything the reader must check_",
        "- **Links:** _the record, not its history_",
    ]
    # ~250–400 words in all: the fixed parts above, then prose split 60/40 between the first two sections
    # (headings and the last sentence of each section come on top of the target).
    prose = rng.randint(240, 350) - words(" ".join([intro, *table, *template]))
    fill = {"topic": spec.topic, "minutes": minutes}
    why = _paragraphs(rng, SENTENCES, int(prose * 0.6), **fill)
    example = _paragraphs(rng, SENTENCES, prose - int(prose * 0.6), **fill)
    body = [
        intro,
        "",
        "## Why it matters",
        "",
        "\n\n".join(why),
        "",
        "## Example done well",
        "",
        "\n\n".join(example),
        "",
        *table,
        "",
        "## Template",
        "",
        *template,
        "",
    ]
    return f"---\n{to_yaml(front)}\n---\n\n" + "\n".join(body)


def _path(
    map_id: str, title: str, steps: list[str], capability_of: dict[str, CapabilitySpec], level_of: dict[str, str]
) -> dict[str, Any]:
    """One path: milestones after its first and last steps, and a mandatory one per critical capability practised."""
    milestones: list[dict[str, Any]] = []

    def add(step: str, mandatory: bool) -> None:
        spec = capability_of[step]
        milestones.append(
            {
                "id": f"{slug(spec.topic)}-reviewed-{len(milestones) + 1}",
                "title": f"{spec.title} reviewed by a lead",
                "after": step,
                "capability": spec.id,
                "level": level_of[step],
                "evidence": "work-sample",
                "mandatory": mandatory,
            }
        )

    for step in dict.fromkeys([steps[0], steps[-1]]):
        add(step, capability_of[step].critical)
    for step in steps:
        spec = capability_of[step]
        if spec.critical and not any(m["capability"] == spec.id for m in milestones):
            add(step, True)
    return {
        "id": f"{map_id}-first-steps",
        "title": f"First steps in {title.lower()}",
        "audience": f"Newcomers to {title.lower()} in their first month.",
        "summary": "Do the core work of the role alone, with each piece checked against the rubric.",
        "steps": steps,
        "milestones": milestones,
    }


@dataclass
class HubShape:
    maps: int
    capabilities: int
    challenges: int
    paths: int

    @property
    def expected_pages(self) -> int:
        """Home, maps index, map + rubric per map, capabilities, paths index, paths, challenges index, challenges."""
        return 1 + 1 + 2 * self.maps + self.capabilities + 1 + self.paths + 1 + self.challenges


def generate_hub(root: Path, n_capabilities: int, n_challenges: int, n_maps: int, rng: random.Random) -> HubShape:
    """Writes mkdocs.yml, maps/*.yml and challenges/*.md of a valid hub under `root`."""
    for folder in ("docs", "maps", "challenges"):
        (root / folder).mkdir(parents=True, exist_ok=True)
    areas = [AREAS[i] if i < len(AREAS) else (f"area-{i + 1}", f"Area {i + 1}", "people in this area")
             for i in range(n_maps)]

    # Capabilities spread as evenly as possible over the maps; the first of each map is critical.
    per_map: list[list[CapabilitySpec]] = []
    number = 0
    for m, (map_id, _, _) in enumerate(areas):
        specs = []
        for k in range(n_capabilities // n_maps + (m < n_capabilities % n_maps)):
            number += 1
            topic = TOPICS[(number * 7) % len(TOPICS)]
            title = f"{ASPECTS[number % len(ASPECTS)]} {plural(topic)}"
            specs.append(CapabilitySpec(map_id, f"{slug(title)}-{number:03d}", title, topic, critical=k == 0))
        per_map.append(specs)

    # Challenges over capabilities interleaved across maps (so every map gets some even when M < N),
    # climbing one level each time the round-robin wraps; each one builds on the previous one of its capability.
    interleaved = [specs[k] for k in range(max(map(len, per_map))) for specs in per_map if k < len(specs)]
    by_map: dict[str, list[str]] = {map_id: [] for map_id, _, _ in areas}
    challenge_capability: dict[str, CapabilitySpec] = {}
    challenge_level: dict[str, str] = {}
    for i in range(n_challenges):
        spec = interleaved[i % len(interleaved)]
        level = SCALE[(i // len(interleaved)) % len(SCALE)]
        cid = f"c{i + 1:04d}-{slug(spec.topic)}-{level['id']}"
        prerequisite = spec.challenges[-1] if spec.challenges else None
        text = _challenge(cid, spec, level, prerequisite, i, rng)
        (root / "challenges" / f"{cid}.md").write_text(text, encoding="utf-8")
        spec.challenges.append(cid)
        by_map[spec.map_id].append(cid)
        challenge_capability[cid] = spec
        challenge_level[cid] = level["id"]

    review = datetime.date.today() + datetime.timedelta(days=365)
    paths = 0
    for m, ((map_id, title, audience), specs) in enumerate(zip(areas, per_map)):
        neighbour = per_map[(m + 1) % n_maps][0]
        next_map_first = f"{neighbour.map_id}/{neighbour.id}" if n_maps > 1 else None
        capabilities = [_capability(spec, specs[:k], next_map_first, rng) for k, spec in enumerate(specs)]
        data: dict[str, Any] = {
            "id": map_id,
            "title": title,
            "summary": f"For {audience}.",
            "owners": [{"name": f"{title} enablement team", "role": "Map owners", "contact": f"#{map_id}-enablement"}],
            "review_date": review,
            "status": "active",
            "scale": SCALE,
            "capabilities": capabilities,
        }
        steps = by_map[map_id][:5]  # creation order, so every prerequisite comes first
        if steps:
            data["paths"] = [_path(map_id, title, steps, challenge_capability, challenge_level)]
            paths += 1
        header = f"# Synthetic map generated by benchmarks/build_benchmark.py ({len(specs)} capabilities).\n"
        (root / "maps" / f"{map_id}.yml").write_text(header + to_yaml(data) + "\n", encoding="utf-8")

    # Very large maps (many capabilities on few maps) pass the default 256 KB file limit: raise it then.
    largest = max(f.stat().st_size for f in (root / "maps").glob("*.yml"))
    plugin: Any = "competency-hub" if largest <= 256 * 1024 else {"competency-hub": {"max_file_size": 2 * largest}}
    config = {"site_name": "Benchmark hub", "theme": {"name": "material", "font": False}, "plugins": ["search", plugin]}
    (root / "mkdocs.yml").write_text(to_yaml(config) + "\n", encoding="utf-8")
    return HubShape(n_maps, n_capabilities, n_challenges, paths)


# --------------------------------------------------------------------------------------------------
# The baseline: ordinary Markdown pages mirroring the hub's built pages (same URLs, titles, word counts).

_ARTICLE = re.compile(r'<article class="md-content__inner md-typeset">(.*?)</article>', re.S)
_H1 = re.compile(r"<h1[^>]*>(.*?)</h1>", re.S)
_TAG = re.compile(r"<[^>]+>")


def visible_text(fragment: str) -> str:
    return html.unescape(_TAG.sub(" ", fragment))


def html_pages(site: Path) -> list[Path]:
    """The content pages of a built site (Material's 404.html left out)."""
    return sorted(p for p in site.rglob("*.html") if p.relative_to(site).as_posix() != "404.html")


def _baseline_page(title: str, target_words: int, rng: random.Random, topic: str) -> str:
    """A plain page: a title, `##` sections of prose, a list and now and then a table."""
    lines = [f"# {title}", ""]
    total = words(title)
    section = 0
    while total < target_words:
        section += 1
        heading = f"{rng.choice(ASPECTS)} the {topic} ({section})"
        paragraph = " ".join(rng.choice(PROSE).format(topic=topic) for _ in range(rng.randint(3, 5)))
        lines += [f"## {heading}", "", paragraph, ""]
        total += words(heading) + words(paragraph)
        if section % 2 == 0:
            items = [f"- {rng.choice(PROSE).format(topic=topic)}" for _ in range(3)]
            lines += [*items, ""]
            total += sum(words(i) for i in items)
        if section % 3 == 0:
            lines += ["| Step | Owner | Turnaround |", "|---|---|---|", "| Draft | Requester | Same day |"]
            lines += ["| Review | Lead | One day |", ""]
            total += 12
    return "\n".join(lines)


def generate_baseline(root: Path, hub_site: Path, rng: random.Random) -> int:
    """Writes a plain MkDocs + Material site with one page per hub page; returns the page count.

    Each page sits at the same URL as its hub page, with the same title and about as many visible words,
    so the comparison isolates what the plugin and its richer pages cost. The navigation has the
    same shape as the hub's (home, maps, paths, challenges); every other page is `not_in_nav`.
    """
    docs = root / "docs"
    docs.mkdir(parents=True, exist_ok=True)
    titles: dict[str, str] = {}
    for page in html_pages(hub_site):
        text = page.read_text(encoding="utf-8")
        article = _ARTICLE.search(text)
        body = article.group(1) if article else text
        heading = _H1.search(body)
        title = " ".join(visible_text(heading.group(1)).split()).rstrip("¶ ").strip() if heading else page.parent.name
        target = max(50, words(visible_text(body)))
        src_uri = page.relative_to(hub_site).with_suffix(".md").as_posix()  # x/index.html -> x/index.md: same URL
        titles[src_uri] = title or "Page"
        (docs / src_uri).parent.mkdir(parents=True, exist_ok=True)
        (docs / src_uri).write_text(_baseline_page(titles[src_uri], target, rng, rng.choice(TOPICS)), encoding="utf-8")

    def section(folder: str) -> list[dict[str, str]]:
        """`All …` then each page one level down (`maps/<id>/`, `paths/<id>/`), by title, as the hub lists them."""
        pages = [uri for uri in titles if re.fullmatch(rf"{folder}/[^/]+/index\.md", uri)]
        pages.sort(key=lambda uri: titles[uri].casefold())
        return [{f"All {folder}": f"{folder}/index.md"}] + [{titles[uri]: uri} for uri in pages]

    nav: list[Any] = [
        {"Home": "index.md"},
        {"Maps": section("maps")},
        {"Paths": section("paths")},
        {"Challenges": "challenges/index.md"},
    ]
    config = {
        "site_name": "Benchmark baseline",
        "theme": {"name": "material", "font": False},
        "plugins": ["search"],
        "markdown_extensions": MARKDOWN_EXTENSIONS,
        "nav": nav,
        "not_in_nav": "*",  # pages missing from `nav` are expected, as the hub marks its own
    }
    (root / "mkdocs.yml").write_text(to_yaml(config) + "\n", encoding="utf-8")
    return len(titles)


# --------------------------------------------------------------------------------------------------
# Measuring.


@dataclass
class Build:
    seconds: float
    warnings: list[str]


def subprocess_env(work: Path) -> dict[str, str]:
    """The environment of every timed subprocess.

    Bytecode caching is forced on, into a folder of the benchmark's own (PYTHONPYCACHEPREFIX), so the
    timings are those of a normal install even where PYTHONDONTWRITEBYTECODE is set (as in some CI and
    sandbox images), and the repository tree is left untouched; the warm-up builds fill the cache.
    """
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1", "PYTHONPYCACHEPREFIX": str(work / "pycache")}
    env.pop("PYTHONDONTWRITEBYTECODE", None)
    return env


def mkdocs_build(project: Path, site: Path, env: dict[str, str]) -> Build:
    """One `mkdocs build` in a subprocess into a fresh `site` folder; wall-clock seconds."""
    shutil.rmtree(site, ignore_errors=True)
    command = [sys.executable, "-m", "mkdocs", "build", "-f", str(project / "mkdocs.yml"), "-d", str(site)]
    start = time.perf_counter()
    done = subprocess.run(command, cwd=project, env=env, capture_output=True, text=True)
    seconds = time.perf_counter() - start
    if done.returncode != 0:
        sys.exit(f"mkdocs build failed for {project}:\n{done.stdout}{done.stderr}")
    output = (done.stdout + done.stderr).splitlines()
    return Build(seconds, [line for line in output if line.startswith(("WARNING", "ERROR"))])


def validate_cli(project: Path, env: dict[str, str]) -> float:
    """`competency-hub validate` as a user runs it (interpreter start-up and imports included)."""
    command = [sys.executable, "-m", "competency_hub.cli", "validate", str(project)]
    start = time.perf_counter()
    done = subprocess.run(command, env=env, capture_output=True, text=True)
    seconds = time.perf_counter() - start
    if done.returncode != 0:
        sys.exit(f"competency-hub validate failed:\n{done.stdout}{done.stderr}")
    return seconds


def validate_in_process(project: Path) -> tuple[float, int, int]:
    """(seconds, errors, warnings) of `check_hub`: load and cross-file checks, without start-up cost."""
    start = time.perf_counter()
    diagnostics = check_hub(project)
    return time.perf_counter() - start, len(diagnostics.errors), len(diagnostics.warnings)


def site_stats(site: Path) -> dict[str, Any]:
    pages = html_pages(site)
    largest = max(pages, key=lambda p: p.stat().st_size)
    index = site / "search" / "search_index.json"
    return {
        "pages": len(pages),
        "output_mb": round(sum(p.stat().st_size for p in site.rglob("*") if p.is_file()) / 1e6, 2),
        "largest_page_kb": round(largest.stat().st_size / 1e3, 1),
        "largest_page": largest.relative_to(site).as_posix(),
        "search_index_kb": round(index.stat().st_size / 1e3, 1) if index.is_file() else None,
    }


def machine() -> dict[str, Any]:
    """Facts to read the numbers against."""
    cpu = platform.processor() or platform.machine()
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                cpu = line.split(":", 1)[1].strip()
                break
    except OSError:
        pass

    def version(name: str) -> str | None:
        try:
            return metadata.version(name)
        except metadata.PackageNotFoundError:
            return None

    return {
        "nproc": os.cpu_count(),
        "cpu": cpu,
        "system": f"{platform.system()} {platform.release()}",
        "python": platform.python_version(),
        "mkdocs": version("mkdocs"),
        "mkdocs-material": version("mkdocs-material"),
        "competency-hub": version("competency-hub"),
    }


def markdown_table(results: dict[str, Any]) -> str:
    """The results as a Markdown table, hub beside baseline, with their ratio."""
    hub, base = results["hub"], results["baseline"]
    rows = [
        ("`mkdocs build`, median (s)", "build_s", ".2f"),
        ("`mkdocs build`, fastest (s)", "build_min_s", ".2f"),
        ("per page, median (ms)", "ms_per_page", ".1f"),
        ("HTML pages", "pages", "d"),
        ("output size (MB)", "output_mb", ".2f"),
        ("largest HTML page (KB)", "largest_page_kb", ".1f"),
        ("search_index.json (KB)", "search_index_kb", ".1f"),
    ]
    lines = ["| | hub | baseline | hub / baseline |", "|---|---:|---:|---:|"]
    for name, key, spec in rows:
        a, b = hub[key], base[key]
        shown = [format(v, spec) if v is not None else "–" for v in (a, b)]
        ratio = f"{a / b:.2f}×" if a is not None and b else "–"
        lines.append(f"| {name} | {shown[0]} | {shown[1]} | {ratio} |")
    lines.append(f"| `competency-hub validate`, median (s) | {hub['validate_cli_s']:.2f} | – | – |")
    lines.append(f"| `check_hub()` in-process, median (s) | {hub['validate_in_process_s']:.3f} | – | – |")
    return "\n".join(lines)


# --------------------------------------------------------------------------------------------------


def parse_args(argv: list[str] | None = None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--capabilities", type=int, default=100, metavar="N", help="capabilities in all (default 100)")
    parser.add_argument("--challenges", type=int, default=300, metavar="M", help="challenges in total (default 300)")
    parser.add_argument("--maps", type=int, default=4, metavar="K", help="maps sharing the capabilities (default 4)")
    parser.add_argument("--repeat", type=int, default=3, metavar="R", help="timed builds of each site (default 3)")
    parser.add_argument("--out", type=Path, metavar="DIR", help="generate into DIR and keep it (default: temp folder)")
    parser.add_argument("--seed", type=int, default=1, help="random seed of the generated wording (default 1)")
    args = parser.parse_args(argv)
    if args.maps < 1 or args.capabilities < args.maps or args.challenges < 1 or args.repeat < 1:
        parser.error("need --maps >= 1, --capabilities >= --maps, --challenges >= 1 and --repeat >= 1")
    return args


def run(args: argparse.Namespace, work: Path) -> dict[str, Any]:
    rng = random.Random(args.seed)
    hub_root, base_root = work / "hub", work / "baseline"
    for folder in (hub_root, base_root):
        shutil.rmtree(folder, ignore_errors=True)

    log(f"generating {args.maps} map(s), {args.capabilities} capabilities, {args.challenges} challenges in {hub_root}")
    shape = generate_hub(hub_root, args.capabilities, args.challenges, args.maps, rng)
    diagnostics = check_hub(hub_root)
    if diagnostics.errors:
        for diagnostic in diagnostics.sorted()[:20]:
            print(diagnostic.format_text(), file=sys.stderr)
        sys.exit(f"the generated hub has {len(diagnostics.errors)} error(s); fix the generator")
    log(f"valid: 0 errors, {len(diagnostics.warnings)} warning(s)")

    log("warm-up build of the hub (page sizes for the baseline)")
    hub_site, base_site = work / "site-hub", work / "site-baseline"
    env = subprocess_env(work)
    warm = mkdocs_build(hub_root, hub_site, env)
    hub_stats = site_stats(hub_site)
    if hub_stats["pages"] != shape.expected_pages:
        log(f"note: {hub_stats['pages']} HTML pages built, {shape.expected_pages} expected from the content")
    pages = generate_baseline(base_root, hub_site, rng)
    log(f"baseline: {pages} plain pages in {base_root}; warm-up build")
    mkdocs_build(base_root, base_site, env)
    validate_cli(hub_root, env)

    hub_runs: list[Build] = []
    base_runs: list[Build] = []
    validate_cli_runs: list[float] = []
    validate_runs: list[float] = []
    for r in range(args.repeat):  # interleaved, so drift in machine load hits both sides alike
        hub_runs.append(mkdocs_build(hub_root, hub_site, env))
        base_runs.append(mkdocs_build(base_root, base_site, env))
        validate_cli_runs.append(validate_cli(hub_root, env))
        validate_runs.append(validate_in_process(hub_root)[0])
        log(f"run {r + 1}/{args.repeat}: hub {hub_runs[-1].seconds:.2f} s, baseline {base_runs[-1].seconds:.2f} s, "
            f"validate {validate_cli_runs[-1]:.2f} s")

    def summary(runs: list[Build], stats: dict[str, Any]) -> dict[str, Any]:
        median = statistics.median(b.seconds for b in runs)
        return {
            "build_s": round(median, 3),
            "build_min_s": round(min(b.seconds for b in runs), 3),
            "build_runs_s": [round(b.seconds, 3) for b in runs],
            "ms_per_page": round(1000 * median / stats["pages"], 2),
            "build_warnings": len(runs[-1].warnings),
            **stats,
        }

    hub = summary(hub_runs, site_stats(hub_site))
    hub.update(
        maps=shape.maps,
        capabilities=shape.capabilities,
        challenges=shape.challenges,
        paths=shape.paths,
        content_warnings=len(diagnostics.warnings),
        validate_cli_s=round(statistics.median(validate_cli_runs), 3),
        validate_cli_runs_s=[round(s, 3) for s in validate_cli_runs],
        validate_in_process_s=round(statistics.median(validate_runs), 4),
        warm_up_build_s=round(warm.seconds, 3),
    )
    base = summary(base_runs, site_stats(base_site))
    for name, runs in (("hub", hub_runs), ("baseline", base_runs)):
        for line in runs[-1].warnings[:5]:
            log(f"{name} build: {line}")
    return {
        "date": datetime.datetime.now().astimezone().isoformat(timespec="seconds"),
        "machine": machine(),
        "parameters": {k: (str(v) if isinstance(v, Path) else v) for k, v in vars(args).items()},
        "hub": hub,
        "baseline": base,
        "ratio_build": round(hub["build_s"] / base["build_s"], 2),
    }


def log(message: str) -> None:
    print(f"[benchmark] {message}", file=sys.stderr, flush=True)


def main(argv: list[str] | None = None) -> int:
    args = parse_args(argv)
    if args.out is not None:
        args.out.mkdir(parents=True, exist_ok=True)
        results = run(args, args.out.resolve())
    else:
        with tempfile.TemporaryDirectory(prefix="competency-hub-bench-") as tmp:
            results = run(args, Path(tmp))
    facts = results["machine"]
    print(
        f"\n{results['date'][:10]} · {facts['nproc']} CPU ({facts['cpu']}) · Python {facts['python']} · "
        f"MkDocs {facts['mkdocs']} · Material {facts['mkdocs-material']} · "
        f"{args.maps} maps, {args.capabilities} capabilities, {args.challenges} challenges · median of {args.repeat}\n"
    )
    print(markdown_table(results))
    print(f"\nhub / baseline build time: {results['ratio_build']:.2f}×")
    RESULTS_DIR.mkdir(parents=True, exist_ok=True)
    target = RESULTS_DIR / f"results-{args.capabilities}-{args.challenges}.json"
    target.write_text(json.dumps(results, indent=2) + "\n", encoding="utf-8")
    print(f"results written to {target.relative_to(HERE.parent) if target.is_relative_to(HERE.parent) else target}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
