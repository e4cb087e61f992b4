"""Factories for the staff side of registrations: municipalities, registrations and admin users.

``RegistrationFactory`` builds a snapshot like ``registrations.services.register`` does, without mail.
Use ``RegistrationFactory(track=track)`` to register for a track of your own (``TrackFactory`` from
``tests.programmes.factories``); traits ``waiting``, ``confirmed`` and ``anonymised`` set the state.
"""

from __future__ import annotations

import factory
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group, Permission
from django.utils import timezone

from registrations.constants import RegistrationStatus
from tests.registrations.factories import MunicipalityFactory
from tests.registrations.factories import RegistrationFactory as BaseRegistrationFactory

__all__ = ["MunicipalityFactory", "RegistrationFactory", "make_user", "page_editor", "staff_user"]


class RegistrationFactory(BaseRegistrationFactory):
    """A received registration with its own contact person (unique name and e-mail)."""

    reference = factory.Sequence(lambda n: f"AM-STAF-{n:06d}")
    status = RegistrationStatus.RECEIVED
    contact_name = factory.Sequence(lambda n: f"Contact Persoon {n}")
    email = factory.Sequence(lambda n: f"contact{n}@gemeente.example")
    remarks = "Graag in de avond."

    class Params:
        waiting = factory.Trait(status=RegistrationStatus.WAITING_LIST)
        confirmed = factory.Trait(status=RegistrationStatus.CONFIRMED)
        anonymised = factory.Trait(
            contact_name="geanonimiseerd",
            contact_function="",
            email="",
            phone="",
            remarks="",
            anonymised_at=factory.LazyFunction(timezone.now),
        )


def make_user(username: str, *, groups=(), superuser: bool = False, admin_access: bool = True):
    user = get_user_model().objects.create_user(
        username=username, password="x-test-password", is_superuser=superuser
    )
    user.groups.add(*Group.objects.filter(name__in=groups))
    if admin_access and not superuser:
        user.user_permissions.add(
            Permission.objects.get(content_type__app_label="wagtailadmin", codename="access_admin")
        )
    return user


def staff_user(username: str = "bureau"):
    """A member of the Programmabureau group."""
    return make_user(username, groups=["Programmabureau"])


def page_editor(username: str = "redacteur"):
    """An ordinary page editor: admin access and page rights, no registration permissions."""
    return make_user(username, groups=["Redacteuren", "Eindredactie"])
