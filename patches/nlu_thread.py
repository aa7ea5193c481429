"""Understand messages on a thread of their own, so that the sentence encoder uses the second core.

`rasa run` is one event loop: while it runs the NLU graph for one message (Rasa's `parse_message` calls the graph
synchronously), it does nothing else. About a third of that graph's time is the sentence encoder inside
onnxruntime, which releases Python's GIL: on a thread of its own it runs on the other core while the event loop
goes on with other conversations' policies, tracker store and action calls. At 20 concurrent users `rasa run`'s
single core was the bottleneck (bench/notes.md).

`install()` replaces `MessageProcessor.parse_message` with Rasa's own body (same interpreter choice, same
retrieval-intent update, debug log and unseen-feature warnings), except that the graph runs on one dedicated worker
thread: one, so the NLU components (spaCy, the CRF tagger, the classifier) are never used by two threads at once,
exactly as before; the event loop never runs them (the policies' graph has none of them). A message's turn still
waits for its own parse, and turns of one conversation stay in order (Rasa's lock store). Errors raised by the
graph reach the caller unchanged. The GIL's switch interval is set to 1 ms (SWITCH_INTERVAL).
Installed with the other serving patches (channels.install_rasa_patches).
Version-fenced in patches/__init__.py ("rasa.MessageProcessor.parse_message").
"""

from __future__ import annotations

import asyncio
import copy
import os
import sys
from concurrent.futures import ThreadPoolExecutor
from typing import Any, Dict

from rasa.core.channels.channel import UserMessage
from rasa.core.processor import MessageProcessor, structlogger
from rasa.shared.core.trackers import DialogueStateTracker

from patches import check

_original = MessageProcessor.parse_message
# Python hands the GIL to a waiting thread after this many seconds (default 5 ms). The NLU thread's Python parts
# (tokenizer, CRF, classifier) then keep the event loop waiting up to that long each time it let go of the GIL for
# a SQLite call or a socket write; at 1 ms, 20 users got ~10 % more messages per second and a lower 1-user median
# in two alternated pairs of runs (bench/notes.md). CAREERBOT_SWITCH_INTERVAL overrides it.
SWITCH_INTERVAL = "0.001"
_worker: ThreadPoolExecutor | None = None


def worker() -> ThreadPoolExecutor:
    """The one thread every message's NLU graph runs on (made at first use, so a forked process gets its own)."""
    global _worker
    if _worker is None:
        _worker = ThreadPoolExecutor(max_workers=1, thread_name_prefix="careerbot-nlu")
    return _worker


async def parse_message(
    self: MessageProcessor,
    message: UserMessage,
    tracker: DialogueStateTracker | None = None,
    only_output_properties: bool = True,
) -> Dict[str, Any]:
    """Rasa 3.6's MessageProcessor.parse_message, with the NLU graph run on the worker thread."""
    if self.http_interpreter:
        parse_data = await self.http_interpreter.parse(message)
    else:
        if tracker is None:
            tracker = DialogueStateTracker.from_events(message.sender_id, [])
        parse_data = await asyncio.get_running_loop().run_in_executor(
            worker(), self._parse_message_with_graph, message, tracker, only_output_properties
        )
    self._update_full_retrieval_intent(parse_data)
    structlogger.debug(
        "processor.message.parse",
        parse_data_text=copy.deepcopy(parse_data["text"]),
        parse_data_intent=parse_data["intent"],
        parse_data_entities=copy.deepcopy(parse_data["entities"]),
    )
    self._check_for_unseen_features(parse_data)
    return parse_data


def install() -> None:
    """Replace MessageProcessor.parse_message in this process (idempotent)."""
    check("rasa.MessageProcessor.parse_message")
    MessageProcessor.parse_message = parse_message  # type: ignore[method-assign]
    sys.setswitchinterval(float(os.environ.get("CAREERBOT_SWITCH_INTERVAL", SWITCH_INTERVAL)))


def uninstall() -> None:
    """Rasa's own parse_message again (tests)."""
    MessageProcessor.parse_message = _original  # type: ignore[method-assign]
