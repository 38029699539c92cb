"""Reports of an acceptance run: the pytest plugin (``plugin``: Allure
labels, evidence, results), the compatibility matrix (``matrix``) and the
rule catalogue it reads (``catalogue``). ``python -m harness.report`` rebuilds
the matrix from a ``results.json``."""
