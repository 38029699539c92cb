"""Fixtures that must win over the same names in pytest-base-url and
pytest-playwright, whatever order pytest loads the plugins in: this module
is registered by ``harness.pytest_plugin`` at ``pytest_configure``, after
every installed plugin, so its definitions come last and are the ones used.

- ``base_url``: pytest-base-url's option (``--base-url``, the ``base_url``
  ini key, ``PYTEST_BASE_URL``) when given, else the embedded simulator the
  harness starts (``stack``);
- ``_verify_url``: pytest-base-url's autouse check, which asks for
  ``base_url`` in every test and would start the simulator even for unit
  tests; here it checks only a URL given on the command line, and only with
  ``--verify-base-url`` (the harness's own preflight checks a target anyway);
- ``browser_context_args``: the harness's (empty) dictionary instead of
  pytest-playwright's, which would start a second Playwright.
"""
from __future__ import annotations

import pytest


@pytest.fixture(scope="session")
def base_url(request, variante_du_simulateur):
    # variante_du_simulateur: a new variant of the simulator (make mutation) is
    # a new stack on new ports, so a new base_url (the stack is asked for below,
    # only for the embedded simulator, and pytest does not tie it to this fixture)
    given = request.config.getoption("base_url", default=None)
    from harness.plugin import TARGET_KEY

    target = request.config.stash.get(TARGET_KEY, None)
    if target is not None and not target.embedded:
        return target.base_url
    if given and target is None:
        return given
    return request.getfixturevalue("stack")[0]


@pytest.fixture(scope="session", autouse=True)
def _verify_url(request):
    url = request.config.getoption("base_url", default=None)
    if url and request.config.getoption("verify_base_url", default=False):
        import httpx

        try:
            httpx.get(url, follow_redirects=True, timeout=30).raise_for_status()
        except httpx.HTTPError as error:
            pytest.exit(f"--verify-base-url : {url} ne répond pas ({error})", returncode=3)


@pytest.fixture
def browser_context_args():
    """Extra arguments of every new browser context (``Browser.new_context``
    on Playwright, see ``harness.options``). Override it in a
    ``conftest.py`` (it may ask for ``profile`` to vary by browser profile),
    or per test with ``@pytest.mark.browser_context_args(**kwargs)``."""
    return {}
