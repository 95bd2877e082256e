"""The packaged templates write comments as `{%# … #%}` (render/pages.py): `{# … #}` is not a comment
there (attr_list anchors use that syntax), so its text would be printed on every page built from it."""

from __future__ import annotations

import re

from competency_hub import packaged

JINJA_DEFAULT_COMMENT = re.compile(r"(?m)^\s*\{#-?\s")


def test_no_template_uses_the_default_jinja_comment_syntax() -> None:
    offenders = [
        path.relative_to(packaged.TEMPLATES).as_posix()
        for path in sorted(packaged.TEMPLATES.rglob("*.j2"))
        if JINJA_DEFAULT_COMMENT.search(path.read_text(encoding="utf-8"))
    ]
    assert offenders == []
