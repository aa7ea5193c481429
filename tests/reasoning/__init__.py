"""Tests of actions/reasoning."""
