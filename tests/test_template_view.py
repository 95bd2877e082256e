"""What templates receive (render/view.py): a small documented view, never the renderer, with story
front matter escaped in Python, so an overriding template that places a value raw writes no markup.

In this process, without MkDocs: the core renders the story hub with a `templates_dir` whose
templates use every story value without a filter.
"""

from __future__ import annotations

import datetime
import inspect
import re
from pathlib import Path

import markdown
from bs4 import BeautifulSoup
from pydantic import BaseModel
import pytest
from competency_hub.cli.settings import hub_options
from competency_hub.load import load_hub
from competency_hub.load.index import HubIndex
from competency_hub.model.story import Author, Outcome, OutcomeKind, Pattern, Story, StoryCapability, StoryContext
from competency_hub.render.options import RenderOptions
from competency_hub.render.output import RenderedSite
from competency_hub.render.site import render_site
from competency_hub.render.text import BRIEF_LENGTH, brief, EscapedText, attr, figure, md_text
from competency_hub.render.view import StoriesView, TemplateView, escaped
from hub import copy_story_hub, edit

ATTACK = "<script>alert(1)</script> [x](javascript:alert(2)) {: onclick=alert(3) } *em*"
EXTENSIONS = ["attr_list", "md_in_html", "tables", "toc", "admonition"]

RAW_STORY = """---
hub_page: story
---

# {{ story.model.title }}

{{ story.model.summary }}

By {% for author in stories.authors(story) %}{{ author.name }} ({{ author.role }}, {{ author.team }}) {% endfor %}
in {{ story.model.context.team }}, {{ story.model.context.function }}.

{% for o in story.model.outcomes %}
- {{ o.measure }} ({{ stories.outcome_kind(o.kind).title }}): {{ o.before }} → {{ o.after }} {{ o.unit }}; {{ o.note }}
{% endfor %}
{% for pattern_id in story.model.patterns %}
- {{ stories.pattern(pattern_id).title }}: {{ stories.pattern(pattern_id).description }}
{% endfor %}
{% for entry in related %}
- {{ entry.model.title }}
{% endfor %}

{{ body_start }}
{{ body_end }}
"""
"""A story page that places every value from the story files without a filter."""

RAW_LIST = """{% macro story_list(entries) %}
{% for entry in entries %}
- {{ entry.model.title }}: {{ entry.model.summary }}
{% endfor %}
{% endmacro %}
{% macro pagination(number, pages, page_url=none) %}{% endmacro %}
"""

RAW_HOME = """# {{ site_name }}

View: {{ hub.__class__.__name__ }}
{% for entry in hub.latest_stories(3) %}
- {{ entry.model.title }}
{% endfor %}
"""


@pytest.fixture(scope="module")
def attacked(tmp_path_factory: pytest.TempPathFactory) -> tuple[RenderedSite, Path]:
    """The story hub with the attack in every free-text field of a story and its side files, rendered
    with raw overriding templates; returns the site and the hub root."""
    root = copy_story_hub(tmp_path_factory.mktemp("attacked"))
    story = "stories/weekend-triage-rota.md"
    for old in (
        "title: A weekend triage rota with a lead on call",
        "  team: Tier 1 support",
        "  function: Customer support",
        "  - measure: Median time to first tag",
        "    unit: hours",
        "    note: Weekend tickets only, four weekends before and after.",
        "summary: Four agents took turns triaging the weekend queue with a lead on call; tickets got tagged within hours.",
    ):
        key = old.split(":")[0]
        edit(root, story, old, f"{key}: {ATTACK!r}")
    edit(root, story, "    before: 9", f"    before: {ATTACK!r}")
    for old in ("    name: Sam Okafor", "    role: Support lead", "    team: Tier 1 support"):
        edit(root, "stories/authors.yml", old, f"{old.split(':')[0]}: {ATTACK!r}")
    edit(root, "stories/patterns.yml", "    title: Manager involvement", f"    title: {ATTACK!r}")
    edit(root, "stories/patterns.yml", "    description: A manager made time for practice and reviewed the evidence.", f"    description: {ATTACK!r}")
    templates = root / "overrides"
    templates.mkdir()
    (templates / "story.md.j2").write_text(RAW_STORY, encoding="utf-8")
    (templates / "_stories.md.j2").write_text(RAW_LIST, encoding="utf-8")
    (templates / "home.md.j2").write_text(RAW_HOME, encoding="utf-8")
    hub, _ = load_hub(hub_options(root))
    assert hub.library.stories["weekend-triage-rota"].model.title == ATTACK  # the attack was loaded as written
    site = render_site(hub, HubIndex.build(hub), RenderOptions(site_name="Test hub", templates_dir=templates))
    return site, root


def pages(site: RenderedSite) -> dict[str, str]:
    return {page.src_uri: page.markdown for page in site.pages}


