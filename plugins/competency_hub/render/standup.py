"""Standup prompts: a map's recall prompts and one-minute practices as a JSON Feed 1.1 and an Atom feed.

A team pastes a feed's address into a standup bot or a chat channel's feed reader. The items are
the recall prompts of each capability's challenges (and, for a capability without any, its
`practice_minute` alone), in map order; each carries the capability's one-minute practice.

**Rotation.** Item `i` of `N` (its `slot`, the order of the feed) is the prompt of every day `D`
with `(D - 1970-01-01).days mod N == i`: the same answer for everyone, on any machine, without
state. Each item also names the next day it is scheduled, counted from the build date
(the UTC day of `clock.build_moment`, never the wall clock), so the feeds of one commit are the same on any day.
Ids are `urn:uuid:` names of `map/capability/challenge/recall-id`, kept as long as those ids are.
"""

from __future__ import annotations

import datetime
import json
import uuid
from dataclasses import dataclass

from ..load import MapEntry
from ..load.index import CapabilityKey, HubIndex
from ..memo import TwoLoads, digest
from . import urls
from .atom import INDENTED, Element, atom_id, day_start, write

STANDUP_NAMESPACE = uuid.UUID("0e6c1d4a-7b57-4f0a-9a44-3f6a8c2e9d15")
"""Namespace of the feeds' and items' uuid5 ids; never change it, readers know items by their id."""

EPOCH = datetime.date(1970, 1, 1)
"""Day 0 of the rotation: the item of day D is `(D - EPOCH).days mod N`."""

JSON_FEED_VERSION = "https://jsonfeed.org/version/1.1"


@dataclass(frozen=True)
class StandupItem:
    key: str
    """`map/capability/challenge/recall` (or `map/capability/practice`): what the id is made from."""
    capability_id: str
    capability_title: str
    prompt: str | None
    """The recall prompt, or None for a capability with a one-minute practice only."""
    practice: str | None
    challenge_id: str | None
    recall_id: str | None


def rotation_slot(day: datetime.date, count: int) -> int:
    """The slot of the item for `day` in a feed of `count` items."""
    return (day - EPOCH).days % count


def next_day(slot: int, count: int, build_date: datetime.date) -> datetime.date:
    """The first day on or after `build_date` whose item is `slot`."""
    return build_date + datetime.timedelta(days=(slot - rotation_slot(build_date, count)) % count)


def standup_items(entry: MapEntry, index: HubIndex) -> list[StandupItem]:
    """The map's items in feed order: capability by capability, challenges by id, prompts as written."""
    items: list[StandupItem] = []
    map_id = entry.model.id
    for capability in entry.model.capabilities:
        if capability.status == "retired":
            continue
        practice = " ".join(capability.practice_minute.split()) if capability.practice_minute else None
        challenges = sorted(
            (c for c in index.challenges_by_capability.get(CapabilityKey(map_id, capability.id), []) if c.model.status != "retired"),
            key=lambda c: c.model.id,
        )
        before = len(items)
        for challenge in challenges:
            for recall in challenge.model.recall:
                items.append(
                    StandupItem(
                        f"{map_id}/{capability.id}/{challenge.model.id}/{recall.id}",
                        capability.id,
                        capability.title,
                        " ".join(recall.prompt.split()),
                        practice,
                        challenge.model.id,
                        recall.id,
                    )
                )
        if len(items) == before and practice:
            items.append(StandupItem(f"{map_id}/{capability.id}/practice", capability.id, capability.title, None, practice, None, None))
    return items


def _text(item: StandupItem) -> str:
    lines = [f"Recall: {item.prompt}"] if item.prompt else []
    if item.practice:
        lines.append(f"One-minute practice: {item.practice}")
    return "\n".join(lines)


def _title(item: StandupItem) -> str:
    return f"{item.capability_title}: {item.prompt}" if item.prompt else f"{item.capability_title}: one-minute practice"


@dataclass(frozen=True)
class StandupFeeds:
    json_feed: bytes
    atom_feed: bytes


_KEPT: TwoLoads[str, tuple[bytes, StandupFeeds]] = TwoLoads()
"""Map id → the stamp of what its feeds were made from, and the feeds (`render_standup_feeds`)."""


def _stamp(entry: MapEntry, index: HubIndex, settings: tuple[object, ...]) -> bytes | None:
    """What a map's feeds are made from: its text, the texts of the challenges of its capabilities, the
    build date and the site's settings; None when a file's text digest is unknown."""
    challenges = sorted(
        (c.model.id, c.source.text_digest)
        for capability in entry.model.capabilities
        for c in index.challenges_by_capability.get(CapabilityKey(entry.model.id, capability.id), [])
    )
    if not entry.source.text_digest or not all(text for _, text in challenges):
        return None
    return digest(repr([entry.source.text_digest, challenges, settings]))


