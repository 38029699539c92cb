"""The rule catalogue and the rule-coverage check (harness/rules.py).

First the project itself: every rule of fixtures/rules.yaml (SIM aside) is
proven by a scenario or explicitly deferred, no tag names an unknown rule,
every scenario proves a rule. Then the check itself, on small broken
catalogues and features: it must fail for each fault it is there to catch.
"""
from __future__ import annotations

import re
import textwrap

import pytest

from harness import rules

# --- the project ------------------------------------------------------------


def test_le_catalogue_du_projet_se_charge():
    cat = rules.load()
    assert len(cat.rules) >= 60
    assert {r.group for r in cat.rules.values()} <= set(cat.groups)
    assert not hasattr(cat, "capabilities")   # needs follow from the steps (harness.targets.NEEDS)


def test_chaque_regle_du_projet_est_prouvee_ou_differee():
    report = rules.check_coverage()
    assert report.ok, "\n".join(report.errors) + "\n\n" + report.table()


def test_plus_aucune_regle_n_est_differee():
    """The procedure (PROC-01..05) came with its issue: nothing is deferred any more."""
    cat = rules.load()
    assert {r.id for r in cat.rules.values() if r.deferred} == set()


def test_le_catalogue_est_la_reference_interne_au_depot():
    """No reading of a RULES.md outside the repository: fixtures/rules.yaml
    is the reference, and no code of harness/ names a build machine's path."""
    assert rules.CATALOGUE.is_relative_to(rules.ROOT)
    assert not hasattr(rules, "RULES_MD_CANDIDATES") and not hasattr(rules, "find_rules_md")
    checkout = str(rules.ROOT.resolve())   # this clone's own absolute path, wherever it stands
    for path in (rules.ROOT / "harness").rglob("*.py"):
        assert checkout not in path.read_text(encoding="utf-8"), path


def test_un_id_a_trois_chiffres_est_une_regle_pour_la_couverture(tmp_path):
    """One RULE_ID everywhere (test_report_matrix proves the matrix side)."""
    catalogue = CATALOGUE.replace("  PROC: \"Démarche\"\n", "  PROC: \"Démarche\"\n  ABC: \"Abc\"\n") + \
        '  - {id: ABC-100, group: ABC, kind: impl, rule: "trois chiffres"}\n'
    feature = GOOD_FEATURE.replace("@LCK-01\n", "@LCK-01 @ABC-100\n")
    cat, fdir = write(tmp_path, catalogue=catalogue, verrouillage=feature)
    report = rules.check_coverage(cat, fdir)
    assert report.ok, report.errors
    assert [s.name for s in report.covered["ABC-100"]] == ["Trois mots de passe erronés verrouillent le compte"]


def test_les_marqueurs_couvrent_regles_groupes_et_capacites():
    names = {line.split(":", 1)[0] for line in rules.markers()}
    assert {"LCK-03", "NAV-04", "SIM-01", "LCK", "horloge", "captcha", "courriel", "controle"} <= names
    # the support levels the harness filters profiles on (harness/plugin.py)
    assert {"supporte", "saisie_sans_signature"} <= names


def test_la_commande_renvoie_zero_sur_le_projet(capsys):
    assert rules.main([]) == 0
    out = capsys.readouterr().out
    assert "LCK-03" in out and "PROC-05" in out and "DIFFÉRÉE" not in out


# --- the check on deliberately broken inputs ----------------------------------

CATALOGUE = """\
version: 1
groups:
  LCK: "Verrouillage"
  SIM: "Simulateur"
  PROC: "Démarche"
deferred:
  PROC-01: {issue: "Demande d'autorisation préalable", reason: "pas encore livrée"}
rules:
  - {id: LCK-01, group: LCK, kind: doc, rule: "three wrong passwords lock", guide: "trois mots de passe erronés"}
  - {id: LCK-03, group: LCK, kind: doc, rule: "unlocks after 30 minutes", guide: "au bout de 30 minutes"}
  - {id: SIM-01, group: SIM, kind: sim, rule: "control interface"}
  - {id: PROC-01, group: PROC, kind: doc, rule: "prior authorisation", guide: "demande d'autorisation préalable"}
"""

GOOD_FEATURE = """\
# language: fr
@LCK
Fonctionnalité: Verrouillage

  @LCK-01
  Scénario: Trois mots de passe erronés verrouillent le compte
    Quand il saisit 3 fois un mot de passe erroné
    Alors la connexion est refusée car le compte est verrouillé

  @LCK-03 @horloge
  Scénario: Le compte se déverrouille au bout de 30 minutes
    Quand 30 minutes passent
    Alors il se connecte
"""


