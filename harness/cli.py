"""Console scripts (pyproject ``[project.scripts]``) for today's
``python -m …`` tools:

- ``ap-regles`` = ``python -m harness.rules`` (rule catalogue, coverage);
- ``ap-lint`` = ``python -m harness.lint`` (feature lint, missing steps);
- ``ap-rapport [merge] results.json…`` = ``python -m harness.report``
  (the matrix rebuilt from one or more results.json: the merge of shards);
- ``ap-comptes-de-test …`` = ``flask --app simulator comptes-de-test …``
  (a pool file of test accounts, written by the simulator's own command).
"""
from __future__ import annotations

import sys


def regles(argv=None) -> int:
    from harness.rules import main

    return main(sys.argv[1:] if argv is None else argv)


def lint(argv=None) -> int:
    from harness.lint import main

    return main(sys.argv[1:] if argv is None else argv)


def rapport(argv=None) -> int:
    from harness.report.__main__ import main

    args = list(sys.argv[1:] if argv is None else argv)
    if args and args[0] in ("merge", "fusion"):
        args = args[1:]
    return main(args)


def comptes_de_test(argv=None) -> int:
    """The simulator's Click command, by its application name (the harness
    does not import the simulator)."""
    from flask.cli import FlaskGroup  # noqa: F401 - Flask's own CLI
    from flask.cli import main as flask_main

    args = list(sys.argv[1:] if argv is None else argv)
    sys.argv = ["flask", "--app", "simulator", "comptes-de-test", *args]
    try:
        flask_main()
    except SystemExit as end:
        return int(end.code or 0) if not isinstance(end.code, str) else 1
    return 0
