"""The plugin's options for the CLI: mkdocs.yml read by MkDocs' loader, validated by the plugin's own config class.

No build runs: only the `competency-hub` entry is validated (as `HubPluginConfig`, so the CLI refuses
what the build refuses), and the few site settings the core reads are taken from the same file.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml
from mkdocs.exceptions import ConfigurationError
from mkdocs.utils.yaml import get_yaml_loader, yaml_load

from ..clock import ClockError, today
from ..exports.options import ExportOptions, language_tag
from ..validate.governance import GovernancePolicy
from ..load import HubOptions
from ..mkdocs import config as options_of
from ..mkdocs.config import HubPluginConfig, SiteSettings

PLUGIN_NAME = "competency-hub"


class _TolerantLoader(yaml.SafeLoader):
    """Safe loader that reads `!!python/name:` and other tags as plain values instead of failing.

    MkDocs' own tags (`!ENV`) are added on top by `get_yaml_loader`, so they resolve as in a build.
    """


def _any_tag(loader: yaml.SafeLoader, suffix: str, node: yaml.Node) -> Any:
    if isinstance(node, yaml.MappingNode):
        return loader.construct_mapping(node)
    if isinstance(node, yaml.SequenceNode):
        return loader.construct_sequence(node)
    return loader.construct_scalar(node)


_TolerantLoader.add_multi_constructor("", _any_tag)


class SettingsError(ValueError):
    """A plugin option in mkdocs.yml that the build would reject too (reported without a traceback)."""

    def __init__(self, message: str, problems: list[tuple[str, str]] | None = None) -> None:
        super().__init__(message)
        self.problems = problems or []
        """(option, problem) for each option MkDocs refuses, e.g. ('governance.fail_on', 'Expected one of …')."""


def read_config_file(config_file: Path) -> dict[str, Any]:
    """mkdocs.yml as MkDocs reads it (`!ENV`, `INHERIT`), or {} when absent or unreadable."""
    try:
        with open(config_file, "rb") as source:  # a file, so that INHERIT is followed as in a build
            data = yaml_load(source, loader=get_yaml_loader(_TolerantLoader))
    except (OSError, ConfigurationError, yaml.YAMLError, UnicodeDecodeError, TypeError, ValueError):
        return {}
    return data if isinstance(data, dict) else {}


def plugin_entry(data: dict[str, Any]) -> Any:
    """The `competency-hub` entry under `plugins:` of mkdocs.yml, or {} when absent."""
    plugins = data.get("plugins", [])
    if isinstance(plugins, dict):
        plugins = [{name: options} for name, options in plugins.items()]
    for entry in plugins if isinstance(plugins, list) else []:
        if isinstance(entry, dict) and PLUGIN_NAME in entry:
            return entry[PLUGIN_NAME] or {}
    return {}


def _text(value: object) -> str | None:
    return value if isinstance(value, str) and value.strip() else None


def site_settings(root: Path, data: dict[str, Any]) -> SiteSettings:
    """The site settings the core reads, from mkdocs.yml as loaded (the build takes them from MkDocsConfig)."""
    docs_dir = data.get("docs_dir")
    theme = data.get("theme") if isinstance(data.get("theme"), dict) else {}
    return SiteSettings(
        root=root,
        docs_dir=root / (docs_dir if isinstance(docs_dir, str) and docs_dir else "docs"),
        site_name=_text(data.get("site_name")) or ExportOptions.site_name,
        site_description=_text(data.get("site_description")),
        site_url=_text(data.get("site_url")),
        use_directory_urls=data.get("use_directory_urls", True) is not False,
        language=language_tag(theme.get("language")),
    )


SUB_OPTION = re.compile(r"^Sub-option '([^']+)': (.*)$", re.DOTALL)
"""How MkDocs words a problem of a nested option (`governance: fail_on`), to name it `governance.fail_on`."""


def _option_name(name: str, problem: str) -> tuple[str, str]:
    nested = SUB_OPTION.match(problem)
    return (f"{name}.{nested.group(1)}", nested.group(2)) if nested else (name, problem)


@dataclass(frozen=True)
class Settings:
    """The validated options of the hub at `site.root`, and the core options objects built from them."""

    config_file: Path
    options: HubPluginConfig
    site: SiteSettings
    warnings: list[tuple[str, str]] = field(default_factory=list)
    """(option, problem) for options MkDocs would warn about, e.g. a misspelt name (HUB902)."""

    def hub_options(self) -> HubOptions:
        return options_of.hub_options(self.options, self.site.root)

    def governance_policy(self, on: str | None = None) -> GovernancePolicy:
        """The governance options, judged on the day `on` (default: the tool's clock)."""
        try:
            day = today(on)
        except ClockError as exc:
            raise SettingsError(str(exc)) from exc
        return options_of.governance_policy(self.options, day)

    def export_options(self) -> ExportOptions:
        return options_of.export_options(self.options, self.site)

    def site_folders(self) -> list[Path]:
        return options_of.site_folders(self.options, self.site)


def load_settings(root: Path, config_file: Path | None = None) -> Settings:
    """The options the build would use for the hub at `root`; SettingsError when the build would refuse them."""
    config_file = config_file or root / "mkdocs.yml"
    data = read_config_file(config_file) if config_file.is_file() else {}
    entry = plugin_entry(data)
    if not isinstance(entry, dict):
        raise SettingsError(f"{config_file}: the options of '{PLUGIN_NAME}' must be a mapping, not {entry!r}")
    options = HubPluginConfig(config_file_path=str(config_file))
    options.load_dict(entry)
    failed, warned = options.validate()
    if failed:
        problems = [_option_name(name, str(problem)) for name, problem in failed]
        raise SettingsError(
            "; ".join(f"{config_file}: option '{name}' of '{PLUGIN_NAME}': {problem}" for name, problem in problems),
            problems,
        )
    return Settings(config_file, options, site_settings(root, data), [(name, str(problem)) for name, problem in warned])


def hub_options(root: Path) -> HubOptions:
    """Where the content of the hub at `root` lives, as the build would read it."""
    return load_settings(root).hub_options()


def find_root(path: Path) -> Path:
    """The hub folder holding `path`: the nearest folder upwards with a mkdocs.yml."""
    path = path.resolve()
    for folder in [path, *path.parents] if path.is_dir() else list(path.parents):
        if (folder / "mkdocs.yml").is_file():
            return folder
    return path if path.is_dir() else path.parent
