"""Where the package's own files live (assets, templates, theme), and the packaged files a site publishes.

Every other module finds a packaged file here, and the plugin publishes exactly `site_files()` (and
the vendored copies that replace CDN scripts, mkdocs/hosting.py), so what a site serves from the
package is listed in one place.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

PACKAGE = Path(__file__).resolve().parent
ASSETS = PACKAGE / "assets"
"""The small CSS and JavaScript the pages need, and vendored copies of third-party scripts (assets/vendor/)."""
TEMPLATES = PACKAGE / "templates"
"""The Jinja templates of the generated pages; a site's `templates_dir` overrides them by name."""
SCAFFOLDS = PACKAGE / "scaffold"
"""The commented starting files `competency-hub new` writes (map, story, challenge)."""
HUB_SCAFFOLD = SCAFFOLDS / "hub"
"""The other files `competency-hub init` writes into a new hub (settings, home page, CI, README…)."""
THEME = PACKAGE / "theme"
"""Partials placed before Material's own (accessibility fixes), after the site's `custom_dir`."""
SITE_FOLDER = "assets/competency-hub"
"""Where a site publishes the packaged files (and the learner tools' data): not part of the URL promise."""


@dataclass(frozen=True)
class PackagedFile:
    """A file of the package that a site publishes as it is."""

    src_uri: str
    """Where the site publishes it (under assets/competency-hub/)."""
    source: Path
    """The file in the package."""


def _asset(rel: str) -> PackagedFile:
    return PackagedFile(f"{SITE_FOLDER}/{rel}", ASSETS / rel)


HUB_STYLESHEET = _asset("hub.css")
"""The generated pages' styles, on every page."""
THEME_STYLESHEET = _asset("theme.css")
"""Accessibility fixes to Material's stock styles, with the partials in THEME."""
LEARNER_STYLESHEET = _asset("learner.css")
LEARNER_SCRIPT = _asset("learner/main.js")
"""The one learner script every page loads (as a module); it imports the rest only on the pages that need it."""
FINDER_SCRIPT = _asset("stories-finder.js")
STORIES_STYLESHEET = _asset("stories.css")
LUNR_SCRIPT = _asset("vendor/lunr.min.js")
"""Loaded by the story finder itself, and only when someone searches."""
FINDER_IMPORTS = [_asset("learner/dom.js")]
"""The learner tools' modules that the finder imports (one DOM helper set for every script): published
with the learner tools, and with the finder when the learner tools are off."""
QR_ENCODER = _asset("vendor/qrcode-generator/qrcode.module.js")
"""Imported by learner/qr.js: QR codes of transfer links and of check-in cards' addresses."""
JOB_AIDS_SCRIPT = _asset("job-aids.js")
"""Checklists on job aid pages and embeds: ticks kept in the browser, Reset, print a blank copy."""
JOB_AIDS_STYLESHEET = _asset("job-aids.css")
"""Job aid pages, and the standalone forms (embed, poster, card)."""
JOB_AIDS_CARD_STYLESHEET = _asset("job-aids-card.css")
"""The A6 page of a job aid's pocket card, loaded by the card alone."""
IFRAME_WORKER_SHIM = _asset("vendor/iframe-worker/shim.js")
"""Replaces the CDN copy that Material's `offline` plugin adds (mkdocs/hosting.py)."""


def learner_files() -> list[PackagedFile]:
    """The learner tools' ES modules (published as they are: no build step) and their stylesheet."""
    scripts = sorted((ASSETS / "learner").glob("*.js"))
    return [_asset(f"learner/{script.name}") for script in scripts] + [QR_ENCODER, LEARNER_STYLESHEET]


def story_files() -> list[PackagedFile]:
    """The story finder, its search library and the story pages' styles."""
    return [FINDER_SCRIPT, LUNR_SCRIPT, STORIES_STYLESHEET]


def job_aid_files() -> list[PackagedFile]:
    """The job aids' script, the DOM helpers it imports, and their stylesheet."""
    return [JOB_AIDS_SCRIPT, *FINDER_IMPORTS, JOB_AIDS_STYLESHEET, JOB_AIDS_CARD_STYLESHEET]


def site_files(*, learner: bool, stories: bool, job_aids: bool = False) -> list[PackagedFile]:
    """Every packaged file a site publishes: the hub's styles always, the learner tools' files when
    they are on, the story library's when the hub has a stories folder."""
    files = [HUB_STYLESHEET, THEME_STYLESHEET]
    if learner:
        files += learner_files()
    if stories:
        files += [file for file in story_files() + FINDER_IMPORTS if file not in files]
    if job_aids:
        files += [file for file in job_aid_files() if file not in files]
    return files
