"""Understanding: a message and its context -> canonical Questions (the only layer that normalises text)."""
