"""Generate a scale dataset for benchmarks and load tests.

Adds generated programmes (with roles, take-aways and a fee track), cases, people and registrations on top
of the seed content. Everything generated is marked (slug prefix ``schaal-``, reference prefix ``SCH-``), so
running it again tops up to the requested numbers instead of duplicating.
"""

from __future__ import annotations

import datetime as dt
import random
import time
from decimal import Decimal

from django.core.management.base import BaseCommand
from django.db import connection, transaction
from django.utils import timezone

WORDS = [
    "raad",
    "griffie",
    "burgemeester",
    "wethouder",
    "participatie",
    "democratie",
    "driehoek",
    "akkoord",
    "intervisie",
    "toerusting",
    "inwoners",
    "samenspel",
    "vernieuwing",
    "formatie",
    "leerkring",
    "handreiking",
    "regionale",
    "samenwerking",
    "cultuur",
    "ondersteuning",
    "reflectie",
    "verbinding",
    "vertrouwen",
    "begroting",
    "omgevingswet",
    "jeugdzorg",
    "wijkaanpak",
]


def sentence(rng: random.Random, words: int) -> str:
    text = " ".join(rng.choice(WORDS) for _ in range(words))
    return text[:1].upper() + text[1:] + "."


def bulk_add_children(parent, pages: list) -> None:
    """Add many live pages of one type under ``parent`` in a few queries.

    Wagtail's ``add_child`` costs tens of queries per page; at benchmark scale (11,000 pages) that takes
    many minutes. This computes the tree paths the way treebeard does, bulk-inserts the ``Page`` rows and
    the page type's own table, and updates the parent's child count. For generated data only.
    """
    import uuid

    from django.contrib.contenttypes.models import ContentType
    from django.db import connection
    from django.db.models import F
    from wagtail.models import Page

    if not pages:
        return
    model = type(pages[0])
    content_type = ContentType.objects.get_for_model(model)
    last = parent.get_last_child()
    start = Page._str2int(last.path[-Page.steplen :]) + 1 if last else 1
    now = timezone.now()
    base_fields = [f for f in Page._meta.concrete_fields if not f.primary_key]
    for offset, page in enumerate(pages):
        page.path = parent.path + Page._int2str(start + offset).rjust(Page.steplen, "0")
        page.depth = parent.depth + 1
        page.numchild = 0
        page.url_path = f"{parent.url_path}{page.slug}/"
        page.content_type = content_type
        page.live = True
        page.has_unpublished_changes = False
        page.first_published_at = page.last_published_at = now
        page.draft_title = page.title
        page.locale_id = parent.locale_id
        page.translation_key = uuid.uuid4()
    rows = [Page(**{f.attname: getattr(page, f.attname) for f in base_fields}) for page in pages]
    Page.objects.bulk_create(rows, batch_size=500)
    for page, row in zip(pages, rows, strict=True):
        page.page_ptr_id = page.id = row.pk
    own_fields = model._meta.local_concrete_fields
    quote = connection.ops.quote_name
    sql = "INSERT INTO {} ({}) VALUES ({})".format(  # noqa: S608 - names from the model's metadata
        quote(model._meta.db_table),
        ", ".join(quote(f.column) for f in own_fields),
        ", ".join(["%s"] * len(own_fields)),
    )
    with connection.cursor() as cursor:
        cursor.executemany(
            sql,
            [
                [f.get_db_prep_save(getattr(page, f.attname), connection) for f in own_fields]
                for page in pages
            ],
        )
    Page.objects.filter(pk=parent.pk).update(numchild=F("numchild") + len(pages))
    parent.refresh_from_db()


