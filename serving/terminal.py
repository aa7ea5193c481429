"""`rasa shell` as a plain terminal chat: run Rasa's own CLI (`rasa shell ...`) with its console loop replaced.

Rasa 3.6's console shows quick replies as an arrow-key menu that takes the keyboard (typed letters are lost),
prints raw payloads and starts with no greeting; importing Rasa prints ~60 lines of deprecation warnings. Here:

- Python warnings go to a log file (SHELL_WARNINGS_LOG, default logs/shell-warnings.log), not the terminal;
- the chat opens with the bot's greeting (the same "/greet" the widget sends);
- quick replies are numbered options under the answer: typing a number (or an option's title) picks it,
  anything else is sent as typed; payloads are never shown;
- answers are markdown (actions/answers/markdown.py) shown as plain wrapped lines: headings, "  • item";
- pictures sent inline (the widget's charts, data: URIs) are never printed: the text says the same;
- a server error or timeout is one line, and the chat goes on; /stop, Ctrl-D or Ctrl-C leave;
- messages go through careerbot's guard as on the widget and REST (channels/cmdline.py): "forget me" asks, and a
  "yes" (or option 1) erases the conversation.

    python serving/terminal.py shell --model models/careerbot.tar.gz ...   (arguments as for `rasa`)
"""

from __future__ import annotations

import os
import sys
import warnings
from pathlib import Path
from typing import Any, Dict, List, Sequence, TextIO

ROOT = Path(__file__).resolve().parents[1]
GREET = "/greet"
STOP = "/stop"
PROMPT = "You: "
BOT = "Bot: "
MAX_WIDTH = 100


def silence_warnings(log_path: Path) -> None:
    """Send every Python warning to a log file: they are for developers, not for the person chatting."""
    log_path.parent.mkdir(parents=True, exist_ok=True)
    log: TextIO = log_path.open("a", encoding="utf-8")

    def to_log(message: Any, category: type, filename: str, lineno: int, file: Any = None, line: Any = None) -> None:
        log.write(warnings.formatwarning(message, category, filename, lineno, line))
        log.flush()

    warnings.showwarning = to_log


class Style:
    """ANSI styling, only on a terminal that wants colour (NO_COLOR turns it off)."""

    def __init__(self, stream: TextIO) -> None:
        self.on = stream.isatty() and not os.environ.get("NO_COLOR") and os.environ.get("TERM") != "dumb"

    def _wrap(self, code: str, text: str) -> str:
        return f"\033[{code}m{text}\033[0m" if self.on and text else text

    def bot(self, text: str) -> str:
        return self._wrap("34", text)

    def heading(self, text: str) -> str:
        return self._wrap("1;34", text)

    def option(self, text: str) -> str:
        return self._wrap("35", text)

    def note(self, text: str) -> str:
        return self._wrap("2", text)


class Options:
    """The quick replies of the latest bot message, numbered from 1."""

    def __init__(self, buttons: Sequence[Dict[str, Any]] = ()) -> None:
        self.buttons = [b for b in buttons if b.get("payload") and b.get("title")]

    def pick(self, typed: str) -> Dict[str, Any] | None:
        """The button a person means by `typed` (its number or its exact title), or None to send the text."""
        text = typed.strip()
        if text.isdigit() and 1 <= int(text) <= len(self.buttons):
            return self.buttons[int(text) - 1]
        return next((b for b in self.buttons if b["title"].strip().lower() == text.lower()), None)

    def lines(self, style: Style) -> List[str]:
        if not self.buttons:
            return []
        shown = [style.option(f"  {n}. {b['title']}") for n, b in enumerate(self.buttons, 1)]
        return shown + [style.note("  (type a number to choose, or write your own message)")]


def bot_lines(message: Dict[str, Any], width: int, style: Style) -> List[str]:
    """A bot message as terminal lines: 'Bot: ' before the first, the rest indented under it."""
    from actions.answers.markdown import to_terminal

    body: List[str] = []
    if message.get("text"):
        body = to_terminal(str(message["text"]), width - len(BOT), heading_style=style.heading)
    for key in ("image", "attachment"):
        if message.get(key) and not inline_picture(message[key]):
            body.append(f"{key.capitalize()}: {message[key]}")
    if not body:
        return []
    pad = " " * len(BOT)
    out = []
    for i, line in enumerate(body):
        prefix = BOT if i == 0 else (pad if line else "")
        out.append(prefix + line if "\033" in line else style.bot(prefix + line))  # headings come styled
    return out


def inline_picture(value: Any) -> bool:
    """A picture carried in the message itself (a data: URI, as the widget's charts are): never printed, the text
    beside it says the same."""
    payload = value.get("payload") if isinstance(value, dict) else None
    src = payload.get("src", "") if isinstance(payload, dict) else value
    return str(src).lstrip().lower().startswith("data:")


async def record_messages(
    sender_id: str,
    server_url: str = "http://localhost:5005",
    auth_token: str = "",
    max_message_limit: int | None = None,
    use_response_stream: bool = True,
    request_timeout: int | None = None,
) -> int:
    """Replacement for rasa.core.channels.console.record_messages (same signature): the chat loop."""
    import asyncio
    import shutil

    from prompt_toolkit import PromptSession
    from prompt_toolkit.patch_stdout import patch_stdout
    from rasa.core.channels import console

    style = Style(sys.stdout)
    width = min(shutil.get_terminal_size((80, 24)).columns, MAX_WIDTH)

    async def exchange(text: str) -> Options:
        options = Options()
        try:
            async for message in console._send_message_receive_stream(
                server_url, auth_token, sender_id, text, request_timeout=request_timeout
            ):
                lines = bot_lines(message, width, style)
                if lines:
                    print("\n".join(lines), flush=True)
                if message.get("buttons"):
                    options = Options(message["buttons"])
        except Exception as error:  # noqa: BLE001 (any failure of one exchange must not end the chat)
            print(style.note(f"careerbot could not answer ({type(error).__name__}); please try again."), flush=True)
        for line in options.lines(style):
            print(line, flush=True)
        return options

    await asyncio.sleep(0.5)  # the server task starts beside this one
    print(style.note(f"careerbot is ready. Type a question and press Enter; {STOP} leaves."), flush=True)
    options = await exchange(GREET)
    session: PromptSession = PromptSession()
    count = 0
    while max_message_limit is None or count < max_message_limit:
        try:
            with patch_stdout(raw=True):
                typed = await session.prompt_async(PROMPT)
        except (EOFError, KeyboardInterrupt):
            break
        typed = typed.strip()
        if typed == STOP:
            break
        if not typed:
            continue
        chosen = options.pick(typed)
        if chosen is not None:
            print(style.note(f"  → {chosen['title']}"), flush=True)
        options = await exchange(chosen["payload"] if chosen else typed)
        count += 1
    print(style.note("Goodbye."), flush=True)
    return count


def main() -> None:
    silence_warnings(Path(os.environ.get("SHELL_WARNINGS_LOG", ROOT / "logs" / "shell-warnings.log")))
    sys.path.insert(0, str(ROOT))  # the patch fence lives in the project's patches/ package
    from patches.no_tensorflow import model_argument, serve_without_tensorflow

    serve_without_tensorflow(model_argument(sys.argv[1:]))  # before Rasa is imported: a quicker start
    import rasa.core.channels.console as console
    from rasa.__main__ import main as rasa_main

    from channels import cmdline
    from patches import check

    check("rasa.console.record_messages")
    cmdline.install()
    console.record_messages = record_messages
    sys.argv = ["rasa", *sys.argv[1:]]
    rasa_main()


if __name__ == "__main__":
    main()
