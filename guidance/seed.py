"""The seeded self-scan "Wat past bij uw gemeente?", built from the situations in the seed documents.

Each question is one situation the programmes behind the seeds answer: a new council after the elections
(De Lerende Raad), a council agreement in the making (Leerkring Raadsakkoorden), the driehoek
burgemeester-griffier-gemeentesecretaris (Versterken lokale driehoeken), the council's own support and
training (Democratie in Actie) and participation (Pionieren in participatieland). Offerings are named by
their seed slug. :func:`load_scan` is the seed step (registered in ``GuidanceConfig.ready``): it creates
the scan once and leaves an existing one alone (``refresh`` rewrites it from here).
"""

from __future__ import annotations

import json
import uuid

SCAN_SLUG = "wat-past-bij-uw-gemeente"

SCAN = {
    "title": "Wat past bij uw gemeente?",
    "intro": (
        "Vijf korte vragen over de situatie in uw gemeente. Daarna ziet u welk aanbod het beste past, "
        "en waarom. Uw antwoorden worden niet bewaard; we tellen alleen hoe vaak elk antwoord is gekozen."
    ),
    "questions": [
        {
            "question": "Krijgt uw gemeenteraad na de verkiezingen een nieuwe samenstelling?",
            "hint": "Bijvoorbeeld na de gemeenteraadsverkiezingen of een herindeling.",
            "options": [
                {
                    "label": "Ja, er komt een nieuwe raad",
                    "reason": "omdat uw gemeente een nieuwe raad krijgt",
                    "offerings": [("de-lerende-raad", 5), ("anders-formeren", 2)],
                    "themes": [("toerusting", 1)],
                },
                {
                    "label": "Nee, de raad blijft zoals hij is",
                    "reason": "",
                    "offerings": [],
                    "themes": [],
                },
            ],
        },
        {
            "question": "Werkt uw gemeente aan een raadsakkoord?",
            "hint": "Een akkoord van de hele raad in plaats van, of naast, een coalitieakkoord.",
            "options": [
                {
                    "label": "Ja, we werken eraan",
                    "reason": "omdat uw gemeente werkt aan een raadsakkoord",
                    "offerings": [("leerkring-raadsakkoorden", 5), ("anders-formeren", 2)],
                    "themes": [("raadsakkoord", 1)],
                },
                {
                    "label": "We overwegen het",
                    "reason": "omdat u een raadsakkoord overweegt",
                    "offerings": [("leerkring-raadsakkoorden", 3), ("anders-formeren", 3)],
                    "themes": [],
                },
                {"label": "Nee", "reason": "", "offerings": [], "themes": []},
            ],
        },
        {
            "question": (
                "Hoe loopt de samenwerking tussen burgemeester, griffier en gemeentesecretaris?"
            ),
            "hint": "De lokale driehoek.",
            "options": [
                {
                    "label": "Die kan beter",
                    "reason": "omdat u de samenwerking in de driehoek wilt versterken",
                    "offerings": [("versterken-lokale-driehoeken", 5), ("maaltijdgesprekken", 2)],
                    "themes": [("lokale-driehoek", 1)],
                },
                {
                    "label": "Goed, maar we willen het zo houden",
                    "reason": "omdat u de samenwerking in de driehoek goed wilt houden",
                    "offerings": [("versterken-lokale-driehoeken", 2)],
                    "themes": [],
                },
                {"label": "Goed", "reason": "", "offerings": [], "themes": []},
            ],
        },
        {
            "question": "Wat heeft uw raad nodig aan ondersteuning en scholing?",
            "hint": "",
            "options": [
                {
                    "label": "Scholing en ondersteuning voor raad en griffie",
                    "reason": "omdat u de ondersteuning en scholing van de raad wilt versterken",
                    "offerings": [("democratie-in-actie", 5), ("raad-in-beraad", 2)],
                    "themes": [("toerusting", 1)],
                },
                {
                    "label": "Meer waardering en zichtbaarheid van het raadswerk",
                    "reason": "omdat u het raadswerk zichtbaarder wilt maken",
                    "offerings": [("trots-op-de-raad", 5), ("raad-in-beraad", 2)],
                    "themes": [],
                },
                {"label": "Op dit moment niets", "reason": "", "offerings": [], "themes": []},
            ],
        },
        {
            "question": "Wilt u inwoners meer betrekken bij besluiten?",
            "hint": "Participatie: inwoners denken en beslissen mee.",
            "options": [
                {
                    "label": "Ja, participatie is voor ons een opgave",
                    "reason": "omdat u inwoners meer wilt betrekken",
                    "offerings": [
                        ("pionieren-in-participatieland", 5),
                        ("democratie-nabij-dna-lab", 2),
                    ],
                    "themes": [("participatie", 1)],
                },
                {"label": "Nee, nu niet", "reason": "", "offerings": [], "themes": []},
            ],
        },
    ],
}


def _id(*parts) -> str:
    return str(uuid.uuid5(uuid.NAMESPACE_URL, "guidance-scan:" + json.dumps(parts)))


def scan_stream(definition: dict, page_ids: dict[str, int]) -> list[dict]:
    """The scan definition as StreamField raw data, with stable ids (they key the answer counts)."""
    stream = []
    for q_index, question in enumerate(definition["questions"]):
        options = []
        for o_index, option in enumerate(question["options"]):
            offerings = [
                {
                    "type": "item",
                    "value": {"offering": page_ids[slug], "weight": weight},
                    "id": _id(q_index, o_index, "o", slug),
                }
                for slug, weight in option["offerings"]
                if slug in page_ids
            ]
            themes = [
                {
                    "type": "item",
                    "value": {"theme": theme, "weight": weight},
                    "id": _id(q_index, o_index, "t", theme),
                }
                for theme, weight in option["themes"]
            ]
            options.append(
                {
                    "type": "item",
                    "value": {
                        "label": option["label"],
                        "reason": option["reason"],
                        "offerings": offerings,
                        "themes": themes,
                    },
                    "id": _id(q_index, o_index),
                }
            )
        stream.append(
            {
                "type": "question",
                "value": {
                    "question": question["question"],
                    "hint": question["hint"],
                    "options": options,
                },
                "id": _id(q_index),
            }
        )
    return stream


def load_scan(loader) -> None:
    """Seed step: create the scan (or, with ``refresh``, rewrite it)."""
    from guidance.models import Scan
    from programmes.models import ProgrammePage

    existing = Scan.objects.filter(slug=SCAN_SLUG).first()
    if existing is not None and not loader.refresh:
        return
    page_ids = dict(ProgrammePage.objects.values_list("slug", "pk"))
    values = {
        "title": SCAN["title"],
        "intro": SCAN["intro"],
        "questions": json.dumps(scan_stream(SCAN, page_ids)),
    }
    if existing is None:
        Scan.objects.create(slug=SCAN_SLUG, **values)
        loader.report.created.append(f"self-scan {SCAN_SLUG}")
    else:
        for name, value in values.items():
            setattr(existing, name, value)
        existing.save()
        loader.report.updated.append(f"self-scan {SCAN_SLUG}")
