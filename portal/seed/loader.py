"""Loads the portal's seed content (``portal/seed/content.json``) into the database.

The JSON is a faithful transcription of the source documents (brochures and pages in Dutch). Loading is
idempotent: pages, people and roles are found by their fixed slugs and only created when missing, so
running it again never duplicates anything and never overwrites what editors changed. ``refresh=True``
rewrites the seed-owned fields of existing pages from the file (keeping track ids, so registrations stay
attached).
"""

from __future__ import annotations

import datetime as dt
import json
import uuid
from dataclasses import dataclass, field
from decimal import Decimal
from pathlib import Path
from typing import Any

from django.db import transaction
from wagtail.models import Page, Site

from portal.site_address import site_hostname_and_port, site_url, sync_default_site

SEED_FILE = Path(__file__).resolve().parent / "content.json"

#: Seed steps of other apps, run after the portal's own (in registration order, inside the same
#: transaction). An app registers its step in ``AppConfig.ready`` with :func:`register_step`, so this
#: base module imports no domain app. A step is called with the loader and must be idempotent too.
_extra_steps: dict[str, Any] = {}


def register_step(name: str, step) -> None:
    """Run ``step(loader)`` at the end of every seed load; ``name`` keeps it registered once."""
    _extra_steps[name] = step


@dataclass
class SeedReport:
    created: list[str] = field(default_factory=list)
    updated: list[str] = field(default_factory=list)

    def __str__(self) -> str:
        return f"{len(self.created)} created, {len(self.updated)} updated"


def read_seed(path: Path = SEED_FILE) -> dict[str, Any]:
    with path.open(encoding="utf-8") as handle:
        return json.load(handle)


def _stream(blocks: list[dict]) -> list[dict]:
    """JSON blocks -> StreamField raw data (with stable ids so re-saving does not churn)."""
    return [
        {
            "type": b["type"],
            "value": b["value"],
            "id": str(uuid.uuid5(uuid.NAMESPACE_URL, json.dumps(b))),
        }
        for b in blocks
    ]


def _date(value: str | None) -> dt.date | None:
    return dt.date.fromisoformat(value) if value else None


