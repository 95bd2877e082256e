"""Story ids cannot clobber globals (issue 11, "Trust").

Every id in a story's body gets the prefix `user-content-` (as GitHub does), except the anchors of
the four sections the hub writes; `name` attributes are not allowed at all. Links inside the
story and its table of contents follow the prefix, so every anchor still works.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from hub import broken_links, build, content, copy_story_hub, edit, errors, html_path, matching, page, where

GLOBALS = ["hubStore", "location", "lunr", "__config", "IFrameWorker", "document"]
"""Names a browser would make properties of `window`, several of them read by the site's scripts."""

BODY = """
<a id="hubStore">the store</a> and <span id="__config">a config</span>.

A paragraph named after the address bar.
{: #location }

*IFrameWorker*{: #IFrameWorker }

### Lunr

Jump to [the store](#hubStore), [the paragraph](#location), [the heading](#lunr),
[the worker](#IFrameWorker) or [the lessons](#lessons).
"""


def id_hub(tmp_path: Path) -> Path:
    root = copy_story_hub(tmp_path)
    edit(root, "stories/weekend-triage-rota.md", "We set up a rota.", "We set up a rota.\n" + BODY)
    return root


@pytest.fixture(scope="module")
def id_build(tmp_path_factory: pytest.TempPathFactory):
    root = id_hub(tmp_path_factory.mktemp("ids"))
    result = build(root)
    assert result.returncode == 0, result.output
    return result


@pytest.mark.build
def test_no_story_id_or_name_equals_a_global(id_build) -> None:
    article = content(page(id_build.site, "stories/weekend-triage-rota/"))
    ids = {element["id"] for element in article.find_all(id=True)}
    names = {element["name"] for element in article.find_all(attrs={"name": True})}
    assert not (ids | names) & set(GLOBALS), sorted((ids | names) & set(GLOBALS))
    for name in ("hubStore", "location", "lunr", "__config", "IFrameWorker"):
        assert f"user-content-{name}" in ids, f"{name} lost instead of prefixed: {sorted(ids)}"
    assert {"what-happened", "what-worked", "what-stalled", "lessons"} <= ids, "a documented section anchor changed"


@pytest.mark.build
def test_links_and_the_table_of_contents_follow_the_prefix(id_build) -> None:
    story = html_path(id_build.site, "stories/weekend-triage-rota/")
    assert broken_links(id_build.site, [story]) == []
    soup = page(id_build.site, "stories/weekend-triage-rota/")
    hrefs = {a["href"] for a in content(soup).find_all("a", href=True)}
    assert {"#user-content-hubStore", "#user-content-location", "#user-content-lunr", "#lessons"} <= hrefs
    toc = {a["href"] for a in soup.select("nav.md-nav--secondary a[href]")}
    assert "#user-content-lunr" in toc and "#lessons" in toc, sorted(toc)


def test_a_name_attribute_is_an_error_and_never_published(tmp_path: Path) -> None:
    root = copy_story_hub(tmp_path)
    edit(
        root,
        "stories/weekend-triage-rota.md",
        "We set up a rota.",
        'We set up a rota. <img name="document" src="images/queue-board.png" alt="Board">',
    )
    assert matching(errors(root), where(root, "stories/weekend-triage-rota.md", 'name="document"'), "attribute 'name'")


@pytest.mark.build
@pytest.mark.browser
def test_in_chromium_no_global_is_an_element_of_the_story(id_build, browser) -> None:
    from browser import open_page, serve_directory

    with serve_directory(id_build.site) as base, open_page(browser) as watched:
        watched.page.goto(base + "stories/weekend-triage-rota/")
        clobbered = watched.page.evaluate(
            """names => names.filter(n => [window[n], document[n]].some(
                value => value instanceof Element && value.closest("article") !== null))""",
            GLOBALS,
        )  # Material's own <script id="__config"> is a global too, but not the story's
        assert clobbered == []
        assert watched.page.evaluate("() => document.getElementById('user-content-hubStore') !== null")
