"""Stable identifiers: uuid5 values derived from a namespace and each object's path of hub ids.

Why: CASE needs a globally unique UUID per object that never changes between builds. Deriving it
from ids (never from titles, texts or positions) means rewording or re-ordering a map keeps every
identifier, while two organisations that set different `exports_namespace` values never collide.
"""

from __future__ import annotations

import hashlib
import uuid

HUB_NAMESPACE = uuid.uuid5(uuid.NAMESPACE_URL, "urn:competency-hub")
"""The tool's own namespace; never change it, or every published identifier changes."""


def namespace(name: str = "") -> uuid.UUID:
    """The namespace of one hub: the tool's own, or one derived from the `exports_namespace` option."""
    return uuid.uuid5(HUB_NAMESPACE, name) if name else HUB_NAMESPACE


class Ids:
    """The identifier of every exported object of one hub, by its path of ids."""

    def __init__(self, namespace_name: str = "") -> None:
        self.namespace_name = namespace_name
        self._namespace = namespace(namespace_name)
        self._known: dict[str, str] = {}

    def of(self, path: str) -> str:
        """Lowercase uuid5 of a path such as 'support/capabilities/triage'.

        Exports ask for the same path many times (about 10,000 times at S), so each is worked out
        once, with hashlib rather than `uuid.UUID` objects; the value is `str(uuid.uuid5(...))`.
        """
        known = self._known.get(path)
        if known is None:
            digest = bytearray(hashlib.sha1(self._namespace.bytes + path.encode("utf-8")).digest()[:16])
            digest[6] = (digest[6] & 0x0F) | 0x50  # version 5
            digest[8] = (digest[8] & 0x3F) | 0x80  # RFC 4122 variant
            hexed = digest.hex()
            known = self._known[path] = f"{hexed[:8]}-{hexed[8:12]}-{hexed[12:16]}-{hexed[16:20]}-{hexed[20:]}"
        return known

    # -- the paths, in one place ---------------------------------------------------------------

    @staticmethod
    def document_path(map_id: str) -> str:
        return map_id

    @staticmethod
    def scale_path(map_id: str) -> str:
        return f"{map_id}/scale"

    @staticmethod
    def level_path(map_id: str, level_id: str) -> str:
        return f"{map_id}/scale/{level_id}"

    @staticmethod
    def capability_path(map_id: str, capability_id: str) -> str:
        return f"{map_id}/capabilities/{capability_id}"

    @staticmethod
    def behaviour_path(map_id: str, behaviour_id: str) -> str:
        # Behaviour ids are unique in their map, so a behaviour keeps its identifier when it moves
        # to another level or capability.
        return f"{map_id}/behaviours/{behaviour_id}"

    @staticmethod
    def rubric_path(map_id: str, capability_id: str) -> str:
        return f"{map_id}/capabilities/{capability_id}/rubric"

    @staticmethod
    def criterion_path(map_id: str, capability_id: str, evidence_id: str, criterion_id: str) -> str:
        return f"{map_id}/capabilities/{capability_id}/evidence/{evidence_id}/criteria/{criterion_id}"

    @classmethod
    def criterion_level_path(
        cls, map_id: str, capability_id: str, evidence_id: str, criterion_id: str, level_id: str
    ) -> str:
        return f"{cls.criterion_path(map_id, capability_id, evidence_id, criterion_id)}/levels/{level_id}"

    @staticmethod
    def association_path(association_type: str, origin_path: str, destination_path: str) -> str:
        return f"associations/{association_type}/{origin_path}/to/{destination_path}"

    @staticmethod
    def item_type_path(code: str) -> str:
        return f"item-types/{code}"
