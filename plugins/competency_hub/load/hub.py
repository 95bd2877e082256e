"""Loading a whole hub from its folders: every file read, every problem reported, nothing skipped."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from ..diagnostics import Diagnostics
from ..model import CHALLENGE_SECTIONS, Challenge, Map
from ..model.video import named_video_files
from .folders import folder_files
from .files import FileKind, folder_exists
from .models import validate_model
from .options import HubOptions
from .sections import Body, Section, check_sections, source_sections
from ..memo import new_load
from .source import Source, load_markdown_file, load_yaml_file
from .stories import StoryLibrary, load_stories
from .videos import LoadedVideo, load_video
from .pilots import PilotLibrary, load_pilots
from .communities import Communities, load_communities
from .job_aids import JobAidLibrary, load_job_aids


@dataclass
class MapEntry:
    model: Map
    source: Source


@dataclass
class ChallengeEntry:
    model: Challenge
    source: Source
    body: Body
    sections: dict[str, Section]
    """The body's known sections by anchor (see CHALLENGE_SECTIONS)."""
    video: LoadedVideo | None = None
    """The challenge's video once its files are checked (load/videos.py); None without one, or when it is wrong."""


@dataclass
class Asset:
    """A file under challenges/ that is not a challenge: a template or resource to download.

    Only the files a challenge names (`template.file`, `resources[].file`) stay in `Hub.assets`
    and are published; the others are reported (see `account_for_challenge_files`).
    """

    path: Path
    rel: str
    """Path relative to the challenges folder, with forward slashes."""


@dataclass
class Hub:
    """All content of a hub as loaded; only files that passed their own checks are in it."""

    options: HubOptions
    maps: dict[str, MapEntry] = field(default_factory=dict)
    challenges: dict[str, ChallengeEntry] = field(default_factory=dict)
    assets: dict[str, Asset] = field(default_factory=dict)
    unloaded_ids: dict[str, set[str]] = field(default_factory=lambda: {"map": set(), "challenge": set()})
    """Ids of files that failed to load, so references to them are not reported a second time."""
    named_files: set[str] = field(default_factory=set)
    """Files under challenges/ that some challenge's front matter names, even one that failed its checks."""
    named_files_known: bool = True
    """False when a challenge file could not be read at all, so the files it names are not known."""
    challenge_files: dict[str, Asset] = field(default_factory=dict)
    """Every file under challenges/ that is not a challenge, named or not (for did-you-mean hints)."""
    library: StoryLibrary = field(default_factory=StoryLibrary)
    """The case stories (see load/stories.py)."""
    pilots: PilotLibrary = field(default_factory=PilotLibrary)
    """The pilots (see load/pilots.py)."""
    communities: Communities = field(default_factory=Communities)
    """The communities of practice and their rituals (see load/communities.py)."""
    job_aids: JobAidLibrary = field(default_factory=JobAidLibrary)
    """The job aids (see load/job_aids.py)."""
    refused: dict[str, FileKind] = field(default_factory=dict)
    """Links, special files and paths outside the repository found in content folders (reported,
    never read or published), by path as shown in diagnostics; see load/files.py."""


MAP_SUFFIXES = (".yml", ".yaml")


def _raw_id(source: Source | None) -> str | None:
    if source is not None and isinstance(source.data, dict) and isinstance(source.data.get("id"), str):
        return source.data["id"]
    return None


def _not_loaded(hub: Hub, kind: str, source: Source | None, stem: str, model_id: str | None = None) -> None:
    """Records the ids a file that could not be loaded would have had (its `id`, its file name), so
    references to them are not reported as unknown on top of the file's own error."""
    ids = hub.unloaded_ids[kind]
    ids.add(stem)
    if model_id is not None:
        ids.add(model_id)
    elif raw := _raw_id(source):
        ids.add(raw)


def _check_id_matches_file(source: Source, model_id: str, stem: str, diagnostics: Diagnostics) -> bool:
    if model_id == stem:
        return True
    mark = source.locate(("id",))
    diagnostics.error(
        source.path,
        mark.line,
        mark.column,
        f"id '{model_id}' differs from the file name '{stem}'",
        "ids are part of URLs: rename the file or change the id so that they match",
        code="HUB201",
    )
    return False


def load_maps(hub: Hub, diagnostics: Diagnostics) -> None:
    options = hub.options
    folder = options.root / options.maps_dir
    if not folder_exists(options, folder):
        diagnostics.error(options.display(folder), 1, 1, "the maps folder does not exist", code="HUB150")
        return
    for path, _, display in folder_files(options, hub.refused, folder, diagnostics):
        if path.suffix not in MAP_SUFFIXES:
            diagnostics.warning(display, 1, 1, "not a map file, so it is not published", "map files end in .yml", code="HUB160")
            continue
        if path.parent != folder:
            diagnostics.warning(display, 1, 1, "map files in sub-folders are not published", "move it to maps/", code="HUB161")
            continue
        source = load_yaml_file(path, display, diagnostics, max_bytes=options.max_file_size)
        model = validate_model(Map, source, diagnostics, what="a map file") if source else None
        if model is None:
            _not_loaded(hub, "map", source, path.stem)
            continue
        if not _check_id_matches_file(source, model.id, path.stem, diagnostics):
            _not_loaded(hub, "map", source, path.stem, model.id)
            continue
        if model.id in hub.maps:
            mark = source.locate(("id",))
            diagnostics.error(
                display, mark.line, mark.column, f"duplicate map id '{model.id}' (also {hub.maps[model.id].source.path})", code="HUB202"
            )
            continue
        hub.maps[model.id] = MapEntry(model, source)


