"""The registry of diagnostic codes: one entry per kind of problem, so people and tools can act on it.

A code (HUB303) names one rule for good: scripts filter on it, CI dashboards count it and
docs/reference/diagnostics.md (generated from this file) explains it at `#hub303`. Codes never
change meaning once published: a code that is no longer produced is retired, not reused.

Adding a code is one `Code(...)` entry in CODES, in its area's range, with a free number (leave
gaps so related rules can sit together later); then add its line to tests/published_codes.txt and
run `make diagnostics` to regenerate the reference page. Areas:

    HUB1xx  loading: files, encoding, YAML, front matter, fields, body sections
    HUB2xx  model structure: ids, levels, behaviours, rubrics, wording
    HUB3xx  references between items, prerequisites, retirement and renaming
    HUB4xx  challenges and learning paths
    HUB5xx  case stories
    HUB6xx  governance findings (note, warning or error as the 'governance' option says)
    HUB7xx  docs pages, markers and the built site
    HUB8xx  trust and files: links, includes and files outside the hub
    HUB9xx  configuration (900-939), imports (940-969), exports (970-989)
"""

from __future__ import annotations

from dataclasses import dataclass

from .severity import Severity
from .safety.story_body import escape_includes

ERROR, WARNING, NOTE = Severity.ERROR, Severity.WARNING, Severity.NOTE

AREAS: dict[str, str] = {
    "1": "Loading: files, YAML, front matter, fields",
    "2": "Model structure",
    "3": "References, retirement and renaming",
    "4": "Challenges and learning paths",
    "5": "Case stories",
    "6": "Governance",
    "7": "Docs pages and markers",
    "8": "Trust and files",
    "9": "Configuration, imports and exports",
}
"""The first digit of a code and what its range is for (the headings of the reference page)."""


@dataclass(frozen=True)
class Code:
    """One published rule: what it means, what triggers it, what it says and how to fix it."""

    code: str
    severity: Severity
    title: str
    explanation: str
    example_file: str
    example: str
    """The bad content that triggers the diagnostic (the text of `example_file`, or its start)."""
    message: str
    """The shape of the message as printed after `path:line:col: severity: CODE`."""
    fix: str
    configurable: bool = False
    """True when an option decides between error and warning (governance findings)."""

    @property
    def anchor(self) -> str:
        """The stable anchor of the code on the reference page, e.g. 'hub303'."""
        return self.code.lower()