class SeedLoader:
    def __init__(self, data: dict[str, Any], refresh: bool = False) -> None:
        self.data = data
        self.refresh = refresh
        self.report = SeedReport()

    # -- helpers ---------------------------------------------------------------------------------------
    def _child(self, parent: Page, model, slug: str, build) -> tuple[Any, bool]:
        """The live child page ``slug`` of ``parent``, created with ``build()`` when missing."""
        existing = parent.get_children().filter(slug=slug).specific().first()
        if existing is not None:
            if not isinstance(existing, model):
                raise ValueError(
                    f"Page /{slug}/ exists but is a {type(existing).__name__}, not {model.__name__}."
                )
            return existing, False
        page = build()
        page.slug = slug
        parent.add_child(instance=page)
        page.save_revision().publish()
        self.report.created.append(page.url_path)
        return page, True

    def _publish(self, page: Page) -> None:
        page.save_revision().publish()
        self.report.updated.append(page.url_path)

    # -- steps -----------------------------------------------------------------------------------------
    def load(self) -> SeedReport:
        from portal.editorial import setup_editorial_pages
        from programmes.municipalities import load_municipalities

        with transaction.atomic():
            created, updated = load_municipalities()
            if created or updated:
                self.report.created.append(f"{created} municipalities")
            self.roles = self.load_roles()
            self.people = self.load_people()
            home = self.load_home()
            self.load_content_pages(home)
            catalogue = self.load_catalogue(home)
            self.programmes = {
                p["slug"]: self.load_programme(catalogue, p) for p in self.data["programmes"]
            }
            library = self.load_case_library(home)
            for case in self.data["cases"]:
                self.load_case(library, case)
            self.load_people_page(home)
            self.load_site_settings(home)
            self.report.created.extend(setup_editorial_pages(home, catalogue, library))
            self.home = home
            for step in _extra_steps.values():
                step(self)
            if sync_default_site():
                self.report.updated.append(f"site address {site_url()}")
        return self.report

    def load_roles(self) -> dict:
        from programmes.models import Role

        roles = {}
        for position, item in enumerate(self.data["roles"]):
            role, created = Role.objects.get_or_create(
                slug=item["slug"],
                defaults={
                    "name": item["name"],
                    "singular": item["singular"],
                    "sort_order": position,
                },
            )
            if created:
                self.report.created.append(f"role {role.slug}")
            roles[role.slug] = role
        return roles

    def load_people(self) -> dict:
        from people.models import Person

        people = {}
        for item in self.data["people"]:
            values = {
                "name": item["name"],
                "job_title": item["job_title"],
                "organisation": item["organisation"],
                "email": item["email"],
                "phone": item["phone"],
                "show_email": item["show_email"],
                "show_phone": item["show_phone"],
                "bio": item["bio"],
            }
            person = Person.objects.filter(slug=item["key"]).first()
            if person is None:
                person = Person.objects.create(slug=item["key"], **values)
                self.report.created.append(f"person {person.slug}")
            elif self.refresh:
                Person.objects.filter(pk=person.pk).update(**values)
            people[item["key"]] = person
        return people

    def load_home(self):
        from portal.models import HomePage

        site = Site.objects.filter(is_default_site=True).select_related("root_page").first()
        if site is not None and isinstance(site.root_page.specific, HomePage):
            return site.root_page.specific
        root = Page.get_first_root_node()
        home = HomePage.objects.first()
        if home is None:
            home = HomePage(
                title="Lokale democratie: aan de slag",
                intro=(
                    "Ondersteuningsprogramma's voor burgemeesters, wethouders, gemeentesecretarissen, "
                    "raadsleden en griffiers: vind het aanbod voor uw functie, leer van andere "
                    "gemeenten en meld uw gemeente aan."
                ),
                slug="home",
            )
            # The default Wagtail welcome page holds the slug "home"; move it aside first.
            for old in root.get_children().filter(slug="home"):
                old.slug = f"home-old-{old.pk}"
                old.save(update_fields=["slug"])
            root.add_child(instance=home)
            home.save_revision().publish()
            self.report.created.append("home")
        if site is None:
            hostname, port = site_hostname_and_port()
            Site.objects.create(
                hostname=hostname,
                port=port,
                root_page=home,
                is_default_site=True,
                site_name="Lokale democratie",
            )
        else:
            old_root = site.root_page
            site.root_page = home
            site.site_name = site.site_name or "Lokale democratie"
            site.save()
            if (
                old_root.pk != home.pk
                and old_root.specific_class is Page
                and not old_root.get_children().exists()
            ):
                old_root.delete()
        return home

    def load_content_pages(self, home) -> None:
        from portal.models import ContentPage

        self.content_pages = {}
        for item in self.data["pages"]:
            page, created = self._child(
                home,
                ContentPage,
                item["slug"],
                lambda item=item: ContentPage(
                    title=item["title"], intro=item["intro"], body=_stream(item["body"])
                ),
            )
            if not created and self.refresh:
                page.title, page.intro, page.body = (
                    item["title"],
                    item["intro"],
                    _stream(item["body"]),
                )
                self._publish(page)
            self.content_pages[item["slug"]] = page

    def load_catalogue(self, home):
        from programmes.models import CatalogueIndexPage

        item = self.data["catalogue"]
        page, created = self._child(
            home,
            CatalogueIndexPage,
            item["slug"],
            lambda: CatalogueIndexPage(
                title=item["title"],
                intro=item["intro"],
                filter_label=item["filter_label"],
                show_in_menus=True,
            ),
        )
        if not created and self.refresh:
            page.title, page.intro, page.filter_label = (
                item["title"],
                item["intro"],
                item["filter_label"],
            )
            self._publish(page)
        return page

    def _programme_fields(self, page, item: dict) -> None:
        from programmes.models import ProgrammeContact, ProgrammeTakeaway

        page.title = item["title"]
        page.kind = item["kind"]
        page.intro = item["intro"]
        page.body = _stream(item["body"])
        page.takeaways_intro = item["takeaways_intro"]
        page.organiser = item["organiser"]
        page.roles = [self.roles[slug] for slug in item["roles"]]
        page.takeaways = [
            ProgrammeTakeaway(text=t["text"], link_url=t["url"]) for t in item["takeaways"]
        ]
        page.contacts = [
            ProgrammeContact(person=self.people[c["person"]], role=c["role"])
            for c in item["contacts"]
        ]
        page.tags.set(item["tags"], clear=True)
        self._programme_tracks(page, item["tracks"])

    def _programme_tracks(self, page, tracks: list[dict]) -> None:
        from programmes.models import FeeTier, Track, TrackMeeting

        existing = {t.slug: t for t in page.tracks.all()} if page.pk else {}
        result = []
        for position, data in enumerate(tracks):
            track = existing.get(data["slug"]) or Track(slug=data["slug"])
            track.sort_order = position  # the order of the seed file is the order of the page
            track.name = data["name"]
            track.description = data["description"]
            track.fee_kind = data["fee_kind"]
            track.fee_note = data.get("fee_note", "")
            track.edition = data["edition"]
            track.opens_on = _date(data["opens_on"])
            track.closes_on = _date(data["closes_on"])
            track.capacity = data["capacity"]
            track.fee_tiers = [
                FeeTier(min_population=t["min_population"], amount=Decimal(t["amount"]))
                for t in data["tiers"]
            ]
            track.meetings = [
                TrackMeeting(title=m["label"], when=m["when"], date=_date(m["date"]))
                for m in data["meetings"]
            ]
            result.append(track)
        page.tracks = result

    def load_programme(self, catalogue, item: dict):
        from programmes.models import ProgrammePage

        def build():
            page = ProgrammePage()
            self._programme_fields(page, item)
            return page

        page, created = self._child(catalogue, ProgrammePage, item["slug"], build)
        if not created and self.refresh:
            self._programme_fields(page, item)
            self._publish(page)
        return page

    def load_case_library(self, home):
        from cases.models import CaseIndexPage

        item = self.data["case_library"]
        page, created = self._child(
            home,
            CaseIndexPage,
            item["slug"],
            lambda: CaseIndexPage(title=item["title"], intro=item["intro"], show_in_menus=True),
        )
        if not created and self.refresh:
            page.title, page.intro = item["title"], item["intro"]
            self._publish(page)
        return page

    def _case_fields(self, page, item: dict) -> None:
        from cases.models import CaseContact, CaseLesson
        from programmes.models import Municipality

        page.title = item["title"]
        page.kind = item["kind"]
        page.date = _date(item["date"])
        page.summary = item["summary"]
        methods = item.get("methods") or []
        body = list(item["body"])
        if methods:
            body = [
                {"type": "heading", "value": "Werkvormen"},
                {
                    "type": "paragraph",
                    "value": "<ul>" + "".join(f"<li>{m}</li>" for m in methods) + "</ul>",
                },
                *body,
            ]
        page.body = _stream(body)
        page.location = item.get("location", "")
        page.reference = item.get("reference", "")
        page.roles = [self.roles[slug] for slug in item["roles"]]
        page.municipalities = list(Municipality.objects.filter(code__in=item["municipalities"]))
        page.related_programmes = [self.programmes[slug] for slug in item["related_programmes"]]
        page.lessons = [
            CaseLesson(text=lesson["text"], link_url=lesson["url"]) for lesson in item["lessons"]
        ]
        page.contacts = [
            CaseContact(person=self.people[c["person"]], role=c["role"]) for c in item["contacts"]
        ]
        page.tags.set(item["tags"], clear=True)

    def load_case(self, library, item: dict):
        from cases.models import CasePage

        def build():
            page = CasePage()
            self._case_fields(page, item)
            return page

        page, created = self._child(library, CasePage, item["slug"], build)
        if not created and self.refresh:
            self._case_fields(page, item)
            self._publish(page)
        return page

    def load_people_page(self, home):
        from people.models import PeopleIndexPage

        page, _created = self._child(
            home,
            PeopleIndexPage,
            "contact",
            lambda: PeopleIndexPage(
                show_in_menus=True,
                title="Contactpersonen",
                intro="<p>De contactpersonen en begeleiders van de programma's, per organisatie.</p>",
            ),
        )
        return page

    def load_site_settings(self, home) -> None:
        from portal.models import SiteSettings

        site = Site.objects.get(root_page=home)
        settings = SiteSettings.for_site(site)
        changed = False
        if settings.privacy_page_id is None and "privacy" in self.content_pages:
            settings.privacy_page = self.content_pages["privacy"]
            changed = True
        if settings.accessibility_page_id is None and "toegankelijkheid" in self.content_pages:
            settings.accessibility_page = self.content_pages["toegankelijkheid"]
            changed = True
        if not settings.footer_contact:
            settings.footer_contact = "Vragen over een programma? Neem contact op met de contactpersoon op de programmapagina."
            changed = True
        # The office's details for the statements and security.txt: only where a field is still empty
        # (the default status "C" counts as empty), so an editor's values are never overwritten.
        for name, value in self.data.get("site_settings", {}).items():
            if name.startswith("_"):
                continue
            field = SiteSettings._meta.get_field(name)
            current = getattr(settings, name)
            if current in (None, "") or current == field.default:
                if field.get_internal_type() == "DateField":
                    value = dt.date.fromisoformat(value)
                if current != value:
                    setattr(settings, name, value)
                    changed = True
        if changed:
            settings.save()


def load_seed_content(refresh: bool = False, path: Path = SEED_FILE) -> SeedReport:
    return SeedLoader(read_seed(path), refresh=refresh).load()
