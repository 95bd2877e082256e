"""The community of practice: who hosts it, where it meets, and its rituals (`communities/<id>.yml`)."""

from __future__ import annotations

import datetime
from typing import Literal

from pydantic import Field

from .common import CapabilityRef, HubModel, Slug, Text

RitualKind = Literal["demo-day", "office-hours", "feedback-circle", "other"]
"""What a ritual is: people show work they did (demo day), bring a question to someone who knows
(office hours), give each other feedback on real work by a protocol (feedback circle), or other."""

RITUAL_KINDS: dict[str, str] = {
    "demo-day": "Demo day",
    "office-hours": "Office hours",
    "feedback-circle": "Peer feedback circle",
    "other": "Gathering",
}
"""Ritual kind → how pages name it."""


class MeetingPlace(HubModel):
    """Where the community meets: a room, a chat channel or a call, shown as a link, never loaded."""

    name: Text
    """The room or channel as people say it, e.g. '#safety-practice' or 'Tilburg canteen, table by the window'."""
    link: str | None = None
    """Its address: a relative link inside the hub, or an http(s) or mailto link to your intranet or chat.
    Pages show it as a link; nothing is embedded or fetched from it."""


class Schedule(HubModel):
    """When a ritual happens: one-off `dates`, a recurrence (`rrule` from `start`), or both."""

    start: datetime.date | None = None
    """The first day of the recurrence (YYYY-MM-DD); required with `rrule`, else the first of `dates`."""
    rrule: str | None = None
    """A recurrence in RFC 5545 RRULE syntax, a subset: `FREQ=WEEKLY` or `FREQ=MONTHLY`, `INTERVAL`,
    `BYDAY` (e.g. `TH`, or `1TH` for the first Thursday of the month), and `COUNT` or `UNTIL`
    (YYYYMMDD, inclusive). E.g. `FREQ=WEEKLY;INTERVAL=2;BYDAY=TU;UNTIL=20271231`."""
    dates: list[datetime.date] = Field(default_factory=list)
    """One-off days (YYYY-MM-DD), besides or instead of the recurrence."""
    time: str | int
    """Local start time, HH:MM in 24 hours, quoted (`time: '15:00'`: unquoted, YAML reads 15:00 as a number)."""
    time_zone: str
    """The IANA time zone of `time`, e.g. 'Europe/Amsterdam': calendars move the event with daylight saving time."""
    duration: str
    """How long it lasts, as an ISO 8601 duration of hours and minutes: 'PT45M', 'PT1H', 'PT1H30M'."""


class OccurrenceEvidence(HubModel):
    """Something that came out of an occurrence: a note, a checklist, a recording, a changed procedure."""

    title: Text
    """What it is, e.g. 'Revised lockout checklist, version 4'."""
    link: str | None = None
    """Where to find it: a relative link inside the hub, or an http(s) link to your intranet."""


class PastOccurrence(HubModel):
    """One occurrence that happened, and what came out of it."""

    date: datetime.date
    """The day it happened (YYYY-MM-DD); not after today."""
    summary: Text
    """What happened, in one or two sentences, e.g. 'Four people showed their first small-PR split'."""
    stories: list[Slug] = Field(default_factory=list)
    """Slugs of the case stories (stories/<slug>.md) that came out of it."""
    evidence: list[OccurrenceEvidence] = Field(default_factory=list)
    """Notes, checklists or changed procedures that came out of it."""


class Ritual(HubModel):
    """A recurring or one-off event of the community: a demo day, office hours, a feedback circle."""

    id: Slug
    """Stable id within the community; the calendar event's UID is made from it, so never change it."""
    kind: RitualKind
    """demo-day, office-hours, feedback-circle or other."""
    title: Text
    """As people call it, e.g. 'Code-review office hours'."""
    schedule: Schedule
    """When it happens, in which time zone, and for how long."""
    capabilities: list[CapabilityRef] = Field(default_factory=list)
    """Capabilities practised, as `map-id/capability-id`; their pages list this ritual's next date."""
    agenda: Text | None = None
    """The agenda template, in Markdown: a feedback circle's protocol, a demo day's running order.
    Simple, safe HTML only (like a story); no images."""
    past: list[PastOccurrence] = Field(default_factory=list)
    """Occurrences that happened, with the stories and evidence that came out of them."""


class Community(HubModel):
    """`communities/<id>.yml`: a community of practice; the file name is its id and address."""

    title: Text
    """Its name, e.g. 'Delivery guild'."""
    purpose: Text
    """Why it exists and what members get from it, in two or three sentences (inline Markdown)."""
    maps: list[Slug] = Field(default_factory=list)
    """Ids of the maps it cares about as a whole."""
    capabilities: list[CapabilityRef] = Field(default_factory=list)
    """Capabilities it cares about, as `map-id/capability-id` (those its rituals practise are added)."""
    hosts: list[Slug] = Field(min_length=1)
    """Author ids from `stories/authors.yml`: the people who run it."""
    meets: MeetingPlace
    """Where it meets."""
    join: Text
    """How to join, in inline Markdown, e.g. 'Join #safety-practice and introduce yourself with one near miss.'"""
    rituals: list[Ritual] = Field(default_factory=list)
    """Its demo days, office hours and feedback circles."""