CODES: tuple[Code, ...] = (
    # -- HUB1xx loading ------------------------------------------------------------------------------
    Code("HUB101", ERROR, "file cannot be read",
         "The operating system refused to read the file, e.g. because of its permissions.",
         "maps/support.yml", "(a file the build user may not read)",
         "cannot read file: <reason>", "Make the file readable by the user who runs the build."),
    Code("HUB102", ERROR, "file too large",
         "Content files are small by design; a very large file is usually a mistake and slows every build.",
         "maps/support.yml", "(a map of 2 MB)",
         "file is <n> bytes, more than the <max> allowed for a content file",
         "Split the file, or raise the plugin option 'max_file_size' if the size is intended."),
    Code("HUB103", ERROR, "not valid UTF-8",
         "Content files are read as UTF-8; a file saved in another encoding would show wrong characters.",
         "challenges/tag-ten-tickets.md", "title: Caf\\xe9 tickets   # saved as Latin-1",
         "file is not valid UTF-8 (save it with UTF-8 encoding)", "Save the file with UTF-8 encoding."),
    Code("HUB104", ERROR, "empty file",
         "An empty content file publishes nothing and is almost always left over from a rename.",
         "maps/support.yml", "", "file is empty", "Write the content, or delete the file."),
    Code("HUB110", ERROR, "YAML syntax error",
         "The YAML cannot be parsed, so nothing in the file can be checked or published. A colon followed "
         "by a space inside an unquoted value is the most common cause.",
         "maps/support.yml", "title: Handover: the checklist",
         "YAML syntax: <problem> (<how to fix it>)",
         "Fix the YAML at the position given; put a value that holds ': ' or starts with a special "
         "character in quotes, e.g. title: \"Handover: the checklist\"."),
    Code("HUB111", ERROR, "YAML aliases expand too far",
         "Aliases (*name) that expand to more values than any content file needs would make the build run out of memory.",
         "maps/support.yml", "a: &a [x, x, x, x, x, x, x, x, x]\nb: &b [*a, *a, *a, *a, *a, *a, *a, *a, *a]\n# …",
         "file holds more than 100,000 values once its aliases (*name) are expanded (…)",
         "Write the values out instead of repeating anchors."),
    Code("HUB112", ERROR, "YAML nests too deeply",
         "The YAML is nested deeper than Python can follow, or an alias refers to the value that contains it.",
         "maps/support.yml", "a: &a [*a]",
         "YAML nests too deeply, or an alias (*name) refers to the value that contains it (…)",
         "Write the values out instead of nesting them or using anchors."),
    Code("HUB113", ERROR, "key is not a plain word",
         "Mapping keys name fields or levels; a list or mapping used as a key cannot name anything.",
         "maps/support.yml", "? [a, b]\n: value",
         "a mapping key must be a plain word or number", "Write the key as a plain word."),
    Code("HUB114", ERROR, "duplicate key",
         "YAML would silently keep only the last of two equal keys, so the first value would vanish.",
         "maps/support.yml", "title: Customer support\ntitle: Support",
         "duplicate key '<key>' (first given on line <n>)", "Remove or rename one of the two keys."),
    Code("HUB115", WARNING, "text read as a comment",
         "In YAML, ' #' starts a comment, so the rest of an unquoted value is dropped without notice.",
         "maps/support.yml", "title: Ticket triage #1 priority",
         "'<text>' is read as a YAML comment, so it is not part of the value (put the whole value in quotes to keep it)",
         "Put the whole value in quotes."),
    Code("HUB120", ERROR, "missing front matter",
         "Challenges and stories start with YAML front matter between two '---' lines; without it the file has no id or title.",
         "challenges/tag-ten-tickets.md", "# Tag ten tickets\n\nTake the ten oldest tickets…",
         "missing YAML front matter (start the file with a line '---', the fields, then '---')",
         "Start the file with a line '---', the fields, then a line '---'."),
    Code("HUB121", ERROR, "front matter not closed",
         "Without the closing '---' the whole file would be read as YAML.",
         "challenges/tag-ten-tickets.md", "---\nid: tag-ten-tickets\ntitle: Tag ten tickets\n\n## Why it matters",
         "front matter is not closed (add a line '---' after the last field)", "Add a line '---' after the last field."),
    Code("HUB130", ERROR, "file is not a mapping of fields",
         "A map file and front matter are mappings of fields (id, title, …); a list or plain text cannot be read as one.",
         "maps/support.yml", "- id: support\n- title: Customer support",
         "<what> must be a mapping of fields (<fields>, …), but it is <a list|empty|plain text>",
         "Write the fields as 'name: value' lines at the start of the line."),
    Code("HUB131", ERROR, "unknown field",
         "A field the content model does not know is never published; usually it is misspelt or has the wrong case.",
         "maps/support.yml", "Capabilities:\n  - id: triage",
         "unknown field '<name>' [in <where>] (did you mean '<field>'? | allowed fields: …)",
         "Correct the spelling (field names are lowercase), or remove the field. "
         "docs/reference/content-model.md lists every field."),
    Code("HUB132", ERROR, "missing field",
         "A required field is not given, so the item cannot be published.",
         "challenges/tag-ten-tickets.md", "---\nid: tag-ten-tickets\ncapability: support/triage\n---",
         "missing field '<name>' [in <where>]", "Add the field; docs/reference/content-model.md says what it holds."),
    Code("HUB133", ERROR, "field value not valid",
         "A value has the wrong type or form: text where a number is needed, an id with capitals, a date that does not exist.",
         "challenges/tag-ten-tickets.md", "time_box: twenty",
         "<field> <what is expected> (got <value>)",
         "Give a value of the form the message names; ids use lowercase letters, digits and single hyphens."),
    Code("HUB134", ERROR, "unknown alignment scheme",
         "A capability's alignment names the taxonomy it points into with 'scheme'; a scheme the hub does not know "
         "could be neither checked nor linked.",
         "maps/support.yml", "    alignments:\n      - scheme: onetsoc\n        code: 43-4051.00",
         "<where>: unknown scheme '<scheme>' ([did you mean '<scheme>'?] known schemes: esco, onet, lightcast, sfia, other)",
         "Use one of the schemes the message lists; for any other framework write 'scheme: other' with "
         "'framework_uri' and the entry's 'code' or 'uri'."),
    Code("HUB140", ERROR, "top-level heading in a body",
         "The page title comes from the 'title' field; a '# ' heading in the body would be a second title.",
         "challenges/tag-ten-tickets.md", "---\n…\n---\n# Tag ten tickets",
         "top-level heading '# <title>' in a <kind> body (…)", "Use '## ' sections; the title comes from 'title'."),
    Code("HUB141", ERROR, "unknown section",
         "Challenge and story bodies have a fixed set of '## ' sections, so every page reads the same way.",
         "challenges/rewrite-macro.md", "## Example",
         "unknown section '## <title>' (did you mean '<title>'? | <kind> sections are: …)",
         "Use one of the section titles the message lists."),
    Code("HUB142", ERROR, "section given twice",
         "Each section appears once on the page.",
         "challenges/rewrite-macro.md", "## Steps\n…\n## Steps",
         "section '## <title>' appears twice (first on line <n>)", "Merge the two sections."),
    Code("HUB143", ERROR, "empty section",
         "An empty section publishes a heading with nothing under it.",
         "challenges/rewrite-macro.md", "## Why it matters\n\n## Steps",
         "section '## <title>' is empty", "Write the section, or remove it if it may be left out."),
    Code("HUB144", ERROR, "missing section",
         "A section every challenge or story needs is not there.",
         "challenges/rewrite-macro.md", "(no '## Why it matters' section)",
         "missing section '## <title>' [(…)]", "Add the section."),
    Code("HUB150", ERROR, "content folder missing",
         "The maps or challenges folder (as the plugin options name them) does not exist, so the hub has no content.",
         "maps", "(no maps/ folder beside mkdocs.yml)",
         "the <maps|challenges> folder does not exist",
         "Create the folder, or set 'maps_dir' / 'challenges_dir' in the plugin options."),
    Code("HUB160", WARNING, "not a map file",
         "Only .yml files in the maps folder are maps; anything else there is not published.",
         "maps/notes.txt", "scratch", "not a map file, so it is not published (map files end in .yml)",
         "Rename it to .yml if it is a map, or move it out of the maps folder."),
    Code("HUB161", WARNING, "map in a sub-folder",
         "Maps are read from the maps folder itself, not from its sub-folders.",
         "maps/old/legacy.yml", "id: legacy", "map files in sub-folders are not published (move it to maps/)",
         "Move the file to maps/, or out of the maps folder."),
    Code("HUB162", WARNING, "challenge in a sub-folder",
         "Challenges are read from the top level of the challenges folder; a challenge moved into a "
         "sub-folder would otherwise silently stop being a challenge and be published as a raw download.",
         "challenges/ops/handover.md", "---\nid: handover\n…",
         "not loaded: challenges are read only from the top level of challenges/, so it is not published (…)",
         "Move it to the top level of challenges/; if it is a download, name it in a challenge's 'template' or 'resources'."),
    Code("HUB163", WARNING, "download no challenge names",
         "Files beside the challenges are published only when a challenge names them, so nothing is "
         "published by accident and nothing a contributor added is silently dropped.",
         "challenges/templates/old-checklist.pdf", "(a file no challenge names)",
         "not named by any challenge's 'template' or 'resources', so it is not published (…)",
         "Name it in a challenge (template: {file: …} or resources: [{file: …}]), or delete it."),
    Code("HUB170", WARNING, "placeholder left in a file",
         "`competency-hub new` and `import` write 'TODO:' where only an author knows the answer; each "
         "one is reported until it is replaced, so an untouched scaffold never passes a strict check.",
         "maps/returns-desk.yml", "summary: \"TODO: one sentence on who this map is for.\"",
         "placeholder 'TODO: …' is still here (…)",
         "Write the real text in its place; for a '# TODO:' comment beside a value, check the value, then delete the comment."),
    # -- HUB2xx model structure ----------------------------------------------------------------------
    Code("HUB201", ERROR, "id differs from file name",
         "Ids are part of URLs and the file name is how people find the file; they must agree.",
         "maps/support.yml", "id: supports",
         "id '<id>' differs from the file name '<stem>' (…)", "Rename the file or change the id so that they match."),
    Code("HUB202", ERROR, "duplicate map id",
         "Two map files give the same id, so both would publish to the same address.",
         "maps/support-old.yml", "id: support",
         "duplicate map id '<id>' (also <path>)", "Give each map its own id."),
    Code("HUB210", ERROR, "duplicate id",
         "Ids of levels, capabilities, behaviours, evidence, rubric criteria, milestones, recall prompts, "
         "patterns and outcome kinds are anchors and references: each must be unique where it is used.",
         "maps/support.yml", "capabilities:\n  - id: triage\n    …\n  - id: triage",
         "duplicate <what> id '<id>' (first used on line <n>)", "Rename one of the two."),
    Code("HUB211", ERROR, "duplicate path id",
         "Path ids are unique across the hub, because each path's page is /paths/<id>/.",
         "maps/billing.yml", "paths:\n  - id: first-week",
         "duplicate path id '<id>' (first used in <path>) (…)", "Rename one of the two paths."),
    Code("HUB220", ERROR, "reserved id",
         "Some ids are taken by the hub's own pages and anchors (index, top, rubric, by-map).",
         "maps/support.yml", "capabilities:\n  - id: rubric",
         "<kind> id '<id>' is reserved for <what> (choose another id)", "Choose another id (and file name)."),
    Code("HUB221", ERROR, "reserved folder",
         "The folder challenges/by-map/ is where the build writes the challenge lists of each map.",
         "challenges/by-map/plan.md", "(a file under challenges/by-map/)",
         "the folder 'by-map/' under the challenges folder is reserved for the challenge lists of each map (…)",
         "Move the file to another folder."),
    Code("HUB222", ERROR, "id clashes with a page anchor",
         "Behaviour and milestone ids become anchors of their page; they must not take an anchor the page already uses.",
         "maps/support.yml", "behaviours:\n  assisted:\n    - id: evidence",
         "<kind> id '<id>' would clash with an anchor of the <page> page (…)", "Prefix the id, e.g. with the capability id."),
    Code("HUB230", ERROR, "unknown level in behaviours or rubric",
         "Behaviours and rubric levels are keyed by the ids of the map's scale; another key is never shown.",
         "maps/support.yml", "behaviours:\n  Independent:\n    - id: triage-priority",
         "unknown level '<level>' in <behaviours of '<capability>'|rubric criterion '<id>'> (did you mean '<level>'?)",
         "Use a level id of the map's scale (ids are lowercase)."),
    Code("HUB231", ERROR, "level not described",
         "Every capability describes every level of the scale, so the rubric has no empty cell.",
         "maps/support.yml", "behaviours:\n  assisted: [...]\n  # no 'independent'",
         "capability '<id>' does not describe level '<level>' (…)", "Give at least one behaviour for every level."),
    Code("HUB232", ERROR, "rubric criterion misses levels",
         "A rubric criterion describes what each level of the scale looks like.",
         "maps/support.yml", "rubric:\n  - id: accuracy\n    levels:\n      assisted: 8 of 10 right.",
         "rubric criterion '<id>' does not describe level(s): <levels>", "Describe every level of the scale."),
    Code("HUB233", ERROR, "builds_on not at the level below",
         "'builds_on' names a behaviour of the same capability one level down, so progression is visible.",
         "maps/support.yml", "independent:\n  - id: triage-priority\n    builds_on: triage-tag",
         "'builds_on: <id>' is not a behaviour of '<capability>' at the level below ('<level>') (did you mean …?)",
         "Name a behaviour of the level just below, or remove 'builds_on'."),
    Code("HUB250", WARNING, "behaviour not observable",
         "Behaviours must say what a reviewer sees or hears; states of mind and judgement words are read differently by two reviewers.",
         "maps/billing.yml", "text: Knows refunds.",
         "behaviour '<id>': '<phrase>' is not observable (<observable verbs>)",
         "Say what the person does: a threshold, a count, a visible result."),
    # -- HUB3xx references ---------------------------------------------------------------------------
    Code("HUB301", ERROR, "capability reference without a map",
         "Outside its own map, a capability is named as map-id/capability-id.",
         "challenges/tag-ten-tickets.md", "capability: triage",
         "capability '<id>' needs its map (write it as 'map-id/<id>', e.g. …)", "Write the reference as 'map-id/capability-id'."),
    Code("HUB302", ERROR, "unknown map",
         "A reference names a map that does not exist.",
         "challenges/tag-ten-tickets.md", "capability: suport/triage",
         "unknown map '<map>' in '<ref>' (did you mean '<map>'?)", "Correct the map id."),
    Code("HUB303", ERROR, "unknown capability",
         "A reference names a capability its map does not have (ids are lowercase).",
         "challenges/tag-ten-tickets.md", "capability: support/Triage",
         "unknown capability '<id>' in map '<map>' (did you mean '<id>'? | it was renamed to '<id>')",
         "Correct the capability id, or use the new id of a renamed capability."),
    Code("HUB304", ERROR, "unknown level",
         "A reference names a level the map's scale does not have.",
         "challenges/tag-ten-tickets.md", "level: Independent",
         "unknown level '<level>' in the scale of map '<map>' (did you mean '<level>'?)", "Use a level id of the map's scale."),
    Code("HUB305", ERROR, "unknown challenge",
         "A path step, prerequisite or 'replaced_by' names a challenge that does not exist.",
         "maps/support.yml", "steps: [tag-ten-ticket]",
         "unknown challenge '<id>' (did you mean '<id>'? | it was renamed to '<id>')", "Correct the challenge id."),
    Code("HUB306", ERROR, "unknown evidence",
         "A challenge or milestone names evidence its capability does not define.",
         "challenges/tag-ten-tickets.md", "evidence:\n  - evidence: queue-logs",
         "capability '<id>' has no evidence '<id>' (did you mean '<id>'?)", "Use an evidence id of the capability."),
    Code("HUB307", ERROR, "file outside the challenges folder",
         "Templates and resources are published from the challenges folder only.",
         "challenges/tag-ten-tickets.md", "template:\n  file: ../secrets.md",
         "file '<path>' must be inside the challenges folder (…)", "Give a path relative to the challenge file."),
    Code("HUB308", ERROR, "missing file",
         "A template or resource file named by a challenge does not exist.",
         "challenges/tag-ten-tickets.md", "template:\n  file: templates/tag-sheets.md",
         "file '<path>' does not exist beside the challenge (did you mean '<path>'?)", "Correct the path or add the file."),
    Code("HUB310", ERROR, "item refers to itself",
         "A capability or challenge cannot be its own prerequisite or relative.",
         "maps/support.yml", "- id: triage\n  prerequisites: [triage]",
         "<capability|challenge> '<id>' lists itself [in <field>]", "Remove the reference."),
    Code("HUB311", ERROR, "prerequisite cycle",
         "Prerequisites that lead back to where they started leave no place to begin.",
         "maps/support.yml", "- id: triage\n  prerequisites: [replies]\n- id: replies\n  prerequisites: [triage]",
         "prerequisite cycle: <a> → <b> → <a> (…)", "Remove one prerequisite of the cycle."),
    Code("HUB320", ERROR, "retired item without successor or reason",
         "A retired item's tombstone page tells readers where to go instead, or why there is nowhere to go.",
         "maps/support.yml", "- id: refunds\n  status: retired",
         "retired <kind> '<id>' needs 'replaced_by' or 'retired_reason' (…)", "Add 'replaced_by' or 'retired_reason'."),
    Code("HUB321", ERROR, "retirement field on an active item",
         "'replaced_by' and 'retired_reason' only mean something on a retired item.",
         "maps/support.yml", "- id: refunds\n  replaced_by: customer-replies",
         "'<field>' is only for retired items, but <kind> '<id>' is active (…)", "Add 'status: retired', or remove the field."),
    Code("HUB322", ERROR, "item replaces itself",
         "'replaced_by' must point at another item.",
         "maps/support.yml", "- id: refunds\n  status: retired\n  replaced_by: refunds",
         "<kind> '<id>' cannot replace itself", "Point 'replaced_by' at the item that takes over."),
    Code("HUB323", ERROR, "replacement is retired too",
         "Readers sent to a retired item would be sent on again; point at the active one.",
         "challenges/rewrite-macro.md", "status: retired\nreplaced_by: tag-ten-tickets",
         "'replaced_by: <id>' is retired too (point at what replaces it: '<id>')", "Point at an active item."),
    Code("HUB324", ERROR, "old id still in use",
         "An old id in 'renamed_from' gets a redirect page, so no other item may use it.",
         "maps/support.yml", "- id: replies\n  renamed_from: [triage]",
         "old id '<id>' of '<id>' is still used by <what> (…) | '<id>' is reserved …",
         "Remove the old id, or rename the item that uses it."),
    # -- HUB4xx challenges and paths -----------------------------------------------------------------
    Code("HUB401", ERROR, "time box too long",
         "Challenges are short practice; the plugin option 'max_time_box' sets the longest.",
         "challenges/prioritise-queue.md", "time_box: 40",
         "time box of <n> minutes is over the <max>-minute maximum (…)",
         "Split the challenge, or raise the plugin option 'max_time_box'."),
    Code("HUB410", ERROR, "step repeated in a path",
         "A path lists each challenge once.",
         "maps/support.yml", "steps: [tag-ten-tickets, tag-ten-tickets]",
         "challenge '<id>' is already step <n> of path '<path>'", "Remove the repeated step."),
    Code("HUB411", ERROR, "milestone after an unknown step",
         "A milestone comes after one of its path's steps.",
         "maps/support.yml", "milestones:\n  - id: first-review\n    after: tag-ten-ticket",
         "milestone '<id>' comes after '<step>', which is not a step of path '<path>' (did you mean …?)",
         "Name a step of the path in 'after'."),
    Code("HUB412", ERROR, "step before its prerequisite",
         "A path must not ask for a challenge before the challenges it builds on.",
         "maps/support.yml", "steps: [prioritise-queue, tag-ten-tickets]",
         "step '<id>' comes before its prerequisite '<id>' in path '<path>' (move the prerequisite earlier)",
         "Move the prerequisite earlier."),
    Code("HUB413", ERROR, "critical capability without mandatory milestone",
         "A path that practises a critical capability has a mandatory milestone reviewing its evidence.",
         "maps/support.yml", "steps: [tag-ten-tickets]\nmilestones: []",
         "path '<id>' practises critical capability '<ref>' but has no mandatory milestone for it (…)",
         "Add a milestone with 'mandatory: true'."),
    Code("HUB414", ERROR, "critical milestone not mandatory",
         "A milestone that reviews a critical capability cannot be skipped.",
         "maps/support.yml", "- id: first-review\n  capability: triage\n  mandatory: false",
         "milestone '<id>' reviews critical capability '<ref>', so it must be mandatory (add 'mandatory: true')",
         "Add 'mandatory: true'."),
    Code("HUB415", WARNING, "milestone before practice",
         "A milestone reviews a capability that no step up to it practises, so learners meet it unprepared.",
         "maps/support.yml", "- id: first-review\n  capability: replies\n  after: tag-ten-tickets",
         "milestone '<id>' reviews '<ref>', but no step up to '<step>' practises it",
         "Move the milestone later, or add a step that practises the capability."),
    # -- HUB420-439 job aids ---------------------------------------------------------------------------
    Code("HUB420", ERROR, "job aid file name not an id",
         "A job aid's file name is its id and its address, /job-aids/<id>/; 'index' is the list of job aids.",
         "job-aids/Shift Handover.md", "---\ntitle: Shift handover checklist",
         "file name '<name>' is not a valid job aid id (…)", "Rename the file: lowercase letters, digits and single hyphens."),
    Code("HUB421", WARNING, "unknown file among the job aids",
         "Only Markdown files at the top level of job-aids/ are job aids; anything else there is not published.",
         "job-aids/images/rota.png", "", "not a job aid, so it is not published",
         "Move the file out of job-aids/, or make it a job aid (.md at the top level)."),
    Code("HUB422", ERROR, "checklist without items",
         "A checklist's items are the task-list lines of its body ('- [ ] …'): without them there is nothing to tick.",
         "job-aids/shift-handover.md", "kind: checklist",
         "a checklist has no items to tick", "Write each item as a task-list line: '- [ ] Check the fire exits are clear'."),
    Code("HUB423", WARNING, "task-list items outside a checklist",
         "Only a checklist's items can be ticked; in another kind of job aid, '- [ ]' lines show as a list with the brackets.",
         "job-aids/de-escalation.md", "kind: script\n---\n- [ ] Say their name",
         "task-list items in a <kind>: they are shown as a list, not ticked",
         "Make it 'kind: checklist', or write a plain list."),
    Code("HUB424", ERROR, "capability listed twice in a job aid",
         "Each capability a job aid supports is listed once, with all the levels it is written for.",
         "job-aids/code-review.md", "supports:\n  - capability: software-delivery/code-review\n  - capability: software-delivery/code-review",
         "capability '<ref>' is listed twice", "Merge the two entries."),
    Code("HUB425", ERROR, "image in a job aid",
         "Job aids are printed, embedded in other tools and read on phones: they show no image, so every form stays small and self-contained.",
         "job-aids/near-miss.md", "![the form](form.png)",
         "a job aid shows no image", "Describe it in words, or link to it."),
    Code("HUB426", ERROR, "code block never closed in a job aid",
         "An unclosed fence turns the rest of the job aid into code.",
         "job-aids/code-review.md", "```text\nstep one", "code block is never closed", "Close the block with the same fence."),
    Code("HUB427", WARNING, "no address for job aid QR codes",
         "A poster's QR code opens the job aid's page, so it needs the address the hub is published at: site_url, "
         "or the plugin's job_aids_base_url. Without one, posters and cards show the address from the site's root instead.",
         "mkdocs.yml", "site_name: Northwind Learning Hub",
         "neither site_url nor job_aids_base_url is set, so job aid posters show their address instead of a QR code",
         "Set site_url (or job_aids_base_url) to the hub's published address."),
    # -- HUB5xx stories ------------------------------------------------------------------------------
    Code("HUB501", ERROR, "story file name not a slug",
         "A story's file name is its address /stories/<slug>/.",
         "stories/Weekend Rota.md", "(file name with capitals and spaces)",
         "file name '<name>' is not a valid story slug (…)", "Rename it with lowercase letters, digits and single hyphens."),
    Code("HUB502", ERROR, "reserved story slug",
         "Some slugs are pages of the story library itself.",
         "stories/latest.md", "(a story named like a library page)",
         "story slug '<slug>' is reserved for a page of the story library (rename the file)", "Rename the file."),
    Code("HUB503", ERROR, "duplicate story slug",
         "Two story files in different folders have the same name, and so the same address.",
         "stories/2025/rota.md", "(and stories/rota.md)",
         "duplicate story slug '<slug>' (also <path>) (…)", "Rename one of them."),
    Code("HUB504", ERROR, "not an image",
         "A file with an image extension under stories/ is published as an image; its content must be one.",
         "stories/images/rota.png", "(a text file named .png)",
         "file does not look like a <PNG|JPEG|GIF|WEBP> image (…)", "Replace it with a real PNG, JPEG, GIF or WEBP image."),
    Code("HUB505", WARNING, "unknown file in the story library",
         "Only stories, images, authors.yml and patterns.yml are published from stories/.",
         "stories/notes.txt", "scratch",
         "not a story, an image or a side file, so it is not published (…)", "Move the file out of stories/."),
    Code("HUB506", WARNING, "image no story shows",
         "Only images that a published story shows are published; an unused image is reported so it is not silently dropped.",
         "stories/images/old-board.png", "(an image no story links)",
         "not shown by any story, so it is not published (…)", "Show it in a story with `![what it shows](images/old-board.png)`, or delete it."),
    Code("HUB510", ERROR, "story dated in the future",
         "A story is dated when it happened or was told.",
         "stories/rota.md", "date: 2099-01-01",
         "date <date> is in the future (today is <date>) (…)", "Correct the date."),
    Code("HUB511", ERROR, "unknown author",
         "Story authors are listed, with role and team, in stories/authors.yml.",
         "stories/rota.md", "authors: [sam-okafr]",
         "unknown author '<id>'[: there is no stories/authors.yml] (did you mean '<id>'?)",
         "Correct the author id, or add the author to stories/authors.yml."),
    Code("HUB512", ERROR, "author listed twice",
         "Each author is named once.", "stories/rota.md", "authors: [sam-okafor, sam-okafor]",
         "author '<id>' is listed twice", "Remove the repetition."),
    Code("HUB513", ERROR, "capability cited twice",
         "A story cites each capability once, at the highest level it shows.",
         "stories/rota.md", "capabilities:\n  - capability: support/triage\n    level: assisted\n"
         "  - capability: support/triage\n    level: expert",
         "capability '<ref>' is cited twice (…)", "Keep the citation at the highest level."),
    Code("HUB514", ERROR, "unknown pattern or outcome kind",
         "Patterns and outcome kinds are listed in stories/patterns.yml.",
         "stories/rota.md", "patterns: [manager-involvment]",
         "unknown <pattern|outcome kind> '<id>' (did you mean '<id>'?)",
         "Correct the id, or add it to stories/patterns.yml."),
    Code("HUB515", WARNING, "pattern listed twice",
         "Each pattern is named once.", "stories/rota.md", "patterns: [rota, rota]",
         "pattern '<id>' is listed twice", "Remove the repetition."),
    Code("HUB520", ERROR, "code block never closed",
         "An unclosed fence turns the rest of the story into code.",
         "stories/rota.md", "```text\nstep one", "code block is never closed (close it with the same fence)",
         "Close the block with the same fence."),
    Code("HUB521", ERROR, "HTML tag not allowed",
         "Stories, challenges and maps are published from many contributors; only simple, safe HTML is kept in a story or challenge (its body, and a challenge's text fields). Map texts are plain text with inline Markdown: any tag in them is reported at its field, and the page shows it as the characters typed.",
         "stories/rota.md", "<script>alert(1)</script>",
         "raw HTML <<tag>> is not allowed in a story (…)", "Use Markdown, or simple HTML such as <b>, <table> or <details>."),
    Code("HUB522", ERROR, "HTML attribute not allowed",
         "Event handlers, style and data attributes are removed from a story or challenge; in a map text, an attribute list with one is reported at its field.",
         "stories/rota.md", "<b onclick=\"x()\">rota</b>",
         "attribute '<name>' on <<tag>> is not allowed in a story (…)", "Remove the attribute."),
    Code("HUB523", ERROR, "link not allowed",
         "Links in a story, challenge or map text are relative, http:, https: or mailto:; other schemes can run code, and "
         "the build removes them from every page. A challenge's images are files under challenges/ that a challenge names, "
         "as published; a map text shows no image.",
         "stories/rota.md", "[rota](javascript:alert(1))",
         "link to '<url>' is not allowed in a story (…)", "Use a relative, http:, https: or mailto: link."),
    Code("HUB524", ERROR, "image not in the story library",
         "Story images are published from the repository only, so pages never load images from elsewhere.",
         "stories/rota.md", "![rota](https://example.org/rota.png)",
         "image '<src>' is not an image file of the story library (…)",
         "Put the image under stories/ and link it relatively."),
    # -- HUB6xx governance ---------------------------------------------------------------------------
    Code("HUB601", NOTE, "map past its review date",
         "Maps are checked against the work on a schedule; this one is overdue. The calendar brings it, "
         "not a commit, so by default it is a note that never stops a build.",
         "maps/support.yml", "review_date: 2025-01-31",
         "map '<id>' was due for review on <date> [overdue-review] (…)",
         "Its owners check it against the work, then move 'review_date' forward.", configurable=True),
    Code("HUB602", WARNING, "map without owner",
         "A map nobody owns is never reviewed.",
         "maps/support.yml", "owners: []",
         "map '<id>' has no owner [no-owners] (name a person or team in 'owners')",
         "Name a person or team in 'owners'.", configurable=True),
    Code("HUB603", WARNING, "retired item still referenced",
         "Content still points at a retired capability or challenge.",
         "challenges/tag-ten-tickets.md", "capability: support/refunds   # retired",
         "<user> refers to <what>, which is retired [retired-referenced] (use '<id>' instead)",
         "Point the reference at what replaces the retired item.", configurable=True),
    Code("HUB604", NOTE, "stale challenge",
         "A challenge not reviewed for longer than 'governance: stale_after_months' may no longer fit the work. "
         "The calendar brings it, not a commit, so by default it is a note that never stops a build.",
         "challenges/tag-ten-tickets.md", "reviewed: 2024-01-10",
         "challenge '<id>' was last reviewed on <date>, more than <n> months ago [stale-challenge] (…)",
         "Check it still fits the work, then update 'reviewed'.", configurable=True),
    # -- HUB7xx docs pages and markers ---------------------------------------------------------------
    Code("HUB701", ERROR, "unknown marker",
         "A hub marker that is nearly 'hub:latest-stories' is almost certainly a typo, and would stay in the page unreplaced.",
         "docs/index.md", "<!-- hub:latest-story -->",
         "unknown marker 'hub:<name>' (did you mean 'latest-stories'?)", "Correct the marker name."),
    Code("HUB702", ERROR, "marker without story library",
         "'hub:latest-stories' lists stories, so the hub needs a stories folder.",
         "docs/index.md", "<!-- hub:latest-stories -->",
         "'hub:latest-stories' needs a story library (create stories/)", "Create the stories folder, or remove the marker."),
    Code("HUB703", ERROR, "marker option without value",
         "Marker options are written name=value.",
         "docs/index.md", "<!-- hub:latest-stories limit -->",
         "marker option '<text>' needs a value (write it as name=value, e.g. limit=5)", "Write the option as name=value."),
    Code("HUB704", ERROR, "unknown marker option",
         "The marker knows the options limit, map, capability and pattern.",
         "docs/index.md", "<!-- hub:latest-stories limt=3 -->",
         "unknown marker option '<name>' (did you mean '<name>'?)", "Use one of limit, map, capability, pattern."),
    Code("HUB705", ERROR, "marker option given twice",
         "Each option is given once.", "docs/index.md", "<!-- hub:latest-stories limit=3 limit=5 -->",
         "marker option '<name>' is given twice", "Remove one of them."),
    Code("HUB706", ERROR, "marker with two filters",
         "A marker filters by at most one of map, capability or pattern.",
         "docs/index.md", "<!-- hub:latest-stories map=support pattern=rota -->",
         "marker gives both '<a>' and '<b>' (…)", "Keep one filter."),
    Code("HUB707", ERROR, "marker limit out of range",
         "'limit' is a whole number from 1 to 50.",
         "docs/index.md", "<!-- hub:latest-stories limit=all -->",
         "marker option 'limit' must be a whole number from 1 to 50 (got '<value>')", "Give a number from 1 to 50."),
    Code("HUB708", ERROR, "marker names something unknown",
         "The map, capability or pattern a marker filters by does not exist.",
         "docs/index.md", "<!-- hub:latest-stories map=suport -->",
         "unknown <map|capability|pattern> '<id>' in the marker (did you mean '<id>'?)", "Correct the id."),
    # -- HUB8xx trust and files ----------------------------------------------------------------------
    Code("HUB801", ERROR, "symbolic link",
         "Content arrives by pull request and CI builds it with secrets: a link can point anywhere, e.g. "
         "to a key outside the repository, so no link is ever read or published, even one nothing names.",
         "challenges/templates/plan.md", "(a symbolic link to ~/.ssh/id_rsa)",
         "a symbolic link: only regular files inside the repository are read or published (…)",
         "Replace the link by a copy of the file."),
    Code("HUB802", ERROR, "outside the repository",
         "Only files under the folder of mkdocs.yml are read or published.",
         "mkdocs.yml", "templates_dir: ../shared-templates",
         "outside the repository: only regular files inside the repository are read or published (…)",
         "Move the file under the folder of mkdocs.yml."),
    Code("HUB803", ERROR, "not a regular file",
         "A FIFO, socket or device could block the build or never end; it is never opened.",
         "stories/pipe", "(a FIFO made with mkfifo)",
         "not a regular file (a FIFO, socket or device): only regular files inside the repository are read or published (…)",
         "Remove it from the repository."),
    Code("HUB805", ERROR, "names a refused file",
         "A challenge's template or download, or a story's image, names a file that is a link, outside "
         "the repository or not a regular file; it is not published.",
         "challenges/plan-a-handover.md", "template:\n  file: templates/plan.md   # a symbolic link",
         "file '<name>' is a symbolic link: only regular files inside the repository are read or published (…)",
         "Replace the file by a regular file inside the repository, e.g. a copy."),
    Code("HUB810", ERROR, "include in a challenge or story",
         "Challenges and stories arrive by pull request; a snippets include line (--8<--) would copy a file "
         "of the build machine into the page. The build never performs it; this says so on the line.",
         "stories/rota.md", "--8<-- \"/etc/passwd\"",
         "'--8<--' includes files, which a story may not do (…)",
         "Remove the line: paste the text itself if it belongs in the page."),
    # -- HUB9xx configuration, imports, exports ------------------------------------------------------
    Code("HUB901", ERROR, "plugin option not valid",
         "A competency-hub option in mkdocs.yml has a value MkDocs cannot use.",
         "mkdocs.yml", "plugins:\n  - competency-hub:\n      max_time_box: long",
         "plugin 'competency-hub', option '<name>': <problem>", "Correct the option (docs/reference/configuration.md)."),
    Code("HUB902", WARNING, "unknown plugin option",
         "An option the plugin does not know is ignored; usually it is misspelt.",
         "mkdocs.yml", "plugins:\n  - competency-hub:\n      max_timebox: 45",
         "plugin 'competency-hub', option '<name>': <problem> (did you mean '<name>'?)", "Correct the option name."),
    Code("HUB903", WARNING, "SOURCE_DATE_EPOCH ignored",
         "SOURCE_DATE_EPOCH fixes the dates of exports for reproducible builds; a value that is not a number is ignored.",
         "SOURCE_DATE_EPOCH", "SOURCE_DATE_EPOCH=yesterday",
         "SOURCE_DATE_EPOCH='<value>' is not a number of seconds since 1970; it is ignored", "Set it to a whole number of seconds."),
    Code("HUB940", ERROR, "CASE package cannot be imported",
         "The file given to 'competency-hub import case' is not a CASE package a map can be made from.",
         "framework.json", "{\"CFItems\": []}",
         "<what is wrong with the package> (…)", "Export the framework as a CASE CFPackage (JSON) and import that."),
    Code("HUB941", WARNING, "part of a CASE package not imported",
         "A map cannot hold everything CASE can; what is left out or changed is named, at its place in the package.",
         "framework.json", "\"extensions\": {…}",
         "<what> is not imported | <how it was mapped>", "Check the written map, and add what is missing by hand if it matters."),
    Code("HUB945", ERROR, "Moodle CSV cannot be imported",
         "The file given to 'competency-hub import moodle' is not a Moodle competency framework export.",
         "framework.csv", "name,description",
         "<what is wrong with the file> (…)", "Export the framework from Moodle (Competency frameworks → Export) and import that CSV."),
    Code("HUB946", WARNING, "part of a Moodle CSV not imported",
         "A map cannot hold everything a Moodle framework can; what is left out or changed is named, at its line of the CSV.",
         "framework.csv", "(a competency with a scale of its own)",
         "<what> is not imported | <how it was mapped>", "Check the written map, and add what is missing by hand if it matters."),
    Code("HUB947", WARNING, "Moodle CSV header not as Moodle writes it",
         "Moodle reads a framework CSV's 14 columns by position, whatever its header says, and so does the import. "
         "The header names Moodle's columns in another order, or matches none of their names while the records do "
         "not look like a framework; each column is still read by its position, which may not be what the file means. "
         "A header in another language over records that fit the columns is not reported.",
         "framework.csv", "ID number,Parent ID number,Short name,…",
         "the header names Moodle's columns in another order; the columns are read by position, as Moodle does: "
         "column <n> '<header>' as '<column>'; …",
         "Put the columns in Moodle's order (export the framework from Moodle again), or check that each column holds what its position means."),
    Code("HUB950", WARNING, "placeholder in an imported map",
         "The import wrote TODO text where the source had nothing a map needs (an owner, a level description).",
         "maps/imported.yml", "owners:\n  - name: TODO name the owner",
         "placeholder: <what> (replace the TODO text)", "Replace the TODO text before publishing the map."),
    Code("HUB951", WARNING, "stand-in value in an imported map",
         "The import wrote a value that stands in for one the source lacked, such as today's date as review date.",
         "maps/imported.yml", "review_date: 2027-01-31",
         "<which value stands in for what>", "Check the value and set the real one."),
    Code("HUB970", WARNING, "Moodle export changes a value",
         "Moodle's CSV cannot hold some values as they are; the export writes them changed, and says so.",
         "maps/support.yml", "scale:\n  - id: assisted\n    name: Assisted, with help",
         "Moodle CSV: <what changed and why>", "Change the value in the map if the changed form is not acceptable."),
)

