"""The development sets' floors (eval/dev_floors.py): `make e2e-eval` fails on a set below its floor."""

import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[2] / "eval"))

from dev_floors import FLOORS, IN_MAKE_TEST, below_floor  # noqa: E402


def test_a_set_below_its_floor_is_named():
    floor = FLOORS["conversations_dev.yml"]
    line = below_floor("conversations_dev.yml", int(floor * 1000) - 1, 1000)
    assert "conversations_dev.yml" in line and "below the floor" in line


def test_a_set_at_its_floor_or_without_one_passes():
    floor = FLOORS["conversations_dev.yml"]
    assert below_floor("conversations_dev.yml", round(floor * 1000), 1000) == ""
    assert below_floor("conversations_final.yml", 0, 100) == ""
    assert below_floor("conversations_dev.yml", 0, 0) == ""


def test_make_test_runs_the_first_set_and_the_two_newest():
    newest = sorted(FLOORS, key=lambda name: int(name.removeprefix("conversations_dev").removesuffix(".yml") or 1))
    assert IN_MAKE_TEST == ("conversations_dev.yml", *newest[-2:])
