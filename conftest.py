"""Harness wiring: the acceptance plugin, the report plugin and the step
definitions of every area (pytest-bdd steps are fixtures: loading their
modules as plugins shares them with every feature)."""
from steps import STEP_MODULES

pytest_plugins = ["harness.report.plugin", "harness.plugin", "harness.audit.plugin", *STEP_MODULES]
