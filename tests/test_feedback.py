"""Speak up on every page (issue 16): the `feedback` option, its links to GitHub and GitLab, the edit button, upkeep.

Real builds of the small fixture hub with the option on for GitHub and for GitLab; every link is
parsed from the built page and its query decoded, so the test checks what a reader's click sends.
The option's problems are diagnostics at their line of mkdocs.yml, in the build and in `validate`.
"""

from __future__ import annotations

from pathlib import Path
from urllib.parse import parse_qs, urlsplit

import pytest
import yaml
from bs4 import BeautifulSoup
from browser import open_page, serious_axe_violations, serve_directory
from competency_hub.diagnostics import Diagnostics
from competency_hub.mkdocs.speakup import check_feedback
from competency_hub.render.feedback import FeedbackOptions, PageSource, edit_url, feedback_links
from hub import SMALL_HUB, build, copy_hub, edit, page, run

SUPPORT = yaml.safe_load((SMALL_HUB / "maps" / "support.yml").read_text(encoding="utf-8"))
REPLIES_LINE = next(
    number
    for number, line in enumerate((SMALL_HUB / "maps" / "support.yml").read_text(encoding="utf-8").splitlines(), 1)
    if line.strip() == "- id: replies"
)
"""The line of the capability `support/replies` in the fixture's map file."""

GITHUB = """  - competency-hub:
      allow_external_requests: true
      feedback:
        provider: github
        repository: northwind/learning-hub
        labels: [hub-feedback, needs triage]
"""
GITLAB = """  - competency-hub:
      feedback:
        provider: gitlab
        repository: https://gitlab.northwind.example/learning/hub
"""


def with_options(root: Path, options: str, head: str = "") -> None:
    edit(root, "mkdocs.yml", "  - competency-hub\n", options)
    if head:
        (root / "mkdocs.yml").write_text(head + (root / "mkdocs.yml").read_text(encoding="utf-8"), encoding="utf-8")


def links(soup: BeautifulSoup) -> dict[str, str]:
    return {a["data-hub-feedback-link"]: a["href"] for a in soup.select("[data-hub-feedback] a[data-hub-feedback-link]")}


def query(href: str) -> dict[str, list[str]]:
    return parse_qs(urlsplit(href).query, keep_blank_values=True, strict_parsing=True)


# -- the core: addresses and checks -----------------------------------------------------------------


def test_github_and_gitlab_addresses_are_encoded() -> None:
    source = PageSource("Tricky & <odd> #1", "https://hub.example/maps/a/b/", "maps/a.yml", 12, capability="a/b")
    github = feedback_links(FeedbackOptions("github", "https://github.com/o/r", labels=("x y", "z")), source)
    assert [link.kind for link in github] == ["suggest", "question", "pushback"]
    parts = urlsplit(github[2].href)
    assert (parts.scheme, parts.netloc, parts.path) == ("https", "github.com", "/o/r/issues/new")
    values = query(github[2].href)
    assert values["title"] == ["Pushback: Tricky & <odd> #1 (a/b)"]
    assert values["labels"] == ["x y,z"]
    assert "Source: maps/a.yml:12\nCapability: a/b" in values["body"][0]
    assert " " not in github[2].href and "#" not in github[2].href and "\n" not in github[2].href
    gitlab = feedback_links(FeedbackOptions("gitlab", "https://gitlab.com/g/s/r", labels=("hub",)), source)
    assert urlsplit(gitlab[0].href).path == "/g/s/r/-/issues/new"
    values = query(gitlab[0].href)
    assert values["issue[title]"] == ["Suggestion: Tricky & <odd> #1 (a/b)"]
    assert values["issue[description]"][0].startswith("Page: https://hub.example/maps/a/b/\n")
    assert values["issue[label_names][]"] == ["hub"]


def test_url_template_fills_each_placeholder_encoded() -> None:
    options = FeedbackOptions("url", url_template="https://t.example/new?s={title}&d={body}&k={kind}&at={source}%3A{line}&c={capability}")
    href = feedback_links(options, PageSource("A/B", "maps/a/b/", "maps/a.yml", 7, capability="a/b"))[1].href
    values = query(href)
    assert values["s"] == ["Question: A/B (a/b)"] and values["k"] == ["question"]
    assert values["at"] == ["maps/a.yml:7"] and values["c"] == ["a/b"]


def problems(value: object) -> Diagnostics:
    diagnostics = Diagnostics()
    check_feedback(value, lambda loc: (5 + len(loc), 7), "mkdocs.yml", diagnostics)
    return diagnostics


