"""Reading content files into models; problems are returned as diagnostics, never raised."""

from .hub import Asset, ChallengeEntry, Hub, MapEntry, load_hub
from .options import HubOptions
from .source import Mark, Source

__all__ = ["Asset", "ChallengeEntry", "Hub", "HubOptions", "MapEntry", "Mark", "Source", "load_hub"]
