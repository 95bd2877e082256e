"""Pydantic models of the hub's content; their JSON Schemas are what editors check files with."""

from .alignment import (
    SCHEMES,
    EscoAlignment,
    LightcastAlignment,
    OnetAlignment,
    OtherAlignment,
    SfiaAlignment,
)
from .challenge import CHALLENGE_SECTIONS, Challenge, ChallengeEvidence, Recall, Resource, TemplateFile
from .common import HubModel
from .job_aid import JOB_AID_KINDS, JobAid, JobAidKind, JobAidSupport
from .map import Behaviour, Capability, Change, Evidence, Level, Map, Milestone, Owner, Path, RubricCriterion
from .video import TranscriptFile, Video
from .story import (
    STORY_SECTIONS,
    Author,
    AuthorsFile,
    Outcome,
    OutcomeKind,
    Pattern,
    PatternsFile,
    Story,
    StoryCapability,
    StoryContext,
)

__all__ = [
    "JOB_AID_KINDS",
    "JobAid",
    "JobAidKind",
    "JobAidSupport",
    "SCHEMES",
    "EscoAlignment",
    "LightcastAlignment",
    "OnetAlignment",
    "OtherAlignment",
    "SfiaAlignment",
    "STORY_SECTIONS",
    "Author",
    "AuthorsFile",
    "Outcome",
    "OutcomeKind",
    "Pattern",
    "PatternsFile",
    "Story",
    "StoryCapability",
    "StoryContext",
    "CHALLENGE_SECTIONS",
    "Behaviour",
    "Capability",
    "Challenge",
    "Change",
    "ChallengeEvidence",
    "Evidence",
    "HubModel",
    "Level",
    "Map",
    "Milestone",
    "Owner",
    "Path",
    "Recall",
    "Resource",
    "RubricCriterion",
    "TemplateFile",
    "TranscriptFile",
    "Video",
]
