"""JSON for the municipality autocomplete: ``GET /api/v1/municipalities?q=den+haag``.

Matching ignores case, accents and punctuation and also works without spaces, so "Den Haag",
"s-Gravenhage", "'s-Gravenhage" and "sgravenhage" all find 's-Gravenhage. Names that start with what was
typed come first.
"""

from __future__ import annotations

from django.http import JsonResponse
from django.views.decorators.http import require_GET

from portal.ratelimit import ratelimit
from programmes.models import Municipality
from programmes.municipalities import normalise
from programmes.services import format_number

MAX_QUERY = 100
DEFAULT_LIMIT = 10


def search_municipalities(query: str, limit: int = DEFAULT_LIMIT) -> list[Municipality]:
    needle = normalise(query[:MAX_QUERY])
    if not needle:
        return []
    compact = needle.replace(" ", "")
    ranked: list[tuple[int, str, Municipality]] = []
    for municipality in Municipality.objects.only(
        "code", "name", "population", "reference_date", "search_text"
    ):
        names = municipality.search_text.split(" | ")
        compact_names = [n.replace(" ", "") for n in names]
        if any(n.startswith(needle) for n in names) or any(
            n.startswith(compact) for n in compact_names
        ):
            rank = 0
        elif needle in municipality.search_text or any(compact in n for n in compact_names):
            rank = 1
        else:
            continue
        ranked.append((rank, municipality.name.casefold(), municipality))
    ranked.sort(key=lambda item: item[:2])
    return [m for _rank, _name, m in ranked[:limit]]


@require_GET
@ratelimit("autocomplete", methods=("GET",), json=True)
def municipalities(request):
    query = request.GET.get("q", "")
    try:
        limit = max(1, min(int(request.GET.get("limit", DEFAULT_LIMIT)), 50))
    except ValueError:
        limit = DEFAULT_LIMIT
    results = [
        {
            "code": m.code,
            "name": m.name,
            "population": m.population,
            "population_display": format_number(m.population),
            "reference_date": m.reference_date.isoformat(),
        }
        for m in search_municipalities(query, limit)
    ]
    response = JsonResponse({"query": query[:MAX_QUERY], "results": results})
    response["Cache-Control"] = "public, max-age=300"
    return response
