#!/usr/bin/env bash
# Action server + Rasa server (REST and socket.io channels) + the chat page (web/), in the foreground until Ctrl-C,
# supervised by serving/supervisor.py: a part that crashes is restarted with back-off and a log line.
# The command lines and environment of the parts are ops/servers.py's (the same as the tests and bench use).
# Ports: RASA_PORT (5005), ACTIONS_PORT (5055), WEB_PORT (8000); all bound to BIND_HOST (127.0.0.1).
# CORS_ORIGINS: space-separated origins allowed to call Rasa from a browser (default: the chat page's own).
# ENDPOINTS: endpoints file (default endpoints.yml). RASA_ARGS: extra `rasa run` arguments (e.g. --debug).
# CAREERBOT_MODEL: the model to serve (default models/careerbot.tar.gz).
set -euo pipefail
source "$(dirname "$0")/common.sh"
export PAGE_HOST=$BIND_HOST
[ "$PAGE_HOST" = 0.0.0.0 ] && PAGE_HOST=127.0.0.1
export CORS_ORIGINS=${CORS_ORIGINS:-"http://127.0.0.1:$WEB_PORT http://localhost:$WEB_PORT"}  # also read by channels/socketio.py
export SOCKET_URL=${SOCKET_URL:-"http://$PAGE_HOST:$RASA_PORT"}
export ENDPOINTS=${ENDPOINTS:-endpoints.yml}
export ACTION_SERVER_URL=${ACTION_SERVER_URL:-http://127.0.0.1:$ACTIONS_PORT/webhook}   # endpoints.prod.yml
export RASA_ARGS=${RASA_ARGS:-}
export MODEL

if [ ! -f web/node_modules/rasa-webchat/lib/index.js ]; then
  echo "careerbot: the chat widget is not installed; run: (cd web && npm ci)" >&2
  exit 1
fi
if [ ! -f "$MODEL" ]; then
  echo "careerbot: no model at $MODEL; run: make train" >&2
  exit 1
fi
mkdir -p var && chmod 700 var   # the default SQLite tracker store (endpoints.yml): personal data, owner only
exec "$VENV/bin/python" serving/supervisor.py
