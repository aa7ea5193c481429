# careerbot: `make run` to chat, `make test` to check everything. Each target does what it needs first.
SHELL := /bin/bash
.DEFAULT_GOAL := run
VENV := .venv
PY := $(VENV)/bin/python
RASA := $(VENV)/bin/rasa
MODEL := models/careerbot.tar.gz
TRAINING_INPUTS := config.yml domain.yml $(wildcard data/*.yml) $(wildcard components/*.py)
export RASA_TELEMETRY_ENABLED := false
export TF_CPP_MIN_LOG_LEVEL := 2
export SQLALCHEMY_SILENCE_UBER_WARNING := 1
export PYTHONPATH := $(CURDIR)
export ACTIONS_PORT ?= 5055
export ENDPOINTS ?= endpoints.yml
RETENTION_DAYS ?= 90
SINGLE_TURN_HOURS ?= 24

WEB_DEPS := web/node_modules/.package-lock.json

.PHONY: setup train run serve web test system-deps validate lint format clean forget purge eval e2e-eval bench audit token

setup: $(VENV)/.installed

$(VENV)/.installed: requirements.lock requirements.nodeps.lock scripts/find-python.sh
	@test -x $(PY) || "$$(scripts/find-python.sh)" -m venv $(VENV)
	$(PY) -m pip install --quiet --disable-pip-version-check -r requirements.lock
	$(PY) -m pip install --quiet --disable-pip-version-check --no-deps -r requirements.nodeps.lock
	@touch $@

# The chat page's widget (rasa-webchat 1.0.1) from the committed lock file; served locally, no CDN.
$(WEB_DEPS): web/package.json web/package-lock.json
	cd web && npm ci --no-audit --no-fund
	@touch $@

# Trains only when the config, domain, training data or custom components changed since the last model.
train: $(MODEL)

$(MODEL): $(TRAINING_INPUTS) $(VENV)/.installed
	$(RASA) train --fixed-model-name careerbot --out models --num-threads 2

run: train
	@scripts/shell.sh

serve: train $(WEB_DEPS)
	@scripts/serve.sh

# Same as `make serve` (it also serves the chat page); says which URL to open.
web: train $(WEB_DEPS)
	@echo "careerbot chat page: http://127.0.0.1:$${WEB_PORT:-8000}/ (open it once 'careerbot is up' shows)"
	@scripts/serve.sh

validate: setup
	$(PY) -m actions.knowledge.check
	$(RASA) data validate --fail-on-warnings

lint: setup
	$(VENV)/bin/ruff check .
	$(VENV)/bin/ruff format --check .

format: setup
	$(VENV)/bin/ruff format .
	$(VENV)/bin/ruff check --fix .

# system-deps first: the browser, scale-out and shell tests drive chromium, redis-server, nginx, postgresql and
# tmux, and $(WEB_DEPS) needs npm; as root it apt-get installs what is missing, otherwise it names the command.
test: system-deps train $(WEB_DEPS)
	@scripts/test.sh

system-deps:
	@scripts/system_deps.sh

# Held-out NLU and dialogue evaluation against baselines -> reports/eval.md (minutes; not part of `make test`).
eval: train
	$(PY) eval/run_eval.py

# What the whole bot answers (NLU + action server) to each message of the independent sets, sent over REST to the
# real servers in fresh conversations -> reports/e2e_replies.md, results/e2e/ (a few minutes).
e2e-eval: train
	$(PY) eval/e2e_replies.py

# Latency/throughput/memory/training-time benchmark against Rasa's default config -> reports/bench.md
# (docs/benchmark.md). py-spy (the profile) goes in a throwaway venv of its own, not in the project's.
PYSPY_VENV := /tmp/pyspy-venv
bench: train $(WEB_DEPS)
	@test -x $(PYSPY_VENV)/bin/py-spy || { "$$(scripts/find-python.sh)" -m venv $(PYSPY_VENV) && \
	  $(PYSPY_VENV)/bin/pip install --quiet --disable-pip-version-check py-spy==0.4.3; } || \
	  echo "py-spy could not be installed: the benchmark runs without its profile" >&2
	$(PY) bench/run_bench.py

# Known vulnerabilities in requirements.lock and requirements.nodeps.lock, checked offline against security/advisories.yml -> reports/audit.md.
audit: setup
	$(PY) scripts/audit.py --report reports/audit.md

# Right to erasure: delete one person's conversation from the tracker store.
forget: setup
	@test -n "$(SENDER)" || { echo "usage: make forget SENDER=<sender id>" >&2; exit 2; }
	$(PY) scripts/forget_user.py --endpoints "$(ENDPOINTS)" "$(SENDER)"

# A bearer token for an API client's conversation SENDER (REST needs one beyond loopback; docs/security-sessions.md).
token: setup
	@test -n "$(SENDER)" || { echo "usage: make token SENDER=<sender id> [HOURS=24]" >&2; exit 2; }
	@$(PY) -m channels.sessions issue "$(SENDER)" --hours "$(or $(HOURS),24)"

# Retention: delete conversations idle for more than RETENTION_DAYS days (default 90), and those of at most one
# message (never continued: scripts, drive-bys) idle for more than SINGLE_TURN_HOURS hours (default 24).
purge: setup
	$(PY) scripts/forget_user.py --endpoints "$(ENDPOINTS)" --older-than-days "$(RETENTION_DAYS)" \
	  --single-turn-older-than-hours "$(SINGLE_TURN_HOURS)"

# Keeps var/ (the conversations); `make purge` or `make forget` remove those.
clean:
	rm -rf models results .pytest_cache .ruff_cache logs test-artifacts
