"""Build each JSON-schema validator once instead of on every action-server reply.

Rasa checks every action-server response with `jsonschema.validate(result, schema)`, which first re-checks the
schema against its meta-schema (jsonschema 4.17 picks draft 2020-12, whose `$dynamicRef` resolution is slow) and
builds a new validator. Profiling `rasa run` put that at about a third of its CPU per message (reports/bench.md).
`install()` swaps in a drop-in `validate` that checks and compiles each distinct schema once and then validates
the instance exactly as before, raising the same best-match `ValidationError`. Rasa imports `validate` at call
time, so installing it when Rasa loads careerbot's channels (channels/__init__.py) covers every call.
"""

from __future__ import annotations

import json
from typing import Any, Callable, Dict, Tuple

import jsonschema
from jsonschema.exceptions import best_match
from jsonschema.validators import validator_for

_original: Callable[..., None] = jsonschema.validate
_validators: Dict[Tuple[Any, str], Any] = {}


def cached_validate(instance: Any, schema: Any, cls: type | None = None, *args: Any, **kwargs: Any) -> None:
    """`jsonschema.validate` with the schema check and validator construction done once per distinct schema."""
    if args or kwargs:
        return _original(instance, schema, cls, *args, **kwargs)
    try:
        key = (cls, json.dumps(schema, sort_keys=True))
    except (TypeError, ValueError):  # not JSON-serialisable: cannot key it, validate the slow way
        return _original(instance, schema, cls)
    validator = _validators.get(key)
    if validator is None:
        klass = cls or validator_for(schema)
        klass.check_schema(schema)
        validator = _validators[key] = klass(schema)
    error = best_match(validator.iter_errors(instance))
    if error is not None:
        raise error
    return None


def install() -> None:
    """Make `jsonschema.validate` the cached version (idempotent)."""
    jsonschema.validate = cached_validate
