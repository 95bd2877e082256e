"""No Markdown extension raises on any body a pull request can carry (issue 11, "Trust").

Hostile story and challenge bodies, hand-written and generated with a fixed seed, go through the
real validator and a real `mkdocs serve` (which converts every page, even while the content has
errors). Each file ends as a clean `path:line` error or a clean page; nothing prints a traceback.
"""

from __future__ import annotations

import random
import re
from pathlib import Path

import pytest
from hub import copy_story_hub, validate
from serving import fetch, mkdocs_serve, wait_for

pytestmark = pytest.mark.build

HOSTILE: dict[str, str] = {
    "deep-list": "\n".join("  " * i + "- item" for i in range(400)),
    "deep-quote": ">" * 1500 + " quoted",
    "deep-mixed": "> - " * 250 + "x",
    "unclosed-fence": "```python\nprint('never closed')\n",
    "unclosed-tilde": "~~~~\n```\n~~~",
    "huge-table": "| " + " | ".join(f"h{i}" for i in range(20)) + " |\n|" + "---|" * 20 + "\n"
    + "\n".join("| " + " | ".join(str(r * c) for c in range(20)) + " |" for r in range(800)),
    "attr-garbage": 'Para\n{: #x .y onclick=alert(1) }\n\n# Head {: #" .. = }\n\n{: {: {:\n\n*a*{: style="x" }',
    "md-in-html": '<div markdown="1">\n<div markdown>\n<p markdown="block">\n</span></div></div></div>\n<details markdown>\n<summary markdown="span">',
    "admonitions": '!!! \n!!! note\n!!!""\n???+ \n???- x "unclosed\n    body\n!!! note "a" "b"\n\n    !!! nested',
    "details": '??? \n???+note\n??? note "\n\n    ??? deeper\n        ???',
    "controls": "".join(chr(i) for i in range(1, 32) if i not in (10,)) + "\x7f\x85",
    "nul": "a\x00b\x00\x00 [x\x00](y\x00)",
    "long-line": "word " * 40000,
    "script": "<script>alert(1)</script>\n<SCRIPT SRC=//x></SCRIPT>\n<img src=x onerror=alert(1)>",
    "bidi": "\u202e\u2066evil\u2069 \u200f\u061c text \u2067 [\u202elink](x)",
    "broken-html": "<a href='x' <b <<<>>> </a </ >\n<!-- unclosed comment\n<![CDATA[ x ]]> <?php ?> <!DOCTYPE x>",
    "references": "[x]: <>\n[y][x] [[[]]] ![](  ) [](<>) [a]: b 'c\n\n[^1] [^1]:",
    "bad-urls": "[a](<javascript:alert(1)>) [b](\x01javascript:alert(1)) [c](java&#x09;script:x) <javascript:alert(1)>",
    "entities": "&#0; &#xD800; &#99999999; &#x110000; &#; &amp &lt",
    "emphasis-bomb": "*a **a " * 4000,
    "bracket-bomb": "[" * 4000 + "]" * 4000 + "(" * 2000,
    "fence-attrs": "```{.python #id onclick=x}\nx\n```\n\n``` { \n```\n\n````\n```",
    "headings": "# \n## #\n### {#}\n#### [x](y) {#toc}\n##### <b>bold</b>\n" + "#" * 7 + " seven",
    "line-ends": "a\r\n\tb\r- c\r\n\r\n\t\t- d\u2028e\u2029f",
    "surrogate-entity": "&#xdfff; &#55296;",
    "html-tables": "<table><tr><td markdown>*x*<td><table><tr><th>" * 30,
    "tabs": "\t" * 200 + "- x\n" + "\t\t*\t*\t*",
}
"""Bodies meant to break Python-Markdown or one of the hub's extensions."""

