# Shared settings for the scripts: sourced, not run.
cd "$(dirname "${BASH_SOURCE[0]}")/.." || exit 1
VENV=${VENV:-.venv}
export RASA_PORT=${RASA_PORT:-5005}
export ACTIONS_PORT=${ACTIONS_PORT:-5055}
export WEB_PORT=${WEB_PORT:-8000}
export SHELL_PORT=${SHELL_PORT:-5006}
export BIND_HOST=${BIND_HOST:-127.0.0.1}
export SANIC_HOST=$BIND_HOST            # the action server reads its bind address from here
export RASA_TELEMETRY_ENABLED=false
export TF_CPP_MIN_LOG_LEVEL=2
export SQLALCHEMY_SILENCE_UBER_WARNING=1
export PYTHONPATH=$PWD${PYTHONPATH:+:$PYTHONPATH}
# The secret Rasa sends the action server on every call (endpoints.yml; serving/action_server.py): one per run.
export CAREERBOT_ACTION_TOKEN=${CAREERBOT_ACTION_TOKEN:-$(od -An -N32 -tx1 /dev/urandom | tr -d ' \n')}
MODEL=${CAREERBOT_MODEL:-models/careerbot.tar.gz}

# wait_for_http URL SECONDS PID: poll until URL answers, or fail if PID died or time ran out.
wait_for_http() {
  local url=$1 limit=$2 pid=${3:-} i
  for ((i = 0; i < limit * 5; i++)); do
    if curl -fsS -o /dev/null "$url" 2>/dev/null; then return 0; fi
    if [ -n "$pid" ] && ! kill -0 "$pid" 2>/dev/null; then
      echo "careerbot: process for $url exited during start-up" >&2; return 1
    fi
    sleep 0.2
  done
  echo "careerbot: $url did not answer within ${limit}s" >&2
  return 1
}

# launch_action_server starts it in the background (ACTIONS_PID); start_action_server also waits until it answers.
launch_action_server() {
  # the command line and environment of ops/servers.py, as `make serve`, the tests and the benchmark use
  "$VENV/bin/python" -m ops.servers action-server "$ACTIONS_PORT" >"${ACTIONS_LOG:-/dev/stderr}" 2>&1 &
  ACTIONS_PID=$!
}
start_action_server() {
  launch_action_server
  wait_for_http "http://127.0.0.1:$ACTIONS_PORT/health" 60 "$ACTIONS_PID"
}
