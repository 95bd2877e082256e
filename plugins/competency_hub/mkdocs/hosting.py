"""Intranet hosting: vendored copies instead of CDN scripts, and warnings for settings that call other hosts."""

from __future__ import annotations

from dataclasses import dataclass

from mkdocs.config.config_options import ExtraScriptValue
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError

from .. import packaged
from ..links import is_external
from ..render.classic_bundle import BundleError, bundle


@dataclass(frozen=True)
class VendoredScript:
    package: str
    """The npm package name, which is how a CDN address of it is recognised."""
    file: packaged.PackagedFile
    """The copy in the package, and where the site publishes it."""


POLYFILLS = (VendoredScript("iframe-worker", packaged.IFRAME_WORKER_SHIM),)
"""Scripts Material's plugins add from a public CDN, served from the site instead (see assets/vendor/README.md)."""


def vendor_polyfills(config: MkDocsConfig) -> list[VendoredScript]:
    """Replace CDN polyfills in `extra.polyfills` by local copies; returns the copies to publish.

    Material's `offline` plugin appends the `iframe-worker` shim from a CDN so that search runs on
    `file://` pages; a hub read from a file share must not ask the internet for it.
    """
    polyfills = config.extra.get("polyfills")
    if not polyfills:
        return []
    used: list[VendoredScript] = []
    replaced: list[object] = []
    for script in polyfills:
        url = str(script)
        vendored = next((v for v in POLYFILLS if v.package in url and is_external(url)), None)
        if vendored is None:
            replaced.append(script)
        elif vendored not in used:
            used.append(vendored)
            replaced.append(vendored.file.src_uri)
    config.extra["polyfills"] = replaced
    return used


LEARNER_BUNDLE = f"{packaged.SITE_FOLDER}/learner/file-share.js"
"""The learner tools as one classic script, published by the file-share build instead of the modules
(render/classic_bundle.py); beside main.js, so the modules' relative addresses stay the same."""


FINDER_BUNDLE = f"{packaged.SITE_FOLDER}/stories-finder.file-share.js"
"""The story finder as one classic script (with the learner tools' dom.js), for the file-share build."""
JOB_AIDS_BUNDLE = f"{packaged.SITE_FOLDER}/job-aids.file-share.js"
"""The job aids' checklists as one classic script (with dom.js), for the file-share build."""


def add_file_share_bundle(config: MkDocsConfig, entry: str, src_uri: str) -> bytes:
    """Adds a packaged module (and what it imports) to a file-share build as one classic script; its bytes.

    Browsers load no ES module from file://, but they do run a classic script there; a module form
    the bundle does not handle stops the build with its file and line (not at view time).
    """
    try:
        content = bundle(packaged.ASSETS, entry).encode("utf-8")
    except BundleError as error:
        raise PluginError(f"{error}") from None
    if not any(str(script) == src_uri for script in config.extra_javascript):
        config.extra_javascript.append(ExtraScriptValue(src_uri))
    return content


def add_learner_bundle(config: MkDocsConfig) -> bytes:
    """Adds the learner tools and their stylesheet to a file-share build, the tools as one classic script."""
    if packaged.LEARNER_STYLESHEET.src_uri not in config.extra_css:
        config.extra_css.append(packaged.LEARNER_STYLESHEET.src_uri)
    return add_file_share_bundle(config, "learner/main.js", LEARNER_BUNDLE)


GITHUB_OR_GITLAB = ("github.com", "gitlab")


def external_settings(config: MkDocsConfig) -> list[str]:
    """Settings of mkdocs.yml that make every page view contact another host, each with its fix."""
    problems: list[str] = []
    if config.theme.get("font") is not False:
        problems.append(
            "theme.font loads web fonts from Google's servers on every page view: set 'theme: font: false' "
            "(the hub then uses the reader's system fonts)"
        )
    if config.extra.get("analytics"):
        problems.append("extra.analytics sends every page view to an analytics service: remove it")
    repo_url = config.repo_url or ""
    if any(host in repo_url for host in GITHUB_OR_GITLAB):
        problems.append(
            f"repo_url ({repo_url}) makes every reader's browser ask the GitHub or GitLab API for the "
            "repository's stars and version: remove it, or link to the repository from a page instead"
        )
    for option in ("extra_css", "extra_javascript"):
        for item in config[option]:
            if is_external(str(item)):
                problems.append(f"{option} loads {item} from another host: copy the file into docs/ instead")
    for item in config.extra.get("polyfills") or []:
        if is_external(str(item)):
            problems.append(f"extra.polyfills loads {item} from another host: copy the file into docs/ instead")
    for option in ("logo", "favicon"):
        value = config.theme.get(option)
        if isinstance(value, str) and is_external(value):
            problems.append(f"theme.{option} is loaded from another host ({value}): put the image in docs/")
    return problems
