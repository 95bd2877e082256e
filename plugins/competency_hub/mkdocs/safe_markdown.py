"""The `safe_markdown` extension: no link or image on any page points to a scheme that runs code.

Map texts and challenge titles reach generated pages through the text filters (render/text.py),
which leave no `<` or `{` in them: they can only become Markdown's own elements. Those elements
are in Python-Markdown's element tree; raw HTML (the hub's own SVG graph, learner controls,
forms, `data-hub-*` attributes) is not, it is stashed aside until the page is serialised. This
tree processor therefore sees exactly the Markdown elements and never the hub's markup, and on
every page it:

- removes an `href` or `src` whose scheme is not allowed (safety.URL_SCHEMES; relative links
  stay), so `[x](javascript:alert(1))`, `data:` or `vbscript:` links become plain text (a `span`;
  an image becomes its alt text);
- removes `on…` event-handler attributes an attribute list may have added (a guide page; map
  texts cannot write attribute lists at all);
- inside inline code, shows the characters the filters escaped as themselves (`&#60;` → `<`),
  so a map text's `` `<date>` `` reads as written.

Stories and challenges are also cleaned to the allow-list after conversion (mkdocs/contributed.py);
the validator reports all of this earlier, at the field (HUB521-523).
"""

from __future__ import annotations

from xml.etree.ElementTree import Element

from markdown import Markdown
from markdown.extensions import Extension
from markdown.treeprocessors import Treeprocessor
from markdown.util import AtomicString

from ..render.text import NEUTRALISED
from ..safety.sanitise import URL_ATTRIBUTES, is_safe_link

NAME = "competency_hub.mkdocs.safe_markdown"
"""How mkdocs.yml (or the plugin, in on_config) names the extension."""


class SafeLinks(Treeprocessor):
    def run(self, root: Element) -> None:
        for element in root.iter():
            for name in list(element.attrib):
                value = element.attrib[name]
                if name.lower().startswith("on") or (name.lower() in URL_ATTRIBUTES and not is_safe_link(value)):
                    del element.attrib[name]
            if element.tag in ("a", "img") and element.get("href" if element.tag == "a" else "src") is None:
                _unlink(element)
            if element.tag == "code" and element.text:
                element.text = AtomicString(_shown_in_code(element.text))


def _unlink(element: Element) -> None:
    """A link or image whose address was removed, as plain text (MkDocs expects every `a` and `img` to have one)."""
    if element.tag == "img":
        alt = element.get("alt", "")
        element.attrib.clear()
        element.text = alt
    element.tag = "span"


def _shown_in_code(text: str) -> str:
    """Code text (already escaped by Python-Markdown: `&` is `&amp;`) with the filters' references undone."""
    for reference, character in NEUTRALISED.items():
        text = text.replace(reference.replace("&", "&amp;"), "&lt;" if character == "<" else character)
    return text


class SafeMarkdownExtension(Extension):
    def extendMarkdown(self, md: Markdown) -> None:
        # After the inline processor (20) and attr_list (8); before toc (5), so the table of contents shows code as restored.
        md.treeprocessors.register(SafeLinks(md), "hub_safe_links", 6)


def makeExtension(**kwargs: object) -> SafeMarkdownExtension:
    return SafeMarkdownExtension(**kwargs)
