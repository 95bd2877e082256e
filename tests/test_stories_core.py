"""The pure parts of the story library, without MkDocs: escaping, cleaning, link rebasing, today."""

from __future__ import annotations

import datetime

import markdown
import pytest
from competency_hub.clock import ClockError, today
from competency_hub.render.stories import _from_stories_folder, md_text, rebase_links
from competency_hub.safety.sanitise import clean_html, is_safe_link, local_target, unsafe_parts, url_scheme

EXTENSIONS = ["attr_list", "md_in_html", "tables", "toc", "admonition", "abbr", "footnotes", "def_list"]

TRICKY = [
    "[click](javascript:alert(1))",
    "<script>alert(1)</script>",
    "{: onclick=\"alert(1)\" }",
    "*emphasis* and __strong__ and `code`",
    "# not a heading",
    "1. not a list",
    "| not | a table |",
    "&lt;already escaped&gt; &amp; &#60;",
    "<https://example.org> and ![img](x.png)",
    "Q&A: 50% off — naïve café ~~gone~~ ^sup^ ==mark==",
    "trailing hashes ##",
    "line\nbreaks\tand   spaces",
]


@pytest.mark.parametrize("text", TRICKY)
def test_md_text_comes_out_as_the_same_text(text: str) -> None:
    """Whatever the contributor typed, the page shows exactly those characters and no markup."""
    import html
    import re

    rendered = markdown.markdown(f"Before {md_text(text)} after", extensions=EXTENSIONS)
    assert re.fullmatch(r"<p>[^<>]*</p>", rendered), rendered
    assert html.unescape(rendered[3:-4]) == "Before " + " ".join(text.split()) + " after"


def test_md_text_in_a_table_cell_and_a_link_label() -> None:
    cell = markdown.markdown(f"| a |\n|---|\n| {md_text('x | y')} |", extensions=EXTENSIONS)
    assert cell.count("<td>") == 1 and "x | y" in cell.replace("&#124;", "|")
    link = markdown.markdown(f"[{md_text('a] (b) [c')}](target.md)", extensions=EXTENSIONS)
    assert link.count("<a ") == 1 and 'href="target.md"' in link


@pytest.mark.parametrize(
    ("url", "scheme"),
    [
        ("javascript:alert(1)", "javascript"),
        (" JaVaScRiPt:alert(1)", "javascript"),
        ("jav&#x09;ascript:alert(1)", "javascript"),
        ("&#106;avascript:alert(1)", "javascript"),
        ("java\nscript:x", "javascript"),
        ("data:text/html,x", "data"),
        ("https://example.org", "https"),
        ("images/a.png", None),
        ("../maps/x.md#level-a", None),
        ("#top", None),
    ],
)
def test_url_scheme_as_a_browser_reads_it(url: str, scheme: str | None) -> None:
    assert url_scheme(url) == scheme
    assert is_safe_link(url) == (scheme in (None, "http", "https", "mailto"))


def test_local_target_stays_inside_and_refuses_absolute_links() -> None:
    assert local_target("images/a.png", "stories/x") == "stories/x/images/a.png"
    assert local_target("../images/a.png?v=1#f", "stories/x") == "stories/images/a.png"
    assert local_target("../../../etc/passwd", "stories") is None
    assert local_target("/stories/images/a.png", "stories") is None
    assert local_target("//evil.example/a.png", "stories") is None
    assert local_target("https://evil.example/a.png", "stories") is None
    assert local_target("..\\images\\a.png", "stories/x") is None


def test_clean_html_keeps_the_allowed_and_removes_the_rest() -> None:
    allowed = {"stories/images/a.png"}

    def image_allowed(src: str) -> bool:
        return local_target(src, "stories/x") in allowed

    dirty = (
        '<h3 id="h">Title</h3><p class="c">Text <b>bold</b> <a href="../y/">link</a> '
        '<a href="https://example.org" title="t">out</a> <a href="javascript:alert(1)">bad</a></p>'
        '<img src="../images/a.png" alt="ok" onerror="alert(1)"><img src="https://evil.example/p.png" alt="remote">'
        '<script>alert(1)</script><svg onload="alert(1)"><circle/></svg><div style="color:red" data-hub-x="1">d</div>'
        '<details open><summary>s</summary>x</details><table><tr><th scope="col">h</th></tr></table>'
    )
    clean = clean_html(dirty, image_allowed=image_allowed)
    for kept in ('<h3 id="h">', '<p class="c">', "<b>bold</b>", '<a href="../y/">', 'title="t"', '<img src="../images/a.png" alt="ok">', '<details open="">', 'scope="col"'):
        assert kept in clean, kept
    for removed in ("javascript", "onerror", "evil.example", "<script", "alert", "<svg", "style=", "data-hub-x"):
        assert removed not in clean, removed
    assert sorted(unsafe_parts(dirty, image_allowed=image_allowed)) == sorted(
        [
            "onerror= on <img>",
            "href='javascript:alert(1)' on <a>",
            "src='https://evil.example/p.png' on <img>",
            "<script>",
            "<svg>",
            "<circle>",
            "style= on <div>",
            "data-hub-x= on <div>",
        ]
    )
    assert unsafe_parts(clean, image_allowed=image_allowed) == []


def test_links_of_a_story_in_a_sub_folder_are_rebased_for_its_page() -> None:
    text = (
        "[pilot](../pilot.md) [map](../../maps/a/b.md#level-x) [web](https://example.org) [here](#top)\n\n"
        '![i](images/a.png) <img src="images/a.png" alt="x">\n\n[ref]: ../pilot.md\n\n`[code](../pilot.md)`\n'
    )
    out = rebase_links(text, "2026", {"pilot.md": "pilot"}, lambda target: f"RAW:{target}")
    assert "[pilot](pilot.md)" in out
    assert "[map](../maps/a/b.md#level-x)" in out
    assert "[web](https://example.org)" in out and "[here](#top)" in out
    assert "![i](2026/images/a.png)" in out
    assert '<img src="RAW:2026/images/a.png"' in out
    assert "[ref]: pilot.md" in out
    assert "`[code](../pilot.md)`" in out  # code is left alone
    top = rebase_links("![i](images/a.png) [p](pilot.md)", "", {"pilot.md": "pilot"}, lambda t: t)
    assert top == "![i](images/a.png) [p](pilot.md)"
    assert _from_stories_folder("javascript:x", "2026") is None


def test_story_dates_are_judged_against_the_hubs_today_not_the_build_epoch(
    tmp_path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """SOURCE_DATE_EPOCH fixes the output's dates; it must not make yesterday's story "in the future"."""
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1767225600")  # 2026-01-01T00:00:00Z
    monkeypatch.setenv("COMPETENCY_HUB_TODAY", "2026-11-26")
    assert today() == datetime.date(2026, 11, 26)
    monkeypatch.setenv("COMPETENCY_HUB_TODAY", "not a date")
    with pytest.raises(ClockError, match="'not a date' is not a date written YYYY-MM-DD"):
        today()
    monkeypatch.delenv("COMPETENCY_HUB_TODAY")
    assert today() == datetime.date.today()
