"""Challenge pages are cleaned like story pages (issue 11, "Trust").

Challenges arrive by pull request. Every tag, attribute or link the allow-list (safety/sanitise.py) would
remove is an error on its line (HUB521-523); and whatever is published anyway (`mkdocs serve`
keeps previewing a hub with errors) is cleaned, while the hub's own controls on the page stay.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from bs4 import BeautifulSoup
from hub import build, content, controls, copy_hub, edit, errors, matching, page, where
from serving import fetch, mkdocs_serve, wait_for

CHALLENGE = "challenges/tag-ten-tickets.md"

HOSTILE_INTRO = """Intro text before the first section.

<script>alert('intro')</script>
<b onclick="alert(2)">bold</b> and <span style="color:red">red</span>
<iframe src="https://example.org/frame"></iframe>
[click](javascript:alert(3)) <form action="https://example.org/steal"><input name=p></form>
<style>body { display: none }</style>
<img src=y onerror=alert(4)>
<span id="lunr">a global</span>

Shown as code, which is text: `<script>alert('code')</script>` and

```html
<script>alert('fence')</script>
```
"""

HOSTILE_SECTION = """Tags route work: a ticket in the wrong queue waits twice as long.

<a href="javascript:alert(5)">a link</a> <details open ontoggle=alert(6)><summary>x</summary>y</details>
"""

SAFE_INTRO = """Intro text before the first section.

<details><summary>Why ten?</summary>Ten is enough to see a pattern.</details>