def write(tmp_path, catalogue=CATALOGUE, **features):
    cat = tmp_path / "rules.yaml"
    cat.write_text(catalogue, encoding="utf-8")
    fdir = tmp_path / "features"
    fdir.mkdir()
    for name, text in features.items():
        (fdir / f"{name}.feature").write_text(textwrap.dedent(text), encoding="utf-8")
    return rules.load(cat), fdir


def test_un_jeu_correct_passe(tmp_path):
    cat, fdir = write(tmp_path, verrouillage=GOOD_FEATURE)
    report = rules.check_coverage(cat, fdir)
    assert report.ok, report.errors
    assert [s.name for s in report.covered["LCK-03"]] == ["Le compte se déverrouille au bout de 30 minutes"]


def test_echoue_pour_une_regle_sans_scenario(tmp_path):
    cat, fdir = write(tmp_path, verrouillage=GOOD_FEATURE.replace("@LCK-03 @horloge", "@LCK-01 @horloge"))
    report = rules.check_coverage(cat, fdir)
    assert not report.ok
    assert any(e.startswith("LCK-03: aucun scénario ne porte @LCK-03") for e in report.errors), report.errors
    assert "NON COUVERTE" in report.table()


def test_echoue_pour_une_etiquette_qui_nomme_une_regle_inconnue(tmp_path):
    cat, fdir = write(tmp_path, verrouillage=GOOD_FEATURE.replace("@LCK-01\n", "@LCK-01 @LCK-09\n"))
    report = rules.check_coverage(cat, fdir)
    assert any("@LCK-09 nomme une règle inconnue" in e for e in report.errors), report.errors


def test_echoue_pour_un_scenario_qui_ne_prouve_aucune_regle(tmp_path):
    extra = GOOD_FEATURE + textwrap.dedent("""\

      @horloge
      Scénario: Un scénario sans règle
        Quand 30 minutes passent
        Alors il se connecte
    """).replace("\n", "\n  ").rstrip() + "\n"
    cat, fdir = write(tmp_path, verrouillage=extra)
    report = rules.check_coverage(cat, fdir)
    assert any("« Un scénario sans règle »: ce scénario ne prouve aucune règle" in e for e in report.errors), report.errors


def test_une_etiquette_de_groupe_ne_prouve_pas_une_regle(tmp_path):
    feature = GOOD_FEATURE.replace("  @LCK-01\n", "  @LCK\n")
    cat, fdir = write(tmp_path, verrouillage=feature)
    report = rules.check_coverage(cat, fdir)
    assert any("Trois mots de passe erronés verrouillent le compte »: ce scénario ne prouve aucune règle" in e
               for e in report.errors), report.errors


def test_chaque_bloc_d_exemples_doit_prouver_une_regle(tmp_path):
    feature = GOOD_FEATURE + textwrap.indent(textwrap.dedent("""\

        Plan du scénario: Mots de passe
          Quand il saisit <n> fois un mot de passe erroné
          Alors la connexion est refusée car le compte est verrouillé

          @LCK-01
          Exemples: trois
            | n |
            | 3 |

          Exemples: quatre, sans règle
            | n |
            | 4 |
    """), "  ")
    cat, fdir = write(tmp_path, verrouillage=feature)
    report = rules.check_coverage(cat, fdir)
    bad = [e for e in report.errors if "« Mots de passe »" in e]
    assert len(bad) == 1 and "ne prouve aucune règle" in bad[0], report.errors


def test_une_regle_differee_sans_scenario_est_acceptee_et_signalee(tmp_path):
    cat, fdir = write(tmp_path, verrouillage=GOOD_FEATURE)
    report = rules.check_coverage(cat, fdir)
    assert report.ok
    assert "PROC-01  DIFFÉRÉE — Demande d'autorisation préalable : pas encore livrée" in report.table()


def test_echoue_pour_une_regle_differee_qui_a_deja_un_scenario(tmp_path):
    feature = GOOD_FEATURE.replace("@LCK-01\n", "@LCK-01 @PROC-01\n")
    cat, fdir = write(tmp_path, verrouillage=feature)
    report = rules.check_coverage(cat, fdir)
    assert any(e.startswith("PROC-01: différée") and "retirez la mention deferred" in e
               for e in report.errors), report.errors


def test_une_regle_sans_scenario_non_differee_fait_echouer_meme_proc(tmp_path):
    catalogue = CATALOGUE.replace('  PROC-01: {issue: "Demande d\'autorisation préalable", reason: "pas encore livrée"}\n', "")
    cat, fdir = write(tmp_path, catalogue=catalogue, verrouillage=GOOD_FEATURE)
    report = rules.check_coverage(cat, fdir)
    assert any(e.startswith("PROC-01: aucun scénario") for e in report.errors), report.errors


