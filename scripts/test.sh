#!/usr/bin/env bash
# The whole test suite: lint, KB check, then pytest (unit tests, Rasa's data validation, conversation
# tests, the held-out NLU gate, and end-to-end tests against real servers, browser and terminal).
set -euo pipefail
source "$(dirname "$0")/common.sh"
echo "== lint (ruff)"
"$VENV/bin/ruff" check .
"$VENV/bin/ruff" format --check .
echo "== knowledge base"
"$VENV/bin/python" -m actions.knowledge.check
echo "== pytest"
exec "$VENV/bin/python" -m pytest "$@"
