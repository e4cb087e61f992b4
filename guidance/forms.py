"""Forms of the alert pages: subscribing and changing the frequency."""

from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _
from taggit.models import Tag

from guidance.constants import AlertFrequency, AlertSource


class SubscribeForm(forms.Form):
    email = forms.EmailField(
        label=_("E-mail address"),
        max_length=254,
        help_text=_(
            "We only use your address for these alerts. You can unsubscribe in every e-mail."
        ),
        error_messages={
            "required": _("Enter your e-mail address."),
            "invalid": _("Enter an e-mail address like name@gemeente.nl."),
        },
        widget=forms.EmailInput(attrs={"autocomplete": "email", "spellcheck": "false"}),
    )
    frequency = forms.ChoiceField(
        label=_("How often do you want an e-mail?"),
        choices=AlertFrequency.choices,
        initial=AlertFrequency.IMMEDIATE,
        widget=forms.RadioSelect,
        error_messages={"required": _("Choose how often you want an e-mail.")},
    )
    bron = forms.ChoiceField(choices=AlertSource.choices, widget=forms.HiddenInput)
    functie = forms.SlugField(required=False, widget=forms.HiddenInput)
    thema = forms.SlugField(required=False, widget=forms.HiddenInput)

    def clean_functie(self):
        from programmes.models import Role

        slug = self.cleaned_data.get("functie") or ""
        if not slug:
            return None
        role = Role.objects.filter(slug=slug).first()
        if role is None:
            raise forms.ValidationError(_("We do not know this role."))
        return role

    def clean_thema(self):
        slug = self.cleaned_data.get("thema") or ""
        if slug and not Tag.objects.filter(slug=slug).exists():
            raise forms.ValidationError(_("We do not know this theme."))
        return slug


class FrequencyForm(forms.Form):
    frequency = forms.ChoiceField(
        label=_("How often do you want an e-mail?"),
        choices=AlertFrequency.choices,
        widget=forms.RadioSelect,
        error_messages={"required": _("Choose how often you want an e-mail.")},
    )
