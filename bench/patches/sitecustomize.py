"""Bench-only lever (`run_bench.py --patch jsonschema`): put on PYTHONPATH of `rasa run` to load at start-up.

Rasa validates every action-server response with `jsonschema.validate(result, schema)`, which re-checks the
schema itself against its meta-schema on every call (with jsonschema 4.17 and no "$schema": the 2020-12
meta-schema, whose $dynamicRef resolution is slow). The profile puts that at about 30 % of `rasa run`'s CPU per
message. This wraps `jsonschema.validate` so the schema is checked and its validator built once per distinct
schema; instances are validated exactly as before and the same ValidationError (best_match) is raised.
"""

import json

import jsonschema
from jsonschema.exceptions import best_match
from jsonschema.validators import validator_for

_original = jsonschema.validate
_validators = {}


def validate(instance, schema, cls=None, *args, **kwargs):
    if args or kwargs:
        return _original(instance, schema, cls, *args, **kwargs)
    try:
        key = (cls, json.dumps(schema, sort_keys=True))
    except (TypeError, ValueError):
        return _original(instance, schema, cls)
    validator = _validators.get(key)
    if validator is None:
        klass = cls or validator_for(schema)
        klass.check_schema(schema)
        validator = _validators[key] = klass(schema)
    error = best_match(validator.iter_errors(instance))
    if error is not None:
        raise error


jsonschema.validate = validate
