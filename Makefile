# The two commands of the README: `make acceptance` and `make test`.
# Both install what is missing first (scripts/setup.sh, idempotent).
VENV    := .venv
PYTEST  := $(VENV)/bin/pytest
WORKERS ?= 2
ARGS    ?=

.PHONY: setup test acceptance bench report mutation clean

setup:
	@bash scripts/setup.sh

## The project's own tests: simulator, harness, rule coverage, feature lint,
## the French suite on one browser profile of each engine, and the Chrome
## profile on the scenarios of its own support level (NAV-04).
test: setup
	$(PYTEST) -n $(WORKERS) tests $(ARGS)
	$(PYTEST) -n $(WORKERS) tests/acceptance --profile chrome -m saisie_sans_signature $(ARGS)

## The French suite on the whole documented browser matrix against the
## embedded simulator; writes reports/ (Allure HTML, compatibility matrix).
acceptance: setup
	@rm -rf reports/allure-results
	@status=0; \
	$(PYTEST) -n $(WORKERS) tests/acceptance --matrix \
	  --alluredir=reports/allure-results $(ARGS) || status=$$?; \
	bash scripts/allure-report.sh || echo "[acceptance] rapport Allure non généré"; \
	exit $$status

## Engine speed figures (scenario-runs per minute, harness vs plain Playwright).
bench: setup
	$(VENV)/bin/python bench/bench_engines.py

## Mutation analysis of the simulator's rule code against the acceptance
## scenarios tagged with each rule, on one profile (docs/mutation.md); writes
## reports/mutation.json and reports/mutation.html. Slow: not part of `make test`.
## E.g. `make mutation ARGS="--regles LCK,PWD-02"`.
mutation: setup
	$(VENV)/bin/python -m harness.mutation $(ARGS)

report:
	bash scripts/allure-report.sh

clean:
	rm -rf reports/allure-results reports/allure-report reports/evidence reports/matrix.* reports/results.json