TOKENS = [
    "#", "##", "- ", "* ", "1. ", "> ", "```", "~~~", "!!! note", "??? tip", "{: #a .b }", "{#x}", "<div markdown>",
    "</div>", "<details>", "<summary>", "|", "---", "***", "[", "]", "(", ")", "![", "<", ">", "&", "&#", ";", "\\",
    "`", "*", "_", "==", "\t", "    ", "\n", "\n\n", "<a id=x>", "<b>", "</b>", "{", "}", '"', "'", "=", ":", "x",
    "word", "\u202e", "\x00", "\x0b", "<!--", "-->", "--8<-- ", "%", "$$", "@", "^", "~",
]  # fmt: skip


def generated_bodies(count: int, seed: int = 11) -> dict[str, str]:
    """Random sequences of Markdown syntax fragments, the same on every run."""
    rng = random.Random(seed)
    return {f"random-{n:02d}": "".join(rng.choice(TOKENS) for _ in range(rng.randint(50, 800))) for n in range(count)}


def fuzz_hub(tmp_path: Path) -> tuple[Path, list[str], list[str]]:
    """The story hub with one story and one challenge per hostile body; returns it and their paths."""
    root = copy_story_hub(tmp_path)
    story = (root / "stories" / "weekend-triage-rota.md").read_text(encoding="utf-8")
    challenge = (root / "challenges" / "tag-ten-tickets.md").read_text(encoding="utf-8")
    stories, challenges = [], []
    for name, body in {**HOSTILE, **generated_bodies(16)}.items():
        slug = f"fuzz-{name}"
        (root / "stories" / f"{slug}.md").write_bytes(
            story.replace("Intro before the first section.", body).encode("utf-8", "surrogatepass")
        )
        (root / "challenges" / f"{slug}.md").write_bytes(
            challenge.replace("id: tag-ten-tickets", f"id: {slug}")
            .replace("Intro text before the first section.", body)
            .encode("utf-8", "surrogatepass")
        )
        stories.append(f"stories/{slug}.md")
        challenges.append(f"challenges/{slug}.md")
    # Bytes that are not UTF-8: a lone surrogate, as Python would write it, and plain garbage.
    (root / "stories" / "fuzz-surrogate.md").write_bytes(story.encode().replace(b"Intro before", b"\xed\xa0\x80 Intro before"))
    (root / "challenges" / "fuzz-bytes.md").write_bytes(
        challenge.replace("id: tag-ten-tickets", "id: fuzz-bytes").encode().replace(b"Intro text", b"\xff\xfe\xc3(")
    )
    return root, stories, challenges


def test_hostile_bodies_end_as_clean_errors_or_clean_pages(tmp_path: Path) -> None:
    root, stories, challenges = fuzz_hub(tmp_path)
    lines = validate(root)  # in-process: an exception here fails the test with its traceback
    reported = {line.split(":", 1)[0] for line in lines if ": error: " in line}
    assert re.search(r"^stories/fuzz-surrogate\.md:\d+:\d+: error: HUB103 file is not valid UTF-8", "\n".join(lines), re.M)
    assert re.search(r"^challenges/fuzz-bytes\.md:\d+:\d+: error: HUB103 file is not valid UTF-8", "\n".join(lines), re.M)
    log = tmp_path / "serve.log"
    with mkdocs_serve(root, log=log) as base:
        assert wait_for(f"{base}/stories/weekend-triage-rota/", "weekend triage rota", timeout=300), (
            "serve did not come up:\n" + log.read_text(errors="replace")[-3000:]
        )
        missing = []
        for rel in stories + challenges:
            folder, _, name = rel.partition("/")
            page = fetch(f"{base}/{folder}/{name[:-3]}/")
            if page is None and rel not in reported:
                missing.append(rel)
            if page is not None:  # stories and challenges are cleaned alike
                assert "<script>alert" not in page.lower(), f"{rel}: a page runs a script"
    output = log.read_text(encoding="utf-8", errors="replace")
    assert "Traceback" not in output, output[output.find("Traceback") - 2000 :][:6000]
    assert not missing, f"neither a page nor an error for: {missing}"
