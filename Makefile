# careerbot: `make run` to chat, `make test` to check everything. Each target does what it needs first.
SHELL := /bin/bash
.DEFAULT_GOAL := run
VENV := .venv
PY := $(VENV)/bin/python
RASA := $(VENV)/bin/rasa
MODEL := models/careerbot.tar.gz
TRAINING_INPUTS := config.yml domain.yml $(wildcard data/*.yml)
export RASA_TELEMETRY_ENABLED := false
export TF_CPP_MIN_LOG_LEVEL := 2
export SQLALCHEMY_SILENCE_UBER_WARNING := 1
export PYTHONPATH := $(CURDIR)
export ACTIONS_PORT ?= 5055

.PHONY: setup train run serve test validate lint format clean

setup: $(VENV)/.installed

$(VENV)/.installed: requirements.lock scripts/find-python.sh
	@test -x $(PY) || "$$(scripts/find-python.sh)" -m venv $(VENV)
	$(PY) -m pip install --quiet --disable-pip-version-check -r requirements.lock
	@touch $@

# Trains only when the config, domain or training data changed since the last model.
train: $(MODEL)

$(MODEL): $(TRAINING_INPUTS) $(VENV)/.installed
	$(RASA) train --fixed-model-name careerbot --out models --num-threads 2

run: train
	@scripts/shell.sh

serve: train
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

test: train
	@scripts/test.sh

clean:
	rm -rf models results .pytest_cache .ruff_cache logs
