"""`/exports/hub.json`: every map and challenge of the hub in one file, with its JSON Schema.

For anyone building on the data (a dashboard, a search index, another generator): the content as
the hub's own models hold it, plus where each page and download lives. Paths are relative to the
hub's root; `hub.url` is the root when the hub is published at a fixed address.
"""

from __future__ import annotations

from typing import Any, Literal

from pydantic import BaseModel, ConfigDict

from .. import __version__
from ..model import Challenge, Map
from ..render import urls
from ..load.index import HubIndex
from .ctdl_asn import ctdl_asn_framework
from .options import ExportOptions
from .rsd import rsd_collection

FORMAT = "competency-hub/hub.json/1"
"""Changes only when the file's shape changes in a way that breaks readers."""


class _Strict(BaseModel):
    model_config = ConfigDict(extra="forbid", use_attribute_docstrings=True)


class HubInfo(_Strict):
    name: str
    """The hub's `site_name`."""
    url: str | None
    """Where the hub is published (`site_url` or `exports_base_url`); null when not set."""
    language: str
    """Language of the content (the theme's language)."""
    generator: str
    """The tool and version that wrote the file."""


class MapDownloads(_Strict):
    case: str
    """The CASE 1.1 CFPackage."""
    moodle: str
    """The Moodle competency framework CSV."""
    csv: str
    """The flat CSV table, a row per behaviour (docs/reference/exports/csv.md)."""
    rsd: str
    """The Rich Skill Descriptor collection; each capability's RSD is beside it (docs/reference/exports/rsd.md)."""
    ctdl_asn: str
    """The CTDL-ASN competency framework graph (docs/reference/exports/ctdl-asn.md)."""


class AlignmentRecord(_Strict):
    capability: str
    """Id of the capability, in this map."""
    scheme: Literal["esco", "onet", "lightcast", "sfia", "other"]
    match: Literal["exact", "related"]
    framework: str
    """The taxonomy's name ('ESCO', 'O*NET-SOC', 'Lightcast Open Skills', 'SFIA 9', or the framework's)."""
    code: str | None
    """The entry's code (O*NET-SOC code, Lightcast id, SFIA code-level), if it has one besides its address."""
    name: str | None
    """The entry's name, when the map gives it."""
    url: str
    """The entry's public page, as the capability page links to it."""


class MapRecord(_Strict):
    id: str
    page: str
    """The map's page, relative to the hub's root."""
    downloads: MapDownloads
    map: Map
    """The map, exactly as its file describes it (defaults filled in)."""
    alignments: list[AlignmentRecord] = []
    """Every taxonomy alignment of the map's capabilities, in map order, with its public page resolved."""


class ChallengeRecord(_Strict):
    id: str
    page: str
    """The challenge's page, relative to the hub's root."""
    challenge: Challenge
    """The front matter, defaults filled in."""
    sections: dict[str, str]
    """The Markdown body by section anchor: why-it-matters, example-done-well, template."""


class PathRecord(_Strict):
    id: str
    map: str
    """Id of the map that defines the path."""
    page: str
    achievement: str
    """The Open Badges 3.0 Achievement of the path."""
    milestone_achievements: dict[str, str]
    """Milestone id → its Achievement, for every mandatory milestone."""


class HubExport(_Strict):
    """The whole hub: maps (with their learning paths), challenges, and where each is published."""

    format: Literal["competency-hub/hub.json/1"]
    hub: HubInfo
    maps: list[MapRecord]
    """By id."""
    paths: list[PathRecord]
    """By id; the paths themselves are in their map."""
    challenges: list[ChallengeRecord]
    """By id."""


def hub_schema(options: ExportOptions) -> dict[str, Any]:
    return {
        "$schema": "https://json-schema.org/draft/2020-12/schema",
        "$id": options.uri(urls.hub_schema()),
        **HubExport.model_json_schema(),
    }


def _page(src: str, options: ExportOptions) -> str:
    return urls.page_url(src, options.use_directory_urls)


def hub_export(index: HubIndex, options: ExportOptions) -> HubExport:
    hub = index.hub
    maps = [
        MapRecord(
            id=map_id,
            page=_page(urls.map_page(map_id), options),
            downloads=MapDownloads(
                case=urls.case_package(map_id),
                moodle=urls.moodle_csv(map_id),
                csv=urls.map_csv(map_id),
                rsd=rsd_collection(map_id),
                ctdl_asn=ctdl_asn_framework(map_id),
            ),
            map=hub.maps[map_id].model,
            alignments=[
                AlignmentRecord(
                    capability=capability.id,
                    scheme=alignment.scheme,
                    match=alignment.match,
                    framework=alignment.framework_label,
                    code=alignment.target_code,
                    name=alignment.name,
                    url=alignment.public_url,
                )
                for capability in hub.maps[map_id].model.capabilities
                for alignment in capability.alignments
            ],
        )
        for map_id in sorted(hub.maps)
    ]
    paths = [
        PathRecord(
            id=path_id,
            map=index.paths[path_id].map.model.id,
            page=_page(urls.path_page(path_id), options),
            achievement=urls.openbadges_path(path_id),
            milestone_achievements={
                m.id: urls.openbadges_milestone(path_id, m.id) for m in index.paths[path_id].model.milestones if m.mandatory
            },
        )
        for path_id in sorted(index.paths)
    ]
    challenges = [
        ChallengeRecord(
            id=challenge_id,
            page=_page(urls.challenge_page(challenge_id), options),
            challenge=hub.challenges[challenge_id].model,
            sections={anchor: section.markdown for anchor, section in sorted(hub.challenges[challenge_id].sections.items())},
        )
        for challenge_id in sorted(hub.challenges)
    ]
    return HubExport(
        format=FORMAT,
        hub=HubInfo(
            name=options.site_name,
            url=options.base if options.has_real_base else None,
            language=options.language,
            generator=f"competency-hub {__version__}",
        ),
        maps=maps,
        paths=paths,
        challenges=challenges,
    )


def hub_json(index: HubIndex, options: ExportOptions) -> dict[str, Any]:
    return hub_export(index, options).model_dump(mode="json")