@pytest.mark.parametrize(
    ("value", "code", "fragment"),
    [
        ("github", "HUB910", "expected a mapping"),
        ({"provider": "github", "repo": "o/r"}, "HUB910", "did you mean 'repository'?"),
        ({"provider": "githb", "repository": "o/r"}, "HUB911", "did you mean 'github'?"),
        ({"repository": "o/r"}, "HUB911", "no provider"),
        ({"provider": "github", "repository": "git@github.com:o/r.git"}, "HUB912", "is not 'owner/name'"),
        ({"provider": "github", "repository": "o/r/x"}, "HUB912", "is not 'owner/name'"),
        ({"provider": "url", "url_template": "javascript:alert(1)"}, "HUB913", "needs a url_template"),
        ({"provider": "url", "url_template": "https://t.example/?s={titel}"}, "HUB913", "did you mean 'title'?"),
        ({"provider": "url", "url_template": "https://t.example/?s={title"}, "HUB913", "unpaired brace"),
        ({"provider": "github", "repository": "o/r", "labels": "x"}, "HUB914", "list of words"),
        ({"provider": "github", "repository": "o/r", "url_template": "https://x/{title}"}, "HUB915", "ignores it"),
    ],
)
def test_bad_option_values_are_coded(value: object, code: str, fragment: str) -> None:
    found = problems(value)
    assert found and found[0].code == code, [d.format_text() for d in found]  # a misspelt key also leaves its value missing
    assert fragment in found[0].format_text()


def test_off_unless_a_provider_is_given() -> None:
    assert check_feedback({}, lambda loc: (1, 1), "mkdocs.yml", Diagnostics()) is None
    assert check_feedback(None, lambda loc: (1, 1), "mkdocs.yml", Diagnostics()) is None


def test_edit_address_of_a_file_beside_docs() -> None:
    assert edit_url("https://github.com/o/r", "edit/main/docs/", "docs", "maps/a.yml") == "https://github.com/o/r/edit/main/maps/a.yml"
    assert edit_url("https://gitlab.com/g/r", "-/edit/main/site/docs/", "docs", "challenges/x y.md") == (
        "https://gitlab.com/g/r/-/edit/main/site/challenges/x%20y.md"
    )
    assert edit_url(None, "edit/main/docs/", "docs", "maps/a.yml") is None


def test_validate_reports_the_option_at_its_line(capsys: pytest.CaptureFixture[str], hub: Path) -> None:
    with_options(hub, "  - competency-hub:\n      feedback:\n        provider: gitlba\n        repository: o/r\n")
    status, out, _ = run(capsys, "validate", str(hub))
    line = (hub / "mkdocs.yml").read_text(encoding="utf-8").splitlines().index("        provider: gitlba") + 1
    assert status == 1
    assert f"mkdocs.yml:{line}:9: error: HUB911 feedback: provider 'gitlba' is not one of github, gitlab, url" in out
    assert "did you mean 'gitlab'?" in out


# -- real builds -------------------------------------------------------------------------------------


@pytest.mark.build
def test_github_links_on_every_kind_of_page_and_the_edit_button(tmp_path: Path) -> None:
    root = copy_hub(tmp_path)
    with_options(root, GITHUB, head="repo_url: https://github.com/northwind/learning-hub\nedit_uri: edit/main/docs/\n")
    edit(root, "mkdocs.yml", "  font: false\n", "  font: false\n  features: [content.action.edit]\n")
    result = build(root)
    assert result.returncode == 0, result.output

    capability = page(result.site, "maps/support/replies/")
    found = links(capability)
    assert list(found) == ["suggest", "question", "pushback"]
    for kind, href in found.items():
        parts = urlsplit(href)
        assert (parts.netloc, parts.path) == ("github.com", "/northwind/learning-hub/issues/new")
        values = query(href)
        capability_title = next(c["title"] for c in SUPPORT["capabilities"] if c["id"] == "replies")
        assert values["title"][0].endswith(f"{capability_title} (support/replies)")
        body = values["body"][0]
        assert "Page: maps/support/replies/" in body
        assert f"Source: maps/support.yml:{REPLIES_LINE}" in body
        assert "Capability: support/replies" in body
        assert values["labels"] == ["hub-feedback,needs triage"]
    texts = [a.get_text() for a in capability.select("[data-hub-feedback] a")]
    assert texts == ["Suggest a change", "Ask a question", "Push back"]
    block = capability.select_one("[data-hub-feedback]")
    assert block.find_parent("article") is not None, "the links end the article, where readers finish"
    assert not block.find_all(["script", "img", "iframe", "form"]) and not block.get("style")
    edit_button = capability.select_one("a.md-content__button[href*='/edit/']")
    assert edit_button["href"] == "https://github.com/northwind/learning-hub/edit/main/maps/support.yml"
    assert "Who keeps this capability" not in capability.select_one("article").get_text(), "the partial's comment stays out"
    upkeep = capability.select_one("[data-hub-upkeep]").get_text(" ", strip=True)
    assert SUPPORT["owners"][0]["name"] in upkeep and str(SUPPORT["review_date"]) in upkeep

    challenge = page(result.site, "challenges/tag-ten-tickets/")
    body = query(links(challenge)["question"])["body"][0]
    assert "Source: challenges/tag-ten-tickets.md:1" in body and "Challenge: tag-ten-tickets" in body
    assert challenge.select_one("a.md-content__button[href*='/edit/']")["href"].endswith("/edit/main/challenges/tag-ten-tickets.md")
    assert challenge.select_one("[data-hub-upkeep]") is not None

    docs_page = page(result.site, "guide/")
    body = query(links(docs_page)["suggest"])["body"][0]
    assert "Source: docs/guide.md:1" in body and "Capability:" not in body
    assert links(page(result.site, "maps/"))  # a page made from every map: the address alone


