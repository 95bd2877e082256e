"""Exports (CASE 1.1, Open Badges 3.0, Moodle CSV, flat CSV, hub.json): the hub's data in open formats.

The importers are in `imports/`. Pure core, like load/ and render/: no MkDocs here. The plugin
writes `export_hub()`'s files into the site under /exports/; `competency-hub export` writes the same bytes into a folder.
"""

from __future__ import annotations

import dataclasses
from dataclasses import dataclass, field

from ..diagnostics import Diagnostics
from ..memo import TwoLoads, digest
from ..load import Hub
from ..load.index import HubIndex
from ..render import urls as site_urls
from .case import CasePackage, dumps, dumps_compact, export_case, item_type_files
from ..clock import last_changes
from .hub_json import hub_json, hub_schema
from .flat_csv import export_csv
from .moodle import export_moodle
from .openbadges import BadgeFile, export_openbadges
from .ctdl_asn import export_ctdl_asn
from .rsd import export_rsd, rsd_collection
from .options import ExportOptions

FORMATS = ("case", "openbadges", "moodle", "hub-json", "csv", "rsd", "ctdl-asn")
"""Every export format, by the name the CLI's --format uses."""


@dataclass
class ExportedFile:
    src_uri: str
    """Path in the site, e.g. 'exports/case/support.json'."""
    content: bytes


@dataclass
class MapDownloads:
    map_id: str
    title: str
    case: str | None = None
    moodle: str | None = None
    csv: str | None = None
    rsd: str | None = None
    ctdl_asn: str | None = None


@dataclass
class ExportResult:
    files: list[ExportedFile] = field(default_factory=list)
    notes: Diagnostics = field(default_factory=Diagnostics)
    """What a format could not hold as it is (e.g. a comma in a Moodle scale value), with its source."""
    maps: list[MapDownloads] = field(default_factory=list)
    badges: list[BadgeFile] = field(default_factory=list)
    options: ExportOptions = field(default_factory=ExportOptions)

    def file(self, src_uri: str) -> ExportedFile | None:
        return next((f for f in self.files if f.src_uri == src_uri), None)


_KEPT: TwoLoads[str, tuple[bytes, ExportResult]] = TwoLoads()
"""The last export made with `keep`, with the stamp of what it was made from."""


def _stamp(hub: Hub, options: ExportOptions, formats: tuple[str, ...]) -> bytes | None:
    """What the exports are made from: the maps' and challenges' texts (the index is built from
    them alone), the hub's and the export options (with each map's last change) and the formats;
    None when a file's text digest is unknown."""
    sources = [e.source for _, e in sorted(hub.maps.items())] + [e.source for _, e in sorted(hub.challenges.items())]
    if not all(source.text_digest for source in sources):
        return None
    return digest(repr([formats, options, hub.options, [(source.path, source.text_digest.hex()) for source in sources]]))


def export_hub(
    hub: Hub, index: HubIndex, options: ExportOptions, formats: tuple[str, ...] = FORMATS, *, keep: bool = False,
    earlier: bool = False,
) -> ExportResult:
    """Every exported file of the hub, in a stable order; linear in the size of the content.

    With `keep` (a rebuild of `mkdocs serve`), the last result made with `keep` is given again when
    the maps, the challenges and the options are those it was made from: saving a story, say,
    makes no export again. With `earlier` too (the first half of a split preview, whose second
    rebuild exports again), it is given whatever it was made from. The result is not to be changed
    by the caller.
    """
    if keep and earlier:
        found = _KEPT.get("exports")
        if found is not None:
            return found[1]
    result = ExportResult()
    if not options.last_change:
        options = dataclasses.replace(options, last_change=last_changes(hub, result.notes))
    stamp = _stamp(hub, options, formats) if keep else None
    if stamp is not None:
        found = _KEPT.get("exports")
        if found is not None and found[0] == stamp:
            return found[1]
    result.options = options
    _export(hub, index, options, formats, result)
    if stamp is not None:
        _KEPT.put("exports", (stamp, result))
    return result


def _export(hub: Hub, index: HubIndex, options: ExportOptions, formats: tuple[str, ...], result: ExportResult) -> None:
    for map_id in sorted(hub.maps):
        entry = hub.maps[map_id]
        downloads = MapDownloads(map_id, entry.model.title)
        if "case" in formats:
            package: CasePackage = export_case(entry, index, options)
            result.files.append(ExportedFile(package.src_uri, dumps(package.package)))
            result.files += [ExportedFile(o.src_uri, dumps_compact(o.data)) for o in package.objects]
            downloads.case = package.src_uri
        if "moodle" in formats:
            moodle = export_moodle(entry, index, site_urls.moodle_csv(map_id))
            result.files.append(ExportedFile(moodle.src_uri, moodle.content))
            result.notes.extend(moodle.notes)
            downloads.moodle = moodle.src_uri
        if "csv" in formats:
            downloads.csv = site_urls.map_csv(map_id)
            result.files.append(ExportedFile(downloads.csv, export_csv(entry)))
        if "rsd" in formats:
            result.files += [ExportedFile(f.src_uri, dumps(f.data)) for f in export_rsd(entry, options)]
            downloads.rsd = rsd_collection(map_id)
        if "ctdl-asn" in formats:
            framework = export_ctdl_asn(entry, index, options)
            result.files.append(ExportedFile(framework.src_uri, dumps(framework.data)))
            downloads.ctdl_asn = framework.src_uri
        result.maps.append(downloads)
    if "case" in formats and hub.maps:
        result.files += [ExportedFile(o.src_uri, dumps_compact(o.data)) for o in item_type_files(options)]
    if "openbadges" in formats:
        result.badges = export_openbadges(index, options)
        result.files += [ExportedFile(badge.src_uri, dumps(badge.data)) for badge in result.badges]
    if "hub-json" in formats:
        result.files.append(ExportedFile(site_urls.hub_json(), dumps(hub_json(index, options))))
        result.files.append(ExportedFile(site_urls.hub_schema(), dumps(hub_schema(options))))


__all__ = ["FORMATS", "ExportOptions", "ExportResult", "ExportedFile", "export_hub"]
