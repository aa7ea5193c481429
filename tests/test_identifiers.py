"""Identifiers and texts from outside (channels/identifiers.py), and the REST and socket.io checks that use them."""

from __future__ import annotations

import json
from types import SimpleNamespace

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from channels.identifiers import MAX_ID_CHARS, clean_text, valid_identifier, valid_metadata_keys
from channels.rest import parse_body
from channels.socketio import clean_payload, clean_session_request

HOSTILE_IDS = ["pt\udfff", "\ud800", "a\x00b", "\x00", "tab\there", "bell\x07", "\x1b[31mred", "line\u2028sep",
               "zero\u200bwidth", "x" * (MAX_ID_CHARS + 1), "x" * 10_000, " ", "", "\u202eevil"]  # fmt: skip


@pytest.mark.parametrize("sender", HOSTILE_IDS)
def test_hostile_sender_ids_are_refused(sender):
    assert not valid_identifier(sender)
    body = json.dumps({"sender": sender, "message": "hi"}).encode()  # \udfff stays a JSON escape, as sent
    reply = parse_body(SimpleNamespace(body=body))
    assert reply.status == 400 and "printable" in json.loads(reply.body)["error"]
    assert clean_payload({"message": "hi", "session_id": sender}, "metadata", True) is None
    assert clean_session_request({"session_id": sender}) == {}


@pytest.mark.parametrize("sender", ["alice", "8f2c0e", "ünï cödé", "x" * MAX_ID_CHARS, "user@example.com"])
def test_ordinary_sender_ids_are_kept(sender):
    assert valid_identifier(sender)
    assert parse_body(SimpleNamespace(body=json.dumps({"sender": sender, "message": "hi"}).encode()))[0] == sender


def test_metadata_keys_must_be_printable_at_any_depth():
    assert valid_metadata_keys({"language": "en", "nested": [{"ok": 1}]})
    for bad in ({"a\x00": 1}, {"x": {"pt\udfff": 1}}, {"x": [{"": 1}]}):
        assert not valid_metadata_keys(bad)
        body = json.dumps({"sender": "a", "message": "hi", "metadata": bad}).encode()
        assert parse_body(SimpleNamespace(body=body)).status == 400
        assert clean_payload({"message": "hi", "session_id": "s", "metadata": bad}, "metadata", True)["metadata"] == {}


def test_clean_text_drops_escapes_controls_and_surrogates():
    assert clean_text("\x1b[2J\x1b[31mred\x1b[0m text\x00\x07\udfff") == "red text"
    assert clean_text("\x1b]0;title\x07hi") == "hi"
    assert clean_text("two\nlines\tand tab") == "two\nlines\tand tab"
    assert clean_text("café ✓ 😀") == "café ✓ 😀"


@settings(max_examples=500, deadline=None)
@given(st.text(alphabet=st.characters(), max_size=200))
def test_clean_text_leaves_nothing_unencodable_or_controlling(text):
    cleaned = clean_text(text)
    cleaned.encode("utf-8")  # no lone surrogate left
    assert not any(ord(c) < 32 and c not in "\t\n" or 0x7F <= ord(c) <= 0x9F for c in cleaned)


@settings(max_examples=500, deadline=None)
@given(st.text(alphabet=st.characters(), max_size=200))
def test_every_accepted_identifier_is_storable(value):
    if valid_identifier(value):
        value.encode("utf-8")
        assert "\x00" not in value and len(value) <= MAX_ID_CHARS