def no_markup(markdown_text: str) -> None:
    """Converted as MkDocs would, the page holds no element, link or attribute the attack asked for."""
    converted = BeautifulSoup(markdown.markdown(markdown_text, extensions=EXTENSIONS), "html.parser")
    assert not converted.find_all(["script", "em"])
    assert not [a for a in converted.find_all("a") if "javascript" in a.get("href", "")]
    assert not [tag for tag in converted.find_all(True) if "onclick" in tag.attrs]
    assert "<script>alert(1)</script>" in converted.get_text()  # shown as the characters typed


def test_story_text_is_escaped_before_an_overriding_template_places_it_raw(attacked: tuple[RenderedSite, Path]) -> None:
    site, _ = attacked
    story = pages(site)["stories/weekend-triage-rota.md"]
    assert md_text(ATTACK) in story
    assert "<script>" not in story and "](javascript:" not in story and "{: onclick" not in story
    no_markup(story)


@pytest.mark.parametrize("src_uri", ["stories/index.md", "index.md", "stories/capabilities/support/triage.md"])
def test_story_lists_are_escaped_with_a_raw_macro(attacked: tuple[RenderedSite, Path], src_uri: str) -> None:
    site, _ = attacked
    page = pages(site)[src_uri]
    assert md_text(ATTACK) in page
    assert "<script>" not in page
    no_markup(page)


def test_templates_receive_the_view_not_the_renderer(attacked: tuple[RenderedSite, Path]) -> None:
    site, _ = attacked
    assert "View: TemplateView" in pages(site)["index.md"]


def test_the_packaged_templates_show_the_same_text_as_before() -> None:
    """The filters know escaped text: `md_text` and `figure` leave it as it is, `attr` escapes it as written."""
    for text in (ATTACK, "Q&A: 50% off — naïve café", "a &#60; b {x}", "  two\nlines  "):
        value = EscapedText(text)
        assert value == md_text(text)
        assert md_text(value) == md_text(text) and md_text(md_text(value)) == md_text(text)
        assert figure(value) == figure(text)
        assert attr(value) == attr(text)
    assert figure(2.0) == "2" and figure(2.5) == md_text(2.5)


def _filled() -> list[object]:
    """One of each story model, every optional field set."""
    author = Author(name="N", role="R", team="T")
    pattern = Pattern(id="p", title="T", description="D")
    kind = OutcomeKind(id="k", title="T", description="D")
    story = Story(
        title="T",
        date=datetime.date(2026, 1, 1),
        authors=["a"],
        context=StoryContext(team="T", function="F"),
        capabilities=[StoryCapability(capability="m/c", level="l")],
        outcomes=[Outcome(measure="M", kind="k", before="b", after="a", unit="U", note="N")],
        patterns=["p"],
        summary="S",
    )
    return [author, pattern, kind, story]


def _strings(value: object, path: str = "") -> list[tuple[str, object]]:
    if isinstance(value, str):
        return [(path, value)]
    if isinstance(value, list):
        return [found for i, item in enumerate(value) for found in _strings(item, f"{path}[{i}]")]
    if isinstance(value, BaseModel):
        return [found for name in type(value).model_fields for found in _strings(getattr(value, name), f"{path}.{name}")]
    return []


IDS = re.compile(r"\.(id|kind|level|capability|authors\[\d+\]|patterns\[\d+\])$")
"""Fields that hold ids (checked slugs or references), not text: they stay as written, for addresses."""


@pytest.mark.parametrize("model", _filled(), ids=lambda m: type(m).__name__)
def test_every_free_text_field_of_the_story_models_is_escaped(model: object) -> None:
    """Found from the models' types, so a text field added later is escaped too."""
    for path, value in _strings(escaped(model)):  # type: ignore[type-var]
        if IDS.search(path):
            assert not isinstance(value, EscapedText), path
        else:
            assert isinstance(value, EscapedText), path


def test_every_helper_of_the_views_has_a_docstring() -> None:
    for view in (TemplateView, StoriesView):
        for name, member in inspect.getmembers(view):
            if not name.startswith("_") and (inspect.isfunction(member) or isinstance(member, property)):
                assert (member.__doc__ or "").strip(), f"{view.__name__}.{name}"


def test_brief_keeps_a_short_first_sentence_and_cuts_a_long_one_at_a_word() -> None:
    assert brief("Handovers at the end of a shift, in writing. Then the rest.") == "Handovers at the end of a shift, in writing."
    long = "For account managers, support engineers and customer success managers who talk with Northwind customers: discovery calls with a prospect and more."
    cut = brief(long)
    assert cut.endswith("…") and len(cut) <= BRIEF_LENGTH + 1 and long.startswith(cut[:-1])
    assert not cut[:-1].endswith((" with", " a", ",")), cut
    assert brief("A <script> tag, {{ braces }} and more words " * 5).count("<script>") == 0, "still escaped like `inline`"