def _check_sections(source: Source, challenge: Challenge, body: Body, diagnostics: Diagnostics) -> dict[str, Section]:
    # The template section may be left out when the front matter names a template file.
    return check_sections(
        source,
        body,
        CHALLENGE_SECTIONS,
        diagnostics,
        kind="challenge",
        may_omit=frozenset({"template"}) if challenge.template is not None else frozenset(),
        missing_hints={"template": "or give 'template: {file: …}' in the front matter"},
    )


def load_challenges(hub: Hub, diagnostics: Diagnostics) -> None:
    options = hub.options
    folder = options.root / options.challenges_dir
    if not folder_exists(options, folder):
        diagnostics.error(options.display(folder), 1, 1, "the challenges folder does not exist", code="HUB150")
        return
    for path, rel, display in folder_files(options, hub.refused, folder, diagnostics):
        if path.suffix != ".md" or path.parent != folder:
            hub.assets[rel] = Asset(path, rel)
            continue
        source = load_markdown_file(path, display, diagnostics, max_bytes=options.max_file_size)
        if source is None or not isinstance(source.data, dict):
            hub.named_files_known = False
        hub.named_files.update(_named_files(source))
        model = validate_model(Challenge, source, diagnostics, what="challenge front matter") if source else None
        if model is None:
            _not_loaded(hub, "challenge", source, path.stem)
            continue
        body = source_sections(source)
        sections = _check_sections(source, model, body, diagnostics)
        if not _check_id_matches_file(source, model.id, path.stem, diagnostics):
            _not_loaded(hub, "challenge", source, path.stem, model.id)
            continue
        hub.challenges[model.id] = ChallengeEntry(model, source, body, sections)


def _named_files(source: Source | None) -> list[str]:
    """The files a challenge's front matter names as its template, resources and video, read from the raw data.

    Read before the model is checked, so a challenge with an unrelated mistake does not make its
    template look unused as well.
    """
    data = source.data if source is not None else None
    if not isinstance(data, dict):
        return []
    entries = [data.get("template")] + (data["resources"] if isinstance(data.get("resources"), list) else [])
    named = [entry["file"] for entry in entries if isinstance(entry, dict) and isinstance(entry.get("file"), str)]
    return named + named_video_files(data.get("video"))


def account_for_challenge_files(hub: Hub, diagnostics: Diagnostics) -> None:
    """Keeps the downloads that a challenge names; reports every other file under challenges/.

    Anything else would be published as a raw download nobody links to, such as a challenge moved
    into a sub-folder (which is never loaded as a challenge) or a template whose challenge was deleted.
    """
    options = hub.options
    folder = options.challenges_dir
    hub.challenge_files = dict(hub.assets)
    # While a challenge cannot be read, or names a file that is not there (a typo?), the files it
    # means are not known: its own error comes first, and the unnamed files are only left out.
    known = hub.named_files_known and hub.named_files <= hub.challenge_files.keys()
    for rel in sorted(hub.assets):
        if rel in hub.named_files:
            continue
        asset = hub.assets.pop(rel)
        if not known:
            continue
        display = options.display(asset.path)
        if asset.path.suffix == ".md" and _has_front_matter(asset.path):
            diagnostics.warning(
                display,
                1,
                1,
                f"not loaded: challenges are read only from the top level of {folder}/, so it is not published",
                f"move it to {folder}/{asset.path.name}; if it is a download, name it in a challenge's "
                "'template' or 'resources'",
                code="HUB162",
            )
        else:
            diagnostics.warning(
                display,
                1,
                1,
                "not named by any challenge's 'template' or 'resources', so it is not published",
                f"name it in a challenge (e.g. 'template: {{file: {rel}}}'), or delete it",
                code="HUB163",
            )


def load_challenge_videos(hub: Hub, diagnostics: Diagnostics) -> None:
    """Checks the files of each challenge's video (after the files under challenges/ are known)."""
    for entry in hub.challenges.values():
        if entry.model.video is not None:
            entry.video = load_video(
                hub.options, hub.options.challenges_dir, hub.challenge_files, hub.refused, entry.source, ("video",), entry.model.video, diagnostics
            )


def _has_front_matter(path: Path) -> bool:
    """Whether a Markdown file starts like a challenge, with a `---` line."""
    try:
        with path.open("rb") as handle:
            return handle.read(6).removeprefix(b"\xef\xbb\xbf").startswith(b"---")
    except OSError:
        return False


def load_hub(options: HubOptions) -> tuple[Hub, Diagnostics]:
    """Read every map, challenge and story under `options.root`; return the hub and what went wrong."""
    diagnostics = Diagnostics()
    new_load()
    hub = Hub(options)
    load_maps(hub, diagnostics)
    load_challenges(hub, diagnostics)
    account_for_challenge_files(hub, diagnostics)
    load_challenge_videos(hub, diagnostics)
    hub.library = load_stories(options, hub.refused, diagnostics)
    hub.pilots = load_pilots(options, hub.refused, diagnostics)
    hub.communities = load_communities(options, hub.refused, diagnostics)
    hub.job_aids = load_job_aids(options, hub.refused, diagnostics)
    return hub, diagnostics
