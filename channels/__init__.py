"""Rasa-server-side input channels (loaded by credentials.yml): the REST and socket.io channels with a guard.

Rasa imports this package while it starts, before it builds its HTTP app or handles a message, so it also installs
the cached JSON-schema validation and the kept-open connection to the action server careerbot's `rasa run` relies on
for speed (patches/jsonschema_validate.py, patches/action_connection.py) and the HTTP hardening of Rasa's app
(channels/hardening.py: body size limit, JSON errors, no version banner).
"""

from channels.hardening import install as _install_hardening
from patches.action_connection import install as _install_action_connection_patch
from patches.jsonschema_validate import install as _install_jsonschema_patch

_install_jsonschema_patch()
_install_action_connection_patch()
_install_hardening()
