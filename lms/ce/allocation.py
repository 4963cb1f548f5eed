"""Sharing CE minutes between requirements so that as little as possible is missing.

A record's minutes are a supply; each requirement a demand that accepts some records, some of
them through a limited group (a cap on a delivery format in one cycle). `allocate` is a
maximum flow (Edmonds–Karp: shortest augmenting paths, visited in a fixed order, so the same
input always gives the same answer):

    source → record (its minutes) → [group (its limit)] → requirement (what it requires) → sink

It fills the demands one at a time in the order given, each as far as the records allow while
keeping what the earlier ones hold (a later demand may move an earlier one's minutes to other
records, never lower them). When all are filled as far as they can be, the minutes left over
go, in the same order, to demands that accept them, so a requirement can show more than it
needs; what is missing is never raised by that second pass.
"""

from collections import deque
from collections.abc import Hashable, Sequence
from dataclasses import dataclass, field

SOURCE = ("source",)
SINK = ("sink",)


@dataclass(frozen=True)
class Demand:
    """One requirement: `required` minutes from `arcs`, (record index, group or None) pairs;
    the minutes through a group together stay within `limits[group]`."""

    required: int
    arcs: tuple[tuple[int, Hashable | None], ...]
    limits: dict[Hashable, int] = field(default_factory=dict)


def allocate(supplies: Sequence[int], demands: Sequence[Demand]) -> list[dict[int, int]]:
    """For each demand, {record index: minutes} assigned to it; no record gives more than its
    supply in total, and the minutes missing (summed over demands) are as few as possible."""
    network = _Network()
    for index, demand in enumerate(demands):
        for record, group in demand.arcs:
            network.add(SOURCE, ("record", record), supplies[record])
            if group is None:
                network.add(("record", record), ("demand", index), supplies[record])
            else:
                node = ("group", index, group)
                network.add(("record", record), node, supplies[record])
                network.add(node, ("demand", index), demand.limits[group])
        network.add(("demand", index), SINK, 0)
    plenty = sum(supplies) + 1
    for wanted in (lambda demand: demand.required, lambda demand: plenty):
        for index, demand in enumerate(demands):
            network.capacity[("demand", index), SINK] = wanted(demand)
            network.fill()
    return [
        {
            record: network.flow(("record", record), ("demand", index), ("group", index, group))
            for record, group in dict.fromkeys(demand.arcs)
        }
        for index, demand in enumerate(demands)
    ]


class _Network:
    """A residual graph with adjacency in insertion order (for determinism)."""

    def __init__(self) -> None:
        self.capacity: dict[tuple, int] = {}
        self.original: dict[tuple, int] = {}
        self.neighbours: dict[tuple, list[tuple]] = {}

    def add(self, start: tuple, end: tuple, capacity: int) -> None:
        if (start, end) in self.original:
            return
        self.original[start, end] = capacity
        self.capacity[start, end] = capacity
        self.capacity.setdefault((end, start), 0)
        self.neighbours.setdefault(start, []).append(end)
        self.neighbours.setdefault(end, []).append(start)

    def fill(self) -> None:
        """Augment along shortest paths until no path from source to sink has room."""
        while (path := self._shortest_path()) is not None:
            room = min(self.capacity[edge] for edge in path)
            for start, end in path:
                self.capacity[start, end] -= room
                self.capacity[end, start] += room

    def _shortest_path(self) -> list[tuple] | None:
        parents: dict[tuple, tuple | None] = {SOURCE: None}
        queue = deque([SOURCE])
        while queue:
            node = queue.popleft()
            for after in self.neighbours.get(node, ()):
                if after not in parents and self.capacity[node, after] > 0:
                    parents[after] = node
                    if after == SINK:
                        return _edges(parents)
                    queue.append(after)
        return None

    def flow(self, record: tuple, demand: tuple, group: tuple) -> int:
        """Minutes from `record` into `demand` (directly or through `group`)."""
        end = demand if (record, demand) in self.original else group
        return self.original[record, end] - self.capacity[record, end]


def _edges(parents: dict[tuple, tuple | None]) -> list[tuple[tuple, tuple]]:
    edges, node = [], SINK
    while (parent := parents[node]) is not None:
        edges.append((parent, node))
        node = parent
    return edges
