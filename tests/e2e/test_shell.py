"""`make run` for real: scripts/shell.sh (action server + `rasa shell`) in a tmux terminal, typed into like a person.

Checks what a person sees: nothing but one start-up line before the bot's greeting (no warnings, no log lines),
quick replies as numbered options; a question typed while options are shown is answered (typing is never
swallowed by a menu), typing "1" picks the first option, no payloads or markdown markers on screen, "forget me"
then "yes" erases the conversation from the tracker store, and /stop leaves with exit code 0, nothing left
running, the shell on 127.0.0.1 on its own ports.
Needs tmux (apt-get install -y tmux): missing, the test fails; it is never skipped.
Screen captures go to test-artifacts/shell/.
"""

from __future__ import annotations

import json
import re
import shutil
import sqlite3
import subprocess
import time
from pathlib import Path
from typing import Callable, List

import pytest

from tests.e2e.servers import ROOT, alive, base_env, descendants, free_port, isolated_endpoints, listening_addresses

pytestmark = pytest.mark.e2e

ARTIFACTS = ROOT / "test-artifacts" / "shell"
GREETING = "I'm careerbot"
PROMPT = "You:"
OPTION = re.compile(r"^\s+(\d+)\. (\S.*)$")
NOISE = ("Warning", "warning", "INFO", "DEBUG", "Traceback", "pkg_resources", "Bot loaded")
NEVER_SHOWN = ("(Use arrow keys)", "Type out your own message", '{"', "/ask_", "/inform", "####", "**", "»")


class Terminal:
    """A tmux session of its own (private server socket), 200x50, UTF-8."""

    def __init__(self, socket: Path, command: str, env: dict) -> None:
        self.tmux = shutil.which("tmux")
        if not self.tmux:
            pytest.fail("tmux is not installed: apt-get install -y tmux", pytrace=False)
        self.socket = socket
        self.env = env
        subprocess.run(
            [
                self.tmux,
                "-S",
                str(socket),
                "new-session",
                "-d",
                "-s",
                "careerbot",
                "-x",
                "200",
                "-y",
                "50",
                "-c",
                str(ROOT),
                command,
                ";",
                "set-option",
                "-t",
                "careerbot",
                "remain-on-exit",
                "on",
            ],
            env=env,
            check=True,
            timeout=30,
        )
        self.pane_pid = int(self._tmux("display-message", "-p", "-t", "careerbot", "#{pane_pid}").strip())

    def _tmux(self, *args: str) -> str:
        done = subprocess.run(
            [self.tmux, "-S", str(self.socket), *args], env=self.env, capture_output=True, text=True, timeout=30
        )
        if done.returncode != 0:
            raise RuntimeError(f"tmux {args}: {done.stderr}")
        return done.stdout

    def screen(self) -> str:
        return self._tmux("capture-pane", "-p", "-J", "-t", "careerbot")

    def history(self) -> str:
        return self._tmux("capture-pane", "-p", "-J", "-S", "-", "-t", "careerbot")

    def type(self, text: str) -> None:
        self._tmux("send-keys", "-t", "careerbot", "-l", text)
        time.sleep(0.2)
        self._tmux("send-keys", "-t", "careerbot", "Enter")

    def key(self, name: str) -> None:
        self._tmux("send-keys", "-t", "careerbot", name)

    def wait_for(self, check: Callable[[str], bool], what: str, timeout: float, history: bool = False) -> str:
        deadline = time.monotonic() + timeout
        while True:
            text = self.history() if history else self.screen()
            if check(text):
                return text
            if time.monotonic() > deadline:
                raise AssertionError(f"no {what} within {timeout}s; the terminal shows:\n{self.history()[-4000:]}")
            time.sleep(0.3)

    def ask(self, typed: str, shows: str, what: str, timeout: float = 120) -> str:
        """Type `typed` and wait until the reply after it shows `shows` and the prompt is back; the whole history."""
        self.type(typed)
        return self.wait_for(
            lambda s: shows in s.split(typed)[-1] and last_line(s) == PROMPT, what, timeout, history=True
        )

    def kill(self) -> None:
        subprocess.run(
            [self.tmux, "-S", str(self.socket), "kill-server"], env=self.env, capture_output=True, timeout=30
        )


def user_texts(db: Path) -> List[str]:
    """Every stored user message (the shell's is the only conversation in the test's own database)."""
    with sqlite3.connect(db) as connection:
        rows = connection.execute("SELECT data FROM events WHERE type_name = 'user'").fetchall()
    return [json.loads(row[0]).get("text") for row in rows]


def last_line(screen: str) -> str:
    lines = [line.strip() for line in screen.splitlines() if line.strip()]
    return lines[-1] if lines else ""


def options_after(text: str, marker: str) -> List[str]:
    """The numbered options shown after the last occurrence of `marker`, in order."""
    return [m.group(2).strip() for m in map(OPTION.match, text.split(marker)[-1].splitlines()) if m]


