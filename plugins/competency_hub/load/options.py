"""Where a hub's content lives and the limits it must respect: what every loader is given."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path


@dataclass(frozen=True)
class HubOptions:
    """Where content lives and the limits it must respect (mirrored by the MkDocs plugin options)."""

    root: Path
    maps_dir: str = "maps"
    challenges_dir: str = "challenges"
    stories_dir: str = "stories"
    pilots_dir: str = "pilots"
    communities_dir: str = "communities"
    job_aids_dir: str = "job-aids"
    max_time_box: int = 30
    max_file_size: int = 256 * 1024
    video_max_bytes: int = 5 * 1024 * 1024
    """A video file bigger than this is reported (a warning): quick videos stay small."""

    def display(self, path: Path) -> str:
        """A path as shown in diagnostics: relative to the hub root, with forward slashes."""
        try:
            return path.relative_to(self.root).as_posix()
        except ValueError:
            return path.as_posix()
