"""`make run` for real: scripts/shell.sh (action server + `rasa shell`) in a tmux terminal, typed into like a person.

Asks a salary question and a follow-up, picks "Type out your own message..." in the quick-reply menu that
`rasa shell` shows after an answer with buttons, leaves with /stop, then checks the exit code, that the
shell bound 127.0.0.1 on its own ports, and that no process (the action server included) is left behind.
Needs tmux (apt-get install -y tmux): missing, the test fails; it is never skipped.
Screen captures go to test-artifacts/shell/.
"""

from __future__ import annotations

import shutil
import subprocess
import time
from pathlib import Path
from typing import Callable, List

import pytest

from tests.e2e.servers import ROOT, alive, base_env, descendants, free_port, isolated_endpoints, listening_addresses

pytestmark = pytest.mark.e2e

ARTIFACTS = ROOT / "test-artifacts" / "shell"
FREE_TEXT = "Type out your own message..."
POINTER = "»"  # questionary's marker of the selected choice


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

    def kill(self) -> None:
        subprocess.run(
            [self.tmux, "-S", str(self.socket), "kill-server"], env=self.env, capture_output=True, timeout=30
        )


def last_line(screen: str) -> str:
    lines = [line.strip() for line in screen.splitlines() if line.strip()]
    return lines[-1] if lines else ""


def choose_free_text(term: Terminal) -> None:
    """In the quick-reply menu that follows an answer with buttons, move to "Type out your own message..."."""
    term.wait_for(lambda s: FREE_TEXT in s, "quick-reply menu", 30)
    for _ in range(12):
        selected = [line for line in term.screen().splitlines() if POINTER in line]
        if selected and FREE_TEXT in selected[-1]:
            term.key("Enter")
            return
        term.key("Down")
        time.sleep(0.3)
    raise AssertionError(f"could not select {FREE_TEXT!r}:\n{term.screen()}")


def test_rasa_shell_answers_and_leaves_nothing_behind(tmp_path: Path) -> None:
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
        LANG="C.UTF-8",
        LC_ALL="C.UTF-8",
        TERM="xterm-256color",
    )
    env.pop("TMUX", None)
    term = Terminal(tmp_path / "tmux.sock", f"bash scripts/shell.sh; echo $? > {exit_file}", env)
    processes: List[int] = []
    try:
        term.wait_for(lambda s: "Bot loaded" in s, "'Bot loaded' from rasa shell", 480, history=True)
        processes = descendants(term.pane_pid)
        assert listening_addresses(shell_port) == ["127.0.0.1"], listening_addresses(shell_port)
        assert listening_addresses(actions_port) == ["127.0.0.1"], listening_addresses(actions_port)

        term.type("what does an ML engineer earn?")
        answer = term.wait_for(lambda s: "$90,000–$115,000" in s, "salary answer", 120, history=True)
        assert "US, 2026 outlook" in answer
        choose_free_text(term)
        term.wait_for(lambda s: last_line(s).startswith("Your input ->"), "free-text prompt", 30)
        term.type("and at senior level?")
        term.wait_for(
            lambda s: "$145,000–$180,000+" in s.split("and at senior level?")[-1], "follow-up answer", 120, history=True
        )
        choose_free_text(term)
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
