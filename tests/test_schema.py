"""The published JSON Schema matches the data model, validates the data file and rejects typos."""

from __future__ import annotations

import copy
import json

import yaml
from jsonschema import Draft202012Validator

from ladder.schema import json_schema
from tools.project import DATA_FILE, ROOT
from tools.site import BuiltSite

SCHEMA_FILE = ROOT / "docs" / "schema" / "ladder.schema.json"


def committed_schema() -> dict:
    return json.loads(SCHEMA_FILE.read_text(encoding="utf-8"))


def test_committed_schema_is_generated_from_the_model():
    assert committed_schema() == json_schema(), "run `make schema` after changing ladder/schema.py"


def test_data_file_names_the_schema_for_editors():
    first_line = (ROOT / DATA_FILE).read_text(encoding="utf-8").splitlines()[0]
    assert first_line == "# yaml-language-server: $schema=../schema/ladder.schema.json"
    assert ((ROOT / DATA_FILE).parent / "../schema/ladder.schema.json").resolve() == SCHEMA_FILE


def test_data_file_is_valid_and_typos_are_not():
    validator = Draft202012Validator(committed_schema())
    # As an editor sees it: YAML dates are plain strings in JSON.
    data = json.loads(json.dumps(yaml.safe_load((ROOT / DATA_FILE).read_text(encoding="utf-8")), default=str))
    assert list(validator.iter_errors(data)) == []

    typo = copy.deepcopy(data)
    typo["skills"][0]["nmae"] = typo["skills"][0].pop("name")
    messages = [error.message for error in validator.iter_errors(typo)]
    assert any("'nmae' was unexpected" in message for message in messages), messages
    assert any("'name' is a required property" in message for message in messages), messages


def test_schema_is_published_with_the_site(site: BuiltSite):
    assert (
        json.loads((site.root / "schema" / "ladder.schema.json").read_text(encoding="utf-8")) == json_schema()
    )
