"""Tests of actions/answers."""
