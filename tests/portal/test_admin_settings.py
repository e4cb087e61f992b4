"""Site settings, the image library's alt text rule and the accessibility checker, through the admin."""

from __future__ import annotations

import io

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from PIL import Image as PILImage
from wagtail.images import get_image_model
from wagtail.models import Site

from portal.editorial import REDACTEUREN
from portal.models import ContentPage, SiteSettings
from tests.portal.test_admin_pages import admin_user

pytestmark = pytest.mark.django_db


def _png(name: str = "raadzaal.png") -> SimpleUploadedFile:
    buffer = io.BytesIO()
    PILImage.new("RGB", (40, 30), (0, 90, 160)).save(buffer, format="PNG")
    return SimpleUploadedFile(name, buffer.getvalue(), content_type="image/png")


def test_editing_site_settings_changes_the_footer(client, seeded):
    client.force_login(admin_user())
    site = Site.objects.get(is_default_site=True)
    url = reverse("wagtailsettings:edit", args=("portal", "sitesettings", site.pk))
    form = client.get(url)
    assert form.status_code == 200
    assert "Naam van de organisatie" in form.text
    assert "standaard bewaartermijn (dagen)".capitalize() in form.text

    privacy = ContentPage.objects.get(slug="privacy")
    accessibility = ContentPage.objects.get(slug="toegankelijkheid")
    response = client.post(
        url,
        {
            "organisation_name": "Bureau Lokale Democratie",
            "footer_contact": "Bel 070 123 45 67\nma-vr 9-17 uur",
            "contact_email": "info@example.org",
            "privacy_page": str(privacy.pk),
            "accessibility_page": str(accessibility.pk),
            "retention_days": "365",
            "accessibility_status": "C",  # a required select (issue 23): a browser always sends it
        },
    )
    assert response.status_code == 302
    settings = SiteSettings.for_site(site)
    assert settings.effective_retention_days == 365

    client.logout()
    html = client.get("/").text
    assert "Bureau Lokale Democratie" in html
    assert "Bel 070 123 45 67<br>ma-vr 9-17 uur" in html
    assert "mailto:info@example.org" in html
    assert 'href="/privacy/"' in html and 'href="/toegankelijkheid/"' in html


def test_site_settings_reject_a_too_short_retention_period_in_dutch(client, seeded):
    client.force_login(admin_user())
    site = Site.objects.get(is_default_site=True)
    url = reverse("wagtailsettings:edit", args=("portal", "sitesettings", site.pk))
    response = client.post(
        url, {"organisation_name": "Bureau", "footer_contact": "", "retention_days": "7"}
    )
    assert response.status_code == 200
    assert "Zorg ervoor dat deze waarde minstens 30 is." in response.text


def test_footer_escapes_what_editors_type(client, seeded):
    settings = SiteSettings.for_site(Site.objects.get(is_default_site=True))
    settings.footer_contact = "<b>Bel</b> ons"
    settings.save()
    html = client.get("/").text
    assert "&lt;b&gt;Bel&lt;/b&gt; ons" in html


def test_image_upload_requires_a_description(client, seeded):
    client.force_login(admin_user("redacteur", groups=(REDACTEUREN,)))
    url = reverse("wagtailimages:add")
    form = client.get(url)
    assert form.status_code == 200
    response = client.post(url, {"title": "Raadzaal", "file": _png(), "description": ""})
    assert response.status_code == 200
    assert response.context["form"].errors["description"] == [
        "Vul een beschrijving in: die wordt voorgelezen aan mensen die de afbeelding niet kunnen zien."
    ]
    assert not get_image_model().objects.filter(title="Raadzaal").exists()

    response = client.post(
        url,
        {"title": "Raadzaal", "file": _png(), "description": "De raadzaal van Zwolle, leeg."},
    )
    assert response.status_code == 302
    image = get_image_model().objects.get(title="Raadzaal")
    assert image.default_alt_text == "De raadzaal van Zwolle, leeg."


def test_image_edit_form_requires_a_description(client, seeded):
    client.force_login(admin_user())
    image = get_image_model().objects.create(title="Logo", file=_png("logo.png"))
    url = reverse("wagtailimages:edit", args=(image.pk,))
    response = client.post(url, {"title": "Logo", "description": "  "})
    assert response.status_code == 200
    assert "description" in response.context["form"].errors


def test_body_image_block_asks_for_alt_text_or_decorative(client, seeded):
    """The shared body's image block is Wagtail's ImageBlock: alt text, or an explicit decorative tick."""
    from portal.blocks import BodyBlock, FigureBlock

    block = BodyBlock().child_blocks["image"]
    assert isinstance(block, FigureBlock)
    assert {"image", "alt_text", "decorative"} <= set(block.child_blocks)


def test_accessibility_checker_is_on_in_the_userbar(client, seeded):
    client.force_login(admin_user("redacteur", groups=(REDACTEUREN,)))
    html = client.get("/aan-de-slag/").text
    assert "data-wagtail-userbar" in html
    assert 'id="checker-trigger"' in html
    assert 'id="checker-axe-configuration"' in html


def test_admin_login_page_is_dutch(client, seeded):
    html = client.get(reverse("wagtailadmin_login")).text
    assert 'lang="nl"' in html
    assert "Inloggen" in html
