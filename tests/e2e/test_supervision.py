"""`make serve` keeps running when its parts crash: scripts/serve.sh started as `make serve` starts it.

Each part (action server, Rasa, chat page) is killed with SIGKILL while a client keeps talking; the part
must answer again within 15 s (within 5 s for Rasa and the action server, whose warm standby takes over)
and every message sent meanwhile must get a reply. Ctrl-C (SIGINT) stops everything; so does killing the
supervisor itself.
"""

from __future__ import annotations

import os
import re
import signal
import subprocess
import threading
import time
from pathlib import Path
from typing import Iterator, List

import pytest
import requests

from tests.e2e.servers import MODEL, ROOT, alive, base_env, descendants, free_port, isolated_endpoints, stop_process

pytestmark = pytest.mark.e2e

RECOVERY_SECONDS = 15


class Stack:
    """scripts/serve.sh in a subprocess, on free ports, with its own SQLite store."""

    def __init__(self, tmp: Path, standby: bool = True) -> None:
        self.rasa_port, self.actions_port, self.web_port = free_port(), free_port(), free_port()
        self.log = tmp / "serve.log"
        env = base_env(
            RASA_PORT=str(self.rasa_port),
            ACTIONS_PORT=str(self.actions_port),
            WEB_PORT=str(self.web_port),
            CAREERBOT_MODEL=str(MODEL),
            ENDPOINTS=str(isolated_endpoints(tmp)),
            CAREERBOT_STANDBY="1" if standby else "0",
            CAREERBOT_RATE_PER_SENDER="100",  # the chatter sends ~4 messages a second: supervision, not rate limits
        )
        self.proc = subprocess.Popen(
            ["scripts/serve.sh"], cwd=ROOT, env=env, stdout=self.log.open("w"), stderr=subprocess.STDOUT
        )

    def text(self) -> str:
        return self.log.read_text(errors="replace")

    def wait_for(self, pattern: str, timeout: float) -> re.Match:
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            match = re.search(pattern, self.text())
            if match:
                return match
            if self.proc.poll() is not None:
                break
            time.sleep(0.3)
        raise AssertionError(f"no {pattern!r} in the serve log:\n{self.text()[-4000:]}")

    def pid(self, part: str) -> int:
        """The pid of the process currently serving `part`, from the supervisor's log lines."""
        pid = None
        for line in self.text().splitlines():
            started = re.match(rf"careerbot: started {part} \(pid (\d+)\)", line)
            took_over = re.match(rf"careerbot: {part} \(pid \d+\) .*; standby \(pid (\d+)\) takes over", line)
            if started or took_over:
                pid = int((started or took_over).group(1))
        assert pid is not None, f"no pid for {part} in the serve log"
        return pid

    def say(self, sender: str, text: str, timeout: float = 60) -> List[dict]:
        reply = requests.post(
            f"http://127.0.0.1:{self.rasa_port}/webhooks/rest/webhook",
            json={"sender": sender, "message": text},
            timeout=timeout,
        )
        reply.raise_for_status()
        return reply.json()

    def stop(self) -> None:
        stop_process(self.proc, signal.SIGINT, timeout=30)


@pytest.fixture(scope="module")
def stack(tmp_path_factory) -> Iterator[Stack]:
    stack = Stack(tmp_path_factory.mktemp("supervision"))
    try:
        stack.wait_for(r"careerbot is up", 600)
        stack.wait_for(r"standby Rasa \(pid \d+\) loaded", 600)
        stack.wait_for(r"standby action server \(pid \d+\) loaded", 600)
        yield stack
    finally:
        stack.stop()


class Chatter(threading.Thread):
    """A person who keeps sending messages (one at a time) and records what came back."""

    def __init__(self, stack: Stack, sender: str) -> None:
        super().__init__(daemon=True)
        self.stack, self.sender = stack, sender
        self.done = threading.Event()
        self.results: List[str] = []  # reply text, or "ERROR: ..." when nothing came back

    def run(self) -> None:
        while not self.done.is_set():
            self.results.append(self._send())
            time.sleep(0.2)

    def _send(self, retried: bool = False) -> str:
        """One message. The request that is in flight inside the process at the moment it is SIGKILLed has its
        connection cut (no process can answer it); a client sends that one again, once, and it must be answered
        ("RETRIED: " marks it). Any other failure, or a failed resend, is an unanswered message."""
        try:
            messages = self.stack.say(self.sender, "how much does a machine learning engineer make?")
            reply = "\n".join(m.get("text", "") for m in messages) or "ERROR: empty reply"
            return f"RETRIED: {reply}" if retried else reply
        except requests.ConnectionError as e:
            cut = "Connection aborted" in str(e) or "reset" in str(e).lower()
            return self._send(retried=True) if cut and not retried else f"ERROR: {e}"
        except requests.RequestException as e:
            return f"ERROR: {e}"


