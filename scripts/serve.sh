#!/usr/bin/env bash
# Action server + Rasa server (REST and socket.io channels) + the chat page (web/), in the foreground until Ctrl-C.
# Ports: RASA_PORT (5005), ACTIONS_PORT (5055), WEB_PORT (8000); all bound to BIND_HOST (127.0.0.1).
# CORS_ORIGINS: space-separated origins allowed to call Rasa from a browser (default: the chat page's own).
# ENDPOINTS: endpoints file (default endpoints.yml). RASA_ARGS: extra `rasa run` arguments (e.g. --debug).
set -euo pipefail
source "$(dirname "$0")/common.sh"
page_host=$BIND_HOST
[ "$page_host" = 0.0.0.0 ] && page_host=127.0.0.1
export CORS_ORIGINS=${CORS_ORIGINS:-"http://127.0.0.1:$WEB_PORT http://localhost:$WEB_PORT"}  # also read by channels/socketio.py
SOCKET_URL=${SOCKET_URL:-"http://$page_host:$RASA_PORT"}
ENDPOINTS=${ENDPOINTS:-endpoints.yml}
export ACTION_SERVER_URL=${ACTION_SERVER_URL:-http://127.0.0.1:$ACTIONS_PORT/webhook}   # endpoints.prod.yml
RASA_ARGS=${RASA_ARGS:-}

in_use() { (exec 3<>"/dev/tcp/127.0.0.1/$1") 2>/dev/null; }
for port in "$ACTIONS_PORT" "$RASA_PORT" "$WEB_PORT"; do
  if in_use "$port"; then
    echo "careerbot: port $port is already in use (another \`make serve\`?); set ACTIONS_PORT, RASA_PORT or WEB_PORT" >&2
    exit 1
  fi
done
if [ ! -f web/node_modules/rasa-webchat/lib/index.js ]; then
  echo "careerbot: the chat widget is not installed; run: (cd web && npm ci)" >&2
  exit 1
fi

mkdir -p var   # the default SQLite tracker store lives in var/ (endpoints.yml)

pids=()
cleanup() { trap - EXIT INT TERM; kill "${pids[@]}" 2>/dev/null || true; wait 2>/dev/null || true; }
trap cleanup EXIT
trap 'exit 130' INT
trap 'exit 143' TERM
# The action server and Rasa load at the same time (2 cores): ready sooner than one after the other.
ACTIONS_LOG=${ACTIONS_LOG:-/dev/stderr} launch_action_server
pids+=("$ACTIONS_PID")
# shellcheck disable=SC2086  # CORS_ORIGINS and RASA_ARGS are lists
"$VENV/bin/rasa" run --model "$MODEL" --interface "$BIND_HOST" --port "$RASA_PORT" \
  --credentials credentials.yml --endpoints "$ENDPOINTS" $RASA_ARGS --cors $CORS_ORIGINS &
pids+=("$!")
"$VENV/bin/python" scripts/web_server.py --host "$BIND_HOST" --port "$WEB_PORT" --socket-url "$SOCKET_URL" &
pids+=("$!")
wait_for_http "http://127.0.0.1:$ACTIONS_PORT/health" 60 "${pids[0]}"
wait_for_http "http://127.0.0.1:$WEB_PORT/" 20 "${pids[-1]}"
wait_for_http "http://127.0.0.1:$RASA_PORT/" "${RASA_START_TIMEOUT:-600}" "${pids[1]}"  # loading the model takes a while
echo "careerbot is up (Ctrl-C stops it):"
echo "  chat page: http://$page_host:$WEB_PORT/   <- open this in a browser"
echo "  REST:      http://$page_host:$RASA_PORT/webhooks/rest/webhook"
wait -n "${pids[@]}"
