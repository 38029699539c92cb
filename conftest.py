"""The French step definitions of this extranet (pytest-bdd steps are
fixtures: loading their modules as plugins shares them with every feature).

The harness itself is a pytest plugin, loaded through its entry point
(``recette-ap`` in pyproject.toml, ``pip install -e .``); it is not listed
here, so it is never loaded twice. The accessibility and compatibility
audit (``harness.audit.plugin``) has its own entry point too.
"""
from steps import STEP_MODULES

pytest_plugins = [*STEP_MODULES]
