"""Reading the plugin's options from mkdocs.yml without MkDocs, so the CLI checks what the build checks."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import yaml

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


def hub_options(root: Path, config_file: Path | None = None) -> HubOptions:
    """The options the build would use for the hub at `root` (reading `root/mkdocs.yml`)."""
    config_file = config_file or root / "mkdocs.yml"
    options = plugin_options(config_file) if config_file.is_file() else {}
    known = {name for name in HubOptions.__dataclass_fields__ if name != "root"}
    return HubOptions(root=root, **{k: v for k, v in options.items() if k in known})