def test_rasa_shell_is_a_clean_chat_and_leaves_nothing_behind(tmp_path: Path) -> None:
    shutil.rmtree(ARTIFACTS, ignore_errors=True)
    ARTIFACTS.mkdir(parents=True)
    shell_port, actions_port = free_port(), free_port()
    exit_file = tmp_path / "exit-code"
    env = base_env(
        SHELL_PORT=str(shell_port),
        SHELL_ACTIONS_PORT=str(actions_port),
        BIND_HOST="127.0.0.1",
        ENDPOINTS=str(isolated_endpoints(tmp_path)),
        ACTIONS_LOG=str(ARTIFACTS / "actions.log"),
        SHELL_WARNINGS_LOG=str(ARTIFACTS / "warnings.log"),
        LANG="C.UTF-8",
        LC_ALL="C.UTF-8",
        TERM="xterm-256color",
    )
    env.pop("TMUX", None)
    term = Terminal(tmp_path / "tmux.sock", f"bash scripts/shell.sh; echo $? > {exit_file}", env)
    processes: List[int] = []
    try:
        # The greeting comes first, with its quick replies as numbered options, then the prompt.
        start = term.wait_for(lambda s: last_line(s) == PROMPT, "greeting and prompt", 480, history=True)
        processes = descendants(term.pane_pid)
        before_greeting = [line for line in start.split(GREETING)[0].splitlines() if line.strip()]
        assert len(before_greeting) <= 3, f"lines before the greeting:\n{chr(10).join(before_greeting)}"
        assert not [line for line in before_greeting if any(word in line for word in NOISE)], before_greeting
        assert options_after(start, GREETING)[:3] == ["Compare the roles", "Salaries", "Which role fits me?"], start
        assert listening_addresses(shell_port) == ["127.0.0.1"], listening_addresses(shell_port)
        assert listening_addresses(actions_port) == ["127.0.0.1"], listening_addresses(actions_port)

        # Options are shown, yet typed text is a message: no menu takes the keyboard.
        term.type("what does an ML engineer earn?")
        answer = term.wait_for(lambda s: "$90,000–$115,000" in s and last_line(s) == PROMPT, "salary answer", 120)
        assert "US, 2026 outlook" in answer
        assert "  • Machine Learning Engineer, entry level: $90,000–$115,000" in answer, answer
        follow = term.ask("and at senior level?", "$145,000–$180,000+", "follow-up answer")
        choices = options_after(follow, "and at senior level?")
        assert choices, f"the follow-up answer should offer numbered options:\n{follow[-2000:]}"

        # "1" picks the first option: its title is echoed and the bot answers it.
        term.type("1")
        picked = term.wait_for(
            lambda s: f"→ {choices[0]}" in s and "Bot:" in s.split(f"→ {choices[0]}")[-1] and last_line(s) == PROMPT,
            f"an answer to option 1 ({choices[0]!r})",
            120,
            history=True,
        )
        (ARTIFACTS / "terminal.txt").write_text(picked)
        for marker in NEVER_SHOWN:
            assert marker not in picked, f"the terminal shows {marker!r}:\n{picked[-3000:]}"

        # A salary comparison has a chart in the widget (docs/charts.md); the terminal shows its text, no picture.
        compared = term.ask("which role pays more?", "Pay compared", "the salary comparison").split(
            "which role pays more?"
        )[-1]
        assert "$145,000–$180,000+" in compared, compared
        for marker in ("svg", "base64", "data:", "Attachment:", "Image:"):
            assert marker not in compared, f"the terminal shows {marker!r}:\n{compared[-3000:]}"

        # "forget me" asks (numbered options), a typed "yes" erases: the terminal's conversation leaves the database.
        db = tmp_path / "careerbot.db"
        assert user_texts(db), "the shell's conversation should be in its tracker store"
        asked = term.ask("forget me", "erase this conversation", "the erasure question")
        assert options_after(asked, "forget me") == ["Yes, erase", "No, keep it"], asked[-1500:]
        assert "Okay, stopped" not in asked.split("forget me")[-1]
        term.type("yes")
        term.wait_for(lambda s: "this conversation is erased" in s and last_line(s) == PROMPT, "the erasure", 60)
        assert user_texts(db) == [], "the terminal's conversation is still stored after 'yes'"

        term.type("/stop")
        deadline = time.monotonic() + 90
        while not exit_file.exists() or not exit_file.read_text().strip():
            if time.monotonic() > deadline:
                raise AssertionError(f"scripts/shell.sh did not end after /stop:\n{term.history()[-3000:]}")
            time.sleep(0.3)
        (ARTIFACTS / "terminal.txt").write_text(term.history())
        assert exit_file.read_text().strip() == "0", f"exit code {exit_file.read_text().strip()}"

        # Checked before tmux is killed (its SIGHUP would end leftovers and hide them).
        assert len(processes) >= 3, f"expected shell.sh, rasa and the action server under the pane: {processes}"
        deadline = time.monotonic() + 15
        while any(alive(pid) for pid in processes) and time.monotonic() < deadline:
            time.sleep(0.2)
        left = [pid for pid in processes if alive(pid)]
        assert left == [], f"processes left behind after /stop: {left}"
        assert listening_addresses(shell_port) == [] and listening_addresses(actions_port) == []
    finally:
        if not (ARTIFACTS / "terminal.txt").exists():
            try:
                (ARTIFACTS / "terminal.txt").write_text(term.history())
            except RuntimeError:
                pass
        term.kill()
