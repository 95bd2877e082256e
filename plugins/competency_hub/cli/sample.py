"""`competency-hub generate-sample`: a valid synthetic hub of any size, to try the tool at your scale.

Why: an organisation wants to know how the hub behaves with its hundreds of capabilities, thousands
of challenges and tens of thousands of stories before writing them. The benchmarks build the same
hubs. Everything is drawn from word banks with a seeded generator, so one seed gives the same files
(only the maps' review date follows the calendar: January 1st, two years after the current one,
so a sample validates whenever it is made). The wording is observable, as a real map should be:
the language lint finds nothing, and a generated hub has 0 errors and 0 warnings.
"""

from __future__ import annotations

import datetime
import json
import random
import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from ..clock import today
from ..model.common import slugify

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
        url = f"https://intranet.example.org/guides/{slugify(spec.topic)}"
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
                "id": f"{slugify(spec.topic)}-reviewed-{len(milestones) + 1}",
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


# --------------------------------------------------------------------------------------------------
# Stories: narrative prose of 300–800 words in the four sections, citing real capabilities.

PATTERNS = [
    ("urgent-real-work", "An urgent, real need", "Practice was tied to work that had to happen anyway."),
    ("manager-involvement", "Manager involvement", "The manager booked practice time and asked for the evidence."),
    ("authentic-evidence", "Authentic evidence", "Evidence came from real work, not from an exercise."),
    ("adjacent-skills", "Adjacent skills", "Growth depended on a neighbouring capability practised alongside."),
    ("peer-modelling", "Peer modelling", "Someone a level up showed the behaviour on real work."),
    ("protected-time", "Protected time", "Practice had a fixed slot in the week that nothing else could take."),
    ("second-reviewer", "A second reviewer", "A second person reviewed the evidence, so the levels stayed honest."),
    ("unclear-levels", "Unclear levels", "Nobody could tell two levels apart, so progress stalled."),
    ("system-constraint", "A system constraint", "A tool or a process blocked the new behaviour."),
]
OUTCOME_KINDS = [
    ("cycle-time", "Cycle time"),
    ("quality", "Quality"),
    ("safety", "Safety"),
    ("revenue", "Revenue"),
    ("customer-experience", "Customer experience"),
    ("engagement", "Engagement"),
    ("cost", "Cost"),
]
FUNCTIONS = ["Engineering", "Customer Success", "Warehouse operations", "Field service", "Sales", "Finance", "People", "Logistics"]
FIRST_NAMES = ["Alex", "Sam", "Noor", "Kenji", "Aisha", "Tomás", "Priya", "Jonas", "Mei", "Daniel", "Fatima", "Lars", "Chloé", "Ravi", "Ana", "Olu"]
LAST_NAMES = ["Herrera", "Bello", "Watanabe", "Osei", "Jansen", "Novak", "Larsen", "Moreau", "Singh", "Costa", "Kowalski", "Nakamura"]
ROLES = ["Team lead", "Engineer", "Coordinator", "Specialist", "Manager", "Analyst"]