def test_les_regles_sim_n_exigent_pas_de_scenario(tmp_path):
    cat, fdir = write(tmp_path, verrouillage=GOOD_FEATURE)
    assert not any(e.startswith("SIM-01") for e in rules.check_coverage(cat, fdir).errors)


def test_un_fichier_illisible_par_gherkin_est_une_erreur(tmp_path):
    cat, fdir = write(tmp_path, verrouillage=GOOD_FEATURE, casse="# language: fr\nFonctionnalité: X\n  Scénario: A\n    Quand x\n  Fonctionnalité: Y\n")
    report = rules.check_coverage(cat, fdir)
    assert any(e.startswith("casse.feature: illisible par Gherkin") for e in report.errors), report.errors


def test_la_commande_echoue_sur_un_jeu_casse(tmp_path, capsys):
    cat, fdir = write(tmp_path, verrouillage=GOOD_FEATURE.replace("@LCK-03 @horloge", "@horloge"))
    assert rules.main(["--catalogue", str(cat.path), "--features", str(fdir)]) == 1
    assert "LCK-03: aucun scénario" in capsys.readouterr().out


@pytest.mark.parametrize("faute, attendu", [
    ("  - {id: LCK-01, group: LCK, kind: doc, rule: \"x\", guide: \"y\"}\n", "identifiant en double"),
    ("  - {id: XXX-04, group: XXX, kind: doc, rule: \"x\", guide: \"y\"}\n",
     "règle « XXX-04 » : clé « group » : « XXX » absent de groups"),
    ("  - {id: LCK-04, group: LCK, kind: maybe, rule: \"x\", guide: \"y\"}\n",
     "règle « LCK-04 » : clé « kind » : 'maybe' invalide \\(attendu : doc, impl, sim\\)"),
    ("  - {id: LCK-04, group: LCK, kind: doc, rule: \"x\"}\n", "règle « LCK-04 » : clé « guide » : les mots du guide"),
    ("  - {id: LCK-04, group: LCK, kind: doc, rule: \"\", guide: \"y\"}\n",
     "clé « rule » : un texte non vide est attendu"),
    ("  - {id: LCK-04, groupe: LCK, kind: doc, rule: \"x\", guide: \"y\"}\n",
     "clé « groupe » inconnue \\(vouliez-vous dire « group » \\?\\)"),
    ("  - {id: SIM-09, group: LCK, kind: doc, rule: \"x\", guide: \"y\"}\n", "ne commence pas par son groupe"),
    ("  - {id: lck-4, group: LCK, kind: doc, rule: \"x\", guide: \"y\"}\n",
     "règle « lck-4 » : clé « id » : « lck-4 » n'est pas un identifiant de règle"),
])
def test_un_catalogue_mal_forme_est_refuse(tmp_path, faute, attendu):
    path = tmp_path / "rules.yaml"
    path.write_text(CATALOGUE + faute, encoding="utf-8")
    with pytest.raises(rules.CatalogueError, match=attendu) as error:
        rules.load(path)
    assert str(error.value).startswith(f"{path} : ")


@pytest.mark.parametrize("deferral, attendu", [
    ('  LCK-07: {issue: "x", reason: "y"}\n', "clé « deferred.LCK-07 » : règle « LCK-07 » inconnue"),
    ('  LCK-03: {issue: "x"}\n', "report de « LCK-03 » : clé « reason » manquante"),
    ('  SIM-01: {issue: "x", reason: "y"}\n', "rien à différer"),
])
def test_une_regle_differee_sans_raison_ou_inconnue_est_refusee(tmp_path, deferral, attendu):
    path = tmp_path / "rules.yaml"
    path.write_text(CATALOGUE.replace("deferred:\n", "deferred:\n" + deferral), encoding="utf-8")
    with pytest.raises(rules.CatalogueError, match=attendu):
        rules.load(path)


def test_un_seul_motif_d_id_de_regle_dans_le_harnais():
    """One RULE_ID (harness/schemas.py), imported everywhere else."""
    found = [p.relative_to(rules.ROOT).as_posix() for p in (rules.ROOT / "harness").rglob("*.py")
             if re.search(r"compile\(r\"\^\[A-Z\]\+-", p.read_text(encoding="utf-8"))]
    assert found == ["harness/schemas.py"]
    from harness.report import matrix, state

    assert matrix.RULE_ID is rules.RULE_ID is state.RULE_ID
