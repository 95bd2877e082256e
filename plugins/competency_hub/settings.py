"""Reading the plugin's options from mkdocs.yml without MkDocs, so the CLI checks what the build checks."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import yaml

from .clock import ClockError, today
from .governance import DEFAULT_WARN_ON, FINDING_KINDS, GovernancePolicy
from .load import HubOptions

PLUGIN_NAME = "competency-hub"


class _TolerantLoader(yaml.SafeLoader):
    """Safe loader that reads `!!python/name:` and other tags as plain values instead of failing."""


def _any_tag(loader: yaml.SafeLoader, suffix: str, node: yaml.Node) -> Any:
    if isinstance(node, yaml.MappingNode):
        return loader.construct_mapping(node)
    if isinstance(node, yaml.SequenceNode):
        return loader.construct_sequence(node)
    return loader.construct_scalar(node)


_TolerantLoader.add_multi_constructor("", _any_tag)


def plugin_options(config_file: Path) -> dict[str, Any]:
    """The `competency-hub` entry under `plugins:` of mkdocs.yml, or {} when absent or unreadable."""
    try:
        data = yaml.load(config_file.read_text(encoding="utf-8"), Loader=_TolerantLoader)
    except (OSError, yaml.YAMLError, UnicodeDecodeError):
        return {}
    plugins = data.get("plugins", []) if isinstance(data, dict) else []
    if isinstance(plugins, dict):
        plugins = [{name: options} for name, options in plugins.items()]
    for entry in plugins or []:
        if isinstance(entry, dict) and PLUGIN_NAME in entry:
            return entry[PLUGIN_NAME] or {}
    return {}


def docs_dir(config_file: Path) -> str:
    """The `docs_dir` of mkdocs.yml ('docs' when absent or unreadable), for checks of docs pages."""
    try:
        data = yaml.load(config_file.read_text(encoding="utf-8"), Loader=_TolerantLoader)
    except (OSError, yaml.YAMLError, UnicodeDecodeError):
        return "docs"
    value = data.get("docs_dir") if isinstance(data, dict) else None
    return value if isinstance(value, str) and value else "docs"


class SettingsError(ValueError):
    """A plugin option in mkdocs.yml that the build would reject too (reported without a traceback)."""


def hub_options(root: Path, config_file: Path | None = None) -> HubOptions:
    """The options the build would use for the hub at `root` (reading `root/mkdocs.yml`)."""
    config_file = config_file or root / "mkdocs.yml"
    options = plugin_options(config_file) if config_file.is_file() else {}
    if not isinstance(options, dict):
        raise SettingsError(f"{config_file}: the options of '{PLUGIN_NAME}' must be a mapping, not {options!r}")
    fields = {name: f for name, f in HubOptions.__dataclass_fields__.items() if name != "root"}
    chosen = {k: v for k, v in options.items() if k in fields}
    for name, value in chosen.items():
        expected = type(fields[name].default)
        if not isinstance(value, expected) or isinstance(value, bool) is not (expected is bool):
            raise SettingsError(
                f"{config_file}: option '{name}' of '{PLUGIN_NAME}' must be of type {expected.__name__}, not {value!r}"
            )
    return HubOptions(root=root, **chosen)


def find_root(path: Path) -> Path:
    """The hub folder holding `path`: the nearest folder upwards with a mkdocs.yml."""
    path = path.resolve()
    for folder in [path, *path.parents] if path.is_dir() else list(path.parents):
        if (folder / "mkdocs.yml").is_file():
            return folder
    return path if path.is_dir() else path.parent


def governance_policy(root: Path, config_file: Path | None = None, *, on: str | None = None) -> GovernancePolicy:
    """The `governance` options the build would use, judged on the day `on` (default: today)."""
    config_file = config_file or root / "mkdocs.yml"
    options = plugin_options(config_file) if config_file.is_file() else {}
    chosen = options.get("governance") if isinstance(options, dict) else None
    chosen = chosen if chosen is not None else {}
    if not isinstance(chosen, dict):
        raise SettingsError(f"{config_file}: option 'governance' of '{PLUGIN_NAME}' must be a mapping, not {chosen!r}")
    kinds: dict[str, list[str]] = {}
    for name, default in (("fail_on", []), ("warn_on", list(DEFAULT_WARN_ON))):
        value = chosen.get(name, default)
        if not isinstance(value, list) or any(kind not in FINDING_KINDS for kind in value):
            raise SettingsError(
                f"{config_file}: option 'governance.{name}' of '{PLUGIN_NAME}' must list some of: {', '.join(FINDING_KINDS)}"
            )
        kinds[name] = value
    months = chosen.get("stale_after_months", 12)
    if not isinstance(months, int) or isinstance(months, bool) or months < 1:
        raise SettingsError(
            f"{config_file}: option 'governance.stale_after_months' of '{PLUGIN_NAME}' must be a whole number of months"
        )
    try:
        day = today(on)
    except ClockError as exc:
        raise SettingsError(str(exc)) from exc
    return GovernancePolicy(day, frozenset(kinds["fail_on"]), frozenset(kinds["warn_on"]), months)
