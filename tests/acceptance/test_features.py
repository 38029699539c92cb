"""Collects every French feature of features/ as pytest tests, once per
selected browser profile (see harness/plugin.py)."""
from pytest_bdd import scenarios

scenarios("../../features")
