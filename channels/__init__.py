"""Rasa-server-side input channels (loaded by credentials.yml): the REST and socket.io channels with a guard.

`install_rasa_patches()` installs what careerbot's `rasa run` relies on for speed (the cached JSON-schema
validation, the kept-open connection to the action server and only the turn's events sent to it, graphs run without
dask, remembered event classes, NLU on a thread of its own: patches/jsonschema_validate.py, action_connection.py,
action_payload.py, graph_runner.py, event_classes.py, nlu_thread.py) and the HTTP hardening of Rasa's app
(channels/hardening.py: body size limit, JSON errors, no version banner). The modules Rasa loads from
credentials.yml call it when imported (channels/guard.py, which the REST, socket.io and terminal channels import,
and channels/health.py): Rasa imports them while it starts, before it builds its HTTP app
or handles a message. Importing the package itself installs nothing and imports no Rasa, so the chat page server
and the supervisor (`make serve`), which use only channels/sessions.py and channels/limits.py, do not load Rasa and
TensorFlow (~500 MiB each).
"""


def install_rasa_patches() -> None:
    """Install the patches the Rasa server runs with (idempotent)."""
    from channels.hardening import install as install_hardening
    from patches.action_connection import install as install_action_connection
    from patches.action_payload import install as install_action_payload
    from patches.event_classes import install as install_event_classes
    from patches.graph_runner import install as install_graph_runner
    from patches.jsonschema_validate import install as install_jsonschema
    from patches.nlu_thread import install as install_nlu_thread

    install_jsonschema()
    install_action_connection()
    install_action_payload()
    install_graph_runner()
    install_event_classes()
    install_nlu_thread()
    install_hardening()
