"""Reading content files into models; problems are returned as diagnostics, never raised."""

from .hub import Asset, ChallengeEntry, Hub, HubOptions, MapEntry, load_hub
from .source import Mark, Source

__all__ = ["Asset", "ChallengeEntry", "Hub", "HubOptions", "MapEntry", "Mark", "Source", "load_hub"]
