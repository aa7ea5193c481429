"""Remember which Event class a type name stands for, instead of walking every Event subclass each time.

Rasa 3.6's `Event.resolve_by_type` (rasa/shared/core/events.py) searches `all_subclasses(Event)` on every call, and
it is called for every event of every action server reply (deserialise_events) and for every stored event read
back: about 2 % of `rasa run`'s CPU per message in the profile (bench/notes.md). `install()` puts a version in
front that remembers each name it resolved to a class; a name it has not seen, a name with no class ("topic",
unknown names, with or without a default) goes to Rasa's own search every time, so errors and defaults are
Rasa's. An Event subclass defined later cannot change an answer already given only if it reuses a type name, which
Rasa's own classes never do. Installed with the other serving patches (channels.install_rasa_patches).
Version-fenced in patches/__init__.py ("rasa.Event.resolve_by_type").
"""

from __future__ import annotations

from typing import Dict, Type

from rasa.shared.core.events import Event

from patches import check

_original = Event.resolve_by_type
_found: Dict[str, Type[Event]] = {}


def resolve_by_type(type_name: str, default: Type[Event] | None = None) -> Type[Event] | None:
    """Event.resolve_by_type with the classes it found remembered."""
    found = _found.get(type_name)
    if found is not None:
        return found
    resolved = _original(type_name, default)
    if resolved is not None and resolved is not default:
        _found[type_name] = resolved
    return resolved


def install() -> None:
    """Replace Event.resolve_by_type in this process (idempotent)."""
    check("rasa.Event.resolve_by_type")
    Event.resolve_by_type = staticmethod(resolve_by_type)  # type: ignore[method-assign,assignment]


def uninstall() -> None:
    """Rasa's own search again (tests)."""
    Event.resolve_by_type = staticmethod(_original)  # type: ignore[method-assign,assignment]
    _found.clear()
