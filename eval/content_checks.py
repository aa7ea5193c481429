"""Content checks of one reply: the facts a turn of a conversation set says it must and must not contain.

The same rules as the blind writers' checker (../shared/tools/qa_check.py, whose docstring defines the YAML
format), copied here so that the project's instrument does not depend on a file outside the repository:

- `numbers: [145000, 180000]`: every number must appear ($145,000, 145k and 145000 all match 145000);
- `any: [["deploy", "production"], ...]`: for EACH group at least one substring (case-insensitive);
- `none: ["$85,000"]`: substrings that must not appear.

The text checked is every text message of the reply plus its button titles (and any custom payload as JSON).
"""

from __future__ import annotations

import json
import re
from typing import Any, Iterable, List, Mapping, Set

NUM = re.compile(r"\$?\s*(\d{1,3}(?:,\d{3})+|\d+(?:\.\d+)?)\s*([kK]\b)?")


def numbers_in(text: str) -> Set[int]:
    """The numbers written in `text`, '$145,000' and '145k' both as 145000."""
    found: Set[int] = set()
    for match in NUM.finditer(text):
        raw, thousands = match.group(1), match.group(2)
        try:
            value = float(raw.replace(",", ""))
        except ValueError:
            continue
        if thousands:
            value *= 1000
        found.add(int(round(value)))
    return found


def reply_text(messages: Iterable[Mapping[str, Any]]) -> str:
    """What a person sees of a REST reply: each message's text, its button titles, its custom payload."""
    parts: List[str] = []
    for message in messages:
        if message.get("text"):
            parts.append(str(message["text"]))
        for button in message.get("buttons") or []:
            parts.append(str(button.get("title", "")))
        if message.get("custom"):
            parts.append(json.dumps(message["custom"]))
    return "\n".join(parts)


def check(turn: Mapping[str, Any], reply: str) -> List[str]:
    """Why `reply` fails `turn`'s checks (empty when it passes)."""
    low = reply.lower()
    why: List[str] = []
    if not reply.strip():
        why.append("empty reply")
    want = {int(n) for n in turn.get("numbers") or []}
    if want:
        missing = sorted(want - numbers_in(reply))
        if missing:
            why.append(f"missing numbers {missing}")
    for group in turn.get("any") or []:
        options = [group] if isinstance(group, str) else list(group)
        if not any(str(o).lower() in low for o in options):
            why.append(f"none of {options}")
    for bad in turn.get("none") or []:
        if str(bad).lower() in low:
            why.append(f"forbidden {bad!r}")
    return why
