"""Exports of registrations (CSV and XLSX) and of one person's data (JSON).

Exports are built for tens of thousands of rows without loading them all: the queryset is read with
``values_list(...).iterator(chunk_size=2000)`` (no model instances), the CSV is a generator behind a
``StreamingHttpResponse``, and the XLSX is written by openpyxl's write-only workbook into a
``SpooledTemporaryFile`` (memory up to a few MB, disk beyond) that is then streamed in blocks.

Spreadsheet programs run text that starts with ``=``, ``+``, ``-``, ``@``, a tab or a carriage return as a
formula ("CSV injection"); ``formula_safe`` puts an apostrophe in front of such text, in both formats.

Who exported what (and how many rows) is logged in ``PersonalDataAccess`` by the calling view; the data
itself never goes into a log.
"""

from __future__ import annotations

import csv
import datetime as dt
import json
import tempfile
from collections.abc import Iterable, Iterator
from decimal import Decimal

from django.core.serializers.json import DjangoJSONEncoder
from django.db.models import QuerySet
from django.http import FileResponse, StreamingHttpResponse
from django.utils import timezone
from django.utils.functional import Promise
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from portal import formatting
from programmes.constants import FeeKind
from registrations.constants import RegistrationStatus
from registrations.models import Registration

FORMULA_PREFIXES = ("=", "+", "-", "@", "\t", "\r")
CHUNK_SIZE = 2000
XLSX_CONTENT_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"

#: (queryset field, column heading) in export order; headings are marked for translation (lazily).
COLUMNS: list[tuple[str, Promise]] = [
    ("reference", gettext_lazy("Reference")),
    ("created_at", gettext_lazy("Registered at")),
    ("status", gettext_lazy("Status")),
    ("programme_title", gettext_lazy("Programme")),
    ("track_name", gettext_lazy("Track")),
    ("edition", gettext_lazy("Edition")),
    ("municipality__code", gettext_lazy("CBS code")),
    ("municipality__name", gettext_lazy("Municipality")),
    ("population", gettext_lazy("Population")),
    ("population_reference_date", gettext_lazy("Population reference date")),
    ("fee_kind", gettext_lazy("Fee kind")),
    ("fee_tier", gettext_lazy("Fee tier")),
    ("fee_amount", gettext_lazy("Fee (EUR)")),
    ("contact_name", gettext_lazy("Name")),
    ("contact_function", gettext_lazy("Function")),
    ("email", gettext_lazy("E-mail")),
    ("phone", gettext_lazy("Phone")),
    ("remarks", gettext_lazy("Remarks")),
    ("anonymised_at", gettext_lazy("Anonymised at")),
]
FIELDS = [field for field, _heading in COLUMNS]


def formula_safe(value: str) -> str:
    """Prefix text a spreadsheet would run as a formula with an apostrophe."""
    if value and value.startswith(FORMULA_PREFIXES):
        return "'" + value
    return value


def headings() -> list[str]:
    return [str(heading) for _field, heading in COLUMNS]


def _local(value: dt.datetime | None) -> dt.datetime | None:
    """Local time (Europe/Amsterdam) without a time zone, as spreadsheets want it."""
    if value is None:
        return None
    return formatting.local(value).replace(tzinfo=None, microsecond=0)


def iter_rows(queryset: QuerySet[Registration]) -> Iterator[list]:
    """Typed values per row (dates, Decimals, ints, formula-safe text), streamed from the database."""
    statuses = {value: str(label) for value, label in RegistrationStatus.choices}
    fee_kinds = {value: str(label) for value, label in FeeKind.choices}
    status_i = FIELDS.index("status")
    fee_kind_i = FIELDS.index("fee_kind")
    if not queryset.ordered:
        queryset = queryset.order_by("created_at", "pk")
    rows = queryset.select_related(None).values_list(*FIELDS)
    for raw in rows.iterator(chunk_size=CHUNK_SIZE):
        row = list(raw)
        row[status_i] = statuses.get(row[status_i], row[status_i])
        row[fee_kind_i] = fee_kinds.get(row[fee_kind_i], row[fee_kind_i])
        for i, value in enumerate(row):
            if isinstance(value, dt.datetime):
                row[i] = _local(value)
            elif isinstance(value, str):
                row[i] = formula_safe(str(value))
        yield row


class _Echo:
    """A file-like object whose ``write`` returns the line, for ``csv.writer`` in a generator."""

    def write(self, value: str) -> str:
        return value


