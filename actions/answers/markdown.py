"""Answer text as markdown: laid out for the chat widget, and translated back to plain lines for the terminal.

Renderers write plain lines ("Heading:" then one "- item" per line). `layout` makes the structure explicit in
one place, for the markdown parser inside rasa-webchat 1.0.1 (react-markdown 4 on remark-parse 5):

- consecutive list items form one list with a blank line before and after it: in remark-parse 5 a list cannot
  interrupt a paragraph (it would show as text), and a line right after a list joins its last item;
- items that are numbered ("- 1. Data Ingestion") become an ordered list ("1. Data Ingestion"), not a bullet
  holding a one-item numbered list;
- a short line ending in ":" just above a list becomes a sub-heading ("#### Why, from your answers:");
- in an answer with sub-headings, a short one-line first paragraph is its headline, in bold
  ("**My recommendation: Machine Learning Engineer.**").

Blocks are separated by a line holding one space, not an empty line: markdown reads both as a blank line, but
Rasa's socket.io channel splits a text at every empty line into separate messages (a heading in one bubble,
its list in the next), and one answer belongs in one bubble.

`to_terminal` turns the same text into what `rasa shell` prints: headings as lines of their own, items as
"  • item" with wrapped lines indented under the item's text, no markdown markers.
"""

from __future__ import annotations

import re
import textwrap
from typing import Callable, List, Tuple

LIST_ITEM = "- "
HEADING = "#### "
BREAK = "\n \n"  # a blank line to markdown, no message split to Rasa's socket.io channel (see above)
HEADING_MAX_CHARS = 80  # longer lines ending in ":" are sentences introducing a list, not headings
HEADLINE_MAX_CHARS = 100
_ITEM_MARKERS = ("- ", "• ", "* ")
_BOLD = re.compile(r"\*\*(.+?)\*\*")
_LINK = re.compile(r"\[([^\]]+)\]\(([^)\s]+)\)")
_NUMBERED = re.compile(r"^\d{1,3}[.)] \S")
_ACTIVE = re.compile(r"([\\`*_\[\]<>|~#])")  # characters that would format, link or open HTML in the widget
_ESCAPED = re.compile(r"\\([\\`*_\[\]<>|~#])")


def escape(text: str) -> str:
    """Text a person typed, made inert in markdown and HTML (backslash escapes; the terminal removes them)."""
    return _ACTIVE.sub(r"\\\1", text)


def item_text(line: str) -> str | None:
    """The text of a list item line ("- x", "• x"; "1. x" keeps its number), or None for any other line."""
    if _NUMBERED.match(line):
        return line
    for marker in _ITEM_MARKERS:
        if line.startswith(marker) and line[len(marker) :].strip():
            return line[len(marker) :].strip()
    return None


def _is_heading(line: str) -> bool:
    return line.endswith(":") and len(line) <= HEADING_MAX_CHARS and not line.startswith("#")


def _is_headline(line: str) -> bool:
    return len(line) <= HEADLINE_MAX_CHARS and not line.startswith(("#", "**")) and "*" not in line


def _blocks(text: str) -> List[Tuple[str, List[str]]]:
    """Group lines into ("list" | "text", lines) blocks; a blank line always ends a block."""
    blocks: List[Tuple[str, List[str]]] = []
    open_block = False
    for raw in text.strip().splitlines():
        line = raw.rstrip()
        if not line.strip():
            open_block = False
            continue
        item = item_text(line)
        if item is None:
            kind, content = "text", line
        else:
            kind, content = "list", item if _NUMBERED.match(item) else LIST_ITEM + item
        if open_block and blocks[-1][0] == kind:
            blocks[-1][1].append(content)
        else:
            blocks.append((kind, [content]))
        open_block = True
    return blocks


def layout(text: str) -> str:
    """Markdown for `text`: lists set apart by blank lines, the short line that introduces a list as a heading.

    Idempotent, so text that is laid out twice (an answer built from other answers) comes out the same.
    """
    blocks = _blocks(text)
    out: List[List[str]] = []
    for i, (kind, lines) in enumerate(blocks):
        followed_by_list = i + 1 < len(blocks) and blocks[i + 1][0] == "list"
        if kind == "text" and followed_by_list and _is_heading(lines[-1]):
            if lines[:-1]:
                out.append(lines[:-1])
            out.append([HEADING + lines[-1]])
        else:
            out.append(lines)
    has_headings = any(lines[0].startswith(HEADING) for lines in out[1:])
    if has_headings and len(out[0]) == 1 and _is_headline(out[0][0]):
        out[0] = [f"**{out[0][0]}**"]
    return BREAK.join("\n".join(lines) for lines in out)


def _inline(text: str) -> str:
    """Inline markdown as plain text: **bold** -> bold, [title](url) -> title (url)."""
    return _ESCAPED.sub(r"\1", _LINK.sub(r"\1 (\2)", _BOLD.sub(r"\1", text)))


def to_terminal(text: str, width: int = 80, heading_style: Callable[[str], str] = str) -> List[str]:
    """The lines a terminal shows for markdown `text`, wrapped at `width` (headings passed through heading_style).

    Blank lines are dropped except one before each heading, so an answer stays compact but its parts stand out.
    """
    width = max(width, 30)
    out: List[str] = []
    for line in text.strip().splitlines():
        if not line.strip():
            continue
        item = item_text(line)
        if line.startswith("#") or _BOLD.fullmatch(line.strip()):
            if out and line.startswith("#"):
                out.append("")
            out.extend(heading_style(part) for part in textwrap.wrap(_inline(line.lstrip("#").strip()), width))
        elif item is not None and _NUMBERED.match(item):
            number, rest = item.split(" ", 1)
            first = f"  {number} "
            out.extend(textwrap.wrap(_inline(rest), width, initial_indent=first, subsequent_indent=" " * len(first)))
        elif item is not None:
            out.extend(textwrap.wrap(_inline(item), width, initial_indent="  • ", subsequent_indent="    "))
        else:
            out.extend(textwrap.wrap(_inline(line), width))
    return out
