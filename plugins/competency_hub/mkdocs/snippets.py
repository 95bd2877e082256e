"""pymdownx.snippets, guarded: includes only on docs pages, and only regular files inside the hub.

The site's `mkdocs.yml` may enable snippets for the guide (the nginx example is included, so the
tested file is the one shown). MkDocs converts every page with the same extensions, and the
generated pages carry text from pull requests: a story or challenge body, a map's description.
A `--8<-- "…"` line there would copy a file into the page. So the plugin swaps the extension for
this subclass, which:

- performs no include at all unless the page being converted is a page of docs/ (not one the hub,
  or another plugin, generated): untrusted text is left as the text it is;
- reads a snippet only when it is a regular file inside the hub root (load/files.py), so a
  symbolic link in docs/guide cannot pull in a secret, and a FIFO cannot block the build.

The validator reports the include syntax in stories and challenges on its line; this is the
defence that holds even when that error is ignored, e.g. during `mkdocs serve`.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any, Callable

from markdown import Markdown
from mkdocs.plugins import get_plugin_logger
from pymdownx.snippets import SnippetExtension, SnippetPreprocessor

from ..load.files import REFUSED, RULE, FileKind, classify, read_regular, refusal

log = get_plugin_logger("competency-hub")

EXTENSION = "pymdownx.snippets"


class GuardedSnippetPreprocessor(SnippetPreprocessor):
    def __init__(self, config: dict[str, Any], md: Markdown, root: Path, allowed: Callable[[], bool]) -> None:
        super().__init__(config, md)
        self.root = root
        self.allowed = allowed

    def run(self, lines: list[str]) -> list[str]:
        """The lines unchanged on a page that may not include files; snippets' own processing otherwise."""
        if not self.allowed():
            return lines
        return super().run(lines)

    def read_lines(self, path: str) -> list[str]:
        """A snippet's lines, or none (with an error) when it is a link, a special file or outside the hub."""
        kind = classify(self.root, Path(path))
        if kind is not FileKind.FILE:
            shown = Path(path).relative_to(self.root).as_posix() if Path(path).is_relative_to(self.root) else path
            what, hint = refusal(kind) if kind in REFUSED else ("missing", "check the path")
            log.error("%s:1:1: error: snippet '%s' is %s: %s, so it is not included (%s)", shown, shown, what, RULE, hint)
            return []
        try:
            text = read_regular(Path(path)).decode(self.encoding)
        except (OSError, UnicodeDecodeError) as exc:
            log.error("%s:1:1: error: snippet cannot be read (%s), so it is not included", path, exc)
            return []
        text = text.replace("\r\n", "\n").replace("\r", "\n")
        return text.split("\n") if text else []


class GuardedSnippets(SnippetExtension):
    """The snippets extension with the guards above; configured like pymdownx.snippets."""

    def __init__(self, *, root: Path, allowed: Callable[[], bool], **kwargs: Any) -> None:
        self.root = root
        self.allowed = allowed
        super().__init__(**kwargs)

    def extendMarkdown(self, md: Markdown) -> None:  # noqa: N802 - Python-Markdown's name
        self.md = md
        md.registerExtension(self)
        md.preprocessors.register(GuardedSnippetPreprocessor(self.getConfigs(), md, self.root, self.allowed), "snippet", 32)


def guard_snippets(markdown_extensions: list[Any], mdx_configs: dict[str, Any], root: Path, allowed: Callable[[], bool]) -> None:
    """Replaces pymdownx.snippets in the site's extensions by `GuardedSnippets`, with the same options."""
    for i, extension in enumerate(markdown_extensions):
        if extension == EXTENSION:
            options = mdx_configs.pop(EXTENSION, None) or {}
            markdown_extensions[i] = GuardedSnippets(root=root, allowed=allowed, **options)
