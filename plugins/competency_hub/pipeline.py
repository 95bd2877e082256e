"""The one pipeline: load → index → validate → governance → docs markers → site folders, for the build and every command."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Callable, Sequence

from .diagnostics import Diagnostics
from .validate.governance import GovernancePolicy, governance_diagnostics
from .load import Hub, HubOptions, load_hub
from .load.files import check_site_folders
from .load.index import HubIndex
from .validate import validate_hub
from .validate.markers import check_docs_markers


@dataclass
class CheckedHub:
    """A loaded hub, its index, and what the checks found."""

    hub: Hub
    index: HubIndex
    diagnostics: Diagnostics
    """Every problem the checks that ran found (see `check_hub`)."""
    policy: GovernancePolicy
    loaded: Diagnostics
    """The problems found while loading the hub's own files; `diagnostics` starts with them."""
    refused: frozenset[Path] = frozenset()
    """Links, special files and outside paths found under `site_folders` (reported): the build never
    copies them, nor anything under a refused folder."""

    @property
    def after_loading(self) -> Diagnostics:
        """What `amend` and the checks found, without the loaded files' own problems."""
        return Diagnostics(self.diagnostics[len(self.loaded) :])


def check_hub(
    options: HubOptions,
    policy: GovernancePolicy,
    *,
    site_folders: Sequence[Path] = (),
    docs_dir: Path | None = None,
    governance: bool = True,
    amend: Callable[[Hub, Diagnostics], None] | None = None,
) -> CheckedHub:
    """Loads the hub and checks it; dates (reviews, stories) are judged on `policy.today`.

    `site_folders`: folders besides content that the build reads (docs/, the templates folder), checked for
    links and special files. `docs_dir`: the docs whose `<!-- hub:… -->` markers are checked. `governance`:
    whether governance findings are diagnostics (`report` lists them as findings instead). `amend`: changes
    the loaded hub before it is indexed (the import command adds the new map); its diagnostics are kept.
    """
    hub, loaded = load_hub(options)
    diagnostics = Diagnostics(loaded)
    loaded = Diagnostics(loaded)
    refused = frozenset(entry.path for entry in check_site_folders(options, list(site_folders), diagnostics))
    if amend is not None:
        amend(hub, diagnostics)
    index = HubIndex.build(hub)
    diagnostics.extend(validate_hub(hub, index, today=policy.today))
    if governance:
        diagnostics.extend(governance_diagnostics(index, policy))
    if docs_dir is not None:
        check_docs_markers(index, diagnostics, docs_dir)
    return CheckedHub(hub, index, diagnostics, policy, loaded, refused)
