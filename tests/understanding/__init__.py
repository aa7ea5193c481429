"""Tests of actions/understanding."""
