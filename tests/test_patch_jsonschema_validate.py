"""The jsonschema patch: the cached validate gives the same verdicts as jsonschema and builds each validator once."""

from __future__ import annotations

import jsonschema
import pytest

import channels.rest  # noqa: F401  (loading the channels installs the patch, as in `rasa run`)
from patches import jsonschema_validate

SCHEMA = {
    "type": "object",
    "properties": {"events": {"type": "array"}, "responses": {"type": "array"}},
    "required": ["events"],
}


def test_installed_when_channels_load():
    assert jsonschema.validate is jsonschema_validate.cached_validate


@pytest.mark.parametrize(
    "instance", [{"events": [], "responses": []}, {"responses": []}, {"events": "nope"}, [], {"events": [1]}]
)
def test_same_verdict_and_error_as_jsonschema(instance):
    def outcome(validate):
        try:
            validate(instance, dict(SCHEMA))
        except jsonschema.ValidationError as error:
            return error.message, list(error.path)
        return None

    assert outcome(jsonschema_validate.cached_validate) == outcome(jsonschema_validate._original)


@pytest.fixture(scope="module")
def rasa_schema() -> dict:
    from rasa.core.actions.action import RemoteAction

    return RemoteAction.action_response_format_spec()


RASA_REPLIES = [
    {"events": [{"event": "slot", "name": "role", "value": "ai_engineer"}], "responses": [{"text": "hi"}]},
    {"events": [{"event": "bot", "text": "x", "timestamp": 1.5}, {"event": "action", "name": "a"}], "responses": []},
    {"events": [{"event": "slot", "name": "role"}], "responses": []},  # no value: invalid
    {"events": [{"event": "nonsense"}], "responses": []},
    {"events": [{"event": "slot", "name": 3, "value": 1}], "responses": []},
    {"events": [], "responses": ["not an object"]},
    {"events": {}, "responses": []},
    {"events": [{"event": "user", "text": "hi", "parse_data": {"intent": {"name": "greet"}}}], "responses": []},
]


@pytest.mark.parametrize("instance", RASA_REPLIES)
def test_rasa_action_replies_get_jsonschemas_verdict(instance, rasa_schema):
    """Rasa's own action-response schema, through the fastjsonschema fast path: the verdicts must not change."""

    def outcome(validate):
        try:
            validate(instance, rasa_schema)
        except jsonschema.ValidationError as error:
            return error.message, list(error.path)
        return None

    assert outcome(jsonschema_validate.cached_validate) == outcome(jsonschema_validate._original)
    quick = jsonschema_validate._quick_check(jsonschema.validators.validator_for(rasa_schema), rasa_schema)
    assert quick is not None and quick.accepts(instance) == (outcome(jsonschema_validate._original) is None)


def test_rasa_schema_has_a_fast_path(rasa_schema):
    jsonschema_validate.cached_validate({"events": [], "responses": []}, rasa_schema)
    assert any(check is not None for check in jsonschema_validate._quick_checks.values())


def test_builds_one_validator_per_distinct_schema():
    jsonschema_validate._validators.clear()
    for _ in range(5):
        jsonschema_validate.cached_validate({"events": []}, dict(SCHEMA))
    assert len(jsonschema_validate._validators) == 1


def test_invalid_schema_is_still_rejected():
    with pytest.raises(jsonschema.SchemaError):
        jsonschema_validate.cached_validate({}, {"type": 12})
