"""Prerequisite cycles among capabilities and among challenges, each named once."""

from __future__ import annotations

from typing import Callable, Hashable, Iterable

from ..diagnostics import Diagnostics
from ..load.source import Loc, Source
from ..load.index import CapabilityKey, HubIndex, parse_ref
from .structure import error_at

Node = Hashable


def find_cycles(nodes: Iterable[Node], edges: Callable[[Node], list[Node]]) -> list[list[Node]]:
    """Each elementary cycle met by a depth-first search, as [a, b, …, a]; iterative, so deep graphs are fine."""
    state: dict[Node, int] = {}  # 1 = on the stack, 2 = done
    cycles: list[list[Node]] = []
    for start in nodes:
        if start in state:
            continue
        stack: list[tuple[Node, Iterable[Node]]] = [(start, iter(edges(start)))]
        trail: list[Node] = [start]
        state[start] = 1
        while stack:
            node, children = stack[-1]
            for child in children:
                if state.get(child) == 1:
                    cycles.append(trail[trail.index(child) :] + [child])
                elif child not in state:
                    state[child] = 1
                    trail.append(child)
                    stack.append((child, iter(edges(child))))
                    break
            else:
                stack.pop()
                trail.pop()
                state[node] = 2
    return cycles


def check_cycles(index: HubIndex, diagnostics: Diagnostics) -> None:
    hub = index.hub

    def capability_edges(key: CapabilityKey) -> list[CapabilityKey]:
        entry, _, capability = index.capabilities[key]
        targets = (parse_ref(ref, entry.model.id) for ref in capability.prerequisites)
        return [t for t in targets if t in index.capabilities and t != key]

    for cycle in find_cycles(sorted(index.capabilities, key=str), capability_edges):
        first, second = cycle[0], cycle[1]
        entry, ci, capability = index.capabilities[first]
        ri = next(
            i for i, ref in enumerate(capability.prerequisites) if parse_ref(ref, entry.model.id) == second
        )
        names = " → ".join(str(k) for k in cycle)
        error_at(
            diagnostics,
            entry.source,
            ("capabilities", ci, "prerequisites", ri),
            f"prerequisite cycle: {names}",
            "a capability cannot, even indirectly, be its own prerequisite",
            code="HUB311",
        )

    def challenge_edges(challenge_id: str) -> list[str]:
        prerequisites = hub.challenges[challenge_id].model.prerequisites
        return [p for p in prerequisites if p in hub.challenges and p != challenge_id]

    for cycle in find_cycles(sorted(hub.challenges), challenge_edges):
        entry = hub.challenges[cycle[0]]
        source: Source = entry.source
        loc: Loc = ("prerequisites", entry.model.prerequisites.index(cycle[1]))
        error_at(diagnostics, source, loc, f"prerequisite cycle: {' → '.join(cycle)}", code="HUB311")
