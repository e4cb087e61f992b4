"""The public registration form and the signed review payload.

The form only validates what a person typed; the rules (window, capacity, one registration per
municipality, the fee) live in ``registrations/services.py`` and ``programmes/services.py``.
"""

from __future__ import annotations

import re

from django import forms
from django.core import signing
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from programmes.models import Municipality
from registrations import spam

PENDING_SALT = "registrations.pending"
PHONE_CHARS = re.compile(r"^[0-9+()\-\s.]+$")


class MunicipalityChoiceField(forms.ModelChoiceField):
    def label_from_instance(self, obj: Municipality) -> str:
        return obj.name


class TrackChoiceField(forms.ModelChoiceField):
    def label_from_instance(self, obj) -> str:
        return obj.name


class RegistrationForm(forms.Form):
    """Municipality, track, contact person, remarks and consent; plus the honeypot and form token."""

    municipality = MunicipalityChoiceField(
        label=_("Municipality"),
        queryset=Municipality.objects.order_by("name"),
        to_field_name="code",
        empty_label=_("Choose your municipality"),
        help_text=_(
            "The fee depends on the number of inhabitants of the municipality (source: CBS)."
        ),
        error_messages={
            "required": _("Choose the municipality you are registering."),
            "invalid_choice": _("Choose a municipality from the list."),
        },
    )
    track = TrackChoiceField(
        label=_("Track"),
        queryset=None,
        to_field_name="slug",
        empty_label=None,
        widget=forms.RadioSelect,
        error_messages={
            "required": _("Choose how you want to take part."),
            "invalid_choice": _("This track cannot be chosen (any more). Choose another one."),
        },
    )
    contact_name = forms.CharField(
        label=_("Your name"),
        max_length=200,
        widget=forms.TextInput(attrs={"autocomplete": "name"}),
        error_messages={"required": _("Enter your name.")},
    )
    contact_function = forms.CharField(
        label=_("Your function"),
        max_length=200,
        help_text=_("For example: griffier, raadslid or beleidsmedewerker."),
        widget=forms.TextInput(attrs={"autocomplete": "organization-title"}),
        error_messages={"required": _("Enter your function.")},
    )
    email = forms.EmailField(
        label=_("E-mail address"),
        max_length=254,
        help_text=_("We send the confirmation to this address."),
        widget=forms.EmailInput(attrs={"autocomplete": "email", "spellcheck": "false"}),
        error_messages={
            "required": _("Enter your e-mail address."),
            "invalid": _("Enter an e-mail address in the right format, like naam@gemeente.nl."),
        },
    )
    phone = forms.CharField(
        label=_("Phone number"),
        max_length=40,
        help_text=_("So the programme's contact person can call you. For example: 070 123 4567."),
        widget=forms.TextInput(attrs={"autocomplete": "tel", "type": "tel"}),
        error_messages={"required": _("Enter your phone number.")},
    )
    remarks = forms.CharField(
        label=_("Remarks (optional)"),
        max_length=2000,
        required=False,
        help_text=_("At most 2,000 characters."),
        widget=forms.Textarea(attrs={"rows": 5}),
        error_messages={
            "max_length": _(
                "Remarks can be at most %(limit_value)d characters (now %(show_value)d)."
            )
        },
    )
    consent = forms.BooleanField(
        label=_("I agree that my details are used to handle this registration."),
        error_messages={
            "required": _("Tick the box to agree to the use of your details for this registration.")
        },
    )
    website = forms.CharField(
        label=_("Leave this field empty"),
        required=False,
        widget=forms.TextInput(attrs={"autocomplete": "off", "tabindex": "-1"}),
    )
    form_token = forms.CharField(widget=forms.HiddenInput, required=False)

    def __init__(self, *args, tracks=None, choosable_tracks=None, **kwargs):
        super().__init__(*args, **kwargs)
        from programmes.models import Track

        self.fields["municipality"].widget.attrs["data-autocomplete-url"] = reverse(
            "municipality_search"
        )
        ids = [t.pk for t in (choosable_tracks or [])]
        # By position (Track.Meta.ordering), as the programme page lists them.
        self.fields["track"].queryset = Track.objects.filter(pk__in=ids)
        if len(ids) == 1 and len(tracks or []) == 1:
            self.fields["track"].widget = forms.HiddenInput()
        self.token_error: str | None = None
        self.spam_rejected = False

    def clean_contact_name(self) -> str:
        return self.cleaned_data["contact_name"].strip()

    def clean_phone(self) -> str:
        phone = self.cleaned_data["phone"].strip()
        digits = re.sub(r"\D", "", phone)
        if not PHONE_CHARS.match(phone) or not 10 <= len(digits) <= 15:
            raise forms.ValidationError(
                _("Enter a phone number of 10 digits, like 070 123 4567 or +31 70 123 4567.")
            )
        return phone

    def clean(self):
        cleaned = super().clean()
        if spam.honeypot_filled(cleaned.get("website")):
            self.spam_rejected = True
            raise forms.ValidationError(
                _("Your registration could not be processed. Please contact us."), code="spam"
            )
        try:
            token = spam.read_token(cleaned.get("form_token") or "")
        except spam.TokenError as exc:
            self.token_error = exc.reason
            raise forms.ValidationError(token_message(exc.reason), code=exc.reason) from None
        cleaned["submission_key"] = token.nonce
        return cleaned


def token_message(reason: str) -> str:
    if reason == "too_fast":
        return _("That was very quick. Please check your details and send the form again.")
    return _(
        "This form was open for too long or could not be checked. Please check your details and "
        "send the form again."
    )


# The review step keeps what was typed in one signed hidden field (not in the URL, no session needed).
PENDING_FIELDS = (
    "municipality",
    "track",
    "contact_name",
    "contact_function",
    "email",
    "phone",
    "remarks",
    "consent",
    "website",
    "form_token",
)


def pending_payload(form: RegistrationForm) -> str:
    data = {name: form.data.get(name, "") for name in PENDING_FIELDS}
    return signing.dumps(data, salt=PENDING_SALT, compress=True)


def read_pending(value: str) -> dict | None:
    """The typed data from the review page, or ``None`` if it was tampered with or is too old."""
    try:
        data = signing.loads(value or "", salt=PENDING_SALT, max_age=spam.MAX_AGE)
    except signing.BadSignature:
        return None
    if not isinstance(data, dict):
        return None
    return {name: str(data.get(name, "")) for name in PENDING_FIELDS}