def answers_properly(stack: Stack) -> bool:
    try:
        text = "\n".join(m.get("text", "") for m in stack.say("probe", "how much does an ML engineer make?", 5))
    except requests.RequestException:
        return False
    return "$90,000–$115,000" in text


def page_answers(stack: Stack) -> bool:
    try:
        return requests.get(f"http://127.0.0.1:{stack.web_port}/", timeout=5).status_code == 200
    except requests.RequestException:
        return False


@pytest.mark.parametrize("part", ["action server", "Rasa", "chat page"])
def test_a_killed_part_is_restarted_and_no_message_goes_unanswered(stack: Stack, part: str) -> None:
    assert answers_properly(stack)
    victim = stack.pid(part)
    chatter = Chatter(stack, f"supervision-{part.replace(' ', '-')}")
    chatter.start()
    time.sleep(1.0)
    killed_at = time.monotonic()
    os.kill(victim, signal.SIGKILL)
    check = page_answers if part == "chat page" else answers_properly
    while not check(stack):
        assert time.monotonic() - killed_at < RECOVERY_SECONDS, f"{part} did not answer again within 15 s"
        time.sleep(0.3)
    recovered = time.monotonic() - killed_at
    time.sleep(1.0)
    chatter.done.set()
    chatter.join(timeout=90)
    assert not chatter.is_alive()
    failures = [r for r in chatter.results if r.startswith("ERROR")]
    assert not failures, f"messages without a reply after killing {part}: {failures}"
    resent = [r for r in chatter.results if r.startswith("RETRIED")]
    assert len(resent) <= 1, f"only the message in flight at the kill may need resending: {resent}"
    assert chatter.results, "the chatter sent nothing"
    log = stack.text()
    assert re.search(rf"careerbot: {part} \(pid {victim}\) killed by SIGKILL", log), log[-3000:]
    assert stack.pid(part) != victim and alive(stack.pid(part))
    print(f"{part}: answered again {recovered:.1f} s after SIGKILL; {len(chatter.results)} messages, all answered")
    if part != "chat page":  # the standby took over at once, and a new standby is loaded behind it
        assert re.search(rf"careerbot: {part} \(pid {victim}\) .*; standby \(pid \d+\) takes over", log)
        assert recovered < 5
        stack.wait_for(rf"standby {part} \(pid (?!{stack.pid(part)}\b)\d+\) loaded", 300)


def crash_loop_the_action_server(stack: Stack) -> None:
    """Without a standby: kill the action server twice; then Rasa must apologise at once, not make people wait."""
    assert answers_properly(stack)
    victim = stack.pid("action server")
    for _ in range(2):
        os.kill(victim, signal.SIGKILL)
        stack.wait_for(rf"action server \(pid {victim}\) killed by SIGKILL; restarting", 10)
        victim = int(stack.wait_for(rf"started action server \(pid (?!{victim}\b)(\d+)\)", 20).group(1))
        time.sleep(0.5)
    stack.wait_for(r"action server keeps failing: its port refuses connections", 5)
    started = time.monotonic()
    text = "\n".join(m.get("text", "") for m in stack.say("crash-loop", "how much does an ML engineer make?"))
    assert "try again" in text and time.monotonic() - started < 5, text
    deadline = time.monotonic() + 120
    while not answers_properly(stack):
        assert time.monotonic() < deadline, "the action server did not come back after its crash loop"
        time.sleep(0.5)


def test_crash_loop_then_ctrl_c_stops_every_part(tmp_path: Path) -> None:
    stack = Stack(tmp_path, standby=False)
    try:
        stack.wait_for(r"careerbot is up", 600)
        crash_loop_the_action_server(stack)
        children = descendants(stack.proc.pid)
        assert len(children) >= 3
        stack.proc.send_signal(signal.SIGINT)
        assert stack.proc.wait(timeout=30) == 130
        time.sleep(0.5)
        assert [pid for pid in children if alive(pid)] == []
    finally:
        stack.stop()


def test_no_orphans_when_the_supervisor_is_killed(tmp_path: Path) -> None:
    stack = Stack(tmp_path, standby=False)
    try:
        stack.wait_for(r"careerbot is up", 600)
        children = descendants(stack.proc.pid)
        stack.proc.kill()
        stack.proc.wait()
        deadline = time.monotonic() + 20
        while [pid for pid in children if alive(pid)] and time.monotonic() < deadline:
            time.sleep(0.3)
        assert [pid for pid in children if alive(pid)] == []
    finally:
        stack.stop()
