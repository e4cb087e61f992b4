"""iCalendar (RFC 5545) for the meetings of a track, attached to the confirmation e-mail.

Only meetings with an exact date become events: with a start time they are timed events (converted to
UTC), without one they are all-day events. Text is escaped (backslash, semicolon, comma, newline), lines
end in CRLF and are folded at 75 octets. When no meeting has a date, :func:`meetings_calendar` returns
an empty string and the e-mail goes without an attachment.

Only a confirmed place gets the calendar (:func:`calendar_for_place`): the acknowledgement of a
waiting-list or not yet confirmed registration goes without it, and the mail that confirms the place
(at once, by staff, or after a promotion from the waiting list) carries it.
"""

from __future__ import annotations

import datetime as dt
import zoneinfo
from collections.abc import Iterable

from django.conf import settings
from django.utils import timezone

PRODID = "-//Programmabureau Lokale Democratie//Aanmeldingen//NL"


def uid_domain() -> str:
    """The host of the public address (SITE_URL): event UIDs are ``<reference>-<meeting>@<host>``."""
    from portal.site_address import site_hostname_and_port

    return site_hostname_and_port()[0]


def escape_text(value: str) -> str:
    """Escape a TEXT value (RFC 5545 3.3.11)."""
    return (
        value.replace("\\", "\\\\")
        .replace(";", "\\;")
        .replace(",", "\\,")
        .replace("\r\n", "\\n")
        .replace("\n", "\\n")
        .replace("\r", "\\n")
    )


def fold(line: str) -> str:
    """Fold a content line at 75 octets (RFC 5545 3.1), never inside a UTF-8 character."""
    encoded = line.encode("utf-8")
    if len(encoded) <= 75:
        return line
    parts: list[str] = []
    current = b""
    limit = 75
    for char in line:
        piece = char.encode("utf-8")
        if len(current) + len(piece) > limit:
            parts.append(current.decode("utf-8"))
            current = b""
            limit = 74  # continuation lines start with a space
        current += piece
    parts.append(current.decode("utf-8"))
    return "\r\n ".join(parts)


def _utc(value: dt.datetime) -> str:
    return value.astimezone(dt.UTC).strftime("%Y%m%dT%H%M%SZ")


def meeting_event_lines(meeting, *, uid: str, stamp: dt.datetime, summary: str) -> list[str]:
    lines = ["BEGIN:VEVENT", f"UID:{uid}", f"DTSTAMP:{_utc(stamp)}"]
    if meeting.start_time:
        zone = zoneinfo.ZoneInfo(settings.TIME_ZONE)
        start = dt.datetime.combine(meeting.date, meeting.start_time, tzinfo=zone)
        if meeting.end_time and meeting.end_time > meeting.start_time:
            end = dt.datetime.combine(meeting.date, meeting.end_time, tzinfo=zone)
        else:
            end = start + dt.timedelta(hours=2)
        lines += [f"DTSTART:{_utc(start)}", f"DTEND:{_utc(end)}"]
    else:
        next_day = meeting.date + dt.timedelta(days=1)
        lines += [
            f"DTSTART;VALUE=DATE:{meeting.date:%Y%m%d}",
            f"DTEND;VALUE=DATE:{next_day:%Y%m%d}",
        ]
    lines.append(f"SUMMARY:{escape_text(summary)}")
    if meeting.location:
        lines.append(f"LOCATION:{escape_text(meeting.location)}")
    lines.append("END:VEVENT")
    return lines


def meetings_calendar(
    meetings: Iterable, *, programme_title: str, reference: str, stamp: dt.datetime | None = None
) -> str:
    """A VCALENDAR with one VEVENT per dated meeting, or "" when no meeting has a date."""
    stamp = stamp or timezone.now()
    events: list[str] = []
    for meeting in meetings:
        if not meeting.date:
            continue
        events += meeting_event_lines(
            meeting,
            uid=f"{reference}-{meeting.pk}@{uid_domain()}",
            stamp=stamp,
            summary=f"{programme_title}: {meeting.title}",
        )
    if not events:
        return ""
    lines = [
        "BEGIN:VCALENDAR",
        "VERSION:2.0",
        f"PRODID:{PRODID}",
        "CALSCALE:GREGORIAN",
        "METHOD:PUBLISH",
        *events,
        "END:VCALENDAR",
    ]
    return "".join(fold(line) + "\r\n" for line in lines)


def calendar_for_place(registration, meetings: Iterable | None = None) -> str:
    """The meetings' calendar for ``registration`` if it holds a confirmed place, else ``""``.

    ``meetings`` are the track's meetings when the caller has them already (else they are fetched)."""
    from registrations.constants import RegistrationStatus

    if registration.status != RegistrationStatus.CONFIRMED:
        return ""
    if meetings is None:
        meetings = list(registration.track.meetings.all()) if registration.track_id else []
    return meetings_calendar(
        meetings, programme_title=registration.programme_title, reference=registration.reference
    )