STORY_SENTENCES = {
    "what-happened": [
        "In {month} the {team} had a backlog of {topics} that kept growing week after week.",
        "Most of the delay came from {topics} that had to be sent back because a part was missing.",
        "The lead noticed that the same three corrections came up in almost every review.",
        "A new customer contract doubled the number of {topics} the team handled each day.",
        "Two experienced colleagues left in the same month, and newcomers took over their work.",
        "The team agreed to practise on real {topics} for fifteen minutes at the start of each shift.",
        "Each person picked one behaviour from the map and tried it on the next piece of real work.",
        "Reviews used the rubric of the capability page, one criterion at a time.",
        "Nobody wanted another training course; the team wanted to get through the queue.",
        "The first week was awkward, and two sessions were skipped for urgent calls.",
    ],
    "what-worked": [
        "Short practice on real work beat any role play: people saw the effect the same day.",
        "Pairing a newcomer with someone a level up made the behaviours visible.",
        "The rubric gave reviews a shared language, so feedback took minutes instead of an hour.",
        "Keeping evidence in the team's own tool meant nobody had to collect it twice.",
        "The manager asked about one piece of evidence in every check-in, and people noticed.",
        "A one-page checklist on the wall replaced a long guide that nobody opened.",
        "Counting returned {topics} every Friday kept the improvement in view.",
        "Colleagues started asking each other for a second look before sending a {topic}.",
    ],
    "what-stalled": [
        "The night shift had no reviewer, so their evidence waited until the next morning.",
        "Two levels of the scale read almost the same, and people argued about where they stood.",
        "The tool did not let people attach a note to a {topic}, so the reason for a change got lost.",
        "During the peak weeks practice stopped altogether and took a month to restart.",
        "Some reviews turned into long discussions about wording rather than the behaviour.",
        "People in other teams did not know the new checklist and kept sending the old format.",
    ],
    "lessons": [
        "Practise on the work you have anyway, while it hurts.",
        "Agree on what each level looks like before anyone places themselves on the scale.",
        "Protect a small slot in the week; a long workshop once a quarter does not stick.",
        "Review real evidence together and keep the conversation on one criterion at a time.",
        "Ask the manager to join one review a month; it signals that the time is well spent.",
        "Write down the one change each person makes, so progress is visible a month later.",
    ],
}
STORY_SHARE = {"what-happened": 0.35, "what-worked": 0.3, "what-stalled": 0.2, "lessons": 0.15}
MONTHS = ["January", "February", "March", "April", "May", "June", "July", "August", "September", "October", "November", "December"]
STORY_FIRST_DAY = datetime.date(2018, 1, 1)
STORY_DAYS = 8 * 365
"""Stories are dated over eight past years (2018–2025), so none is in the future whenever the sample is built."""


@dataclass
class StoryLibrary:
    authors: list[str]
    teams: list[str]


def _story_files(root: Path, rng: random.Random) -> StoryLibrary:
    """stories/authors.yml (60 authors) and stories/patterns.yml (9 patterns, 7 outcome kinds)."""
    folder = root / "stories"
    folder.mkdir(parents=True, exist_ok=True)
    authors: dict[str, dict[str, str]] = {}
    teams = [f"{rng.choice(AREAS)[1]} team {n}" for n in range(1, 81)]
    while len(authors) < 60:
        name = f"{rng.choice(FIRST_NAMES)} {rng.choice(LAST_NAMES)}"
        author_id = slugify(name) + f"-{len(authors) + 1}"
        authors[author_id] = {"name": name, "role": rng.choice(ROLES), "team": rng.choice(teams)}
    (folder / "authors.yml").write_text(
        "# Synthetic authors written by `competency-hub generate-sample`.\n" + to_yaml({"authors": authors}) + "\n",
        encoding="utf-8",
    )
    patterns = {
        "patterns": [{"id": i, "title": t, "description": d} for i, t, d in PATTERNS],
        "outcomes": [{"id": i, "title": t} for i, t in OUTCOME_KINDS],
    }
    (folder / "patterns.yml").write_text(
        "# Synthetic patterns written by `competency-hub generate-sample`.\n" + to_yaml(patterns) + "\n", encoding="utf-8"
    )
    return StoryLibrary(list(authors), teams)


