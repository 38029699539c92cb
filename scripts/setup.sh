#!/usr/bin/env bash
# Idempotent set-up for a fresh Debian 12 machine (as root, or with sudo):
# Debian browsers and Xvfb, Mailpit (go install), the Python venv with the
# pinned packages, and the npm packages of the Allure report.
# Every step checks first and does nothing when already done.
set -euo pipefail
cd "$(dirname "$0")/.."

MAILPIT_VERSION=v1.33.1
APT_PACKAGES=(chromium chromium-headless-shell firefox-esr webkit2gtk-driver xvfb xauth fonts-dejavu-core)
VENV=.venv
PYTHON=${PYTHON:-python3}

log() { printf '[setup] %s\n' "$*"; }
sudo_() { if [ "$(id -u)" -eq 0 ]; then "$@"; else sudo "$@"; fi; }

# 1. Debian packages (browsers, Xvfb).
missing=()
for pkg in "${APT_PACKAGES[@]}"; do
  dpkg-query -W -f='${Status}' "$pkg" 2>/dev/null | grep -q "install ok installed" || missing+=("$pkg")
done
if [ ${#missing[@]} -gt 0 ]; then
  log "apt-get install ${missing[*]}"
  sudo_ apt-get update -qq
  sudo_ env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "${missing[@]}" >/dev/null
fi

# 2. Mailpit, built from its Go module (it is on no other registry).
# Not needed when the run reads an existing Mailpit (MAILPIT_URL, e.g. a CI
# service container).
GOBIN_DIR=$(go env GOPATH 2>/dev/null || echo "$HOME/go")/bin
if [ -z "${MAILPIT_URL:-}" ] && [ -z "${MAILPIT_BIN:-}" ] \
   && ! command -v mailpit >/dev/null 2>&1 && [ ! -x "$GOBIN_DIR/mailpit" ]; then
  command -v go >/dev/null 2>&1 || { echo "[setup] Go est requis pour installer Mailpit : apt-get install golang-go" >&2; exit 1; }
  log "go install github.com/axllent/mailpit@$MAILPIT_VERSION"
  go install "github.com/axllent/mailpit@$MAILPIT_VERSION"
fi

# 2b. actionlint (Go module) checks docs/ci/github-actions.yml in the tests;
# optional: skipped without Go (the test then says why it is skipped).
ACTIONLINT_VERSION=v1.7.12
if command -v go >/dev/null 2>&1 && ! command -v actionlint >/dev/null 2>&1 \
   && [ ! -x "$GOBIN_DIR/actionlint" ]; then
  log "go install github.com/rhysd/actionlint/cmd/actionlint@$ACTIONLINT_VERSION"
  go install "github.com/rhysd/actionlint/cmd/actionlint@$ACTIONLINT_VERSION" \
    || log "actionlint non installé (le test des exemples CI sera ignoré)"
fi

# 3. Python venv with the pinned packages (re-installed only when pyproject changes).
if [ ! -x "$VENV/bin/python" ]; then
  log "python venv in $VENV"
  "$PYTHON" -m venv "$VENV"
fi
stamp="$VENV/.installed-$(sha256sum pyproject.toml | cut -c1-16)"
if [ ! -f "$stamp" ]; then
  log "pip install -e .[test] (pinned dependencies)"
  "$VENV/bin/pip" install -q --disable-pip-version-check -e ".[test]"
  rm -f "$VENV"/.installed-* && touch "$stamp"
fi

# 4. npm packages for the Allure HTML report (pinned in package-lock.json).
if [ -f package-lock.json ]; then
  lockstamp="node_modules/.installed-$(sha256sum package-lock.json | cut -c1-16)"
  if [ ! -f "$lockstamp" ]; then
    command -v npm >/dev/null 2>&1 || { echo "[setup] npm est requis pour le rapport Allure : apt-get install npm" >&2; exit 1; }
    log "npm ci (Allure report)"
    npm ci --silent --no-audit --no-fund
    rm -f node_modules/.installed-* && touch "$lockstamp"
  fi
fi
log "ok"