Press <kbd>Ctrl</kbd>+<kbd>T</kbd> to tag. <span id="lunr">Not a global</span>, see [below](#lunr).

![The tag flow](images/flow.png)
"""

PNG = bytes.fromhex(
    "89504e470d0a1a0a0000000d4948445200000001000000010806000000"
    "1f15c4890000000d49444154789c6360000002000154a24f5d0000000049454e44ae426082"
)


def hostile_hub(tmp_path: Path) -> Path:
    root = copy_hub(tmp_path)
    edit(root, CHALLENGE, "Intro text before the first section.\n", HOSTILE_INTRO)
    edit(root, CHALLENGE, "Tags route work: a ticket in the wrong queue waits twice as long.\n", HOSTILE_SECTION)
    edit(
        root,
        CHALLENGE,
        "summary: Tag ten tickets from the queue",
        "summary: <b onmouseover=alert(7)>Tag</b> ten tickets from the queue",
    )
    edit(root, CHALLENGE, "  - Take the ten oldest untagged tickets.", "  - Take the ten oldest <script>alert(8)</script> tickets.")
    edit(
        root,
        CHALLENGE,
        "    answer: Urgency is about time",
        "    answer: <img src=x onerror=alert(9)> Urgency is about time",
    )
    edit(
        root,
        CHALLENGE,
        "template:\n",
        "resources:\n  - kind: reading\n    title: The guide\n    url: javascript:alert(10)\ntemplate:\n",
    )
    return root


def safe_hub(tmp_path: Path) -> Path:
    root = copy_hub(tmp_path)
    edit(root, CHALLENGE, "Intro text before the first section.\n", SAFE_INTRO)
    edit(root, CHALLENGE, "template:\n", "resources:\n  - kind: job-aid\n    title: Tag flow\n    file: images/flow.png\ntemplate:\n")
    (root / "challenges" / "images").mkdir()
    (root / "challenges" / "images" / "flow.png").write_bytes(PNG)
    return root


# -- the validator -----------------------------------------------------------------------------


EXPECTED = [  # (needle in the file, code, fragment of the message)
    ("<script>alert('intro')", "HUB521", "raw HTML <script> is not allowed in a challenge"),
    ('onclick="alert(2)"', "HUB522", "attribute 'onclick' on <b>"),
    ('style="color:red"', "HUB522", "attribute 'style' on <span>"),
    ("<iframe", "HUB521", "raw HTML <iframe>"),
    ("javascript:alert(3)", "HUB523", "link to 'javascript:alert(3)'"),
    ("<form", "HUB521", "raw HTML <form>"),
    ("<input", "HUB521", "raw HTML <input>"),
    ("<style>", "HUB521", "raw HTML <style>"),
    ("src=y onerror", "HUB523", "image 'y' is not a file published with the challenges"),
    ("onerror=alert(4)", "HUB522", "attribute 'onerror' on <img>"),
    ('href="javascript:alert(5)"', "HUB523", "link to 'javascript:alert(5)'"),
    ("ontoggle", "HUB522", "attribute 'ontoggle' on <details>"),
]


def test_each_unsafe_part_of_a_challenge_body_is_an_error_at_its_line_and_column(tmp_path: Path) -> None:
    root = hostile_hub(tmp_path)
    found = errors(root)
    for needle, code, message in EXPECTED:
        location = where(root, CHALLENGE, needle)
        assert matching(found, location, f"error: {code} {message}"), f"{location} {code}: not in\n" + "\n".join(found)
    for needle in ("<script>alert('code')", "<script>alert('fence')"):  # code is text
        assert not matching(found, where(root, CHALLENGE, needle, column=False)), needle


def test_unsafe_front_matter_text_is_an_error_at_its_field(tmp_path: Path) -> None:
    root = hostile_hub(tmp_path)
    found = errors(root)
    for needle, code, message in [
        ("<b onmouseover", "HUB522", "attribute 'onmouseover' on <b>"),
        ("Take the ten oldest <script>", "HUB521", "raw HTML <script>"),
        ("<img src=x onerror=alert(9)>", "HUB522", "attribute 'onerror' on <img>"),
        ("javascript:alert(10)", "HUB523", "link to 'javascript:alert(10)'"),
    ]:
        location = where(root, CHALLENGE, needle)
        assert matching(found, location, f"error: {code} {message}"), f"{location} {code}: not in\n" + "\n".join(found)


@pytest.mark.build
def test_the_build_refuses_a_hostile_challenge(tmp_path: Path) -> None:
    root = hostile_hub(tmp_path)
    result = build(root, strict=False)  # content errors stop `build`, strict or not
    assert result.returncode != 0
    assert "HUB521" in result.output and "content error(s)" in result.output
    assert not (result.site / "challenges" / "tag-ten-tickets" / "index.html").exists()


# -- what is published anyway ----------------------------------------------------------------------


@pytest.mark.build
def test_a_served_hostile_challenge_runs_nothing_and_keeps_the_hub_controls(tmp_path: Path, site: Path) -> None:
    root = hostile_hub(tmp_path)
    forged = (root / CHALLENGE).read_text(encoding="utf-8").replace("id: tag-ten-tickets", "id: forged-markers")
    forged = forged.replace(
        "Intro text before the first section.",
        "<!-- /hub-contributed -->\n\n<script>alert('after a forged end')</script>\n\n<!-- hub-contributed -->",
    )
    (root / "challenges" / "forged-markers.md").write_text(forged, encoding="utf-8")
    log = tmp_path / "serve.log"
    with mkdocs_serve(root, log=log) as base:
        assert wait_for(f"{base}/challenges/tag-ten-tickets/", "Tag ten tickets", timeout=300), log.read_text(errors="replace")[-3000:]
        pages = {slug: fetch(f"{base}/challenges/{slug}/") for slug in ("tag-ten-tickets", "forged-markers")}
    for slug, text in pages.items():
        assert text is not None, slug
        soup = BeautifulSoup(text, "html.parser")
        article = content(soup)
        assert not article.find_all(["script", "iframe", "style", "object", "embed"]), slug
        for element in soup.find_all(True):
            handlers = [name for name in element.attrs if name.lower().startswith("on")]
            assert not handlers, f"{slug}: {element.name} has {handlers}"
            for name in ("href", "src", "action", "formaction"):
                assert not str(element.get(name, "")).strip().lower().startswith("javascript:"), f"{slug}: {element}"
        outside_code = BeautifulSoup(str(article), "html.parser")
        for code in outside_code.find_all(["code", "pre"]):
            code.decompose()
        assert "alert(" not in str(outside_code), f"{slug}: {str(outside_code)[str(outside_code).find('alert(') - 300:][:400]}"
        assert "steal" not in str(article), slug
        assert article.find(style=True) is None or article.find(style="color:red") is None, slug
    served = BeautifulSoup(pages["tag-ten-tickets"], "html.parser")
    untouched = page(site, "challenges/tag-ten-tickets/")
    assert controls(served) == controls(untouched)
    assert controls(served), "the page should have the learner controls"
    article = content(served)
    for anchor in ("top", "why-it-matters", "example-done-well", "template", "steps", "evidence", "reflection", "recall", "recall-urgent", "resources"):
        assert article.find(id=anchor) is not None or served.find(id=anchor) is not None, anchor
    assert article.find(id="user-content-lunr") is not None and article.find(id="lunr") is None
    assert article.find("code", string="<script>alert('code')</script>") is not None, "code spans stay as text"
    assert "bold" in article.get_text() and "The guide" in article.get_text()


# -- safe HTML -----------------------------------------------------------------------------------------


@pytest.fixture(scope="module")
def safe_site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    root = safe_hub(tmp_path_factory.mktemp("safe-challenge"))
    assert errors(root) == []
    result = build(root)
    assert result.returncode == 0, result.output
    return result.site


@pytest.mark.build
def test_safe_html_in_a_challenge_is_published(safe_site: Path) -> None:
    article = content(page(safe_site, "challenges/tag-ten-tickets/"))
    details = [d for d in article.find_all("details") if d.summary and d.summary.get_text() == "Why ten?"]
    assert details and "Ten is enough" in details[0].get_text()
    assert [k.get_text() for k in article.find_all("kbd")] == ["Ctrl", "T"]
    table = article.find("table")
    assert table is not None and "#4411" in table.get_text()
    images = [img for img in article.find_all("img") if img.get("alt") == "The tag flow"]
    assert images and images[0]["src"].endswith("images/flow.png")
    assert (safe_site / "challenges" / "images" / "flow.png").read_bytes() == PNG


@pytest.mark.build
def test_challenge_ids_get_the_prefix_and_links_follow(safe_site: Path) -> None:
    soup = page(safe_site, "challenges/tag-ten-tickets/")
    article = content(soup)
    assert soup.find(id="lunr") is None
    span = article.find(id="user-content-lunr")
    assert span is not None and span.get_text() == "Not a global"
    assert article.find("a", string="below")["href"] == "#user-content-lunr"


@pytest.mark.build
def test_the_hub_controls_of_a_safe_challenge_are_those_of_the_untouched_page(safe_site: Path, site: Path) -> None:
    assert controls(page(safe_site, "challenges/tag-ten-tickets/")) == controls(page(site, "challenges/tag-ten-tickets/"))
