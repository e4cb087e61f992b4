"""The OpenAPI 3 description of ``/api/v1/``, published at ``/api/v1/openapi.json`` (NL API Design Rules).

Hand-written, beside the two small views it describes (``registrations/api.py``: the municipality
autocomplete; ``programmes/api.py``: the fee quote). Tests validate it with openapi-spec-validator and run
schemathesis against the live server with it (``tests/portal/test_openapi.py``): change it with the views.
"""

from __future__ import annotations

from django.http import HttpRequest, JsonResponse
from django.views.decorators.http import require_GET

from portal.api import API_VERSION

JSON = "application/json"
PROBLEM = "application/problem+json"

API_VERSION_HEADER = {
    "description": "The version of the API that answered (semantic versioning).",
    "required": True,
    "schema": {"type": "string", "example": API_VERSION},
}


def _problem_response(description: str) -> dict:
    return {
        "description": description,
        "headers": {"API-Version": {"$ref": "#/components/headers/API-Version"}},
        "content": {PROBLEM: {"schema": {"$ref": "#/components/schemas/Problem"}}},
    }


def _ok(description: str, schema: str, *, cached: bool = True) -> dict:
    return {
        "description": description,
        "headers": {"API-Version": {"$ref": "#/components/headers/API-Version"}},
        "content": {JSON: {"schema": {"$ref": f"#/components/schemas/{schema}"}}},
    }


ERRORS = {
    "404": {"$ref": "#/components/responses/NotFound"},
    "405": {"$ref": "#/components/responses/MethodNotAllowed"},
    "429": {"$ref": "#/components/responses/TooManyRequests"},
    "500": {"$ref": "#/components/responses/ServerError"},
}

NULLABLE_STRING = {"type": ["string", "null"]}

