"""Tests of actions/knowledge."""
