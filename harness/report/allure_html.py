"""Two repairs of the single-file Allure 3 report (``allure`` 3.18.0), made
on its ``index.html`` right after ``allure generate``:

- **Its data must be found whenever the page is read.** The report's
  application script comes before the script that declares its data
  (``window.allureReportData``); when the rest of the file arrives late (a
  loaded machine, a slow file share or artifact server), the application
  starts first, believes it is not a single file, fetches
  ``widgets/tree.json`` beside the page, fails, and shows an empty tree for
  good. Declaring the data object at the top of ``<head>`` makes it wait for
  the data instead (``ensureReportDataReady`` polls until the end of the
  file has been read). Seen in CI: the test of the report timed out.
- **No Google Analytics.** Allure 3 writes a Google Analytics tag into every
  report and offers no switch yet (allure-framework/allure3#476): a report
  of a public service's acceptance run must not call a third party, and on
  a machine without internet the call only delays the page.

    python -m harness.report.allure_html reports/allure-report/index.html
"""
from __future__ import annotations

import re
import sys
from pathlib import Path

DATA_FIRST = "<script>window.allureReportData = window.allureReportData || {};</script>"
ANALYTICS = re.compile(
    r'\s*<script async src="https://www\.googletagmanager\.com/[^"]*"></script>'
    r'\s*<script>\s*window\.dataLayer = .*?</script>', re.S)


class RepairError(RuntimeError):
    pass


def repair(html: str) -> str:
    """The report's HTML, its data declared first and without analytics."""
    html = ANALYTICS.sub("", html, count=1)
    if "googletagmanager" in html:
        raise RepairError("le rapport Allure appelle encore Google Analytics : modèle inconnu")
    if DATA_FIRST not in html:
        head = re.search(r"<head[^>]*>", html)
        if head is None:
            raise RepairError("le rapport Allure n'a pas de <head>")
        html = html[:head.end()] + "\n    " + DATA_FIRST + html[head.end():]
    return html


def main(argv: list[str] | None = None) -> int:
    for name in argv if argv is not None else sys.argv[1:]:
        path = Path(name)
        try:
            path.write_text(repair(path.read_text(encoding="utf-8")), encoding="utf-8")
        except (OSError, RepairError) as e:
            print(f"[allure] {path} : {e}", file=sys.stderr)
            return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