BY_CODE: dict[str, Code] = {entry.code: entry for entry in CODES}
"""The registry looked up by code."""


def lookup(code: str) -> Code | None:
    """The registered entry of `code`, or None for an unregistered one (a test catches those)."""
    return BY_CODE.get(code)


def _fence(entry: Code) -> str:
    """The bad example as a Markdown code block (four backticks, so an example may hold a fence); an
    include line is escaped, or the docs build would try to include it (HUB810's example)."""
    language = {".yml": "yaml", ".yaml": "yaml", ".md": "markdown", ".json": "json"}.get(
        entry.example_file[entry.example_file.rfind(".") :] if "." in entry.example_file else "", "text"
    )
    return f"````{language}\n{escape_includes(entry.example) or '(empty)'}\n````"


def _severity(entry: Code) -> str:
    if entry.configurable:
        return (
            f"{entry.severity} by default; a warning when the kind is in `governance: warn_on`, "
            "an error when it is in `governance: fail_on`"
        )
    return str(entry.severity)


def explain(entry: Code) -> str:
    """One code as plain text, for `competency-hub explain HUB303`."""
    return (
        f"{entry.code} {entry.title} ({_severity(entry)})\n\n{entry.explanation}\n\n"
        f"Example ({entry.example_file}):\n{entry.example or '(empty)'}\n\n"
        f"Message: {entry.message}\nFix: {entry.fix}\n"
    )