@pytest.mark.build
def test_gitlab_links_and_off_by_default(tmp_path: Path) -> None:
    plain = build(copy_hub(tmp_path / "plain"))
    assert plain.returncode == 0, plain.output
    assert not page(plain.site, "maps/support/replies/").select("[data-hub-feedback]")
    assert not page(plain.site, "guide/").select("[data-hub-feedback]")
    assert page(plain.site, "maps/support/replies/").select_one("[data-hub-upkeep]") is not None

    root = copy_hub(tmp_path / "gitlab")
    with_options(root, GITLAB)
    result = build(root)
    assert result.returncode == 0, result.output
    found = links(page(result.site, "maps/support/replies/"))
    for href in found.values():
        parts = urlsplit(href)
        assert (parts.scheme, parts.netloc, parts.path) == ("https", "gitlab.northwind.example", "/learning/hub/-/issues/new")
        values = query(href)
        assert set(values) == {"issue[title]", "issue[description]"}
        assert f"Source: maps/support.yml:{REPLIES_LINE}" in values["issue[description]"][0]
        assert "Capability: support/replies" in values["issue[description]"][0]
    assert query(found["pushback"])["issue[title]"][0].startswith("Pushback: ")


@pytest.mark.build
def test_a_bad_option_stops_the_build_at_its_line(tmp_path: Path) -> None:
    root = copy_hub(tmp_path)
    with_options(root, "  - competency-hub:\n      feedback:\n        provider: url\n        url_template: https://t.example/new?s={titel}\n")
    result = build(root)
    assert result.returncode != 0
    line = (root / "mkdocs.yml").read_text(encoding="utf-8").splitlines().index("        url_template: https://t.example/new?s={titel}") + 1
    assert f"mkdocs.yml:{line}:9: error: HUB913 feedback: url_template has an unknown placeholder '{{titel}}'" in result.output
    assert "did you mean 'title'?" in result.output
    assert "Traceback" not in result.output


# -- in Chromium ---------------------------------------------------------------------------------------


@pytest.mark.build
@pytest.mark.browser
def test_links_request_nothing_are_reached_by_keyboard_and_pass_axe(browser, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    root = copy_hub(tmp_path)
    with_options(root, GITLAB)
    result = build(root)
    assert result.returncode == 0, result.output
    with serve_directory(result.site) as url, open_page(browser) as watched:
        for path in ("maps/support/replies/", "challenges/tag-ten-tickets/", "maps/support/", "guide/"):
            watched.page.goto(url + path)
            watched.page.wait_for_load_state("networkidle")
            assert serious_axe_violations(watched.page) == [], path
        watched.page.goto(url + "maps/support/replies/")
        focused = None
        for _ in range(400):  # Tab through the page until the first speak-up link has the focus
            watched.page.keyboard.press("Tab")
            focused = watched.page.evaluate("document.activeElement.getAttribute('data-hub-feedback-link')")
            if focused:
                break
        assert focused == "suggest"
        assert watched.external_requests == [], "nothing is requested from the tracker until a reader follows a link"
        assert watched.console_errors == []
