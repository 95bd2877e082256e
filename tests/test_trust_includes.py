"""Untrusted Markdown cannot read files (issue 11, "Trust").

The site's mkdocs.yml may enable pymdownx.snippets for the guide. Stories and challenges arrive by
pull request and become generated pages that MkDocs converts with the same extensions, so every
include form there is an error on its line, and the include is never performed, even while
`mkdocs serve` previews content with errors. Docs pages still include their snippets, but only
regular files inside the repository.
"""

from __future__ import annotations

import os
from pathlib import Path

import pytest
from hub import copy_story_hub, edit, errors, matching, where
from serving import fetch, mkdocs_serve, wait_for

INCLUDED = "INCLUDED-9d41-from-the-build-machine"
SECRET = "CANARY-5e2a-outside-secret"

INCLUDE_FORMS = [
    '--8<-- "included.txt"',
    "--8<-- 'included.txt'",
    '-8<- "included.txt"',
    '    ----8<---- "included.txt:1:2"',
    '\t--8<-- "included.txt:part"',
    "--8<--",  # a block: each line up to the next marker is a file
]
"""Every way pymdownx.snippets reads a line as an include (see SnippetPreprocessor.RE_ALL_SNIPPETS)."""


def body_with_includes() -> str:
    lines = ["", "Intro before the first section.", ""]
    for form in INCLUDE_FORMS[:-1]:
        lines += [form, ""]
    lines += ["--8<--", "included.txt", "--8<--", "", "```text", '--8<-- "included.txt"', "```", ""]
    return "\n".join(lines)


def snippet_hub(tmp_path: Path) -> Path:
    """The story hub with snippets enabled on docs/, an included file, and a story and a challenge that include it."""
    root = copy_story_hub(tmp_path)
    (root / "mkdocs.yml").write_text(
        (root / "mkdocs.yml").read_text(encoding="utf-8")
        + "markdown_extensions:\n  - pymdownx.snippets:\n      base_path: [docs]\n      check_paths: false\n",
        encoding="utf-8",
    )
    (root / "docs" / "included.txt").write_text(f"{INCLUDED}\n", encoding="utf-8")
    (tmp_path / "secret.txt").write_text(f"{SECRET}\n", encoding="utf-8")
    (root / "docs" / "snippets").mkdir()
    os.symlink(tmp_path / "secret.txt", root / "docs" / "snippets" / "leak.txt")
    (root / "docs" / "howto.md").write_text(
        '# How to\n\n--8<-- "included.txt"\n\n--8<-- "snippets/leak.txt"\n', encoding="utf-8"
    )
    edit(root, "stories/weekend-triage-rota.md", "\nIntro before the first section.\n", body_with_includes())
    edit(root, "challenges/tag-ten-tickets.md", "## Why it matters\n", body_with_includes() + "\n## Why it matters\n")
    return root


def test_every_include_form_is_an_error_on_its_line(tmp_path: Path) -> None:
    root = snippet_hub(tmp_path)
    found = errors(root)
    for rel, kind in (("stories/weekend-triage-rota.md", "story"), ("challenges/tag-ten-tickets.md", "challenge")):
        text = (root / rel).read_text(encoding="utf-8")
        for form in INCLUDE_FORMS:
            marker = form.strip().split()[0]
            location = where(root, rel, form.strip() if form != "--8<--" else "\n--8<--\nincluded")
            if form == "--8<--":
                line = int(location.split(":")[1]) + 1
                location = f"{rel}:{line}:1"
            assert matching(found, location, f"HUB810 '{marker}' includes files, which a {kind} may not do"), (
                f"{rel}: {form!r} not reported at {location}\n" + "\n".join(found)
            )
        fenced = text.index('```text\n--8<-- "included.txt"') + len("```text\n")
        fence_line = text.count("\n", 0, fenced) + 1
        assert matching(found, f"{rel}:{fence_line}:1", "includes files"), "an include in a code block is still an include"
    assert matching(found, "docs/snippets/leak.txt:1:1", "symbolic link")
    assert not [line for line in found if line.startswith("docs/howto.md")], "a docs page may include snippets"


@pytest.mark.build
def test_no_include_is_performed_even_when_the_errors_are_ignored(tmp_path: Path) -> None:
    """`mkdocs serve` previews content with errors: the story and the challenge show their lines as text."""
    root = snippet_hub(tmp_path)
    with mkdocs_serve(root) as base:
        assert wait_for(f"{base}/howto/", INCLUDED), "the docs page did not include its snippet (is snippets on?)"
        story = fetch(f"{base}/stories/weekend-triage-rota/")
        challenge = fetch(f"{base}/challenges/tag-ten-tickets/")
        howto = fetch(f"{base}/howto/")
    assert story is not None and "8&lt;-" in story, "the story page was not served"
    assert challenge is not None and "8&lt;-" in challenge, "the challenge page was not served"
    assert INCLUDED not in story, "a story included a file"
    assert INCLUDED not in challenge, "a challenge included a file"
    assert howto is not None and SECRET not in howto, "a docs page included a file through a symbolic link"
