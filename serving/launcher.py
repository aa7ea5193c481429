"""`rasa ARGS` or the action server (`rasa_sdk ARGS`), serving on a listening socket from serving/supervisor.py.

    launcher.py rasa run --model ...        launcher.py rasa_sdk --actions actions --port 5055

The supervisor keeps the port open across restarts (see its docstring) and passes the socket's file
descriptor in CAREERBOT_LISTEN_FD. Rasa and the Rasa SDK both end in `Sanic.run(host, port, ...)`, which
would bind a new socket; this wrapper makes that call use the inherited one instead. Without the variable
it is plain `rasa` / `python -m rasa_sdk`, except that the action server always gets careerbot's protection
(a token shared with Rasa, a body limit, loopback by default: serving/action_server.py).

With CAREERBOT_STANDBY=1 the process loads the model and then waits, without accepting connections, until
it gets SIGUSR1: the supervisor keeps such a warm standby so that a crashed Rasa is replaced in about a
second instead of the ~15 s a model load takes.
"""

from __future__ import annotations

import asyncio
import os
import signal
import socket
import sys
from typing import Any

_promoted = False
_NAME = "Rasa"


def _promote(_signum: int, _frame: object) -> None:
    global _promoted
    _promoted = True


async def _wait_for_promotion(_app: object, _loop: object) -> None:
    """A before_server_start listener registered after Rasa's model loading: no accept() until SIGUSR1."""
    print(f"careerbot: standby {_NAME} (pid {os.getpid()}) loaded, waiting", file=sys.stderr, flush=True)
    while not _promoted:
        await asyncio.sleep(0.05)
    if _NAME == "action server":
        from actions.understanding import meaning

        meaning.warm_up_in_background(deferred=True)


def _serve_on_inherited_socket(fd: int, standby: bool) -> None:
    from sanic import Sanic

    sock = socket.socket(fileno=fd)
    original_run = Sanic.run

    def run(self: Sanic, *_host_port: Any, **kwargs: Any) -> None:
        kwargs.pop("host", None)
        kwargs.pop("port", None)
        kwargs.pop("backlog", None)
        if standby:
            self.register_listener(_wait_for_promotion, "before_server_start")
        original_run(self, sock=sock, **kwargs)

    Sanic.run = run


def main() -> int:
    global _NAME
    signal.signal(signal.SIGUSR1, _promote)  # before anything slow: SIGUSR1's default action is to exit
    fd = os.environ.pop("CAREERBOT_LISTEN_FD", None)
    standby = os.environ.pop("CAREERBOT_STANDBY", "") == "1"
    program, args = sys.argv[1], sys.argv[2:]
    if fd:
        _serve_on_inherited_socket(int(fd), standby)
    if program == "rasa_sdk":
        _NAME = "action server"
        # spaCy's thinc imports TensorFlow whenever it is installed (Rasa needs it), only to offer TensorFlow
        # layers; the action server uses spaCy's tokenizer and onnxruntime, never TensorFlow. Marking it absent
        # (thinc catches the ImportError) saves ~370 MB of resident memory per action-server process, standby
        # included (bench/serve_memory.py).
        sys.modules.setdefault("tensorflow", None)  # type: ignore[arg-type]
        if standby:  # the sentence encoder loads once promoted
            from actions.understanding.meaning import DEFER_ENV

            os.environ[DEFER_ENV] = "1"
        from serving.action_server import install

        install()  # the shared token, a body limit, loopback by default (serving/action_server.py)
        from rasa_sdk.__main__ import main as sdk_main

        sys.argv = ["rasa_sdk", *args]
        sdk_main()
        return 0
    from patches.no_tensorflow import model_argument, serve_without_tensorflow

    serve_without_tensorflow(model_argument(args))  # before Rasa is imported: ~340 MB less per process
    from rasa.__main__ import main as rasa_main

    sys.argv = ["rasa", *args]
    rasa_main()
    return 0


if __name__ == "__main__":
    sys.exit(main())
