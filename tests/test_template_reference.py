"""docs/reference/templates.md, the reference for people who override a template, lists every packaged
template and every helper that templates receive, so it cannot drift from the package."""

from __future__ import annotations

import inspect
import re

from competency_hub import packaged
from competency_hub.render.view import StoriesView, TemplateView
from hub import REPO

REFERENCE = (REPO / "docs" / "reference" / "templates.md").read_text(encoding="utf-8")


def test_the_reference_has_a_section_for_every_packaged_template_and_no_other() -> None:
    documented = re.findall(r"^### `([^`]+\.j2)`$", REFERENCE, flags=re.MULTILINE)
    packaged_templates = sorted(path.relative_to(packaged.TEMPLATES).as_posix() for path in packaged.TEMPLATES.rglob("*.j2"))
    assert len(documented) == len(set(documented))
    assert sorted(documented) == packaged_templates


def test_the_reference_lists_every_helper_of_the_views() -> None:
    for view, name in ((TemplateView, "hub"), (StoriesView, "stories")):
        helpers = [
            member
            for member, value in inspect.getmembers(view)
            if not member.startswith("_") and (inspect.isfunction(value) or isinstance(value, property))
        ]
        assert helpers
        for helper in helpers:
            assert f"`{name}.{helper}" in REFERENCE, f"{name}.{helper}"
    assert "`hub.options`" in REFERENCE


def test_the_reference_is_in_the_navigation() -> None:
    assert "- reference/templates.md" in (REPO / "mkdocs.yml").read_text(encoding="utf-8")
