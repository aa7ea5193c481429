"""Operations: how careerbot is trained and started, in one place for every tool that needs it.

`make serve` (serving/supervisor.py), the end-to-end tests (tests/e2e/servers.py), `make eval` (eval/) and `make
bench` (bench/) all start the action server and `rasa run`, and all but `make serve` train models. They used to do
it each their own way (four model caches, three sets of command lines), so a measurement could run a server
differently from production or reuse a model trained on stale components. Here there is one of each:

- `ops.training`: train a model with a cache keyed by everything that shapes it.
- `ops.servers`: the command lines, environment, readiness wait and stop of the servers (the action server,
  `rasa run`, the chat page) and the secrets they share (the signed-session key, the action server's token).

The name says the job: operating the bot (build it, run it), not the bot itself (actions/, components/ never
import it) and not its tests (tests import it, not the reverse).
"""
