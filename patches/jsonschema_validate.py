"""Build each JSON-schema validator once instead of on every action-server reply.

Rasa checks every action-server response with `jsonschema.validate(result, schema)`, which first re-checks the
schema against its meta-schema (jsonschema 4.17 picks draft 2020-12, whose `$dynamicRef` resolution is slow) and
builds a new validator. Profiling `rasa run` put that at about a third of its CPU per message (reports/bench.md).
`install()` swaps in a drop-in `validate` that checks and compiles each distinct schema once and then validates
the instance exactly as before, raising the same best-match `ValidationError`. Rasa imports `validate` at call
time, so installing it when Rasa loads careerbot's channels (channels.install_rasa_patches) covers every call.
Version-fenced in patches/__init__.py ("jsonschema.validate").

Even with the validator built once, jsonschema spends 2-4 ms per reply on the `oneOf` of Rasa's event schema:
every event is tried against all 23 event kinds. Those kinds are told apart by a required `event` key with a
different `const` in each, so an event can only match the kind its `event` names. `_DiscriminatedCheck` checks
each event against that kind alone and the rest of the reply against the schema without the `oneOf`; that is
the same verdict, as long as the schema has that shape (checked when it is built). It only ever accepts: any
reply it does not accept goes through the full validator, which gives the verdict and the error message.
"""

from __future__ import annotations

import copy
import json
from typing import Any, Callable, Dict, Tuple

import jsonschema
from jsonschema.exceptions import best_match
from jsonschema.validators import validator_for

from patches import check

_original: Callable[..., None] = jsonschema.validate
_validators: Dict[Tuple[Any, str], Any] = {}
_quick_checks: Dict[Tuple[Any, str], _DiscriminatedCheck | None] = {}


class _DiscriminatedCheck:
    """Accepts exactly what the full schema accepts, for schemas whose array property items are a `oneOf` of
    branches told apart by one required key's `const` (Rasa's events: `event`); see the module docstring."""

    def __init__(self, klass: Any, schema: Dict[str, Any]) -> None:
        self.arrays: Dict[str, Tuple[str, Dict[str, Any]]] = {}  # property -> (key, validator per const)
        rest = copy.deepcopy(schema)
        for name, prop in (schema.get("properties") or {}).items():
            found = self._split(klass, prop.get("items") if isinstance(prop, dict) else None)
            if found:
                self.arrays[name] = found
                rest["properties"][name] = {key: value for key, value in prop.items() if key != "items"}
        if not self.arrays:
            raise ValueError("no discriminated oneOf")
        self.rest = klass(rest)

    @staticmethod
    def _split(klass: Any, items: Any) -> Tuple[str, Dict[str, Any]] | None:
        if not isinstance(items, dict) or not isinstance(items.get("oneOf"), list) or "$ref" in json.dumps(items):
            return None
        base = {key: value for key, value in items.items() if key != "oneOf"}
        for key in base.get("required", []):
            consts = [branch.get("properties", {}).get(key, {}).get("const") for branch in items["oneOf"]]
            if all(isinstance(c, str) for c in consts) and len(set(consts)) == len(consts):
                return key, {
                    c: klass({"allOf": [base, branch]}) for c, branch in zip(consts, items["oneOf"], strict=True)
                }
        return None

    def accepts(self, instance: Any) -> bool:
        if not self.rest.is_valid(instance):
            return False
        for name, (key, by_const) in self.arrays.items():
            items = instance.get(name, []) if isinstance(instance, dict) else []
            if not isinstance(items, list):  # the schema without `items` may not say it must be an array
                return False
            for item in items:
                kind = item.get(key) if isinstance(item, dict) else None
                validator = by_const.get(kind) if isinstance(kind, str) else None
                if validator is None or not validator.is_valid(item):
                    return False
        return True


def _quick_check(klass: Any, schema: Any) -> _DiscriminatedCheck | None:
    try:
        return _DiscriminatedCheck(klass, schema) if isinstance(schema, dict) else None
    except (ValueError, TypeError, AttributeError):  # not that shape: the full validator alone decides
        return None


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
        _quick_checks[key] = _quick_check(klass, schema)
    quick = _quick_checks.get(key)
    if quick is not None and quick.accepts(instance):
        return None
    error = best_match(validator.iter_errors(instance))
    if error is not None:
        raise error
    return None


def install() -> None:
    """Make `jsonschema.validate` the cached version (idempotent), if jsonschema is a version it was written for."""
    check("jsonschema.validate")
    jsonschema.validate = cached_validate