DOCUMENT: dict = {
    "openapi": "3.1.0",
    "info": {
        "title": "API Programmaportaal lokale democratie",
        "version": API_VERSION,
        "description": (
            "Open, read-only API of the programme portal: municipalities (CBS codes and population) "
            "for the registration form's autocomplete, and the fee a municipality pays for a "
            "programme. Errors are application/problem+json (RFC 9457) with Dutch titles; every "
            "response carries the API-Version header. No authentication; per-IP rate limits (429)."
        ),
        "contact": {"name": "Programmabureau Lokale Democratie"},
        "license": {"name": "EUPL-1.2", "identifier": "EUPL-1.2"},
    },
    "servers": [{"url": "/api/v1", "description": "This server"}],
    "paths": {
        "/municipalities": {
            "get": {
                "operationId": "searchMunicipalities",
                "summary": "Find municipalities by name",
                "description": (
                    "Matching ignores case, accents and punctuation and works without spaces "
                    "('Den Haag' finds 's-Gravenhage). Names that start with the query come first. "
                    "The old Dutch path /api/v1/gemeenten/ redirects here (308); the spelling with a trailing slash still answers."
                ),
                "parameters": [
                    {
                        "name": "q",
                        "in": "query",
                        "required": False,
                        "description": "What was typed (first 100 characters used). Empty: no results.",
                        "schema": {"type": "string"},
                    },
                    {
                        "name": "limit",
                        "in": "query",
                        "required": False,
                        "description": "Most results (1-50; other values are clamped, non-numbers ignored).",
                        "schema": {"type": "string", "default": "10"},
                    },
                ],
                "responses": {
                    "200": _ok("The matching municipalities.", "MunicipalitySearch"),
                    **ERRORS,
                },
            }
        },
        "/programmes/{slug}/fee-quote": {
            "get": {
                "operationId": "quoteFee",
                "summary": "What a municipality pays for a programme",
                "description": (
                    "The fee for one track of a programme (default: its main track, the first the "
                    "programme page lists), by the municipality's CBS code or a population. Give "
                    "either municipality or population, not both. Quotes work whether or not "
                    "registration is open. The spelling with a trailing slash still answers."
                ),
                "parameters": [
                    {
                        "name": "slug",
                        "in": "path",
                        "required": True,
                        "description": "The programme page's slug.",
                        "schema": {"type": "string", "pattern": "^[-a-zA-Z0-9_]+$"},
                    },
                    {
                        "name": "municipality",
                        "in": "query",
                        "required": False,
                        "description": (
                            "CBS municipality code: GM followed by four digits (GM0363; case does "
                            "not matter). Give this or population, not both (else 400)."
                        ),
                        "schema": {"type": "string", "pattern": "^[Gg][Mm][0-9]{4}$"},
                    },
                    {
                        "name": "population",
                        "in": "query",
                        "required": False,
                        "description": (
                            "Number of inhabitants, 0 to 100,000,000 (digits only). Give this or "
                            "municipality, not both (else 400)."
                        ),
                        "schema": {"type": "string", "pattern": "^[0-9]{1,9}$"},
                    },
                    {
                        "name": "track",
                        "in": "query",
                        "required": False,
                        "description": "The track's slug; default: the programme's main track.",
                        "schema": {"type": "string", "pattern": "^[-a-zA-Z0-9_]{1,100}$"},
                    },
                ],
                "responses": {
                    "200": _ok("The quote.", "FeeQuote"),
                    "400": {"$ref": "#/components/responses/BadRequest"},
                    **ERRORS,
                },
            }
        },
        "/openapi.json": {
            "get": {
                "operationId": "getOpenApiDocument",
                "summary": "This document",
                "responses": {
                    "200": {
                        "description": "The OpenAPI 3 description of this API.",
                        "headers": {"API-Version": {"$ref": "#/components/headers/API-Version"}},
                        "content": {JSON: {"schema": {"type": "object"}}},
                    },
                    **ERRORS,
                },
            }
        },
    },
    "components": {
        "headers": {"API-Version": API_VERSION_HEADER},
        "responses": {
            "BadRequest": _problem_response("A query parameter is missing or not valid."),
            "NotFound": _problem_response(
                "Unknown programme, track or municipality, or no such address."
            ),
            "MethodNotAllowed": _problem_response("Only GET is supported."),
            "TooManyRequests": {
                **_problem_response("Rate limit reached; see Retry-After."),
                "headers": {
                    "API-Version": {"$ref": "#/components/headers/API-Version"},
                    "Retry-After": {
                        "description": "Seconds to wait.",
                        "required": True,
                        "schema": {"type": "string"},
                    },
                },
            },
            "ServerError": _problem_response("Unexpected error."),
        },
        "schemas": {
            "Problem": {
                "type": "object",
                "description": "RFC 9457 problem details; title and detail are in Dutch.",
                "required": ["type", "title", "status", "detail"],
                "properties": {
                    "type": {"type": "string", "format": "uri-reference"},
                    "title": {"type": "string"},
                    "status": {"type": "integer", "minimum": 400, "maximum": 599},
                    "detail": {"type": "string"},
                    "instance": {"type": "string", "format": "uri-reference"},
                    "invalidParams": {
                        "type": "array",
                        "items": {
                            "type": "object",
                            "required": ["name", "reason"],
                            "properties": {
                                "name": {"type": "string"},
                                "reason": {"type": "string"},
                            },
                        },
                    },
                    "error": {
                        "type": "string",
                        "deprecated": True,
                        "description": "Same as detail (for older clients).",
                    },
                    "field": {
                        **NULLABLE_STRING,
                        "deprecated": True,
                        "description": "The parameter the problem is about, if any.",
                    },
                },
            },
            "Municipality": {
                "type": "object",
                "required": ["code", "name", "population", "population_display", "reference_date"],
                "properties": {
                    "code": {"type": "string", "pattern": "^GM[0-9]{4}$"},
                    "name": {"type": "string"},
                    "population": {"type": "integer", "minimum": 0},
                    "population_display": {"type": "string", "example": "1.234"},
                    "reference_date": {"type": "string", "format": "date"},
                },
            },
            "MunicipalitySearch": {
                "type": "object",
                "required": ["query", "results"],
                "properties": {
                    "query": {"type": "string"},
                    "results": {
                        "type": "array",
                        "items": {"$ref": "#/components/schemas/Municipality"},
                    },
                },
            },
            "FeeQuote": {
                "type": "object",
                "required": [
                    "programme",
                    "track",
                    "municipality",
                    "population",
                    "reference_date",
                    "fee_kind",
                    "tier",
                    "tier_min",
                    "tier_max",
                    "amount",
                    "currency",
                ],
                "properties": {
                    "programme": {"type": "string"},
                    "track": {"type": "string"},
                    "municipality": {
                        "oneOf": [
                            {"type": "null"},
                            {
                                "type": "object",
                                "required": ["code", "name"],
                                "properties": {
                                    "code": {"type": "string"},
                                    "name": {"type": "string"},
                                },
                            },
                        ]
                    },
                    "population": {"type": "integer", "minimum": 0},
                    "reference_date": {**NULLABLE_STRING, "format": "date"},
                    "fee_kind": {"type": "string"},
                    "tier": NULLABLE_STRING,
                    "tier_min": {"type": ["integer", "null"]},
                    "tier_max": {"type": ["integer", "null"]},
                    "amount": {
                        **NULLABLE_STRING,
                        "pattern": "^[0-9]+\\.[0-9]{2}$",
                        "description": "Euros with two decimals; null: free or on request.",
                    },
                    "currency": {"type": "string", "const": "EUR"},
                },
            },
        },
    },
}


@require_GET
def openapi_json(request: HttpRequest) -> JsonResponse:
    response = JsonResponse(DOCUMENT, json_dumps_params={"ensure_ascii": False})
    response["Cache-Control"] = "public, max-age=3600"
    response["Access-Control-Allow-Origin"] = "*"
    return response