def render_standup_feeds(
    entry: MapEntry,
    index: HubIndex,
    *,
    build_date: datetime.date,
    site_name: str,
    use_directory_urls: bool,
    site_url: str | None,
) -> StandupFeeds:
    """The two feeds of one map; empty (no item) while it has neither a recall prompt nor a one-minute practice,
    so that a team can subscribe to any map's address and get its prompts once they are written.

    Made again only when the map, its challenges or the settings changed since the last load (a
    rebuild of `serve` makes 40 maps' feeds at L: about 1 s)."""
    stamp = _stamp(entry, index, (build_date, site_name, use_directory_urls, site_url))
    found = _KEPT.get(entry.model.id) if stamp is not None else None
    if found is not None and found[0] == stamp:
        return found[1]
    items = standup_items(entry, index)
    model = entry.model
    count = len(items)
    map_src = urls.map_page(model.id)
    base = site_url.rstrip("/") + "/" if site_url else None

    def page(src: str, anchor: str | None = None) -> str:
        """A page's address: absolute with `site_url`, else relative to the feed (which sits beside the map page)."""
        relative = urls.href(urls.standup_json_feed(model.id), src, use_directory_urls, anchor)
        if base is None:
            return relative
        return base + urls.page_url(src, use_directory_urls) + (f"#{anchor}" if anchor else "")

    title = f"{site_name}: {model.title}: standup prompts"
    rule = (
        f"The item for day D is items[(D - {EPOCH.isoformat()}).days mod {count}] (its _standup.slot); "
        "D is the date where the standup happens."
    )
    description = (
        f"One recall prompt and a one-minute practice from the map {model.title}, for a standup or a team channel. {rule}"
    )
    feed: dict = {"version": JSON_FEED_VERSION, "title": title}
    if base:
        feed["home_page_url"] = page(map_src)
        feed["feed_url"] = base + urls.standup_json_feed(model.id)
    feed["description"] = description
    if model.owners:
        feed["authors"] = [{"name": owner.name} for owner in model.owners]
    feed["_standup"] = {
        "map": model.id,
        "epoch": EPOCH.isoformat(),
        "count": count,
        "rule": rule,
        "build_date": build_date.isoformat(),
        "build_date_slot": rotation_slot(build_date, count) if count else None,
    }
    json_items = []
    atom = Element("feed")
    atom.add("title", title)
    atom.add("subtitle", description)
    atom.add("id", atom_id(STANDUP_NAMESPACE, model.id))
    atom.add("updated", day_start(build_date))
    atom.add("link", rel="alternate", type="text/html", href=page(map_src))
    atom.add("link", rel="self", type="application/atom+xml", href=(base + urls.standup_atom_feed(model.id)) if base else "standup.xml")
    for owner in model.owners:
        atom.add("author").add("name", owner.name)
    for slot, item in enumerate(items):
        item_id = atom_id(STANDUP_NAMESPACE, item.key)
        scheduled = next_day(slot, count, build_date)
        target = (
            page(urls.challenge_page(item.challenge_id), f"recall-{item.recall_id}")
            if item.challenge_id
            else page(urls.capability_page(model.id, item.capability_id))
        )
        text = _text(item)
        json_item: dict = {"id": item_id}
        if base:
            json_item["url"] = target
        json_item["title"] = _title(item)
        json_item["content_text"] = text
        json_item["tags"] = [f"{model.id}/{item.capability_id}"]
        json_item["_standup"] = {
            "key": item.key,
            "slot": slot,
            "capability": f"{model.id}/{item.capability_id}",
            "challenge": item.challenge_id,
            "recall": item.recall_id,
            "prompt": item.prompt,
            "practice_minute": item.practice,
            "page": target,
            "next_date": scheduled.isoformat(),
            "window": {"start": scheduled.isoformat(), "end": (scheduled + datetime.timedelta(days=1)).isoformat()},
            "every_days": count,
        }
        json_items.append(json_item)
        entry_element = atom.add("entry")
        entry_element.add("title", _title(item))
        entry_element.add("id", item_id)
        entry_element.add("updated", day_start(build_date))
        entry_element.add("link", rel="alternate", type="text/html", href=target)
        entry_element.add("category", term=f"slot-{slot}", label=f"Day slot {slot} of {count}: next on {scheduled.isoformat()}")
        entry_element.add("summary", f"Scheduled {scheduled.isoformat()}, then every {count} days.", type="text")
        entry_element.add("content", text, type="text")
    feed["items"] = json_items
    json_bytes = (json.dumps(feed, ensure_ascii=False, indent=2) + "\n").encode("utf-8")
    feeds = StandupFeeds(json_bytes, write(atom, INDENTED))
    if stamp is not None:
        _KEPT.put(entry.model.id, (stamp, feeds))
    return feeds
