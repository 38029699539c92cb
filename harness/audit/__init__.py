"""The audit of every page a run reaches (issue 14; docs/audit.md).

For each distinct page state (path with numbers folded, title, alert texts)
reached on a profile, once per run:

- ``capture``: the page's HTML, its stylesheets and scripts (fetched once,
  deduplicated by content hash), the RGAA checks of ``page.js`` and an axe-core
  run, and a full-page screenshot at the profile's viewport;
- at the end of the run, ``compat.py`` checks each unique content against each
  profile's real browser (its ``browserslist`` query in browsers.yaml) with the
  npm tools of ``compat.mjs``, cached by content hash x query x tool versions;
- ``report.py`` writes ``reports/audit.json`` and ``reports/audit.html``.

``plugin.py`` is the pytest wiring (its own ``pytest11`` entry point);
``config.py`` reads ``audit.yaml``; ``outils.py`` finds the npm tools (option,
the user's project, this checkout) and says, in French, what cannot be done
without them.
"""
