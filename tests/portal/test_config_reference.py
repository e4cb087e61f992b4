"""The configuration registry (``portal.env.VARIABLES``) both reads the environment and documents it."""

from __future__ import annotations

import io
import re
from pathlib import Path

import pytest
from django.conf import settings
from django.core.exceptions import ImproperlyConfigured
from django.core.management import call_command

from portal import env, ratelimit

README = Path(__file__).resolve().parents[2] / "README.md"
SOURCE_DIRS = ("portal", "programmes", "registrations", "cases", "people", "search")


def readme_table() -> str:
    text = README.read_text(encoding="utf-8")
    section = text.split("## Configuration reference", 1)[1]
    start = section.index("| variable |")
    return section[start : section.index("\n\n", start) + 1]


def test_readme_table_is_the_generated_one():
    out = io.StringIO()
    call_command("config_table", stdout=out)
    assert readme_table() == out.getvalue(), (
        "README's configuration reference differs from portal.env.VARIABLES: "
        "run `manage.py config_table` and paste its output into README.md"
    )


def test_every_variable_read_in_code_is_declared():
    root = README.parent
    read = set()
    for folder in SOURCE_DIRS:
        for path in (root / folder).rglob("*.py"):
            source = path.read_text(encoding="utf-8")
            read |= set(re.findall(r"env\.(?:read|require|is_set)\(\"([A-Z_]+)\"\)", source))
            read |= set(re.findall(r"\bread\(\"([A-Z_]+)\"\)", source))
    assert read, "no env.read calls found"
    assert read <= set(env.VARIABLES)


def test_settings_take_the_registry_defaults(monkeypatch):
    for name in ("EMAIL_PORT", "RETENTION_DAYS", "RATE_LIMIT_REGISTRATION"):
        monkeypatch.delenv(name, raising=False)
    assert settings.EMAIL_PORT == env.default("EMAIL_PORT") == 25
    assert settings.REGISTRATION_RETENTION_DAYS == env.read("RETENTION_DAYS") == 730
    assert ratelimit.limits_for("registration") == (env.default("RATE_LIMIT_REGISTRATION"), 3600)
    assert ratelimit.limits_for("fee_quote") == (env.default("RATE_LIMIT_FEE_QUOTE"), 60)


def test_read_parses_to_the_declared_type(monkeypatch):
    monkeypatch.setenv("EMAIL_USE_TLS", "yes")
    monkeypatch.setenv("EMAIL_PORT", "587")
    monkeypatch.setenv("CSRF_TRUSTED_ORIGINS", "https://a.example, https://b.example")
    assert env.read("EMAIL_USE_TLS") is True
    assert env.read("EMAIL_PORT") == 587
    assert env.read("CSRF_TRUSTED_ORIGINS") == ["https://a.example", "https://b.example"]
    monkeypatch.setenv("EMAIL_PORT", "vijfentwintig")
    with pytest.raises(ImproperlyConfigured, match="EMAIL_PORT"):
        env.read("EMAIL_PORT")


def test_undeclared_and_required_variables_are_refused(monkeypatch):
    with pytest.raises(ImproperlyConfigured, match="not declared"):
        env.read("NOT_A_PORTAL_VARIABLE")
    monkeypatch.delenv("SECRET_KEY", raising=False)
    with pytest.raises(ImproperlyConfigured, match="required"):
        env.require("SECRET_KEY")