class Command(BaseCommand):
    help = "Generate programmes, cases, people and registrations at benchmark scale (idempotent top-up)."

    def add_arguments(self, parser):
        parser.add_argument("--programmes", type=int, default=1000)
        parser.add_argument("--cases", type=int, default=10000)
        parser.add_argument("--people", type=int, default=500)
        parser.add_argument("--registrations", type=int, default=50000)
        parser.add_argument("--seed", type=int, default=2026)
        parser.add_argument(
            "--no-index", dest="index", action="store_false", help="Skip update_index."
        )
        parser.add_argument(
            "--reindex", action="store_true", help="Run update_index even when no page was added."
        )

    def handle(self, *args, **options):
        from portal.seed.loader import load_seed_content

        load_seed_content()
        rng = random.Random(options["seed"])
        started = time.monotonic()
        from wagtail.models import Page

        pages_before = Page.objects.filter(slug__startswith="schaal-").count()
        people = self.people(options["people"], rng)
        tracks = self.programmes(options["programmes"], rng, people)
        self.cases(options["cases"], rng)
        self.registrations(options["registrations"], rng, tracks)

        generated_pages = Page.objects.filter(slug__startswith="schaal-").count()
        if options["reindex"] or (options["index"] and generated_pages != pages_before):
            from django.core.management import call_command

            self.stdout.write("search index: update_index")
            call_command("update_index", verbosity=0)
        if connection.vendor == "postgresql":
            # Fresh planner statistics: with the ones from before the bulk inserts PostgreSQL guesses
            # 131 live pages instead of 11,000 and picks plans that take seconds.
            self.stdout.write("planner statistics: ANALYZE")
            with connection.cursor() as cursor:
                cursor.execute("ANALYZE")
        self.stdout.write(
            self.style.SUCCESS(f"Scale data ready in {time.monotonic() - started:.0f} s.")
        )

    def people(self, count: int, rng: random.Random) -> list:
        from people.models import Person

        existing = Person.objects.filter(slug__startswith="schaal-").count()
        organisations = [
            "VNG",
            "BZK",
            "NGB",
            "Vereniging van Griffiers",
            "TwynstraGudde",
            "Berenschot",
        ]
        Person.objects.bulk_create(
            [
                Person(
                    slug=f"schaal-{n}",
                    name=f"Persoon {n}",
                    job_title="Adviseur",
                    organisation=rng.choice(organisations),
                    email=f"persoon{n}@example.org",
                    phone="070 0000000",
                    bio=sentence(rng, 12),
                )
                for n in range(existing, count)
            ]
        )
        self.stdout.write(f"people: {count}")
        return list(Person.objects.filter(slug__startswith="schaal-")[:50])

    def programmes(self, count: int, rng: random.Random, people: list) -> list:
        from taggit.models import Tag

        from programmes.constants import FeeKind, OfferingKind
        from programmes.models import (
            CatalogueIndexPage,
            FeeTier,
            ProgrammeContact,
            ProgrammePage,
            ProgrammeTag,
            ProgrammeTakeaway,
            Role,
            Track,
        )

        catalogue = CatalogueIndexPage.objects.get()
        roles = list(Role.objects.all())
        tags = [Tag.objects.get_or_create(name=w, defaults={"slug": w})[0] for w in WORDS[:10]]
        existing = ProgrammePage.objects.filter(slug__startswith="schaal-").count()
        for chunk_start in range(existing, count, 500):
            numbers = range(chunk_start, min(count, chunk_start + 500))
            with transaction.atomic():
                pages = [
                    ProgrammePage(
                        title=f"Programma {n}: {sentence(rng, 3)[:-1]}",
                        slug=f"schaal-programma-{n}",
                        kind=rng.choice(OfferingKind.values),
                        intro=sentence(rng, 30),
                        body=[{"type": "paragraph", "value": f"<p>{sentence(rng, 80)}</p>"}],
                        organiser="Programmabureau",
                    )
                    for n in numbers
                ]
                bulk_add_children(catalogue, pages)
                ProgrammePage.roles.through.objects.bulk_create(
                    [
                        ProgrammePage.roles.through(programmepage_id=page.pk, role_id=role.pk)
                        for page in pages
                        for role in rng.sample(roles, rng.randint(1, len(roles)))
                    ]
                )
                ProgrammeTakeaway.objects.bulk_create(
                    [
                        ProgrammeTakeaway(page_id=page.pk, text=sentence(rng, 8), sort_order=i)
                        for page in pages
                        for i in range(3)
                    ]
                )
                ProgrammeTag.objects.bulk_create(
                    [
                        ProgrammeTag(content_object_id=page.pk, tag=rng.choice(tags))
                        for page in pages
                    ]
                )
                if people:
                    ProgrammeContact.objects.bulk_create(
                        [
                            ProgrammeContact(
                                page_id=page.pk, person=rng.choice(people), role="contact"
                            )
                            for page in pages
                        ]
                    )
                tracks = Track.objects.bulk_create(
                    [
                        Track(
                            programme_id=page.pk,
                            name="Deelname",
                            slug="deelname",
                            fee_kind=FeeKind.TIERED,
                            edition="2026",
                            capacity=400,
                            sort_order=0,
                        )
                        for page in pages
                    ]
                )
                FeeTier.objects.bulk_create(
                    [
                        FeeTier(
                            track_id=track.pk,
                            min_population=minimum,
                            amount=Decimal(amount),
                            sort_order=i,
                        )
                        for track in tracks
                        for i, (minimum, amount) in enumerate(
                            ((0, "750.00"), (50000, "1000.00"), (100000, "1500.00"))
                        )
                    ]
                )
            self.stdout.write(f"programmes: {numbers[-1] + 1}/{count}")
        return list(Track.objects.filter(programme__slug__startswith="schaal-").order_by("pk"))

    def cases(self, count: int, rng: random.Random) -> None:
        from taggit.models import Tag

        from cases.constants import CaseKind
        from cases.models import CaseIndexPage, CaseLesson, CasePage, CaseTag
        from programmes.models import Municipality, Role

        library = CaseIndexPage.objects.get()
        roles = list(Role.objects.all())
        municipalities = list(Municipality.objects.all()[:60])
        tags = [Tag.objects.get_or_create(name=w, defaults={"slug": w})[0] for w in WORDS[:12]]
        existing = CasePage.objects.filter(slug__startswith="schaal-").count()
        start = dt.date(2015, 1, 1)
        for chunk_start in range(existing, count, 1000):
            numbers = range(chunk_start, min(count, chunk_start + 1000))
            with transaction.atomic():
                pages = [
                    CasePage(
                        title=f"Casus {n}: {sentence(rng, 4)[:-1]}",
                        slug=f"schaal-casus-{n}",
                        kind=rng.choice(CaseKind.values),
                        date=start + dt.timedelta(days=rng.randint(0, 4000)),
                        summary=sentence(rng, 30),
                        body=[{"type": "paragraph", "value": f"<p>{sentence(rng, 120)}</p>"}],
                    )
                    for n in numbers
                ]
                bulk_add_children(library, pages)
                CasePage.roles.through.objects.bulk_create(
                    [
                        CasePage.roles.through(casepage_id=page.pk, role_id=role.pk)
                        for page in pages
                        for role in rng.sample(roles, rng.randint(1, 3))
                    ]
                )
                CasePage.municipalities.through.objects.bulk_create(
                    [
                        CasePage.municipalities.through(
                            casepage_id=page.pk, municipality_id=rng.choice(municipalities).pk
                        )
                        for page in pages
                    ]
                )
                CaseLesson.objects.bulk_create(
                    [
                        CaseLesson(page_id=page.pk, text=sentence(rng, 10), sort_order=i)
                        for page in pages
                        for i in range(2)
                    ]
                )
                CaseTag.objects.bulk_create(
                    [CaseTag(content_object_id=page.pk, tag=rng.choice(tags)) for page in pages]
                )
            self.stdout.write(f"cases: {numbers[-1] + 1}/{count}")

    def registrations(self, count: int, rng: random.Random, tracks: list) -> None:
        from programmes.models import Municipality
        from registrations.constants import RegistrationStatus
        from registrations.models import Registration

        existing = Registration.objects.filter(reference__startswith="SCH-").count()
        municipalities = list(Municipality.objects.all())
        now = timezone.now()
        batch = []
        per_track = len(municipalities)
        for n in range(existing, count):
            track = tracks[n // per_track]
            municipality = municipalities[n % per_track]
            tier = (
                1500
                if municipality.population >= 100000
                else 1000
                if municipality.population >= 50000
                else 750
            )
            batch.append(
                Registration(
                    reference=f"SCH-{n:07d}",
                    programme_id=track.programme_id,
                    track=track,
                    programme_title="Programma",
                    track_name=track.name,
                    edition=track.edition,
                    municipality=municipality,
                    status=rng.choice(
                        [
                            RegistrationStatus.CONFIRMED,
                            RegistrationStatus.RECEIVED,
                            RegistrationStatus.WAITING_LIST,
                        ]
                    ),
                    contact_name=f"Contact {n}",
                    contact_function="Griffier",
                    email=f"contact{n}@example.org",
                    phone="06 12345678",
                    consent_at=now,
                    fee_kind="tiered",
                    fee_amount=Decimal(tier),
                    fee_tier=str(tier),
                    population=municipality.population,
                    population_reference_date=municipality.reference_date,
                )
            )
            if len(batch) == 5000:
                Registration.objects.bulk_create(batch)
                batch = []
        Registration.objects.bulk_create(batch)
        self.stdout.write(f"registrations: {count}")