def _story(number: int, specs: list[CapabilitySpec], library: StoryLibrary, rng: random.Random) -> tuple[str, str]:
    """(slug, file text) of one story: 1–3 cited capabilities, 0–2 outcomes, 0–3 patterns, 300–800 words."""
    cited = rng.sample(specs, min(len(specs), rng.randint(1, 3)))
    lead = cited[0]
    team = rng.choice(library.teams)
    date = STORY_FIRST_DAY + datetime.timedelta(days=rng.randrange(STORY_DAYS))
    fill = {"topic": lead.topic, "topics": plural(lead.topic), "team": team.lower(), "month": MONTHS[date.month - 1]}
    aspect = rng.choice(ASPECTS)
    title = f"{aspect} {plural(lead.topic)} in the {team.lower()}"
    story_slug = f"{slugify(aspect + ' ' + plural(lead.topic))}-{number:05d}"
    outcomes = []
    for kind, _ in rng.sample(OUTCOME_KINDS, rng.randint(0, 2)):
        before = rng.randint(8, 60)
        outcomes.append(
            {"measure": f"{plural(lead.topic).capitalize()} sent back", "kind": kind, "before": before,
             "after": rng.randint(1, before), "unit": "per month"}
        )
    front: dict[str, Any] = {
        "title": title,
        "date": date,
        "authors": rng.sample(library.authors, rng.randint(1, 2)),
        "context": {"team": team, "function": rng.choice(FUNCTIONS)},
        "capabilities": [
            {"capability": f"{spec.map_id}/{spec.id}", "level": rng.choice(SCALE)["id"]} for spec in cited
        ],
        "outcomes": outcomes,
        "patterns": [p[0] for p in rng.sample(PATTERNS, rng.randint(0, 3))],
        "summary": (
            f"The {team.lower()} practised {lead.title.lower()} on real {plural(lead.topic)} for a few weeks. "
            f"Fewer {plural(lead.topic)} came back for corrections, and newcomers handled the usual cases alone sooner."
        ),
    }
    total = rng.randint(300, 800)
    body: list[str] = []
    for anchor, share in STORY_SHARE.items():
        body += [f"## {anchor.replace('-', ' ').capitalize()}", ""]
        body += [p + "\n" for p in _paragraphs(rng, STORY_SENTENCES[anchor], int(total * share), **fill)]
    return story_slug, f"---\n{to_yaml(front)}\n---\n\n" + "\n".join(body)


# --------------------------------------------------------------------------------------------------


@dataclass
class SampleShape:
    """What was generated, to compare with what a build publishes."""

    maps: int
    capabilities: int
    challenges: int
    paths: int
    stories: int
    story_slugs: list[str] = field(default_factory=list)


CAPABILITIES_PER_MAP = 25


def _area(number: int) -> tuple[str, str, str]:
    """The id, title and audience of map `number`; past the eighth, the areas repeat as further teams."""
    area_id, title, audience = AREAS[number % len(AREAS)]
    team = number // len(AREAS) + 1
    return (area_id, title, audience) if team == 1 else (f"{area_id}-{team}", f"{title}, team {team}", audience)


