"""The loader and every validation rule: each broken variant of the fixture hub is reported at its place.

Each case changes one or two files of a copy of `tests/fixtures/small-hub` and lists the exact
diagnostics expected, as `path:line:col` (path relative to the hub root, 1-based line and column)
and a fragment of the message. Cases also check the count, so a broken file never causes a
cascade of follow-up errors elsewhere.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

import pytest
from competency_hub.diagnostics import Diagnostic, Diagnostics, Severity, did_you_mean
from competency_hub.validate import lint_statement
from hub import SMALL_HUB, diagnostics, edit, matching, validate, where

SUPPORT = "maps/support.yml"
BILLING = "maps/billing.yml"
TAG = "challenges/tag-ten-tickets.md"
PRIORITISE = "challenges/prioritise-queue.md"
REWRITE = "challenges/rewrite-macro.md"
MKDOCS = "mkdocs.yml"

PLUGIN_LINE = "  - competency-hub\n"

BILLING_LAST_LINE = "              independent: Amount correct and the calculation shown.\n"
"""The last line of maps/billing.yml (line 44); text appended after it starts on line 45."""


def plugin_options(**options: object) -> tuple[str, str, str]:
    """An edit of mkdocs.yml that gives the competency-hub plugin these options."""
    lines = "".join(f"      {key}: {value}\n" for key, value in options.items())
    return (MKDOCS, PLUGIN_LINE, "  - competency-hub:\n" + lines)


def append_to_billing(text: str) -> tuple[str, str, str]:
    return (BILLING, BILLING_LAST_LINE, BILLING_LAST_LINE + text)


@dataclass
class Case:
    id: str
    edits: list[tuple[str, str, str]] = field(default_factory=list)
    expected: list[tuple[str, str]] = field(default_factory=list)
    """(`path:line:col`, message fragment) of every diagnostic the variant must produce, and no more."""
    writes: dict[str, str | bytes] = field(default_factory=dict)
    severity: str = "error"

    def apply(self, root: Path) -> None:
        for rel, old, new in self.edits:
            edit(root, rel, old, new)
        for rel, data in self.writes.items():
            if isinstance(data, bytes):
                (root / rel).write_bytes(data)
            else:
                (root / rel).write_text(data, encoding="utf-8")


def _fixture_bytes(rel: str) -> bytes:
    return (SMALL_HUB / rel).read_bytes()


CASES = [
    # -- reading files ------------------------------------------------------------------------------
    Case(
        "yaml-syntax-error",
        edits=[(SUPPORT, "title: Customer support", "title: Customer: support")],
        expected=[("maps/support.yml:3:16", "YAML syntax: mapping values are not allowed")],
    ),
    Case(
        "yaml-syntax-error-unclosed-flow-list",
        edits=[(BILLING, "prerequisites: [support/triage]", "prerequisites: [support/triage\n    related: []")],
        expected=[("maps/billing.yml:27:12", "YAML syntax:")],
    ),
    Case(
        "front-matter-syntax-error-counts-lines-of-the-md-file",
        edits=[(TAG, "level: assisted", "level: assisted: yes")],
        expected=[("challenges/tag-ten-tickets.md:6:16", "YAML syntax: mapping values are not allowed")],
    ),
    Case(
        "missing-front-matter",
        writes={REWRITE: "## Why it matters\n\nMacros save time.\n"},
        expected=[("challenges/rewrite-macro.md:1:1", "missing YAML front matter")],
    ),
    Case(
        "unclosed-front-matter",
        edits=[(REWRITE, "---\n\n## Why it matters", "\n## Why it matters")],
        expected=[("challenges/rewrite-macro.md:1:1", "front matter is not closed")],
    ),
    Case(
        "non-utf8-file",
        # line 28 is `"Hi Sam, …`: the byte 0xE9 replaces the 'a' in column 6
        writes={REWRITE: _fixture_bytes(REWRITE).replace(b"Hi Sam", b"Hi S\xe9m")},
        expected=[("challenges/rewrite-macro.md:28:6", "file is not valid UTF-8")],
    ),
    Case(
        "empty-map-file",
        writes={BILLING: ""},
        expected=[("maps/billing.yml:1:1", "file is empty")],
    ),
    Case(
        "blank-challenge-file",
        writes={REWRITE: "\n   \n"},
        expected=[("challenges/rewrite-macro.md:1:1", "file is empty")],
    ),
    Case(
        "file-too-large",
        # support.yml is about 4 kB, every other content file is under 2 kB
        edits=[plugin_options(max_file_size=2000)],
        expected=[("maps/support.yml:1:1", "more than the 2,000 allowed")],
    ),
    Case(
        "recursive-yaml-alias",
        writes={BILLING: "id: billing\nloop: &loop [*loop]\n"},
        expected=[("maps/billing.yml:1:1", "an alias (*name) refers to the value that contains it")],
    ),
    Case(
        "recursive-yaml-alias-in-front-matter",
        edits=[(REWRITE, "time_box: 15\n", "time_box: 15\nloop: &loop {again: *loop}\n")],
        expected=[("challenges/rewrite-macro.md:2:1", "an alias (*name) refers to the value that contains it")],
    ),
    Case(
        "yaml-nested-too-deeply",
        writes={BILLING: "id: billing\nnest: " + "[" * 3000 + "]" * 3000 + "\n"},
        expected=[("maps/billing.yml:2:1006", "YAML syntax: exceeded maximum nesting depth")],
    ),
    Case(
        "every-file-too-large-for-a-tiny-limit",
        edits=[plugin_options(max_file_size=100)],
        expected=[
            (
                f"{rel}:1:1",
                "more than the 100 allowed for a content file (split it, or raise the plugin option 'max_file_size'",
            )
            for rel in (BILLING, SUPPORT, PRIORITISE, REWRITE, TAG)
        ],
    ),
    Case(
        "top-level-is-a-list",
        writes={BILLING: "- id: billing\n- title: Billing\n"},
        expected=[
            ("maps/billing.yml:1:1", "a map file must be a mapping of fields (id, title, summary, …), but it is a list")
        ],
    ),
    Case(
        "front-matter-is-plain-text",
        edits=[(REWRITE, _fixture_bytes(REWRITE).decode().split("---\n")[1], "just words\n")],
        expected=[("challenges/rewrite-macro.md:2:1", "challenge front matter must be a mapping of fields")],
    ),
    # -- the shape of the data ----------------------------------------------------------------------
    Case(
        "missing-top-level-field-at-the-root-mapping",
        # support.yml starts with a comment line, so its mapping starts on line 2
        edits=[(SUPPORT, "summary: For agents who answer customers by chat and e-mail.\n", "")],
        expected=[("maps/support.yml:2:1", "missing field 'summary'")],
    ),
    Case(
        "missing-nested-field-at-its-parent-mapping",
        edits=[(BILLING, "    name: Independent\n", "")],
        expected=[("maps/billing.yml:14:5", "missing field 'name' in level 'independent'")],
    ),
    Case(
        "missing-front-matter-field",
        edits=[(REWRITE, "reflection:\n  - What did you change, and why?\n", "")],
        expected=[("challenges/rewrite-macro.md:2:1", "missing field 'reflection'")],
    ),
    Case(
        "unknown-field-with-did-you-mean",
        edits=[(TAG, "title: Tag ten tickets", "tilte: Tag ten tickets")],
        expected=[
            ("challenges/tag-ten-tickets.md:3:1", "unknown field 'tilte' (did you mean 'title'?)"),
            ("challenges/tag-ten-tickets.md:2:1", "missing field 'title'"),
        ],
    ),
    Case(
        "unknown-nested-field-with-did-you-mean",
        edits=[(BILLING, "    title: Refunds\n", "    titel: Refunds\n")],
        expected=[
            ("maps/billing.yml:22:5", "unknown field 'titel' in capability 'refunds' (did you mean 'title'?)"),
            ("maps/billing.yml:21:5", "missing field 'title' in capability 'refunds'"),
        ],
    ),
    Case(
        "unknown-field-far-from-any-lists-allowed-fields",
        edits=[(REWRITE, "level: assisted\n", "level: assisted\ncolour: red\n")],
        expected=[("challenges/rewrite-macro.md:7:1", "unknown field 'colour' (allowed fields: id, title, summary")],
    ),
    Case(
        "wrong-type-text-for-a-number",
        edits=[(TAG, "time_box: 20", 'time_box: "twenty"')],
        expected=[("challenges/tag-ten-tickets.md:7:11", "time_box must be a whole number (got 'twenty')")],
    ),
    Case(
        "wrong-type-text-for-a-boolean",
        edits=[(SUPPORT, "    critical: true\n", "    critical: maybe\n")],
        expected=[("maps/support.yml:34:15", "capability 'triage': critical must be true or false (got 'maybe')")],
    ),
    Case(
        "wrong-type-text-for-a-list",
        edits=[(REWRITE, "reflection:\n  - What did you change, and why?\n", "reflection: What did you change?\n")],
        expected=[("challenges/rewrite-macro.md:14:13", "reflection must be a list")],
    ),
    Case(
        "wrong-type-date",
        edits=[(SUPPORT, "review_date: 2027-01-31", "review_date: soon")],
        expected=[("maps/support.yml:9:14", "review_date must be a date written YYYY-MM-DD (got 'soon')")],
    ),
    Case(
        "impossible-date",
        # PyYAML reads 2027-02-30 as a date and fails; the loader keeps it as text for the model to report
        edits=[(BILLING, "review_date: 2027-03-01", "review_date: 2027-02-30")],
        expected=[("maps/billing.yml:6:14", "review_date must be a date written YYYY-MM-DD (got '2027-02-30')")],
    ),
    Case(
        "explicit-int-tag-on-text",
        edits=[(TAG, "time_box: 20", "time_box: !!int twenty")],
        expected=[("challenges/tag-ten-tickets.md:7:11", "time_box must be a whole number (got 'twenty')")],
    ),
    Case(
        "invalid-id-pattern",
        edits=[(BILLING, "  - id: refunds\n", "  - id: Refunds_2\n")],
        expected=[("maps/billing.yml:21:9", "capabilities[0].id is not a valid id")],
    ),
    Case(
        "invalid-id-in-a-list-of-ids",
        edits=[(PRIORITISE, "prerequisites: [tag-ten-tickets]", "prerequisites: [Tag ten tickets]")],
        expected=[("challenges/prioritise-queue.md:8:17", "prerequisites[0] is not a valid id")],
    ),
    Case(
        "duplicate-yaml-key-in-front-matter",
        edits=[(TAG, "level: assisted\n", "level: assisted\nlevel: independent\n")],
        expected=[("challenges/tag-ten-tickets.md:7:1", "duplicate key 'level' (first given on line 6)")],
    ),
    Case(
        "duplicate-yaml-key-in-a-map",
        edits=[
            (
                BILLING,
                "    why: A wrong refund costs money and trust.\n",
                "    why: A wrong refund costs money and trust.\n    why: Twice.\n",
            )
        ],
        expected=[("maps/billing.yml:24:5", "duplicate key 'why' (first given on line 23)")],
    ),
    # -- ids ----------------------------------------------------------------------------------------
    Case(
        "duplicate-capability-id",
        edits=[
            append_to_billing(
                "  - id: refunds\n"
                "    title: Refunds again\n"
                "    why: Twice.\n"
                "    moments: [A second refund.]\n"
                "    behaviours:\n"
                "      assisted: [{id: refunds-again, text: Completes the checklist again.}]\n"
                "      independent: [{id: refunds-again-alone, text: Refunds alone within policy.}]\n"
                "    evidence:\n"
                "      - id: refund-ticket\n"
                "        title: A ticket\n"
                "        description: The ticket.\n"
                "        rubric: [{id: sum, criterion: Sum, levels: {assisted: a, independent: b}}]\n"
            )
        ],
        expected=[("maps/billing.yml:45:9", "duplicate capability id 'refunds' (first used on line 21)")],
    ),
    Case(
        "duplicate-behaviour-id-across-capabilities",
        edits=[(SUPPORT, "- id: replies-own", "- id: triage-priority")],
        expected=[("maps/support.yml:76:15", "duplicate behaviour id 'triage-priority' (first used on line 42)")],
    ),
    Case(
        "duplicate-level-id",
        edits=[
            (
                BILLING,
                "capabilities:\n",
                "  - id: independent\n    name: Again\n    summary: S.\n    complexity: C.\n    quality: Q.\n"
                "    independence: I.\ncapabilities:\n",
            )
        ],
        expected=[("maps/billing.yml:20:9", "duplicate level id 'independent' (first used on line 14)")],
    ),
    Case(
        "duplicate-evidence-id",
        edits=[
            append_to_billing(
                "      - id: refund-ticket\n"
                "        title: Another ticket\n"
                "        description: The other ticket.\n"
                "        rubric:\n"
                "          - id: sum\n"
                "            criterion: Sum\n"
                "            levels: {assisted: a, independent: b}\n"
            )
        ],
        expected=[("maps/billing.yml:45:13", "duplicate evidence id 'refund-ticket' (first used on line 36)")],
    ),
    Case(
        "duplicate-rubric-criterion-id",
        edits=[
            append_to_billing(
                "          - id: correct-sum\n            criterion: Again\n            levels: {assisted: a, independent: b}\n"
            )
        ],
        expected=[("maps/billing.yml:45:17", "duplicate rubric criterion id 'correct-sum' (first used on line 40)")],
    ),
    Case(
        "duplicate-path-id-across-maps",
        edits=[
            append_to_billing(
                "paths:\n  - id: first-week\n    title: Billing week\n    audience: New agents.\n"
                "    summary: Refund alone.\n    steps: [rewrite-macro]\n"
            )
        ],
        # maps load in file-name order, so the second use is the one in support.yml
        expected=[("maps/support.yml:93:9", "duplicate path id 'first-week' (first used in maps/billing.yml)")],
    ),
    Case(
        "duplicate-recall-prompt-id",
        edits=[
            (
                TAG,
                "    answer: Urgency is about time (a deadline today); importance is about impact.\n",
                "    answer: Urgency is about time (a deadline today); importance is about impact.\n"
                "  - id: urgent\n    prompt: Again?\n    answer: Again.\n",
            )
        ],
        expected=[
            ("challenges/tag-ten-tickets.md:23:9", "duplicate recall prompt id 'urgent' (first used on line 20)")
        ],
    ),
    Case(
        "duplicate-milestone-id",
        edits=[(SUPPORT, "      - id: first-reply-reviewed\n", "      - id: triage-reviewed\n")],
        expected=[("maps/support.yml:106:13", "duplicate milestone id 'triage-reviewed' (first used on line 99)")],
    ),
    Case(
        "map-id-differs-from-file-name",
        # support.yml refers to billing/refunds: that is not reported a second time
        edits=[(BILLING, "id: billing\n", "id: billings\n")],
        expected=[("maps/billing.yml:1:5", "id 'billings' differs from the file name 'billing'")],
    ),
    Case(
        "challenge-id-differs-from-file-name",
        # the path and prioritise-queue refer to tag-ten-tickets: not reported a second time
        edits=[(TAG, "id: tag-ten-tickets\n", "id: tag-10-tickets\n")],
        expected=[
            ("challenges/tag-ten-tickets.md:2:5", "id 'tag-10-tickets' differs from the file name 'tag-ten-tickets'")
        ],
    ),
    Case(
        "reserved-capability-id",
        edits=[
            (BILLING, "  - id: refunds\n", "  - id: rubric\n"),
            (SUPPORT, "related: [billing/refunds]", "related: [billing/rubric]"),
        ],
        expected=[("maps/billing.yml:21:9", "capability id 'rubric' is reserved for a page of the map")],
    ),
    Case(
        "reserved-behaviour-id-check-in",
        edits=[
            (BILLING, "- id: refunds-checklist", "- id: check-in"),
            (BILLING, "builds_on: refunds-checklist", "builds_on: check-in"),
        ],
        expected=[
            ("maps/billing.yml:29:15", "behaviour id 'check-in' would clash with an anchor of the capability page")
        ],
    ),
    Case(
        "behaviour-id-equal-to-a-check-in-anchor",
        edits=[(SUPPORT, "- id: triage-coaches", "- id: check-in-assisted")],
        expected=[("maps/support.yml:49:15", "behaviour id 'check-in-assisted' would clash with an anchor")],
    ),
    Case(
        "behaviour-id-equal-to-an-evidence-anchor",
        edits=[(SUPPORT, "- id: replies-own", "- id: evidence-reply")],
        expected=[("maps/support.yml:76:15", "behaviour id 'evidence-reply' would clash with an anchor")],
    ),
    Case(
        "reserved-behaviour-id-level-prefix",
        edits=[(BILLING, "- id: refunds-partial", "- id: level-two")],
        expected=[("maps/billing.yml:32:15", "behaviour id 'level-two' would clash with an anchor")],
    ),
    # -- references ---------------------------------------------------------------------------------
    Case(
        "unknown-capability-with-did-you-mean",
        edits=[(TAG, "capability: support/triage", "capability: support/triag")],
        expected=[
            (
                "challenges/tag-ten-tickets.md:5:13",
                "unknown capability 'triag' in map 'support' (did you mean 'triage'?)",
            )
        ],
    ),
    Case(
        "unknown-map",
        edits=[(TAG, "capability: support/triage", "capability: suport/triage")],
        expected=[
            ("challenges/tag-ten-tickets.md:5:13", "unknown map 'suport' in 'suport/triage' (did you mean 'support'?)")
        ],
    ),
    Case(
        "bare-capability-id-in-a-challenge",
        edits=[(TAG, "capability: support/triage", "capability: triage")],
        expected=[
            (
                "challenges/tag-ten-tickets.md:5:13",
                "capability 'triage' needs its map (write it as 'map-id/triage', e.g. 'support/triage')",
            )
        ],
    ),
    Case(
        "unknown-level-in-a-challenge",
        edits=[(TAG, "level: assisted", "level: asisted")],
        expected=[
            (
                "challenges/tag-ten-tickets.md:6:8",
                "unknown level 'asisted' in the scale of map 'support' (did you mean 'assisted'?)",
            )
        ],
    ),
    Case(
        "unknown-evidence-id-in-a-challenge",
        edits=[(TAG, "  - evidence: queue-log", "  - evidence: queue-logs")],
        expected=[
            (
                "challenges/tag-ten-tickets.md:15:15",
                "capability 'triage' has no evidence 'queue-logs' (did you mean 'queue-log'?)",
            )
        ],
    ),
    Case(
        "unknown-path-step",
        edits=[(SUPPORT, "rewrite-macro]", "rewrite-macro, write-faq]")],
        expected=[("maps/support.yml:97:63", "unknown challenge 'write-faq'")],
    ),
    Case(
        "unknown-path-step-before-a-milestone-is-reported-once",
        # the milestone after rewrite-macro cannot tell whether the unknown step practises 'replies'
        edits=[
            (
                SUPPORT,
                "steps: [tag-ten-tickets, prioritise-queue, rewrite-macro]",
                "steps: [tag-ten-tickets, prioritise-queue, write-faq]",
            ),
            (SUPPORT, "after: rewrite-macro", "after: write-faq"),
        ],
        expected=[("maps/support.yml:97:48", "unknown challenge 'write-faq'")],
    ),
    Case(
        "unknown-challenge-prerequisite",
        edits=[(PRIORITISE, "prerequisites: [tag-ten-tickets]", "prerequisites: [tag-ten-ticket]")],
        expected=[
            (
                "challenges/prioritise-queue.md:8:17",
                "unknown challenge 'tag-ten-ticket' (did you mean 'tag-ten-tickets'?)",
            )
        ],
    ),
    Case(
        "milestone-after-is-not-a-step",
        edits=[(SUPPORT, "after: rewrite-macro", "after: tag-eleven-tickets")],
        expected=[
            (
                "maps/support.yml:108:16",
                "milestone 'first-reply-reviewed' comes after 'tag-eleven-tickets', which is not a step of path 'first-week'",
            )
        ],
    ),
    Case(
        "milestone-unknown-evidence-and-level",
        edits=[
            (
                SUPPORT,
                "        level: assisted\n        evidence: reply\n",
                "        level: novice\n        evidence: replies\n",
            )
        ],
        expected=[
            ("maps/support.yml:110:16", "unknown level 'novice' in the scale of map 'support'"),
            ("maps/support.yml:111:19", "capability 'replies' has no evidence 'replies' (did you mean 'reply'?)"),
        ],
    ),
    Case(
        "unknown-capability-prerequisite-in-another-map",
        edits=[(BILLING, "prerequisites: [support/triage]", "prerequisites: [support/triage, support/escalation]")],
        expected=[("maps/billing.yml:26:37", "unknown capability 'escalation' in map 'support'")],
    ),
    Case(
        "unknown-capability-prerequisite-in-the-same-map",
        edits=[(SUPPORT, "prerequisites: [triage]", "prerequisites: [triagee]")],
        expected=[("maps/support.yml:69:21", "unknown capability 'triagee' in map 'support' (did you mean 'triage'?)")],
    ),
    Case(
        "builds-on-not-at-the-level-below",
        edits=[(BILLING, "builds_on: refunds-checklist", "builds_on: refunds-check")],
        expected=[
            (
                "maps/billing.yml:34:22",
                "'builds_on: refunds-check' is not a behaviour of 'refunds' at the level below ('assisted') "
                "(did you mean 'refunds-checklist'?)",
            )
        ],
    ),
    Case(
        "builds-on-two-levels-below",
        edits=[(SUPPORT, "builds_on: triage-priority", "builds_on: triage-tags")],
        expected=[
            (
                "maps/support.yml:48:22",
                "'builds_on: triage-tags' is not a behaviour of 'triage' at the level below ('independent')",
            )
        ],
    ),
    Case(
        "builds-on-at-the-lowest-level",
        edits=[
            (
                BILLING,
                "text: Completes every line of the refund checklist before submitting.\n",
                "text: Completes every line of the refund checklist before submitting.\n          builds_on: refunds-partial\n",
            )
        ],
        expected=[
            (
                "maps/billing.yml:31:22",
                "'refunds-checklist' is at the lowest level, so it cannot build on another behaviour",
            )
        ],
    ),
    Case(
        "template-file-does-not-exist",
        edits=[(TAG, "file: templates/tag-sheet.md", "file: templates/tag-sheets.md")],
        expected=[
            (
                "challenges/tag-ten-tickets.md:9:9",
                "file 'templates/tag-sheets.md' does not exist beside the challenge (did you mean 'templates/tag-sheet.md'?)",
            )
        ],
    ),
    Case(
        "template-file-outside-the-challenges-folder",
        edits=[(TAG, "file: templates/tag-sheet.md", "file: ../mkdocs.yml")],
        expected=[("challenges/tag-ten-tickets.md:9:9", "file '../mkdocs.yml' must be inside the challenges folder")],
    ),
    # -- cycles -------------------------------------------------------------------------------------
    Case(
        "capability-prerequisite-cycle",
        edits=[(SUPPORT, "    critical: true\n", "    critical: true\n    prerequisites: [replies]\n")],
        expected=[("maps/support.yml:35:21", "prerequisite cycle: support/triage → support/replies → support/triage")],
    ),
    Case(
        "capability-prerequisite-cycle-across-maps",
        edits=[(SUPPORT, "    critical: true\n", "    critical: true\n    prerequisites: [billing/refunds]\n")],
        expected=[("maps/billing.yml:26:21", "prerequisite cycle: billing/refunds → support/triage → billing/refunds")],
    ),
    Case(
        "challenge-prerequisite-cycle",
        edits=[(TAG, "time_box: 20\n", "time_box: 20\nprerequisites: [prioritise-queue]\n")],
        expected=[
            (
                "challenges/prioritise-queue.md:8:17",
                "prerequisite cycle: prioritise-queue → tag-ten-tickets → prioritise-queue",
            ),
            # the cycle also puts a step of the path before its (new) prerequisite
            ("maps/support.yml:97:13", "step 'tag-ten-tickets' comes before its prerequisite 'prioritise-queue'"),
        ],
    ),
    Case(
        "challenge-lists-itself",
        edits=[(REWRITE, "time_box: 15\n", "time_box: 15\nprerequisites: [rewrite-macro]\n")],
        expected=[("challenges/rewrite-macro.md:8:17", "challenge 'rewrite-macro' lists itself")],
    ),
    # -- completeness of a map ----------------------------------------------------------------------
    Case(
        "capability-misses-a-level",
        edits=[
            (
                SUPPORT,
                "      expert:\n        - id: replies-library\n          text: Adds a reply to the macro library with a note on when to use it.\n",
                "",
            )
        ],
        expected=[("maps/support.yml:72:7", "capability 'replies' does not describe level 'expert'")],
    ),
    Case(
        "rubric-criterion-misses-a-level",
        edits=[(SUPPORT, "              expert: Answers every question and the one the customer will ask next.\n", "")],
        expected=[("maps/support.yml:89:15", "rubric criterion 'completeness' does not describe level(s): expert")],
    ),
    Case(
        "unknown-level-key-in-behaviours",
        edits=[
            (
                BILLING,
                "      independent:\n        - id: refunds-partial",
                "      independant:\n        - id: refunds-partial",
            )
        ],
        expected=[
            (
                "maps/billing.yml:31:7",
                "unknown level 'independant' in behaviours of 'refunds' (did you mean 'independent'?)",
            ),
            ("maps/billing.yml:28:7", "capability 'refunds' does not describe level 'independent'"),
        ],
    ),
    Case(
        "unknown-level-key-in-a-rubric",
        edits=[
            (BILLING, "              assisted: Amount correct after", "              asisted: Amount correct after")
        ],
        expected=[
            (
                "maps/billing.yml:43:15",
                "unknown level 'asisted' in rubric criterion 'correct-sum' (did you mean 'assisted'?)",
            ),
            ("maps/billing.yml:43:15", "rubric criterion 'correct-sum' does not describe level(s): assisted"),
        ],
    ),
    # -- challenges ---------------------------------------------------------------------------------
    Case(
        "time-box-over-the-default-maximum",
        edits=[(PRIORITISE, "time_box: 25", "time_box: 45")],
        expected=[("challenges/prioritise-queue.md:7:11", "time box of 45 minutes is over the 30-minute maximum")],
    ),
    Case(
        "time-box-over-a-configured-maximum",
        edits=[plugin_options(max_time_box=10)],
        expected=[
            ("challenges/prioritise-queue.md:7:11", "time box of 25 minutes is over the 10-minute maximum"),
            ("challenges/rewrite-macro.md:7:11", "time box of 15 minutes is over the 10-minute maximum"),
            ("challenges/tag-ten-tickets.md:7:11", "time box of 20 minutes is over the 10-minute maximum"),
        ],
    ),
    Case(
        "time-box-of-zero",
        edits=[(REWRITE, "time_box: 15", "time_box: 0")],
        expected=[("challenges/rewrite-macro.md:7:11", "time_box must be at least 1")],
    ),
    Case(
        "unknown-section-with-did-you-mean",
        edits=[(REWRITE, "## Example done well", "## Exampel done well")],
        expected=[
            (
                "challenges/rewrite-macro.md:26:1",
                "unknown section '## Exampel done well' (did you mean 'Example done well'?)",
            ),
            # the body starts on line 21, right after the closing '---'
            ("challenges/rewrite-macro.md:21:1", "missing section '## Example done well'"),
        ],
    ),
    Case(
        "missing-why-it-matters",
        edits=[
            (REWRITE, "## Why it matters\n\nMacros save time but read like machines unless you adapt them.\n\n", "")
        ],
        expected=[("challenges/rewrite-macro.md:21:1", "missing section '## Why it matters'")],
    ),
    Case(
        "missing-template-section-without-template-file",
        edits=[(REWRITE, "\n## Template\n\nGreeting · answer · next step · sign-off\n", "")],
        expected=[
            (
                "challenges/rewrite-macro.md:21:1",
                "missing section '## Template' (or give 'template: {file: …}' in the front matter)",
            )
        ],
    ),
    Case(
        "duplicate-section",
        edits=[(REWRITE, "## Template\n", "## Why it matters\n\nAgain.\n\n## Template\n")],
        expected=[("challenges/rewrite-macro.md:30:1", "section '## Why it matters' appears twice (first on line 22)")],
    ),
    Case(
        "empty-section",
        edits=[(REWRITE, "\nGreeting · answer · next step · sign-off\n", "\n")],
        expected=[("challenges/rewrite-macro.md:30:1", "section '## Template' is empty")],
    ),
    Case(
        "top-level-heading-in-a-challenge",
        edits=[(REWRITE, "## Why it matters\n", "# Rewrite a macro\n\n## Why it matters\n")],
        expected=[("challenges/rewrite-macro.md:22:1", "top-level heading '# Rewrite a macro' in a challenge body")],
    ),
    # -- paths --------------------------------------------------------------------------------------
    Case(
        "critical-capability-without-mandatory-milestone",
        edits=[
            (
                SUPPORT,
                "      - id: triage-reviewed\n        title: Triage reviewed by a lead\n        after: prioritise-queue\n"
                "        capability: triage\n        level: independent\n        evidence: queue-log\n        mandatory: true\n",
                "",
            )
        ],
        expected=[
            (
                "maps/support.yml:97:13",
                "path 'first-week' practises critical capability 'support/triage' but has no mandatory milestone for it",
            )
        ],
    ),
    Case(
        "critical-capability-with-a-non-mandatory-milestone",
        edits=[(SUPPORT, "        evidence: queue-log\n        mandatory: true\n", "        evidence: queue-log\n")],
        expected=[
            (
                "maps/support.yml:99:9",
                "milestone 'triage-reviewed' reviews critical capability 'support/triage', so it must be mandatory",
            )
        ],
    ),
    Case(
        "step-before-its-prerequisite",
        edits=[(SUPPORT, "steps: [tag-ten-tickets, prioritise-queue,", "steps: [prioritise-queue, tag-ten-tickets,")],
        expected=[
            (
                "maps/support.yml:97:13",
                "step 'prioritise-queue' comes before its prerequisite 'tag-ten-tickets' in path 'first-week'",
            )
        ],
    ),
    Case(
        "step-given-twice",
        edits=[(SUPPORT, "rewrite-macro]", "rewrite-macro, tag-ten-tickets]")],
        expected=[("maps/support.yml:97:63", "challenge 'tag-ten-tickets' is already step 1 of path 'first-week'")],
    ),
    Case(
        "milestone-before-any-step-practises-it",
        edits=[(SUPPORT, "after: rewrite-macro", "after: tag-ten-tickets")],
        severity="warning",
        expected=[
            (
                "maps/support.yml:109:21",
                "milestone 'first-reply-reviewed' reviews 'support/replies', but no step up to 'tag-ten-tickets' practises it",
            )
        ],
    ),
    Case(
        "reserved-milestone-id",
        edits=[(SUPPORT, "      - id: triage-reviewed", "      - id: step-2")],
        expected=[("maps/support.yml:99:13", "milestone id 'step-2' would clash with an anchor of the path page")],
    ),
    Case(
        "reserved-path-id",
        edits=[(SUPPORT, "  - id: first-week", "  - id: top")],
        expected=[("maps/support.yml:93:9", "path id 'top' is reserved for the hub's own pages")],
    ),
    # -- language -----------------------------------------------------------------------------------
    Case(
        "lint-understand",
        edits=[
            (
                SUPPORT,
                "text: Tags each ticket with the queue the macro list names.",
                "text: Shows they understand the queue the macro list names.",
            )
        ],
        severity="warning",
        expected=[
            (
                "maps/support.yml:40:17",
                "behaviour 'triage-tags': 'understand' is not observable (say what a reviewer would see or hear instead, "
                "e.g. explain, describe, apply, predict)",
            )
        ],
    ),
    Case(
        "lint-be-aware-of",
        edits=[(SUPPORT, "text: Starts from a macro and", "text: Will be aware of a macro and")],
        severity="warning",
        expected=[
            (
                "maps/support.yml:74:17",
                "behaviour 'replies-macro': 'be aware of' is not observable (say what a reviewer would see or hear instead, e.g. identify",
            )
        ],
    ),
    Case(
        "lint-effectively",
        edits=[
            (
                BILLING,
                "text: Calculates a partial refund and shows the sum in the ticket.",
                "text: Calculates a partial refund effectively.",
            )
        ],
        severity="warning",
        expected=[
            (
                "maps/billing.yml:33:17",
                "behaviour 'refunds-partial': 'effectively' is a judgement two reviewers would mark differently",
            )
        ],
    ),
]


@pytest.mark.parametrize("case", CASES, ids=[case.id for case in CASES])
def test_broken_variant_is_reported_at_its_place(case: Case, hub: Path) -> None:
    assert validate(hub) == [], "the fixture itself must be clean"
    case.apply(hub)
    lines = validate(hub)
    for location, fragment in case.expected:
        found = matching(lines, location, f": {case.severity}: ")
        found = [line for line in found if fragment in line]
        assert len(found) == 1, (
            f"expected one {case.severity} at {location} containing {fragment!r}; got:\n" + "\n".join(lines)
        )
    assert len(lines) == len(case.expected), "unexpected extra diagnostics:\n" + "\n".join(lines)


def test_boolean_is_not_a_time_box(hub: Path) -> None:
    edit(hub, TAG, "time_box: 20", "time_box: true")
    assert matching(validate(hub), "challenges/tag-ten-tickets.md:7:11", "time_box must be a whole number")


def test_fixture_is_clean() -> None:
    assert validate(SMALL_HUB) == []


# -- loader details -------------------------------------------------------------------------------


def test_every_problem_of_a_file_is_reported_at_once(hub: Path) -> None:
    edit(hub, REWRITE, "time_box: 15", "time_box: fifteen")
    edit(hub, REWRITE, "level: assisted\n", "level: assisted\ncolour: red\n")
    edit(hub, REWRITE, "  - id: next-step", "  - id: Next_Step")
    lines = validate(hub)
    assert lines == [
        "challenges/rewrite-macro.md:7:1: error: HUB131 unknown field 'colour' (allowed fields: id, title, summary, capability, "
        "level, time_box, steps, evidence, reflection, recall, template, resources, video, prerequisites, reviewed, status, "
        "replaced_by, retired_reason, renamed_from)",
        "challenges/rewrite-macro.md:8:11: error: HUB133 time_box must be a whole number (got 'fifteen')",
        "challenges/rewrite-macro.md:18:9: error: HUB133 recall[0].id is not a valid id: use lowercase letters, digits and single "
        "hyphens, e.g. 'discovery-questions' (got 'Next_Step') (did you mean 'next-step'?)",
    ]


def test_problems_in_different_files_and_rules_are_all_reported(hub: Path) -> None:
    edit(hub, TAG, "level: assisted", "level: asisted")  # reference
    edit(hub, PRIORITISE, "time_box: 25", "time_box: 40")  # challenge rule
    edit(
        hub, BILLING, "text: Calculates a partial refund and shows the sum in the ticket.", "text: Knows refunds."
    )  # lint
    edit(hub, REWRITE, "## Example done well", "## Example")  # body
    lines = validate(hub)
    assert [line.split(": ")[0] for line in lines] == [
        "challenges/prioritise-queue.md:7:11",
        "challenges/rewrite-macro.md:21:1",
        "challenges/rewrite-macro.md:26:1",
        "challenges/tag-ten-tickets.md:6:8",
        "maps/billing.yml:33:17",
    ]


@pytest.mark.parametrize(
    ("broken", "referrer_note"),
    [
        ((SUPPORT, "title: Customer support", "title: Customer: support"), "YAML syntax error"),
        ((SUPPORT, "review_date: 2027-01-31", "review_date: soon"), "model error"),
        ((SUPPORT, "id: support\n", "id: supports\n"), "id differs from file name"),
    ],
    ids=["syntax", "model", "id-mismatch"],
)
def test_broken_map_does_not_cascade_into_unknown_capability_errors(
    hub: Path, broken: tuple[str, str, str], referrer_note: str
) -> None:
    """Three challenges and billing.yml refer to support/…: only the map itself is reported."""
    edit(hub, *broken)
    lines = validate(hub)
    assert len(lines) == 1, "\n".join(lines)
    assert lines[0].startswith("maps/support.yml:")
    assert not any("unknown" in line for line in lines)


def test_broken_challenge_does_not_cascade_into_unknown_challenge_errors(hub: Path) -> None:
    """The path and prioritise-queue refer to tag-ten-tickets."""
    edit(hub, TAG, "time_box: 20", "time_box: twenty")
    lines = validate(hub)
    assert lines == ["challenges/tag-ten-tickets.md:7:11: error: HUB133 time_box must be a whole number (got 'twenty')"]


def test_headings_inside_code_fences_are_not_sections(hub: Path) -> None:
    edit(hub, REWRITE, "## Why it matters\n", "```text\n# not a heading\n## Nor this\n```\n\n## Why it matters\n")
    assert validate(hub) == []


def test_crlf_line_endings_and_bom_are_read(hub: Path) -> None:
    path = hub / TAG
    path.write_bytes(b"\xef\xbb\xbf" + path.read_bytes().replace(b"\n", b"\r\n"))
    assert validate(hub) == []
    edit_bytes = path.read_bytes().replace(b"level: assisted", b"level: asisted")
    path.write_bytes(edit_bytes)
    assert validate(hub) == [
        "challenges/tag-ten-tickets.md:6:8: error: HUB304 unknown level 'asisted' in the scale of map 'support' (did you mean 'assisted'?)"
    ]


def test_non_content_files_in_maps_are_warned_about(hub: Path) -> None:
    (hub / "maps" / "notes.txt").write_text("scratch\n", encoding="utf-8")
    (hub / "maps" / "old").mkdir()
    (hub / "maps" / "old" / "legacy.yml").write_text("id: legacy\n", encoding="utf-8")
    assert validate(hub) == [
        "maps/notes.txt:1:1: warning: HUB160 not a map file, so it is not published (map files end in .yml)",
        "maps/old/legacy.yml:1:1: warning: HUB161 map files in sub-folders are not published (move it to maps/)",
    ]


def test_missing_content_folders_are_reported(tmp_path: Path) -> None:
    root = tmp_path / "bare"
    root.mkdir()
    (root / "mkdocs.yml").write_text("site_name: Bare\n", encoding="utf-8")
    assert validate(root) == [
        "challenges:1:1: error: HUB150 the challenges folder does not exist",
        "maps:1:1: error: HUB150 the maps folder does not exist",
    ]


def test_configured_content_folders_are_used(hub: Path) -> None:
    (hub / "maps").rename(hub / "competencies")
    assert any("the maps folder does not exist" in line for line in validate(hub))
    edit(hub, *plugin_options(maps_dir="competencies"))
    assert validate(hub) == []
    edit(hub, "competencies/support.yml", "title: Customer support", "title: Customer: support")
    assert [line.split(": ")[0] for line in validate(hub)] == ["competencies/support.yml:3:16"]


def test_where_helper_agrees_with_hard_coded_locations(hub: Path) -> None:
    """Guards the hand-counted columns above: the unknown capability sits where the text says."""
    edit(hub, TAG, "capability: support/triage", "capability: support/triag")
    assert where(hub, TAG, "support/triag") == "challenges/tag-ten-tickets.md:5:13"
    assert matching(validate(hub), where(hub, TAG, "support/triag"), "unknown capability")


# -- diagnostics as values ------------------------------------------------------------------------


def test_diagnostics_are_sorted_and_deduplicated() -> None:
    diagnostics = Diagnostics()
    diagnostics.error("maps/b.yml", 10, 2, "late", code="HUB303")
    diagnostics.warning("maps/a.yml", 3, 1, "warned", code="HUB250")
    diagnostics.error("maps/b.yml", 2, 5, "early", code="HUB110")
    diagnostics.error("maps/b.yml", 10, 2, "late", code="HUB303")
    diagnostics.error("challenges/x.md", 1, 1, "first", code="HUB104")
    assert [d.format_text() for d in diagnostics.sorted()] == [
        "challenges/x.md:1:1: error: HUB104 first",
        "maps/a.yml:3:1: warning: HUB250 warned",
        "maps/b.yml:2:5: error: HUB110 early",
        "maps/b.yml:10:2: error: HUB303 late",
    ]
    assert len(diagnostics.errors) == 4 and len(diagnostics.warnings) == 1


def test_hub_diagnostics_come_out_sorted_by_file_then_line(hub: Path, pinned_today: str) -> None:
    edit(hub, SUPPORT, "level: independent\n        evidence: queue-log", "level: expertt\n        evidence: queue-log")
    edit(hub, SUPPORT, "text: Tags each ticket", "text: Knows each ticket")
    edit(hub, BILLING, "title: Refunds", "title: Refunds\n    colour: red")
    edit(hub, TAG, "level: assisted", "level: asisted")
    found = diagnostics(hub)
    ordered = found.sorted()
    keys = [(d.path, d.line, d.column) for d in ordered]
    assert keys == sorted(keys)
    assert len(ordered) == len(set(found))
    assert [d.path for d in ordered] == [
        "challenges/tag-ten-tickets.md",
        "maps/billing.yml",
        "maps/support.yml",
        "maps/support.yml",
    ]


def test_diagnostic_formats() -> None:
    diagnostic = Diagnostic("maps/a b.yml", 3, 7, Severity.ERROR, "bad: 100%, really", "try 'x'", code="HUB303")
    assert diagnostic.format_text() == "maps/a b.yml:3:7: error: HUB303 bad: 100%, really (try 'x')"
    assert diagnostic.format_github() == (
        "::error file=maps/a b.yml,line=3,col=7,title=HUB303 unknown capability::bad: 100%25, really (try 'x')"
    )
    odd = Diagnostic("maps/x:y,z.yml", 1, 1, Severity.WARNING, "two\nlines", code="HUB115")
    assert odd.format_github() == "::warning file=maps/x%3Ay%2Cz.yml,line=1,col=1,title=HUB115 text read as a comment::two%0Alines"
    uncoded = Diagnostic("maps/a.yml", 1, 1, Severity.ERROR, "from an unmerged branch")
    assert uncoded.format_text() == "maps/a.yml:1:1: error: HUB000 from an unmerged branch", "shown, never a crash"


def test_did_you_mean() -> None:
    assert did_you_mean("tilte", ["id", "title", "summary"]) == "did you mean 'title'?"
    assert did_you_mean("zzz", ["id", "title"]) is None


@pytest.mark.parametrize(
    ("text", "fragments"),
    [
        (
            "Understands the refund policy.",
            ["'Understands' is not observable (say what a reviewer would see or hear instead, e.g. explains"],
        ),
        (
            "Is aware of the escalation rules.",
            ["'Is aware of' is not observable (say what a reviewer would see or hear instead, e.g. identifies"],
        ),
        (
            "Handles complaints effectively and as needed.",
            ["'effectively' is a judgement", "'as needed' is a judgement"],
        ),
        ("Is familiar with the macro list.", ["'Is familiar with' is not observable"]),
        ("Learns to understand the macros.", ["'Learns' is not observable", "'understand' is not observable"]),
        ("Demonstrates a good understanding of the policy.", ["'Demonstrates a good understanding' is not observable"]),
        ("Shows they know the escalation path.", ["'know' is not observable"]),
    ],
)
def test_language_lint_flags_unobservable_statements(text: str, fragments: list[str]) -> None:
    problems = [f"{message} ({hint})" for message, hint in lint_statement(text)]
    assert len(problems) == len(fragments), problems
    for problem, fragment in zip(sorted(problems), sorted(fragments), strict=True):
        assert fragment in problem


@pytest.mark.parametrize(
    "text",
    [
        "Tags each ticket with the queue the macro list names.",
        "Explains the refund policy to a customer in two sentences.",
        "Acknowledges the customer's knowledge of the product.",  # 'knowledge' is not 'know'
        "Learnt nothing? Writes the new rule in the wiki.",  # 'Learnt' is not 'learn'
        "Asks what the customer already knows about the order.",  # reports someone else's state
        "Checks how much the team already knows about the change.",
        "Uses the know-how of the night shift to plan the pick.",  # 'know-how' is not 'know'
    ],
)
def test_language_lint_accepts_observable_statements(text: str) -> None:
    assert lint_statement(text) == []
