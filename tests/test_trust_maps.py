"""Map texts are plain text with inline Markdown, never HTML (issue 11, "Trust").

Maps arrive by pull request like challenges and stories. Every tag, unsafe attribute list or link
in a map text is an error at its field (HUB521-523); whatever is published anyway (`mkdocs serve`
keeps previewing a hub with errors) shows HTML as the characters typed and carries no link with
a scheme that runs code, while the hub's own markup (SVG graph, learner controls) stays.
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from bs4 import BeautifulSoup
from hub import build, content, controls, copy_hub, edit, errors, matching, page, where
from serving import mkdocs_serve, wait_for

MAP = "maps/support.yml"
CHALLENGE = "challenges/tag-ten-tickets.md"

HOSTILE = [  # (text in the fixture, hostile text, code, fragment of the message)
    ("title: Customer support", "title: Customer </title><script>alert(1)</script> support", "HUB521", "raw HTML <script> is not allowed in a map"),
    (
        "why: A ticket in the wrong queue waits twice as long.",
        "why: A ticket <img src=x onerror=alert(2)> in the wrong queue waits twice as long.",
        "HUB521",
        "raw HTML <img> is not allowed in a map",
    ),
    (
        "text: Tags each ticket with the queue the macro list names.",
        "text: Tags each ticket with the queue [the macro list](javascript:alert(3)) names.",
        "HUB523",
        "link to 'javascript:alert(3)' is not allowed in a map",
    ),
    (
        "description: An export of one day's tickets with the tags you set.",
        "description: An export <iframe src=\"https://example.org/frame\"></iframe> of one day's tickets.",
        "HUB521",
        "raw HTML <iframe>",
    ),
    ("criterion: Tag accuracy", "criterion: Tag accuracy <javascript:alert(5)>", "HUB523", "link to 'javascript:alert(5)'"),
    (
        "title: First week in the queue",
        "title: First week [in](data:text/html;base64,PHNjcmlwdD4=) the queue",
        "HUB523",
        "link to 'data:text/html;base64,PHNjcmlwdD4='",
    ),
    ("    name: Assisted\n", '    name: Assisted *level*{ onclick="alert(6)" }\n', "HUB522", "attribute 'onclick' on an attribute list"),
    ("- name: Ana Ruiz", "- name: Ana Ruiz <b onmouseover=alert(7)>", "HUB521", "raw HTML <b> is not allowed in a map"),
    ("- Which ticket was hardest to place this week?", "- Which ticket <svg onload=alert(8)> was hardest?", "HUB521", "raw HTML <svg>"),
]


def _value(line: str) -> str:
    """The value written on a YAML line: `  - name: Ana` → 'Ana', `  - Which…` → 'Which…'."""
    text = line.strip().removeprefix("- ")
    key, separator, rest = text.partition(": ")
    return rest if separator and re.fullmatch(r"[a-z_]+", key) else text


def hostile_hub(tmp_path: Path) -> Path:
    root = copy_hub(tmp_path)
    for old, new, _, _ in HOSTILE:
        edit(root, MAP, old, new)
    edit(root, CHALLENGE, "title: Tag ten tickets", "title: Tag ten <img src=x onerror=alert(9)> tickets")
    return root


def test_each_unsafe_map_text_is_an_error_at_its_field(tmp_path: Path) -> None:
    root = hostile_hub(tmp_path)
    found = errors(root)
    for _, new, code, message in HOSTILE:
        location = where(root, MAP, _value(new))  # a value's diagnostics are at its first character
        assert matching(found, location, f"error: {code} {message}"), f"{location} {code}: not in\n" + "\n".join(found)
    reported = {line.split(": error:")[0] for line in found if line.startswith(MAP)}
    assert reported == {where(root, MAP, _value(new)) for _, new, _, _ in HOSTILE}, "\n".join(found)


def test_html_in_a_map_text_is_refused_even_when_the_allow_list_keeps_it(tmp_path: Path) -> None:
    root = copy_hub(tmp_path)
    edit(root, MAP, "summary: For agents who answer customers by chat and e-mail.", "summary: For <b>agents</b> who answer by chat.")
    found = errors(root)
    location = where(root, MAP, "For <b>agents</b>")
    assert matching(found, location, "error: HUB521 raw HTML <b> is not allowed in a map"), "\n".join(found)


@pytest.mark.build
def test_the_build_refuses_a_hostile_map(tmp_path: Path) -> None:
    result = build(hostile_hub(tmp_path), strict=True)
    assert result.returncode != 0
    assert "HUB521" in result.output and "HUB523" in result.output


def _served_pages(root: Path, tmp_path: Path) -> dict[str, str]:
    """Every HTML page `mkdocs serve` built for the hub, by path under the site (read while it serves)."""
    serve_tmp = tmp_path / "serve-tmp"
    serve_tmp.mkdir()
    log = tmp_path / "serve.log"
    with mkdocs_serve(root, env={"TMPDIR": str(serve_tmp)}, log=log) as base:
        assert wait_for(f"{base}/maps/support/triage/", "Why it matters", timeout=120), log.read_text(errors="replace")[-3000:]
        sites = [p.parent for p in serve_tmp.rglob("sitemap.xml")]
        assert len(sites) == 1, sites
        return {str(p.relative_to(sites[0])): p.read_text(encoding="utf-8") for p in sites[0].rglob("*.html")}


@pytest.mark.build
def test_a_served_hostile_map_runs_nothing_on_any_page(tmp_path: Path, site: Path) -> None:
    root = hostile_hub(tmp_path)
    pages = _served_pages(root, tmp_path)
    assert len(pages) >= 15 and "maps/support/rubric/index.html" in pages, sorted(pages)
    clean = {rel: (site / rel).read_text(encoding="utf-8") for rel in pages if (site / rel).is_file()}
    shown = 0
    for rel, text in pages.items():
        soup = BeautifulSoup(text, "html.parser")
        scripts = [s for s in soup.find_all("script") if "alert(" in (s.string or "") or s.get("src", "") == "x"]
        assert not scripts, f"{rel}: {scripts}"
        assert len(soup.find_all("title")) == len(soup.select("svg title")) + 1, rel  # the head's title stays one element
        assert not soup.find_all(["iframe"]), rel
        assert not [svg for svg in soup.find_all("svg") if "alert(" in str(svg.attrs)], rel
        for element in soup.find_all(True):
            handlers = [name for name in element.attrs if name.lower().startswith("on")]
            assert not handlers, f"{rel}: <{element.name}> has {handlers}"
            for name in ("href", "src", "action", "formaction", "data"):
                value = str(element.get(name, "")).strip().lower()
                assert not value.startswith(("javascript:", "data:text/html")), f"{rel}: {element}"
        if "alert(" in soup.get_text():
            shown += 1  # the hostile text is shown as the characters typed
        if rel in clean:  # the hub's own markup is that of the untouched fixture
            assert controls(soup) == controls(BeautifulSoup(clean[rel], "html.parser")), rel
    assert shown >= 3, "the hostile texts should be shown as text"
    triage = content(BeautifulSoup(pages["maps/support/triage/index.html"], "html.parser"))
    assert "A ticket <img src=x onerror=alert(2)> in the wrong queue" in triage.get_text()
    assert "the macro list" in triage.get_text() and triage.find("a", string="the macro list") is None
    home = BeautifulSoup(pages["index.html"], "html.parser")
    assert "Tag ten <img src=x onerror=alert(9)> tickets" in content(home).get_text() or "Tag ten" not in content(home).get_text()
    path = content(BeautifulSoup(pages["paths/first-week/index.html"], "html.parser"))
    assert "Tag ten <img src=x onerror=alert(9)> tickets" in path.get_text()
    assert BeautifulSoup(pages["maps/support/index.html"], "html.parser").find("svg") is not None, "the capability graph stays"


@pytest.mark.build
def test_ordinary_markdown_in_map_texts_still_renders(tmp_path: Path) -> None:
    root = copy_hub(tmp_path)
    edit(
        root,
        "maps/billing.yml",
        "why: A wrong refund costs money and trust.",
        "why: A *wrong* refund costs `<money>` and [trust](https://example.org/trust) {twice}.",
    )
    edit(root, "maps/billing.yml", "criterion: Correct amount", "criterion: Correct **amount** `{x}`")
    assert errors(root) == []
    result = build(root)
    assert result.returncode == 0, result.output
    article = content(page(result.site, "maps/billing/refunds/"))
    why = article.find(id="why-it-matters").find_next("p")
    assert why.find("em").get_text() == "wrong"
    assert why.find("code").get_text() == "<money>"
    assert why.find("a", string="trust")["href"] == "https://example.org/trust"
    assert "{twice}" in why.get_text()
    assert article.find("strong", string="amount") is not None
    assert article.find("code", string="{x}") is not None
