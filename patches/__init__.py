"""Every place careerbot changes a library's behaviour or reads its private internals, in one list.

Each patch was written against one version range of the library it touches. An upgrade could change the
internals it relies on without any error, so every patch site calls `check(name)` when it is applied (at
start-up: when Rasa loads the channels, the component, the tracker store, or when the terminal front end
starts): outside the range it refuses to start with one line naming the patch, the library, the installed
and the supported versions. `CAREERBOT_UNFENCED_PATCHES=warn` turns the refusal into a loud warning, for
trying a new version on purpose. `tests/test_patches.py` checks the fence and that every patch has a test.
"""

from __future__ import annotations

import logging
import os
from dataclasses import dataclass
from importlib import metadata
from typing import Dict

from packaging.specifiers import SpecifierSet
from packaging.version import Version

logger = logging.getLogger(__name__)

RASA_36 = ">=3.6.21,<3.7"  # every Rasa-internal patch was written against 3.6.21


@dataclass(frozen=True)
class Patch:
    """One patch: what it touches, for which versions, where it lives and which test exercises it."""

    library: str  # distribution name, as `pip` knows it
    versions: str  # PEP 440 specifier of the versions it was written and tested against
    where: str  # the module that applies it
    test: str  # the test that exercises the patched behaviour
    why: str


PATCHES: Dict[str, Patch] = {
    "rasa imports without tensorflow": Patch(
        "rasa",
        RASA_36,
        "patches/no_tensorflow.py",
        "tests/test_patch_no_tensorflow.py",
        "serves a model whose graph runs no TensorFlow with an inert stand-in for the tensorflow package: Rasa "
        "imports it whatever the pipeline (422 MB resident per process)",
    ),
    "jsonschema.validate": Patch(
        "jsonschema",
        ">=4.17,<4.18",
        "patches/jsonschema_validate.py",
        "tests/test_patch_jsonschema_validate.py",
        "replaces jsonschema.validate process-wide with a cached, same-verdict validator: Rasa re-built a "
        "validator for every action-server reply (about a third of rasa run's CPU per message)",
    ),
    "rasa.EndpointConfig.session": Patch(
        "rasa",
        RASA_36,
        "patches/action_connection.py",
        "tests/test_patch_action_connection.py",
        "makes EndpointConfig.session give one kept-open aiohttp session per endpoint and event loop: Rasa opened a "
        "new session and TCP connection to the action server for every custom action call",
    ),
    "rasa.DaskGraphRunner.run": Patch(
        "rasa",
        RASA_36,
        "patches/graph_runner.py",
        "tests/test_patch_graph_runner.py",
        "runs the prediction graphs (NLU, policies) in a loop with the node order worked out once, instead of "
        "building and scheduling a dask graph three times a turn (about a tenth of rasa run's CPU per message)",
    ),
    "rasa.Event.resolve_by_type": Patch(
        "rasa",
        RASA_36,
        "patches/event_classes.py",
        "tests/test_patch_event_classes.py",
        "remembers the Event class of each type name: Rasa walked every Event subclass for every event of every "
        "action server reply (~2 % of rasa run's CPU per message)",
    ),
    "rasa.MessageProcessor.parse_message": Patch(
        "rasa",
        RASA_36,
        "patches/nlu_thread.py",
        "tests/test_patch_nlu_thread.py",
        "runs each message's NLU graph on one worker thread: the sentence encoder (onnxruntime, GIL released) then "
        "uses the second core while the event loop serves other conversations",
    ),
    "rasa.RemoteAction._action_call_format": Patch(
        "rasa",
        RASA_36,
        "patches/action_payload.py",
        "tests/test_patch_action_payload.py",
        "sends the action server the current turn's events instead of the whole session's with every action call "
        "(the actions keep the conversation's memory in slots)",
    ),
    "rasa.console.record_messages": Patch(
        "rasa",
        RASA_36,
        "serving/terminal.py",
        "tests/test_terminal.py",
        "replaces Rasa's console chat loop (rasa shell): numbered quick replies instead of a menu that takes "
        "the keyboard, a greeting, plain-text layout",
    ),
    "rasa.BUILTIN_CHANNELS cmdline": Patch(
        "rasa",
        RASA_36,
        "channels/cmdline.py",
        "tests/e2e/test_shell.py",
        "replaces the terminal's channel in Rasa's built-in channel registry with the guarded one, so `rasa shell` "
        "messages pass the same guard (erasure, limits) as the widget and REST",
    ),
    "rasa.SQLTrackerStore private reads": Patch(
        "rasa",
        RASA_36,
        "stores/tracker_store.py",
        "tests/test_tracker_store.py",
        "overrides SQLTrackerStore._retrieve and calls _event_query / session_scope: the latest session is "
        "cached and re-read only when the database changed (one count query per turn instead of a replay)",
    ),
    "rasa.SQLTrackerStore.session_scope": Patch(
        "rasa",
        RASA_36,
        "stores/tracker_store.py",
        "tests/test_tracker_store.py",
        "overrides session_scope (and calls rasa's ensure_schema_exists): Rasa's turns any ValueError raised while "
        "reading or writing a conversation (a lone surrogate, a NUL on PostgreSQL) into SystemExit(1)",
    ),
    "rasa.server.add_root_route, rasa.core.run.configure_app": Patch(
        "rasa",
        RASA_36,
        "channels/hardening.py",
        "tests/e2e/test_hostile_ids.py",
        "replaces Rasa's `GET /` (it announced the version) and wraps the Sanic app Rasa builds: 64 KiB "
        "REQUEST_MAX_SIZE, a request timeout, JSON errors through the app's (and Sanic-CORS's wrapped) error handler",
    ),
    "rasa_sdk.endpoint.create_app": Patch(
        "rasa-sdk",
        ">=3.6.2,<3.7",
        "serving/action_server.py",
        "tests/e2e/test_hostile_ids.py",
        "wraps the action server's Sanic app: the token shared with Rasa on every request but /health, a body "
        "limit, JSON 4xx instead of rasa_sdk's catch-all 500",
    ),
    "rasa.CRFEntityExtractor persist/load": Patch(
        "rasa",
        RASA_36,
        "components/crf_entity_extractor.py",
        "tests/test_crf_entity_extractor.py",
        "subclasses CRFEntityExtractor (reads its private _model_storage and _resource): stores the trained CRF model "
        "files and loads them, where Rasa trained its CRFs again at every load (~4 s of every start)",
    ),
    "rasa.AwaitableTrackerStore._tracker_store": Patch(
        "rasa",
        RASA_36,
        "channels/health.py",
        "tests/e2e/test_readiness.py",
        "reads the wrapped store's private _tracker_store to ping the SQL engine in /health/ready",
    ),
}


class PatchOutOfRange(RuntimeError):
    """The installed library is outside the versions a patch was written for."""


def installed_version(library: str) -> str:
    return metadata.version(library)


def check(name: str, version: str | None = None) -> None:
    """Refuse (or, with CAREERBOT_UNFENCED_PATCHES=warn, warn loudly) when `name`'s library is out of range."""
    patch = PATCHES[name]
    found = version if version is not None else installed_version(patch.library)
    if Version(found) in SpecifierSet(patch.versions):
        return
    message = (
        f"careerbot: the patch '{name}' ({patch.where}) was written for {patch.library} {patch.versions}, "
        f"but {found} is installed; check it against the new version, then widen its range in patches/__init__.py"
    )
    if os.environ.get("CAREERBOT_UNFENCED_PATCHES") == "warn":
        logger.warning(message)
        return
    raise PatchOutOfRange(message)
