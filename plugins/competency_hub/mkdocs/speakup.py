"""The `feedback` option in a build: its problems at their line of mkdocs.yml, each page's source, the edit button.

The core (render/feedback.py) checks the option and builds the links; this module tells it which
file and line a page comes from (a capability: its map file and the line of its `- id:`; a
challenge or a docs page: its file), and points Material's edit button of a capability or
challenge page at that file, since generated pages have no file in docs/ for MkDocs to edit.
"""

from __future__ import annotations

import os
import re
import string
from pathlib import Path
from typing import Any, Callable
from urllib.parse import urlsplit

import yaml
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.structure.pages import Page

from ..diagnostics import Diagnostics, did_you_mean
from ..load.index import CapabilityKey, HubIndex
from ..render.feedback import PLACEHOLDERS, PROVIDERS, FeedbackOptions, PageSource, edit_url, feedback_html

PLUGIN_NAME = "competency-hub"

KEYS = ("provider", "repository", "url_template", "labels")
"""The keys of the `feedback` option."""

OWNER_NAME = re.compile(r"^[A-Za-z0-9_.-]+(/[A-Za-z0-9_.-]+)+$")
"""A repository named `owner/name` (GitLab: `group/subgroup/name`) on github.com or gitlab.com."""

DEFAULT_HOSTS = {"github": "https://github.com", "gitlab": "https://gitlab.com"}

Locate = Callable[[tuple[str, ...]], tuple[int, int]]
"""The (line, column) in mkdocs.yml of a key under `feedback` (() for the option itself)."""


def check_feedback(value: Any, locate: Locate, path: str, diagnostics: Diagnostics) -> FeedbackOptions | None:
    """The option's values, or None (off, or refused: each problem is a diagnostic at its line of `path`)."""
    if value is None or value == {}:
        return None
    if not isinstance(value, dict):
        line, column = locate(())
        diagnostics.error(path, line, column, f"feedback: expected a mapping (provider, repository…), not {value!r}", code="HUB910")
        return None
    ok = True
    for key in value:
        if key not in KEYS:
            line, column = locate((str(key),))
            starts = [known for known in KEYS if known.startswith(str(key)) or str(key).startswith(known)]
            hint = did_you_mean(str(key), KEYS) or (f"did you mean '{starts[0]}'?" if starts else None)
            diagnostics.error(path, line, column, f"feedback: unknown key '{key}'", hint, code="HUB910")
            ok = False
    provider = value.get("provider")
    if provider not in PROVIDERS:
        line, column = locate(("provider",) if "provider" in value else ())
        hint = did_you_mean(str(provider), PROVIDERS) if provider is not None else None
        shown = "no provider" if provider is None else f"provider '{provider}' is not one of {', '.join(PROVIDERS)}"
        diagnostics.error(path, line, column, f"feedback: {shown}", hint or f"use one of {', '.join(PROVIDERS)}", code="HUB911")
        return None
    labels = value.get("labels", [])
    if not isinstance(labels, list) or not all(isinstance(label, str) and label.strip() for label in labels):
        line, column = locate(("labels",))
        diagnostics.error(path, line, column, f"feedback: labels must be a list of words, not {labels!r}", code="HUB914")
        ok = False
        labels = []
    base = ""
    template = value.get("url_template")
    if provider in DEFAULT_HOSTS:
        repository = value.get("repository")
        base = _repository_base(provider, repository)
        if not base:
            line, column = locate(("repository",) if "repository" in value else ())
            diagnostics.error(
                path,
                line,
                column,
                f"feedback: repository {repository!r} is not 'owner/name' nor the repository's https:// address",
                f"e.g. repository: northwind/learning-hub, or {DEFAULT_HOSTS[provider]}/northwind/learning-hub",
                code="HUB912",
            )
            ok = False
        if template is not None:
            line, column = locate(("url_template",))
            diagnostics.warning(
                path, line, column, f"feedback: url_template is used with provider 'url' only; provider '{provider}' ignores it", code="HUB915"
            )
        template = ""
    else:
        if not isinstance(template, str) or urlsplit(template.strip()).scheme not in ("https", "http", "mailto"):
            line, column = locate(("url_template",) if "url_template" in value else ())
            diagnostics.error(
                path,
                line,
                column,
                f"feedback: provider 'url' needs a url_template starting https://, http:// or mailto:, not {template!r}",
                "e.g. url_template: https://tracker.northwind.example/new?summary={title}&description={body}",
                code="HUB913",
            )
            return None
        template = template.strip()
        unknown = _unknown_placeholders(template)
        for name in unknown:
            line, column = locate(("url_template",))
            hint = did_you_mean(name, PLACEHOLDERS) or f"the placeholders are {', '.join('{' + p + '}' for p in PLACEHOLDERS)}"
            diagnostics.error(path, line, column, f"feedback: url_template has an unknown placeholder '{{{name}}}'", hint, code="HUB913")
        ok = ok and not unknown
    return FeedbackOptions(provider, base, template, tuple(labels)) if ok else None