def _csv_text(value) -> str:
    """Times and dates as in the admin ("01-12-2026 20:15"); amounts with a decimal comma ("1500,00"),
    which Dutch spreadsheets read as a number."""
    if value is None:
        return ""
    if isinstance(value, dt.datetime):
        return formatting.local_datetime(value)
    if isinstance(value, dt.date):
        return formatting.local_date(value)
    if isinstance(value, Decimal):
        return f"{value:.2f}".replace(".", ",")
    return str(value)


def stream_csv(queryset: QuerySet[Registration]) -> Iterator[str]:
    """CSV lines (semicolon-separated, UTF-8 with BOM, as Dutch Excel expects)."""
    writer = csv.writer(_Echo(), delimiter=";")
    yield "\ufeff" + writer.writerow([formula_safe(h) for h in headings()])
    for row in iter_rows(queryset):
        yield writer.writerow([_csv_text(value) for value in row])


def csv_response(queryset: QuerySet[Registration], filename: str) -> StreamingHttpResponse:
    response = StreamingHttpResponse(stream_csv(queryset), content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="{filename}.csv"'
    return response


def write_xlsx(rows: Iterable[list], output) -> None:
    """Write a one-sheet workbook in openpyxl's write-only (streaming) mode.

    Rows are appended as plain values (much faster than one ``WriteOnlyCell`` each); only dates and times
    get a ``WriteOnlyCell``, to carry the admin's notation ("dd-mm-yyyy hh:mm") as their number format.
    ``iter_rows`` has already made every text formula-safe, so openpyxl never sees text starting with
    ``=``.
    """
    from openpyxl import Workbook
    from openpyxl.cell import WriteOnlyCell

    workbook = Workbook(write_only=True)
    sheet = workbook.create_sheet(title=_("Registrations")[:31])
    sheet.append([formula_safe(h) for h in headings()])
    for row in rows:
        for i, value in enumerate(row):
            if isinstance(value, dt.date):
                cell = WriteOnlyCell(sheet, value=value)
                cell.number_format = (
                    formatting.XLSX_DATETIME_FORMAT
                    if isinstance(value, dt.datetime)
                    else formatting.XLSX_DATE_FORMAT
                )
                row[i] = cell
        sheet.append(row)
    workbook.save(output)


def xlsx_response(queryset: QuerySet[Registration], filename: str) -> FileResponse:
    output = tempfile.SpooledTemporaryFile(max_size=4 * 1024 * 1024)  # noqa: SIM115 - closed by the response
    write_xlsx(iter_rows(queryset), output)
    output.seek(0)
    return FileResponse(
        output,
        as_attachment=True,
        filename=f"{filename}.xlsx",
        content_type=XLSX_CONTENT_TYPE,
    )


def person_data(registration: Registration) -> dict:
    """Everything stored about the contact person of ``registration`` (their right of access).

    Covers every registration with the same e-mail address, their status history and the mails sent to
    that address.
    """
    from registrations.models import OutgoingMail

    email = registration.email
    registrations = (
        Registration.objects.filter(email__iexact=email)
        if email
        else Registration.objects.filter(pk=registration.pk)
    )
    registrations = registrations.select_related("municipality").prefetch_related("events")
    data = {
        "exported_at": timezone.now(),
        "registrations": [
            {
                "reference": reg.reference,
                "registered_at": reg.created_at,
                "programme": reg.programme_title,
                "track": reg.track_name,
                "edition": reg.edition,
                "municipality": reg.municipality.name,
                "status": reg.get_status_display(),
                "name": reg.contact_name,
                "function": reg.contact_function,
                "email": reg.email,
                "phone": reg.phone,
                "remarks": reg.remarks,
                "consent_at": reg.consent_at,
                "fee_amount": reg.fee_amount,
                "fee_tier": reg.fee_tier,
                "anonymised_at": reg.anonymised_at,
                "history": [
                    {
                        "at": event.created_at,
                        "from": event.get_from_status_display(),
                        "to": event.get_to_status_display(),
                    }
                    for event in reg.events.all()
                ],
            }
            for reg in registrations
        ],
        "mails": (
            [
                {"subject": mail.subject, "created_at": mail.created_at, "sent_at": mail.sent_at}
                for mail in OutgoingMail.objects.filter(to__iexact=email)
            ]
            if email
            else []
        ),
    }
    return data


class LocalTimeJSONEncoder(DjangoJSONEncoder):
    """Times as local (Europe/Amsterdam) ISO 8601 with their offset, like every other time staff see."""

    def default(self, o):
        if isinstance(o, dt.datetime) and timezone.is_aware(o):
            return timezone.localtime(o).isoformat(timespec="seconds")
        return super().default(o)


def to_json(data: dict) -> str:
    return json.dumps(data, cls=LocalTimeJSONEncoder, indent=2, ensure_ascii=False)
