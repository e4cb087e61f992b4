from .municipality import Municipality
from .pages import (
    CatalogueIndexPage,
    ProgrammeContact,
    ProgrammePage,
    ProgrammeTag,
    ProgrammeTakeaway,
)
from .roles import Role
from .tracks import FeeTier, Track, TrackMeeting

__all__ = [
    "CatalogueIndexPage",
    "FeeTier",
    "Municipality",
    "ProgrammeContact",
    "ProgrammePage",
    "ProgrammeTag",
    "ProgrammeTakeaway",
    "Role",
    "Track",
    "TrackMeeting",
]
