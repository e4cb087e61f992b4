"""The public fee-quote API: what a municipality pays for a programme track.

``GET /api/v1/programmes/<slug>/fee-quote/?municipality=GM0363[&track=<slug>]`` or ``?population=<n>``.
A plain Django view that returns JSON (no template rendering) with a few small queries; the fee rule
itself is ``programmes.services.quote_fee``. Bad input gives 400, an unknown (or unpublished, or
private) programme, track or municipality 404, other methods than GET/HEAD 405: always JSON with a
Dutch ``error`` message and the ``field`` it is about. Quotes work whether or not registration is open.
"""

from __future__ import annotations

from django.db.models import Prefetch
from django.http import HttpRequest, JsonResponse
from django.utils.cache import patch_cache_control
from django.utils.translation import gettext as _
from django.views.decorators.csrf import csrf_exempt

from portal.ratelimit import ratelimit
from programmes.forms import FeeQuoteQueryForm
from programmes.models import FeeTier, Municipality, ProgrammePage, Track
from programmes.services import quote_fee

ALLOWED_METHODS = ("GET", "HEAD")
CACHE_SECONDS = 300


def error_response(status: int, message: str, field: str | None = None) -> JsonResponse:
    response = JsonResponse(
        {"error": message, "field": field}, status=status, json_dumps_params={"ensure_ascii": False}
    )
    response["Cache-Control"] = "no-store"
    return response


def find_track(programme_slug: str, track_slug: str) -> Track | None:
    """The live, public programme's track (its first by position when ``track_slug`` is empty), with
    its fee tiers prefetched; ``None`` when there is no such track. One query plus one for tiers (and
    Wagtail's one for view restrictions)."""
    programmes = ProgrammePage.objects.live().public().filter(slug=programme_slug)
    tracks = (
        Track.objects.filter(programme__in=programmes.values("pk"))
        .select_related(None)
        .only("pk", "slug", "fee_kind", "programme_id", "sort_order")
        .prefetch_related(
            Prefetch(
                "fee_tiers", queryset=FeeTier.objects.only("track_id", "min_population", "amount")
            )
        )
        .order_by("sort_order", "pk")
    )
    if track_slug:
        tracks = tracks.filter(slug=track_slug)
    return tracks.first()


def _not_found(programme_slug: str, track_slug: str) -> JsonResponse:
    """Explain which part of the address is unknown (only on the error path: a few extra queries)."""
    programme = ProgrammePage.objects.live().public().filter(slug=programme_slug).first()
    if programme is None:
        return error_response(404, _("Unknown programme."), "programme")
    if track_slug:
        return error_response(404, _("This programme has no track with that name."), "track")
    return error_response(404, _("This programme has no fee: it has no tracks."), "programme")


@csrf_exempt
@ratelimit("fee_quote", methods=ALLOWED_METHODS, json=True)
def fee_quote(request: HttpRequest, slug: str) -> JsonResponse:
    if request.method not in ALLOWED_METHODS:
        response = error_response(405, _("Only GET is supported."))
        response["Allow"] = ", ".join(ALLOWED_METHODS)
        return response

    form = FeeQuoteQueryForm(request.GET)
    if not form.is_valid():
        field, message = form.first_error()
        return error_response(400, message, field)
    query = form.cleaned_data

    track = find_track(slug, query["track"])
    if track is None:
        return _not_found(slug, query["track"])

    municipality = None
    population = query["population"]
    reference_date = None
    if query["municipality"]:
        municipality = (
            Municipality.objects.only("code", "name", "population", "reference_date")
            .filter(code=query["municipality"])
            .first()
        )
        if municipality is None:
            return error_response(404, _("Unknown municipality code."), "municipality")
        population = municipality.population
        reference_date = municipality.reference_date.isoformat()

    quote = quote_fee(track, population)
    response = JsonResponse(
        {
            "programme": slug,
            "track": track.slug,
            "municipality": (
                {"code": municipality.code, "name": municipality.name} if municipality else None
            ),
            "population": population,
            "reference_date": reference_date,
            "fee_kind": quote.fee_kind,
            "tier": quote.tier_label,
            "tier_min": quote.tier_min,
            "tier_max": quote.tier_max,
            "amount": None if quote.amount is None else f"{quote.amount:.2f}",
            "currency": "EUR",
        },
        json_dumps_params={"ensure_ascii": False},
    )
    patch_cache_control(response, public=True, max_age=CACHE_SECONDS)
    response["Access-Control-Allow-Origin"] = "*"
    return response
