"""`rasa shell`'s channel with careerbot's message guard, so the terminal chat behaves as the widget and REST do.

Rasa's shell serves its own REST-like channel ("cmdline"), which credentials.yml does not configure, so without
this the guard never saw terminal messages: "forget me" reached NLU as "stop" and erased nothing.
serving/terminal.py registers this class under Rasa's "cmdline" name before Rasa builds its channels.
Version-fenced in patches/__init__.py ("rasa.BUILTIN_CHANNELS cmdline").
"""

from __future__ import annotations

from typing import Any

from rasa.core.channels.console import CmdlineInput
from sanic import Blueprint

from channels import runtime
from channels.guard import Handler, guarded
from patches import check


class GuardedCmdlineInput(CmdlineInput):
    """Rasa's terminal channel (same routes, streaming included) with every message going through `guarded`."""

    def blueprint(self, on_new_message: Handler) -> Blueprint:
        blueprint = super().blueprint(guarded(on_new_message))
        runtime.remember_app(blueprint)
        return blueprint


def install() -> None:
    """Make Rasa's "cmdline" channel the guarded one (idempotent)."""
    check("rasa.BUILTIN_CHANNELS cmdline")
    from rasa.core import channels

    registry: Any = channels.BUILTIN_CHANNELS
    registry[GuardedCmdlineInput.name()] = GuardedCmdlineInput
