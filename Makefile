# The two commands of the README: `make acceptance` and `make test`.
# Both install what is missing first (scripts/setup.sh, idempotent).
VENV    := .venv
PYTEST  := $(VENV)/bin/pytest
WORKERS ?= 2
ARGS    ?=

.PHONY: setup test acceptance bench report merge mutation clean

setup:
	@bash scripts/setup.sh

## The project's own tests: types (mypy), simulator, harness, rule coverage, feature lint,
## the French suite on the first browser profile of each engine in
## browsers.yaml: all of it on ie7-winxp (Chromium), and on
## firefox-3.6.10-winxp and safari-6.0-mac the cheapest scenarios that together
## carry every rule of the catalogue (--une-par-regle 'firefox-*,safari-*': every rule crosses every
## engine; the whole suite on every profile is `make acceptance`),
## the staging-reach test (the suite on
## one profile against a simulator without control interface, mail or code:
## tests/harness/test_staging_reach.py), and the Chrome profile on the
## scenarios of its own support level (NAV-04).
## Its 25 slowest tests are listed at the end (--durations=25): where the time goes.
## What runs elsewhere, for speed (bench/RESULTS.md, « make test »):
## - the Playwright trace of a failed scenario (--tracing off): a failure
##   here is re-run with `make acceptance ARGS="--profile … -k …"`, which
##   keeps it (retain-on-failure);
## - the page audit during the suite (--audit=non): the audit itself is
##   tested by tests/harness/test_audit*.py (test_audit_recette.py runs it on
##   real scenarios); `make acceptance` audits every page of the matrix.
TEST_ARGS := --tracing off --audit=non
test: setup
	$(VENV)/bin/mypy --ignore-missing-imports harness simulator pages acteurs steps
	$(PYTEST) -n $(WORKERS) tests $(TEST_ARGS) --une-par-regle 'firefox-*,safari-*' --durations=25 $(ARGS)
	$(PYTEST) -n $(WORKERS) tests/acceptance --profile chrome -m saisie_sans_signature $(TEST_ARGS) $(ARGS)

## The French suite on the whole documented browser matrix against the
## embedded simulator; writes reports/ (Allure HTML, compatibility matrix,
## cucumber.json and junit.xml for test-management tools and CI).
## One part of the matrix: make acceptance ARGS="--shard 2/4".
## A failed scenario runs once more, with a Playwright trace (Playwright
## Test's CI defaults: one retry, trace on first retry): a green run records
## no trace; one green only on its rerun is « instable », never green.
ACCEPTANCE_ARGS := --reruns 1 --tracing on-first-retry
acceptance: setup
	@rm -rf reports/allure-results
	@status=0; \
	$(PYTEST) -n $(WORKERS) tests/acceptance --matrix \
	  --alluredir=reports/allure-results \
	  --cucumberjson=reports/cucumber.json --junitxml=reports/junit.xml \
	  -o junit_suite_name=recette-activite-partielle $(ACCEPTANCE_ARGS) $(ARGS) || status=$$?; \
	bash scripts/allure-report.sh || echo "[acceptance] rapport Allure non généré"; \
	node scripts/cucumber-html.cjs || echo "[acceptance] rapport Cucumber HTML non généré"; \
	exit $$status

## Speed figures (bench/RESULTS.md; raw figures in bench/results/):
## - `make bench`: the browser layer (bench/bench_engines.py);
## - `make bench BENCH=lck`: the lockout and wrong-password scenarios on one
##   profile per engine, -n $(WORKERS), the per-engine median of a scenario;
## - `make bench BENCH=matrice`: the full `make acceptance` matrix (every
##   profile of browsers.yaml), -n $(WORKERS): its wall time and medians;
## - `make bench BENCH=make-test`: the wall time of `make test`.
## The machine's load is written beside each figure.
BENCH ?= moteurs
bench: setup
	@case "$(BENCH)" in \
	  moteurs) $(VENV)/bin/python bench/bench_engines.py $(ARGS) ;; \
	  lck) $(VENV)/bin/python bench/bench_suite.py --label lck -n $(WORKERS) \
	         --profile ie7-winxp --profile firefox-45.8-win7 --profile safari-6.0-mac \
	         -k "verrouill or erron" $(ARGS) ;; \
	  matrice) $(VENV)/bin/python bench/bench_suite.py --label matrice --matrix -n $(WORKERS) $(ARGS) \
	             -- $(ACCEPTANCE_ARGS) ;; \
	  make-test) $(VENV)/bin/python bench/bench_suite.py --label make-test --make-test $(ARGS) ;; \
	  *) echo "BENCH=$(BENCH) : moteurs, lck, matrice ou make-test"; exit 2 ;; \
	esac

## Mutation analysis of the simulator's rule code against the acceptance
## scenarios tagged with each rule, on one profile (docs/mutation.md); writes
## reports/mutation.json and reports/mutation.html. Slow: not part of `make test`.
## E.g. `make mutation ARGS="--regles LCK,PWD-02"`.
mutation: setup
	$(VENV)/bin/python -m harness.mutation $(ARGS)

## The reports again from what a run (or several shards) left: the matrix
## from every results.json given (RESULTS, default reports/results.json),
## Allure over reports/allure-results, HTML of reports/cucumber.json.
RESULTS ?= reports/results.json
report: setup
	$(VENV)/bin/ap-rapport merge $(RESULTS) --out reports
	bash scripts/allure-report.sh
	@if [ -f reports/cucumber.json ]; then node scripts/cucumber-html.cjs reports/cucumber.json reports/cucumber.html; fi

## Shards of one CI run put together (docs/ci/): each shard's reports in
## shards/<n>/ (results.json, allure-results/); writes reports/.
merge: setup
	@mkdir -p reports/allure-results
	@for d in shards/*/allure-results; do cp -r "$$d"/. reports/allure-results/; done
	$(VENV)/bin/ap-rapport merge shards/*/results.json --out reports
	bash scripts/allure-report.sh

clean:
	rm -rf reports/allure-results reports/allure-report reports/evidence reports/matrix.* reports/results.json \
	  reports/cucumber.* reports/junit.xml
