"""The cached jsonschema.validate behaves exactly like the original, and builds each validator once."""

from __future__ import annotations

import jsonschema
import pytest

from channels import validation_cache

SCHEMA = {
    "type": "object",
    "properties": {"events": {"type": "array"}, "responses": {"type": "array"}},
    "required": ["events"],
}


def test_installed_when_channels_load():
    assert jsonschema.validate is validation_cache.cached_validate


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

    assert outcome(validation_cache.cached_validate) == outcome(validation_cache._original)


def test_builds_one_validator_per_distinct_schema():
    validation_cache._validators.clear()
    for _ in range(5):
        validation_cache.cached_validate({"events": []}, dict(SCHEMA))
    assert len(validation_cache._validators) == 1


def test_invalid_schema_is_still_rejected():
    with pytest.raises(jsonschema.SchemaError):
        validation_cache.cached_validate({}, {"type": 12})
