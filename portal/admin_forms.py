"""The admin login form with the ``autocomplete`` tokens password managers look for (WCAG 2.2 3.3.8
Accessible Authentication: the person can let a password manager fill in or paste their credentials;
there is no cognitive test). Set as ``WAGTAILADMIN_USER_LOGIN_FORM`` in the settings."""

from __future__ import annotations

from wagtail.admin.forms.auth import LoginForm


class PortalLoginForm(LoginForm):
    def __init__(self, *args, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.fields["username"].widget.attrs["autocomplete"] = "username"
        self.fields["password"].widget.attrs["autocomplete"] = "current-password"
