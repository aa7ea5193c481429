"""meaning.py loads the sentence encoder in a background thread; a process must be able to exit meanwhile."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]


def test_process_exits_cleanly_while_the_encoder_loads() -> None:
    # Exiting while the encoder loads in a daemon thread aborted the process with the TensorFlow encoder (exit 134).
    code = "from actions.understanding import meaning; meaning.warm_up_in_background()"
    done = subprocess.run([sys.executable, "-c", code], cwd=ROOT, capture_output=True, text=True, timeout=120)
    assert done.returncode == 0, done.stderr[-2000:]
    assert "terminate called" not in done.stderr