def diagnostics_reference() -> str:
    """The Markdown of docs/reference/diagnostics.md: every code with its example, message and fix."""
    out = [
        "# Diagnostics",
        "",
        "<!-- Generated from plugins/competency_hub/codes.py by `competency-hub explain`; "
        "run `make diagnostics` after changing a code. -->",
        "",
        "Every problem `competency-hub validate` and the build report has a code. The code comes first "
        "in the message:",
        "",
        "```text",
        "challenges/tag-ten-tickets.md:5:13: error: HUB303 unknown capability 'triag' in map 'support' "
        "(did you mean 'triage'?)",
        "```",
        "",
        "A code keeps its meaning for good: scripts and dashboards may filter on it, and each one has a "
        "stable anchor on this page (`#hub303`). `competency-hub explain HUB303` prints one entry in the "
        "terminal. See [Validation](../guide/validation.md) for how to run the checks, and "
        "[Command line](cli.md#validate) for the JSON and SARIF output.",
        "",
        "| Codes | Area |",
        "|---|---|",
    ]
    out += [f"| HUB{digit}xx | {name} |" for digit, name in AREAS.items()]
    for digit, name in AREAS.items():
        entries = [entry for entry in CODES if entry.code[3] == digit]
        out += ["", f"## {name} (HUB{digit}xx) {{#hub{digit}xx}}", ""]
        if not entries:
            out.append("No codes yet; the range is reserved.")
            continue
        out += ["| Code | Severity | Title |", "|---|---|---|"]
        out += [f"| [{e.code}](#{e.anchor}) | {e.severity} | {e.title} |" for e in entries]
        for entry in entries:
            out += [
                "",
                f"### {entry.code} {entry.title} {{#{entry.anchor}}}",
                "",
                f"**{_severity(entry).capitalize()}.** {entry.explanation}",
                "",
                f"Example, in `{entry.example_file}`:",
                "",
                _fence(entry),
                "",
                f"Message: `{entry.message}`",
                "",
                f"Fix: {entry.fix}",
            ]
    return "\n".join(out) + "\n"