def _repository_base(provider: str, repository: Any) -> str:
    """https://host/owner/name from `owner/name` or a full https:// address; '' when it is neither."""
    if not isinstance(repository, str):
        return ""
    repository = repository.strip().rstrip("/")
    if repository.endswith(".git"):
        repository = repository[:-4]
    if OWNER_NAME.match(repository) and (provider == "gitlab" or repository.count("/") == 1):
        return f"{DEFAULT_HOSTS[provider]}/{repository}"
    parts = urlsplit(repository)
    if parts.scheme == "https" and parts.netloc and OWNER_NAME.match(parts.path.strip("/")) and not parts.query and not parts.fragment:
        return f"https://{parts.netloc}/{parts.path.strip('/')}"
    return ""


def _unknown_placeholders(template: str) -> list[str]:
    """Names in braces that are not placeholders (`{{` and `}}` are literal braces), or ['…'] if the braces do not pair."""
    try:
        fields = [name for _, name, _, _ in string.Formatter().parse(template) if name is not None]
    except ValueError:
        return ["unpaired brace"]
    return [name for name in dict.fromkeys(fields) if name not in PLACEHOLDERS]




def _key_marks(config_file: Path) -> dict[tuple[str, ...], tuple[int, int]]:
    """(line, column) of the `feedback` key of the plugin's entry and of each key under it; {} if unreadable."""
    try:
        root = yaml.compose(config_file.read_text(encoding="utf-8"), Loader=yaml.SafeLoader)
    except (OSError, UnicodeDecodeError, yaml.YAMLError):
        return {}
    marks: dict[tuple[str, ...], tuple[int, int]] = {}

    def mapping_items(node: Any) -> list[tuple[Any, Any]]:
        return node.value if isinstance(node, yaml.MappingNode) else []

    plugins = next((value for key, value in mapping_items(root) if getattr(key, "value", None) == "plugins"), None)
    entries = plugins.value if isinstance(plugins, yaml.SequenceNode) else [plugins] if plugins is not None else []
    for entry in entries:
        for key, options in mapping_items(entry):
            if key.value != PLUGIN_NAME:
                continue
            for option, value in mapping_items(options):
                if option.value == "feedback":
                    marks[()] = (option.start_mark.line + 1, option.start_mark.column + 1)
                    for sub, _ in mapping_items(value):
                        marks[(str(sub.value),)] = (sub.start_mark.line + 1, sub.start_mark.column + 1)
    return marks


def read_feedback(value: Any, config_file: Path | None, root: Path) -> tuple[FeedbackOptions | None, Diagnostics]:
    """The checked `feedback` option and its problems, located in mkdocs.yml."""
    diagnostics = Diagnostics()
    if value is None or value == {}:
        return None, diagnostics
    marks = _key_marks(config_file) if config_file else {}
    display = config_file.name if config_file is None or not config_file.is_relative_to(root) else config_file.relative_to(root).as_posix()

    def locate(loc: tuple[str, ...]) -> tuple[int, int]:
        return marks.get(loc) or marks.get(()) or (1, 1)

    return check_feedback(value, locate, display, diagnostics), diagnostics


def page_source(page: Page, config: MkDocsConfig, root: Path, index: HubIndex | None) -> PageSource:
    """What the links say about `page`: its address, its content file and line, its capability or challenge."""
    address = page.canonical_url or page.url or "./"
    title = str(page.title or config.site_name)
    meta = page.meta
    kind = meta.get("hub_page")
    if index is not None and kind == "capability":
        key = CapabilityKey(str(meta.get("hub_map")), str(meta.get("hub_capability")))
        found = index.capabilities.get(key)
        if found is not None:
            entry, position, _ = found
            line = entry.source.locate(("capabilities", position, "id"), key=True).line
            return PageSource(title, address, entry.source.path, line, capability=str(key))
    if index is not None and kind == "challenge":
        challenge = index.hub.challenges.get(str(meta.get("hub_challenge")))
        if challenge is not None:
            return PageSource(title, address, challenge.source.path, 1, challenge=challenge.model.id)
    if index is not None and kind in ("map", "rubric"):
        entry = index.hub.maps.get(str(meta.get("hub_map")))
        if entry is not None:
            return PageSource(title, address, entry.source.path, 1)
    if page.file.generated_by is None and page.file.abs_src_path:
        source = Path(page.file.abs_src_path)
        if source.is_relative_to(root):
            return PageSource(title, address, source.relative_to(root).as_posix(), 1)
    return PageSource(title, address)


def point_edit_button(page: Page, config: MkDocsConfig, root: Path, source: PageSource) -> None:
    """Material's edit button of a generated page made from one file (a capability, challenge, map or rubric
    page) opens that file: MkDocs gives generated pages no edit address; docs pages keep theirs."""
    if source.source is None or page.file.generated_by is None:
        return
    docs_dir = os.path.relpath(config.docs_dir, root).replace(os.sep, "/")
    url = edit_url(config.repo_url, config.edit_uri, docs_dir, source.source)
    if url:
        page.edit_url = url


def append_links(html: str, options: FeedbackOptions, source: PageSource) -> str:
    """The page's content with the speak-up links at its end."""
    return html + "\n" + feedback_html(options, source)
