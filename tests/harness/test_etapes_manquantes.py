"""Missing steps: the lint prints a ready-to-paste definition in French with
the decorator of the step's type and parsers.parse placeholders for quoted
values and numbers (harness/etapes_manquantes.py); pasted, it matches."""
from __future__ import annotations

import subprocess
import sys
import textwrap
from pathlib import Path

from pytest_bdd import parsers

from harness.etapes_manquantes import definition, extrait, motif

ROOT = Path(__file__).resolve().parents[2]


def test_quoted_values_and_numbers_become_placeholders():
    phrase = "je saisis « 12345678901234 » dans le champ « Numéro de Siret » 3 fois"
    pattern, noms = motif(phrase)
    assert pattern == "je saisis « {texte} » dans le champ « {texte2} » {nombre:d} fois"
    assert noms == ["texte", "texte2", "nombre"]
    parsed = parsers.parse(pattern).parse_arguments(phrase)
    assert parsed == {"texte": "12345678901234", "texte2": "Numéro de Siret", "nombre": 3}


def test_the_snippet_is_python_that_matches_its_sentence():
    phrase = 'le message "Compte verrouillé" apparaît après 30 minutes'
    code = definition("then", phrase)
    assert code.startswith("@then(parsers.parse(")
    namespace: dict = {}
    exec(compile("from pytest_bdd import given, parsers, then, when\n" + code, "<extrait>", "exec"),
         namespace)
    func = next(v for k, v in namespace.items() if k.startswith("le_message"))
    assert "Alors le message" in func.__doc__
    pattern, _ = motif(phrase)
    assert parsers.parse(pattern).is_matching(phrase)
    # a sentence without values keeps the plain string form
    assert definition("given", "un établissement inscrit").startswith("@given('un établissement inscrit')")
    assert definition("when", "je me déconnecte").startswith("@when(")


def test_each_missing_sentence_once():
    text = extrait([("when", "je clique sur « A »"), ("when", "je clique sur « B »"),
                    ("then", "je clique sur « A »")])
    assert text.count("@when(") == 1 and text.count("@then(") == 1
    assert "from pytest_bdd import given, parsers, then, when" in text


def test_the_lint_command_prints_the_snippet(tmp_path):
    features = tmp_path / "features"
    features.mkdir()
    (features / "essai.feature").write_text(textwrap.dedent("""\
        # language: fr
        Fonctionnalité: Essai

          @HOME-01
          Scénario: Une étape qui n'existe pas
            Étant donné la page d'accueil d'un simulateur inexistant numéro 42
            Quand je clique sur « Bouton inexistant »
        """), encoding="utf-8")
    proc = subprocess.run([sys.executable, "-m", "harness.lint", str(features)], cwd=ROOT,
                          capture_output=True, text=True, timeout=120)
    assert proc.returncode == 1, proc.stdout + proc.stderr
    assert "F09" in proc.stdout
    assert "@given(parsers.parse(\"la page d'accueil d'un simulateur inexistant numéro {nombre:d}\"))" \
        in proc.stdout, proc.stdout
    assert "@when(parsers.parse('je clique sur « {texte} »'))" in proc.stdout, proc.stdout
