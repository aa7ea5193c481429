"""What an identifier or a text from outside may contain before it reaches Rasa or a tracker store.

A sender id (REST `sender`, the widget's socket.io `session_id`) becomes a database key: a lone UTF-16
surrogate cannot be encoded for SQLite (UnicodeEncodeError) and PostgreSQL refuses NUL, and such an error inside
Rasa's SQLTrackerStore once stopped the whole server. So identifiers must be printable Unicode (str.isprintable:
no control, format, surrogate, private-use or unassigned characters, no separator but the space), not blank, and
at most MAX_ID_CHARS characters; metadata keys follow the same rule. Message texts are cleaned rather than
refused: control characters (ANSI escapes included) and lone surrogates are dropped, tabs and newlines kept.
"""

from __future__ import annotations

import os
import re
from typing import Any

MAX_ID_CHARS = int(os.environ.get("CAREERBOT_MAX_ID_CHARS", "128"))
MAX_METADATA_DEPTH = 20
# An ANSI/VT100 escape sequence (CSI ... final byte, or ESC + one character), then any other control character.
_ANSI = re.compile(r"\x1b(?:\[[0-?]*[ -/]*[@-~]|\][^\x07\x1b]*(?:\x07|\x1b\\)?|[@-_])")
_UNWANTED = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f\ud800-\udfff]")


def valid_identifier(value: Any, max_chars: int = MAX_ID_CHARS) -> bool:
    """True for a non-blank str of printable characters, at most `max_chars` long."""
    return isinstance(value, str) and 0 < len(value) <= max_chars and bool(value.strip()) and value.isprintable()


def identifier_problem(value: Any, name: str) -> str | None:
    """None when `value` is a valid identifier, else one sentence saying what is wrong (for a 400 body)."""
    if valid_identifier(value):
        return None
    return (
        f"'{name}' must be a non-empty string of at most {MAX_ID_CHARS} printable characters "
        "(no control characters, NUL or lone surrogates)"
    )


def valid_metadata_keys(metadata: Any, depth: int = 0) -> bool:
    """True when every key of every object inside `metadata` is a valid identifier."""
    if depth > MAX_METADATA_DEPTH:
        return False
    if isinstance(metadata, dict):
        return all(valid_identifier(k) and valid_metadata_keys(v, depth + 1) for k, v in metadata.items())
    if isinstance(metadata, list):
        return all(valid_metadata_keys(v, depth + 1) for v in metadata)
    return True


def clean_text(text: str) -> str:
    """The text without ANSI escapes, control characters (tabs and newlines stay) and lone surrogates."""
    if text.isprintable():  # the common case: nothing to do
        return text
    return _UNWANTED.sub("", _ANSI.sub("", text))