def default_maps(capabilities: int) -> int:
    """One map per 25 capabilities, rounded up: 100 capabilities make 4 maps, 1,000 make 40."""
    return max(1, -(-capabilities // CAPABILITIES_PER_MAP))


def review_date() -> datetime.date:
    """January 1st two years after the tool's today: a new sample has no map past its review date."""
    return datetime.date(today().year + 2, 1, 1)


def generate_sample(
    root: Path,
    capabilities: int = 100,
    challenges: int = 300,
    stories: int = 1000,
    maps: int | None = None,
    seed: int = 1,
    *,
    site_name: str = "Sample learning hub",
) -> SampleShape:
    """Writes mkdocs.yml, maps/*.yml, challenges/*.md and stories/ of a valid hub under `root`.

    Without `maps`, one map per 25 capabilities: a map describes a role, and roles name a few
    dozen capabilities, so a hub of 1,000 capabilities has about 40 maps, not 4 of 250.
    """
    if maps is None:
        maps = default_maps(capabilities)
    if maps < 1 or capabilities < maps or challenges < 0 or stories < 0:
        raise ValueError("need at least one map, at least as many capabilities as maps, and no negative counts")
    rng = random.Random(seed)
    for folder in ("docs", "maps", "challenges"):
        (root / folder).mkdir(parents=True, exist_ok=True)
    areas = [_area(i) for i in range(maps)]

    # Capabilities spread as evenly as possible over the maps; the first of each map is critical.
    per_map: list[list[CapabilitySpec]] = []
    number = 0
    for m, (map_id, _, _) in enumerate(areas):
        specs = []
        for k in range(capabilities // maps + (m < capabilities % maps)):
            number += 1
            topic = TOPICS[(number * 7) % len(TOPICS)]
            title = f"{ASPECTS[number % len(ASPECTS)]} {plural(topic)}"
            specs.append(CapabilitySpec(map_id, f"{slugify(title)}-{number:03d}", title, topic, critical=k == 0))
        per_map.append(specs)

    # Challenges over capabilities interleaved across maps (so every map gets some even when M < N),
    # climbing one level each time the round-robin wraps; each one builds on the previous one of its capability.
    interleaved = [specs[k] for k in range(max(map(len, per_map))) for specs in per_map if k < len(specs)]
    by_map: dict[str, list[str]] = {map_id: [] for map_id, _, _ in areas}
    challenge_capability: dict[str, CapabilitySpec] = {}
    challenge_level: dict[str, str] = {}
    for i in range(challenges):
        spec = interleaved[i % len(interleaved)]
        level = SCALE[(i // len(interleaved)) % len(SCALE)]
        cid = f"c{i + 1:04d}-{slugify(spec.topic)}-{level['id']}"
        prerequisite = spec.challenges[-1] if spec.challenges else None
        text = _challenge(cid, spec, level, prerequisite, i, rng)
        (root / "challenges" / f"{cid}.md").write_text(text, encoding="utf-8")
        spec.challenges.append(cid)
        by_map[spec.map_id].append(cid)
        challenge_capability[cid] = spec
        challenge_level[cid] = level["id"]

    paths = 0
    for m, ((map_id, title, audience), specs) in enumerate(zip(areas, per_map)):
        neighbour = per_map[(m + 1) % maps][0]
        next_map_first = f"{neighbour.map_id}/{neighbour.id}" if maps > 1 else None
        data: dict[str, Any] = {
            "id": map_id,
            "title": title,
            "summary": f"For {audience}.",
            "owners": [{"name": f"{title} enablement team", "role": "Map owners", "contact": f"#{map_id}-enablement"}],
            "review_date": review_date(),
            "status": "active",
            "scale": SCALE,
            "capabilities": [_capability(spec, specs[:k], next_map_first, rng) for k, spec in enumerate(specs)],
        }
        steps = by_map[map_id][:5]  # creation order, so every prerequisite comes first
        if steps:
            data["paths"] = [_path(map_id, title, steps, challenge_capability, challenge_level)]
            paths += 1
        header = f"# Synthetic map written by `competency-hub generate-sample` ({len(specs)} capabilities).\n"
        (root / "maps" / f"{map_id}.yml").write_text(header + to_yaml(data) + "\n", encoding="utf-8")

    slugs: list[str] = []
    if stories:
        library = _story_files(root, rng)
        every = [spec for specs in per_map for spec in specs]
        for n in range(1, stories + 1):
            story_slug, text = _story(n, every, library, rng)
            folder = root / "stories" / f"{(n - 1) // 1000 + 1:02d}"  # a thousand files a folder, as a team might file them
            folder.mkdir(exist_ok=True)
            (folder / f"{story_slug}.md").write_text(text, encoding="utf-8")
            slugs.append(story_slug)

    # Very large maps (many capabilities on few maps) pass the default 256 KB file limit: raise it then.
    largest = max(f.stat().st_size for f in (root / "maps").glob("*.yml"))
    plugin: Any = "competency-hub" if largest <= 256 * 1024 else {"competency-hub": {"max_file_size": 2 * largest}}
    config = {"site_name": site_name, "theme": {"name": "material", "font": False}, "plugins": ["search", plugin]}
    # As in the starter's mkdocs.yml: `HUB_OFFLINE=true mkdocs build` makes the file-share copy (a YAML tag
    # that to_yaml does not write, hence the text).
    text = to_yaml(config).replace("  - search\n", "  - search\n  - offline:\n      enabled: !ENV [HUB_OFFLINE, false]\n", 1)
    (root / "mkdocs.yml").write_text(
        "# A synthetic hub written by `competency-hub generate-sample`; build it with `mkdocs build`\n"
        "# (`HUB_OFFLINE=true mkdocs build` for the file-share copy).\n" + text + "\n",
        encoding="utf-8",
    )
    (root / "docs" / ".gitkeep").write_text("", encoding="utf-8")
    return SampleShape(maps, capabilities, challenges, paths, stories, slugs)
