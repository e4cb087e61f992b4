"""The public fee-quote API: what a municipality pays for a programme track.

``GET /api/v1/programmes/<slug>/fee-quote?municipality=GM0363[&track=<slug>]`` or ``?population=<n>``.
A plain Django view that returns JSON (no template rendering). Its data comes from
``programmes.fee_cache`` (two cache round trips; four small queries on a miss); the fee rule itself is
``programmes.services.quote_for_kind``. Without ``track`` the quote is for the programme's main offer,
``programmes.services.main_track``: the first track the programme page lists. Bad input gives 400,
an unknown (or unpublished, or private) programme, track or municipality 404, other methods than
GET/HEAD 405: always ``application/problem+json`` (``portal.api.problem``) with a Dutch ``detail`` and the
``field`` it is about. Quotes work whether or not registration is open. The OpenAPI description is
``portal/openapi.py``.
"""

from __future__ import annotations

from django.http import HttpRequest, JsonResponse
from django.utils.cache import patch_cache_control
from django.utils.translation import gettext as _
from django.views.decorators.csrf import csrf_exempt

from portal.api import problem
from portal.ratelimit import ratelimit
from programmes import fee_cache
from programmes.forms import FeeQuoteQueryForm
from programmes.services import main_track, quote_for_kind

ALLOWED_METHODS = ("GET", "HEAD")
CACHE_SECONDS = 300


def error_response(
    request: HttpRequest, status: int, message: str, field: str | None = None
) -> JsonResponse:
    return problem(request, status, message, field=field)


@csrf_exempt
@ratelimit("fee_quote", methods=ALLOWED_METHODS, json=True)
def fee_quote(request: HttpRequest, slug: str) -> JsonResponse:
    if request.method not in ALLOWED_METHODS:
        response = error_response(request, 405, _("Only GET is supported."))
        response["Allow"] = ", ".join(ALLOWED_METHODS)
        return response

    form = FeeQuoteQueryForm(request.GET)
    if not form.is_valid():
        field, message = form.first_error()
        return error_response(request, 400, message, field)
    query = form.cleaned_data

    schedule, municipality = fee_cache.lookup(slug, query["municipality"])
    if schedule is None:
        return error_response(request, 404, _("Unknown programme."), "programme")
    if not schedule:
        return error_response(
            request, 404, _("This programme has no fee: it has no tracks."), "programme"
        )
    if query["track"]:
        track = next((t for t in schedule if t.slug == query["track"]), None)
        if track is None:
            return error_response(
                request, 404, _("This programme has no track with that name."), "track"
            )
    else:
        track = main_track(schedule)

    population = query["population"]
    reference_date = None
    if query["municipality"]:
        if municipality is None:
            return error_response(request, 404, _("Unknown municipality code."), "municipality")
        population = municipality.population
        reference_date = municipality.reference_date.isoformat()

    quote = quote_for_kind(track.fee_kind, track.tiers, population)
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
