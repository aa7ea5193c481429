"""patches/event_classes.py: Event.resolve_by_type remembers classes and otherwise answers as Rasa does."""

from __future__ import annotations

import pytest
from rasa.shared.core.events import ActionExecuted, Event, SlotSet, UserUttered, deserialise_events

from patches import event_classes


@pytest.fixture
def installed():
    event_classes.install()
    yield
    event_classes.uninstall()


def test_same_classes_defaults_and_errors_as_rasa(installed):
    for name, cls in (("slot", SlotSet), ("user", UserUttered), ("action", ActionExecuted)):
        assert Event.resolve_by_type(name) is cls
        assert Event.resolve_by_type(name) is cls  # remembered
        assert event_classes._found[name] is cls
    assert Event.resolve_by_type("topic") is None
    assert Event.resolve_by_type("no such event", default=SlotSet) is SlotSet
    assert "no such event" not in event_classes._found  # a default is never remembered for a name
    with pytest.raises(ValueError, match="Unknown event name"):
        Event.resolve_by_type("no such event")


def test_events_from_an_action_reply_deserialise_the_same(installed):
    dicts = [
        {"event": "slot", "name": "fit_role", "value": "ai_engineer", "timestamp": None},
        {"event": "action", "name": "action_listen", "timestamp": None},
        {"event": "followup", "name": "action_recommend_role", "timestamp": None},
    ]
    patched = deserialise_events(dicts)
    event_classes.uninstall()
    assert deserialise_events(dicts) == patched and len(patched) == 3
