#!/usr/bin/env bash
# `rasa shell` with the action server in the background; leaving the shell (/stop) stops both.
# serving/terminal.py runs Rasa's own CLI (`rasa shell ...`) with a plain terminal chat loop: a greeting,
# numbered quick replies that never take the keyboard, no warnings on screen (they go to SHELL_WARNINGS_LOG).
# Uses its own ports (SHELL_PORT 5006, SHELL_ACTIONS_PORT 5056) on 127.0.0.1, so it runs beside `make serve`.
# The shell's Rasa always listens on 127.0.0.1, whatever BIND_HOST says: its only client is this terminal, and its
# REST-like channel takes client-chosen sender ids (docs/security-sessions.md).
set -euo pipefail
source "$(dirname "$0")/common.sh"
export ACTIONS_PORT=${SHELL_ACTIONS_PORT:-5056}   # endpoints.yml reads ACTIONS_PORT
export ACTION_SERVER_URL=${ACTION_SERVER_URL:-http://127.0.0.1:$ACTIONS_PORT/webhook}   # endpoints.prod.yml
ACTIONS_LOG=${ACTIONS_LOG:-logs/actions-shell.log}
ENDPOINTS=${ENDPOINTS:-endpoints.yml}

in_use() { (exec 3<>"/dev/tcp/127.0.0.1/$1") 2>/dev/null; }
for port in "$ACTIONS_PORT" "$SHELL_PORT"; do
  if in_use "$port"; then
    echo "careerbot: port $port is already in use; set SHELL_PORT or SHELL_ACTIONS_PORT" >&2
    exit 1
  fi
done

cleanup() {
  trap - EXIT INT TERM
  if [ -n "${ACTIONS_PID:-}" ]; then kill "$ACTIONS_PID" 2>/dev/null || true; fi
  wait 2>/dev/null || true
}
trap cleanup EXIT
trap 'exit 130' INT
trap 'exit 143' TERM
mkdir -p "$(dirname "$ACTIONS_LOG")" var && chmod 700 var   # var/: the SQLite tracker store, owner only
export SHELL_WARNINGS_LOG=${SHELL_WARNINGS_LOG:-logs/shell-warnings.log}
echo "Starting careerbot (about half a minute)..."
start_action_server
"$VENV/bin/python" serving/terminal.py shell --quiet --model "$MODEL" --interface 127.0.0.1 \
  --port "$SHELL_PORT" --endpoints "$ENDPOINTS" --credentials credentials.yml
