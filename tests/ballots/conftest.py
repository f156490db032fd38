"""Shared fixtures of the ballot tests are in tests/ballots/helpers.py."""
