"""``publiccode.yml`` at the repository root is valid against the publiccode.yml 0.4 schema
(``docs/standards/publiccode.schema.json``: the standard's mandatory keys, allowed values and lengths)."""

from __future__ import annotations

import json
from pathlib import Path

import jsonschema
import pytest
import yaml

ROOT = Path(__file__).resolve().parents[2]


@pytest.fixture(scope="module")
def schema() -> dict:
    return json.loads((ROOT / "docs" / "standards" / "publiccode.schema.json").read_text())


def test_publiccode_yml_is_valid(schema):
    data = yaml.safe_load((ROOT / "publiccode.yml").read_text())
    validator = jsonschema.Draft202012Validator(
        schema, format_checker=jsonschema.Draft202012Validator.FORMAT_CHECKER
    )
    errors = sorted(validator.iter_errors(data), key=lambda e: list(e.path))
    assert not errors, [f"{list(e.path)}: {e.message}" for e in errors]
    assert data["legal"]["license"] == "EUPL-1.2"
    assert set(data["description"]) == {"nl", "en"}


@pytest.mark.parametrize(
    "change",
    [
        lambda d: d.pop("name"),
        lambda d: d.update(developmentStatus="ready"),
        lambda d: d["description"]["nl"].update(longDescription="te kort"),
        lambda d: d["maintenance"].pop("contacts"),
        lambda d: d.update(categories=["not-a-category"]),
    ],
)
def test_the_schema_catches_mistakes(schema, change):
    data = yaml.safe_load((ROOT / "publiccode.yml").read_text())
    change(data)
    assert list(jsonschema.Draft202012Validator(schema).iter_errors(data))
