"""make mutation (harness/mutation): the rule map, the equivalents file, the
scores, the process handling, and — as a check that the tooling works — a
small real run: a few mutants of the PWD-02 code of simulator/regles.py against
the simulator's unit tests of the password policy."""
from __future__ import annotations

import json
import os
import re
import subprocess
import sys
import tempfile
import textwrap
import time
from html.parser import HTMLParser
from pathlib import Path

import pytest

import httpx

from harness import rules, services
from harness.control import Control
from harness.mutation import couverture, execution, lots, rapport
from harness.mutation.carte import carte, identifiants, zones_d_annotation
from harness.mutation.mutants import Mutant, fonctions_par_ligne, mutants_du_fichier

ROOT = Path(__file__).resolve().parents[2]
CONNUES = set(rules.load().rules)


def test_identifiants_developpe_les_plages_et_ignore_l_inconnu():
    assert identifiants("LCK-01..03 et PWD-07/PWD-08 ; XYZ-01", CONNUES) == [
        "LCK-01", "LCK-02", "LCK-03", "PWD-07", "PWD-08"]
    assert identifiants("RST-01 à 03", CONNUES) == ["RST-01", "RST-02", "RST-03"]
    assert identifiants("rien ici", CONNUES) == []


def test_la_carte_suit_commentaires_et_docstrings(tmp_path):
    source = tmp_path / "module.py"
    source.write_text(textwrap.dedent('''\
        """Module (LCK-01..02)."""
        def f(x):
            """PWD-02: une docstring."""
            if x < 8:  # PWD-03
                return 1
            # LCK-03: le bloc qui suit
            y = x + 1
            z = y * 2

            return z
        def g():
            return 0
        '''), encoding="utf-8")
    c = carte(source, CONNUES)
    assert c.regles(4) == ("PWD-03",)                 # comment of the line
    assert c.regles(7) == c.regles(8) == ("LCK-03",)  # comment above, up to the blank line
    assert c.regles(10) == ("PWD-02",)                # function docstring
    assert c.regles(12) == ("LCK-01", "LCK-02")       # module docstring


def test_aucun_mutant_dans_une_annotation(tmp_path):
    source = "def f(a: str | None, b: int = 3) -> int | None:\n    return b + 1\n"
    assert zones_d_annotation(source)
    (tmp_path / "m.py").write_text('"""PWD-02"""\n' + source, encoding="utf-8")
    mutants, _ = mutants_du_fichier(tmp_path, "m.py", CONNUES)
    assert mutants, "le code hors annotation doit donner des mutants"
    assert not any("str &" in m.apres or "int &" in m.apres for m in mutants)


def test_aucun_mutant_du_marqueur_des_parametres(tmp_path):
    """``def f(a, *, b)`` → ``def f(a, /, b)``: cosmic-ray's « Mul → Div »
    of the keyword-only marker changes only how f may be called."""
    source = "def f(a, *, b, c=2 * 3):\n    return a * b\n\n\ndef g(a, /, b):\n    return a / b\n"
    (tmp_path / "m.py").write_text('"""PWD-02"""\n' + source, encoding="utf-8")
    mutants, _ = mutants_du_fichier(tmp_path, "m.py", CONNUES)
    signatures = [m for m in mutants if m.avant.startswith("def ")]
    assert not any("(a, /, b" in m.apres or "(a, *, b)" in m.apres for m in signatures), signatures
    assert any(m.apres == "return a / b" for m in mutants), "l'opérateur du corps reste muté"
    assert any("2 / 3" in m.apres for m in signatures), "un vrai opérateur d'une valeur par défaut reste muté"


def _mutant(statut="survivant", regles=("PWD-02",), avant="x < 8", apres="x <= 8"):
    return Mutant(id="x", fichier="simulator/regles.py", ligne=1, colonne=0,
                  operateur="core/ReplaceComparisonOperator_Lt_LtE", occurrence=0,
                  regles=list(regles), portee="", avant=avant, apres=apres, diff="", statut=statut)


def test_un_equivalent_explique_sort_du_score_et_une_explication_perimee_est_signalee():
    mutants = [_mutant("tue"), _mutant("survivant"), _mutant("survivant", avant="y", apres="z")]
    explication = {"fichier": "simulator/regles.py", "operateur": "core/ReplaceComparisonOperator_Lt_LtE",
                   "avant": "y", "apres": "z", "raison": "sans effet"}
    perimee = dict(explication, avant="plus là")
    assert rapport.marquer_equivalents(mutants, [explication, perimee]) == [perimee]
    assert mutants[2].statut == "equivalent" and mutants[2].raison == "sans effet"
    s = rapport.scores(mutants)["PWD-02"]
    assert (s["tues"], s["evalues"], s["equivalent"], s["score"]) == (1, 2, 1, 0.5)


def test_une_explication_qui_nomme_sa_fonction_ne_vaut_que_pour_elle():
    """``return False`` stands in several functions: the explanation of one
    must not hide the mutants of the others."""
    source = ("def verifier(h):\n    if not h:\n        return False\n    return h == 1\n\n\n"
              "def autre(x):\n    if x:\n        return False\n    return True\n")
    assert fonctions_par_ligne(source)[3] == "verifier" and fonctions_par_ligne(source)[9] == "autre"
    mutants = [_mutant(avant="return False", apres="return True"),
               _mutant(avant="return False", apres="return True")]
    mutants[0].fonction, mutants[1].fonction = "verifier", "autre"
    explication = {"fichier": "simulator/regles.py", "operateur": "core/ReplaceComparisonOperator_Lt_LtE",
                   "fonction": "verifier", "avant": "return False", "apres": "return True",
                   "raison": "jamais atteinte"}
    assert rapport.marquer_equivalents(mutants, [explication]) == []
    assert [m.statut for m in mutants] == ["equivalent", "survivant"]
    # the simulator's own: the explained one is verifier's, and it is not alone
    reels, _ = mutants_du_fichier(ROOT, "simulator/regles.py", CONNUES,
                                  lambda regles, operateur, avant: avant == "return False")
    vrais = [m for m in reels if m.apres == "return True"]
    assert len(vrais) > 1 and "verifier" in {m.fonction for m in vrais}
    equivalents = rapport.charger_equivalents(ROOT / "mutation" / "equivalents.yaml")
    rapport.marquer_equivalents(vrais, equivalents)
    expliques = [m for m in vrais if m.statut == "equivalent"]
    assert [(m.fonction, m.precedente) for m in expliques] == [("verifier", "if not hache:")], (
        "l'explication de la branche « aucun hachage » cache d'autres mutants")


def _ecrire(chemin, texte: str):
    chemin.write_text(texte, encoding="utf-8")
    return chemin


def test_le_fichier_des_equivalents_du_depot_est_bien_forme(tmp_path):
    rapport.charger_equivalents(ROOT / "mutation" / "equivalents.yaml")
    with pytest.raises(rapport.EquivalentsError, match="raison"):
        rapport.charger_equivalents(_ecrire(tmp_path / "e.yaml", "equivalents:\n  - fichier: a.py\n"))
    # a removed line (a decorator) is explained with an empty « apres », which
    # must still be written
    retire = "equivalents:\n  - {fichier: a.py, operateur: core/RemoveDecorator, avant: '@cache', %sraison: r}\n"
    assert rapport.charger_equivalents(_ecrire(tmp_path / "r.yaml", retire % "apres: '', "))[0]["apres"] == ""
    with pytest.raises(rapport.EquivalentsError, match="apres"):
        rapport.charger_equivalents(_ecrire(tmp_path / "s.yaml", retire % ""))


def test_un_blocage_est_arrete_avec_ses_processus_enfants(tmp_path):
    """The per-mutant timeout stops the test run and what it started, even a
    child in its own session (as harness/services.py starts the simulator)."""
    pid_file = tmp_path / "enfant.pid"
    script = (
        "import subprocess, sys, time\n"
        "p = subprocess.Popen([sys.executable, '-c', 'import time; time.sleep(300)'],"
        " start_new_session=True)\n"
        f"open({str(pid_file)!r}, 'w').write(str(p.pid))\n"
        "time.sleep(300)\n")
    issue = execution.lancer([sys.executable, "-c", script], tmp_path, delai_s=5)
    assert issue.code_retour is None
    enfant = int(pid_file.read_text())
    for _ in range(50):
        try:
            os.kill(enfant, 0)
        except ProcessLookupError:
            break
        time.sleep(0.2)
    else:
        pytest.fail(f"le processus enfant {enfant} a survécu au délai")


def test_un_arret_laisse_le_temps_de_tout_defaire_meme_lance_avec_sigint_ignore(tmp_path):
    """A run started in the background (`make mutation &`) or from a
    pytest-xdist worker has SIGINT ignored, and an ignored signal survives
    exec: the stop's SIGINT must still reach the child, so that pytest tears
    its fixtures down (simulator, browsers) before the SIGKILL."""
    import signal
    trace = tmp_path / "defait"
    script = ("import time\ntry:\n    time.sleep(300)\nexcept KeyboardInterrupt:\n"
              f"    open({str(trace)!r}, 'w').write('1')\n")
    ancien = signal.signal(signal.SIGINT, signal.SIG_IGN)
    try:
        issue = execution.lancer([sys.executable, "-c", script], tmp_path, delai_s=3)
    finally:
        signal.signal(signal.SIGINT, ancien)
    assert issue.code_retour is None and trace.exists(), issue.sortie


def test_la_copie_du_depot_est_privee_et_effacee_meme_sur_erreur():
    with pytest.raises(RuntimeError):
        with execution.CopieDuDepot(ROOT) as copie:
            assert (copie / "simulator" / "regles.py").is_file()
            assert not (copie / ".git").exists() and not (copie / ".venv").exists()
            (copie / "simulator" / "regles.py").write_text("casse", encoding="utf-8")
            raise RuntimeError
    assert not copie.exists()
    assert (ROOT / "simulator" / "regles.py").read_text(encoding="utf-8") != "casse"


class _Html(HTMLParser):
    def __init__(self):
        super().__init__()
        self.titres: list[str] = []
        self._dans = False

    def handle_starttag(self, tag, attrs):
        self._dans = tag in ("h1", "h2")

    def handle_data(self, data):
        if self._dans and data.strip():
            self.titres.append(data.strip())
            self._dans = False


def test_l_outillage_tue_au_moins_un_mutant_sur_un_petit_module(tmp_path):
    """make test's check of the tooling: 2 mutants of the PWD-02 line of
    simulator/regles.py against the simulator's unit tests of PWD-02."""
    source = (ROOT / "simulator" / "regles.py").read_bytes()
    connus = (ROOT / "mutation" / "tueurs.json").read_bytes()
    resultat = subprocess.run(
        [sys.executable, "-m", "harness.mutation", "--modules", "simulator/regles.py",
         "--regles", "PWD-02", "--max-mutants", "2", "--sortie", str(tmp_path),
         "--cible", "tests/simulator/test_regles.py::test_PWD_02_au_moins_8_caracteres"],
        cwd=ROOT, capture_output=True, text=True, timeout=900)
    assert resultat.returncode == 0, resultat.stdout[-3000:] + resultat.stderr[-3000:]
    assert (ROOT / "simulator" / "regles.py").read_bytes() == source, "le dépôt a été modifié"
    # the known killers are acceptance scenarios: a unit-test target neither reads nor rewrites them
    assert (ROOT / "mutation" / "tueurs.json").read_bytes() == connus

    donnees = json.loads((tmp_path / "mutation.json").read_text(encoding="utf-8"))
    assert donnees["outil"].startswith("cosmic-ray ")
    assert len(donnees["mutants"]) == 2
    assert all(m["statut"] in rapport.STATUTS and m["regles"] and m["diff"] for m in donnees["mutants"])
    assert donnees["total"]["tues"] >= 1, donnees["mutants"]
    assert set(donnees["regles"]) == {"PWD-02"}
    assert donnees["regles"]["PWD-02"]["score"] is not None

    html = (tmp_path / "mutation.html").read_text(encoding="utf-8")
    parseur = _Html()
    parseur.feed(html)
    assert "Analyse de mutation du simulateur" in parseur.titres
    assert "Score par règle" in parseur.titres
    assert html.rstrip().endswith("</html>")


def test_refaire_le_rapport_applique_les_explications_du_jour(tmp_path):
    """--depuis: a survivor explained since the run leaves the score, without a new run."""
    from harness.mutation.__main__ import _mutants_du_module, main

    e = rapport.charger_equivalents(ROOT / "mutation" / "equivalents.yaml")[0]
    survivant = _mutant("survivant", avant=e["avant"], apres=e["apres"])
    survivant.fichier, survivant.operateur = e["fichier"], e["operateur"]
    # ids of today's code (a mutant it no longer has would be left out)
    du_jour = _mutants_du_module(e["fichier"], set(rules.load().rules), None, set())[0]
    survivant.id = next(m.id for m in du_jour if (m.avant, m.apres) == (e["avant"], e["apres"]))
    tue = _mutant("tue")
    tue.id = next(m.id for m in du_jour if m.id != survivant.id)
    ancien = {"outil": "cosmic-ray", "cible": "acceptance", "profil": "ie7-winxp",
              "modules": [e["fichier"]], "regles_choisies": [], "equivalents_fichier": "x",
              "hors_regle": 0, "debut": "", "charge": "", "duree_s": 1.0, "interrompu": False,
              "mutants": [survivant.as_dict(), tue.as_dict()]}
    (tmp_path / "ancien.json").write_text(json.dumps(ancien), encoding="utf-8")
    assert main(["--depuis", str(tmp_path / "ancien.json"), "--sortie", str(tmp_path / "neuf")]) == 0
    neuf = json.loads((tmp_path / "neuf" / "mutation.json").read_text(encoding="utf-8"))
    assert [m["statut"] for m in neuf["mutants"]] == ["equivalent", "tue"]
    assert neuf["regles"]["PWD-02"]["score"] == 1.0


def test_mutants_choisis_par_identifiant(capsys):
    """--mutants: only the named mutants (re-checking survivors); an unknown id is refused in French."""
    from harness.mutation.__main__ import main

    def listes(*options):
        assert main(["--modules", "simulator/regles.py", "--regles", "PWD-02", "--liste", *options]) == 0
        return re.findall(r"^([0-9a-f]{10}) simulator/", capsys.readouterr().out, re.MULTILINE)

    tous = listes()
    assert len(tous) >= 3
    assert listes("--mutants", f"{tous[2]},{tous[0]}") == [tous[0], tous[2]]
    with pytest.raises(SystemExit, match=r"mutant\(s\) introuvable\(s\).*0000000000"):
        listes("--mutants", f"{tous[0]},0000000000")


def test_les_parts_d_un_shard_se_partagent_les_mutants_et_se_reunissent(tmp_path, capsys):
    """--shard i/n: the n parts run each mutant once (a stable split, one
    machine per part); --depuis with their reports gives one report with
    every mutant and the longest duration; a wrong part is refused in French."""
    from harness.mutation.__main__ import main

    def listes(*options):
        assert main(["--modules", "simulator/regles.py", "--liste", *options]) == 0
        return re.findall(r"^([0-9a-f]{10}) simulator/", capsys.readouterr().out, re.MULTILINE)

    tous, parts = listes(), [listes("--shard", f"{i}/3") for i in (1, 2, 3)]
    assert all(parts) and sorted(sum(parts, [])) == sorted(tous), parts
    with pytest.raises(SystemExit, match="--shard 4/3 : i doit être compris entre 1 et n"):
        listes("--shard", "4/3")
    rapports = []
    for i, (statut, duree) in enumerate([("tue", 30.0), ("survivant", 50.0), ("survivant", 60.0)], start=1):
        m = _mutant(statut)
        m.id = tous[i - 1] if i < 3 else "0000000000"  # the third: a line changed since its run
        rapports.append(tmp_path / f"p{i}.json")
        rapports[-1].write_text(json.dumps({
            "outil": "cosmic-ray", "cible": "acceptance", "profil": "ie7-winxp", "modules": ["simulator/regles.py"],
            "regles_choisies": [], "equivalents_fichier": "x", "hors_regle": 0, "debut": "", "charge": "",
            "duree_s": duree, "interrompu": False, "shard": f"{i}/3", "mutants": [m.as_dict()]}))
    assert main(["--depuis", ",".join(map(str, rapports)), "--sortie", str(tmp_path / "tout")]) == 0
    tout = json.loads((tmp_path / "tout" / "mutation.json").read_text(encoding="utf-8"))
    assert [(m["id"], m["statut"]) for m in tout["mutants"]] == [(tous[0], "tue"), (tous[1], "survivant")]
    assert (tout["duree_s"], tout["shard"], tout["total"]["evalues"]) == (60.0, "3 parts réunies (1/3, 2/3, 3/3)", 2)
    assert [m["id"] for m in tout["mutants_ecartes"]] == ["0000000000"]
    assert "1 mutant(s) des rapports absent(s) du code d'aujourd'hui" in capsys.readouterr().out


def test_le_page_immobile_de_make_mutation_gagne_chaque_session_des_scenarios(tmp_path):
    """make mutation --page-immobile N reaches every pytest session it starts
    (the run without mutant, a mutant's tests, a batch); 0 turns it off."""
    from harness.mutation.__main__ import _arguments
    from harness.mutation.campagne import Campagne

    def immobile(commande):
        return [commande[i + 1] for i, o in enumerate(commande) if o == "--page-immobile"]

    assert _arguments([]).page_immobile == execution.PAGE_IMMOBILE_S == 2.0
    for n, attendu in ((3.5, ["3.5"]), (0.0, [])):
        campagne = Campagne(ROOT, "acceptance", "ie7-winxp", immobile=n)
        assert immobile(campagne.commande(["LCK-01"])) == attendu
        lot = lots.Lots(ROOT, "acceptance", "ie7-winxp", {}, immobile=campagne.immobile)
        assert immobile(execution.commande_lot(lot.cible, tmp_path / "plan", tmp_path / "r", lot.profil,
                                               lot.niveaux, 0.5, lot.immobile)) == attendu
    assert immobile(execution.commande_seule("test_mod.py", "test_mod.py::test_a", "ie7-winxp")) == []


def test_les_scenarios_de_chrome_courent_pour_un_mutant_de_nav_04():
    """NAV-04's refused signature runs on the Chrome profile only (@saisie_sans_signature):
    a mutant of NAV-04 also runs those scenarios there, a mutant of LCK-01 does not."""
    from harness.mutation.__main__ import _arguments, _niveaux
    from harness.mutation.campagne import Campagne

    niveaux = _niveaux(_arguments([]))
    assert [(n.tag, n.profil) for n in niveaux] == [("saisie_sans_signature", "chrome")]
    assert {"NAV-04", "PROC-05"} <= niveaux[0].regles and "LCK-01" not in niveaux[0].regles
    campagne = Campagne(ROOT, "acceptance", "ie7-winxp", niveaux=niveaux)

    def valeurs(commande, option):
        return [commande[i + 1] for i, o in enumerate(commande) if o == option]

    nav = campagne.commande(["NAV-04", "PROC-01"])
    assert valeurs(nav, "-m") == ["pytest", "NAV-04 or PROC-01"]
    assert valeurs(nav, "-k") == ["ie7-winxp or saisie_sans_signature"]
    assert valeurs(nav, "--profile") == ["ie7-winxp", "chrome"]
    lck = campagne.commande(["LCK-01"])
    assert valeurs(lck, "-k") == [] and valeurs(lck, "--profile") == ["ie7-winxp"]
    collecte = subprocess.run([*nav[:3], "--collect-only", *nav[3:]], cwd=ROOT, capture_output=True,
                              text=True, timeout=600)
    ids = [ligne for ligne in collecte.stdout.splitlines() if "::" in ligne]
    assert any(i.endswith("[chrome]") for i in ids) and any(i.endswith("[ie7-winxp]") for i in ids), ids
    assert len([i for i in ids if i.endswith("[chrome]")]) <= 3, ids  # its level's only


FLAKY = """\
from pathlib import Path

import mod


def test_mod():
    marker = Path(__file__).with_name("deja_vu")
    if not marker.exists():       # fails on its first run only: a flaky test
        marker.write_text("1")
        assert False
"""

ALWAYS = """\
import mod


def test_mod():
    assert mod.VALEUR == 1
"""


SEQUENCE = """\
import mod


def test_a_prepare():
    mod.ETAT.append(mod.VALEUR)


def test_b_constate():
    assert 2 not in mod.ETAT   # fails only after test_a has run with the mutant
"""


@pytest.mark.parametrize("tests, statut", [(FLAKY, "instable"), (ALWAYS, "tue"), (SEQUENCE, "tue")])
def test_un_echec_qui_ne_se_reproduit_pas_n_est_pas_un_mutant_tue(tmp_path, tests, statut):
    """The killing test runs again alone with the mutant on disk, and if it
    passes alone, the whole selection again: a flaky failure leaves the
    mutant a survivor (« instable »), a real one confirms it, also one that
    needs what the tests before it left under the mutant."""
    from harness.mutation.campagne import Campagne
    (tmp_path / "mod.py").write_text("VALEUR = 1\nETAT: list = []\n")
    (tmp_path / "test_mod.py").write_text(tests)
    m = Mutant(id="x", fichier="mod.py", ligne=1, colonne=9, operateur="core/NumberReplacer",
               occurrence=0, regles=["PWD-02"], portee="test", avant="VALEUR = 1", apres="VALEUR = 2",
               diff="")
    campagne = Campagne(tmp_path, "test_mod.py", "ie7-winxp")
    campagne.delai_commun = 600.0   # hang catch only; the run without mutant is not needed here
    campagne.evaluer(m)
    assert m.statut == statut, (m.statut, m.extra)
    assert (tmp_path / "mod.py").read_text() == "VALEUR = 1\nETAT: list = []\n"
    s = rapport.scores([m])["PWD-02"]
    assert (s["tues"], s["evalues"]) == ((0, 1) if statut == "instable" else (1, 1))


# --------------------------------------------------------------------------
# Which scenarios reach which function (harness/mutation/couverture.py)
# --------------------------------------------------------------------------
def test_le_corps_d_une_fonction_et_non_son_en_tete_ni_le_module():
    source = textwrap.dedent("""\
        X = 1
        @decorateur(2)
        def f(a=3):
            \"\"\"doc\"\"\"
            def g():
                return 4
            return g
        """)
    assert couverture.corps_de_fonction(source, 1) is None      # module level: run at import
    assert couverture.corps_de_fonction(source, 2) is None      # decorator
    assert couverture.corps_de_fonction(source, 3) is None      # default value
    assert couverture.corps_de_fonction(source, 7) == (4, 7)    # f's body
    assert couverture.corps_de_fonction(source, 6) == (6, 6)    # g's, the innermost


def test_les_tests_de_la_ligne_d_abord_sinon_ceux_de_sa_fonction(tmp_path):
    (tmp_path / "mod.py").write_text("def f(x):\n    if x:\n        return (1 +\n                2)\n    return 3\n")
    mesure = couverture.Couverture({str((tmp_path / "mod.py").resolve()): {
        2: {"t::a", "t::b"}, 3: {"t::a"}, 5: {"t::b"}}})
    assert mesure.tests_couvrants(tmp_path / "mod.py", 3) == {"t::a"}
    assert mesure.tests_couvrants(tmp_path / "mod.py", 4) == {"t::a", "t::b"}   # no line event of its own
    assert mesure.tests_couvrants(tmp_path / "mod.py", 1) is None               # the header


def test_le_simulateur_range_chaque_ligne_sous_le_scenario_nomme(tmp_path):
    """SIM_COUVERTURE: the served simulator (waitress, its own process) writes
    which scenario (POST /_sim/couverture) ran which line; read back, a
    function is reached by the scenarios that ran it, by none if none did,
    and a line outside any function gives no restriction."""
    sim = services.simulator_process(tmp_path / "sim", smtp_port=services.free_port())
    sim.env["SIM_COUVERTURE"] = str(tmp_path / couverture.NOM)
    with services.running(sim):
        controle = Control(sim.url)
        controle.nommer_le_scenario("scenario::accueil")
        assert httpx.get(sim.url + "/", timeout=30).status_code == 200
        controle.nommer_le_scenario("scenario::aide")
        assert httpx.get(sim.url + "/favicon.ico", timeout=30).status_code == 204
        controle.close()
    mesure = couverture.lire(tmp_path)
    assert mesure is not None
    accueil = ROOT / "simulator" / "accueil.py"
    lignes = accueil.read_text(encoding="utf-8").splitlines()

    def ligne(texte):
        return lignes.index(texte) + 1

    assert mesure.tests_couvrants(accueil, ligne('    return render_template("accueil.html")')) \
        == {"scenario::accueil"}
    assert mesure.tests_couvrants(accueil, ligne('    return "", 204')) == {"scenario::aide"}
    assert mesure.tests_couvrants(accueil, ligne("    gabarit, titre = PAGES[page]")) == set()
    assert mesure.tests_couvrants(accueil, ligne("@bp.get(\"/\")")) is None
    assert not list(tmp_path.glob(couverture.NOM + ".*")), "les fichiers de mesure sont combinés"


MODULE_COUVERT = """\
def f():
    return 1


def g():
    return 2
"""

TESTS_COUVERTS = """\
import mod


def test_f():
    assert mod.f() == 1


def test_g():
    assert mod.g() == 2
"""


def _mesure_de(tmp_path, par_ligne: dict[int, set[str]]) -> couverture.Couverture:
    return couverture.Couverture({str((tmp_path / "mod.py").resolve()): par_ligne})


@pytest.mark.parametrize("par_ligne, ligne, statut, couvrants", [
    ({2: {"test_mod.py::test_f"}}, 6, "non_couvert", None),     # g: no test ran it, nothing runs
    ({2: {"test_mod.py::test_f"}}, 2, "tue", 1),                # f: the test of its line alone kills it
    ({2: {"test_mod.py::test_g"}}, 2, "tue", 1),                # measured wrong: the whole selection kills it
    ({2: {"test_mod.py::test_f", "test_mod.py::test_g"}}, 2, "tue", None),  # all of them: the selection, once
    ({2: {""}}, 2, "tue", None),                                # run outside any test: no restriction
])
def test_un_mutant_court_d_abord_contre_les_tests_qui_atteignent_sa_fonction(
        tmp_path, par_ligne, ligne, statut, couvrants):
    from harness.mutation.campagne import Campagne
    (tmp_path / "mod.py").write_text(MODULE_COUVERT)
    (tmp_path / "test_mod.py").write_text(TESTS_COUVERTS)
    valeur = "1" if ligne == 2 else "2"   # f's line 2, g's line 6
    m = Mutant(id="x", fichier="mod.py", ligne=ligne, colonne=11, operateur="core/NumberReplacer",
               occurrence=0 if ligne == 2 else 1, regles=["PWD-02"], portee="test",
               avant=f"return {valeur}", apres=f"return {int(valeur) + 1}", diff="")
    campagne = Campagne(tmp_path, "test_mod.py", "ie7-winxp")
    campagne.delai_commun = 600.0   # hang catch only
    campagne.couverture = _mesure_de(tmp_path, par_ligne)
    campagne.evaluer(m)
    assert (m.statut, m.extra.get("tests_couvrants")) == (statut, couvrants), m.extra
    assert (tmp_path / "mod.py").read_text() == MODULE_COUVERT
    assert rapport.scores([m])["PWD-02"]["evalues"] == 1


# --------------------------------------------------------------------------
# Many mutants per pytest session (harness/mutation/lot.py, lots.py)
# --------------------------------------------------------------------------
# A project in miniature: ``mod.py`` is served in a process of its own (as
# the simulator is), started by the session fixture the harness's stack
# hangs on; each mutant of a batch gets its own.
LOT_CONFTEST = "from harness.plugin import variante_du_simulateur  # noqa: F401  (the harness's own)\n"

LOT_TESTS = """\
import subprocess
import sys
from pathlib import Path


def servi(expression):
    # what the served module says (a process of its own, like the simulator)
    return subprocess.run([sys.executable, "-c", f"import mod; print({expression})"], cwd=Path(__file__).parent,
                          capture_output=True, text=True, timeout=120).stdout.strip()


def test_a(variante_du_simulateur):
    assert servi("mod.VALEUR") == "1"


def test_b(variante_du_simulateur):
    assert servi("mod.VALEUR * 10") == "10"


def test_c(variante_du_simulateur):
    marker = Path(__file__).with_name("deja_vu")
    if servi("mod.INSTABLE") != "3" and not marker.exists():   # fails the first time only
        marker.write_text("1")
        assert False
"""

LOT_MOD = "VALEUR = 1\nINSTABLE = 3\nSEUL = 7\nwhile VALEUR == 0:\n    pass\n"


def _projet_du_lot(racine: Path, tests: str = LOT_TESTS) -> None:
    """The miniature project: the served module, the harness's fixture, ``tests``."""
    (racine / "mod.py").write_text(LOT_MOD)
    (racine / "conftest.py").write_text(LOT_CONFTEST)
    (racine / "test_mod.py").write_text(tests)


def _mutant_du_lot(racine: Path, apres: str) -> Mutant:
    """The NumberReplacer mutant of mod.py whose source has ``apres``."""
    from harness.mutation.mutants import source_mutee
    for occurrence in range(12):
        m = Mutant(id=f"m{occurrence}", fichier="mod.py", ligne=1, colonne=0, operateur="core/NumberReplacer",
                   occurrence=occurrence, regles=["PWD-02"], portee="test", avant="", apres=apres, diff="")
        if apres in source_mutee(racine, m).splitlines():
            return m
    raise AssertionError(apres)


def test_par_lots_chaque_mutant_a_son_processus_et_son_statut(tmp_path):
    """One session for several mutants: each is served its own mutated
    module (the file on disk never changes), a killed mutant's other tests
    are skipped, a flaky kill is not confirmed (« instable »), a mutant that
    hangs its process is stopped (« délai dépassé ») and the mutants after
    it still run; the results are those of one session per mutant."""
    from harness.mutation.campagne import Campagne
    _projet_du_lot(tmp_path)
    tue = _mutant_du_lot(tmp_path, "VALEUR = 2")
    survivant = _mutant_du_lot(tmp_path, "SEUL = 8")
    instable = _mutant_du_lot(tmp_path, "INSTABLE = 4")
    bloque = _mutant_du_lot(tmp_path, "VALEUR = 0")
    apres_le_blocage = _mutant_du_lot(tmp_path, "SEUL = 6")
    mutants = [tue, survivant, bloque, instable, apres_le_blocage]
    campagne = Campagne(tmp_path, "test_mod.py", "ie7-winxp")
    campagne.delai_commun = 20.0   # a hang: 20 s without any test ending
    campagne.evaluer_par_lots(mutants, paralleles=2)   # two sessions side by side
    assert [m.statut for m in mutants] == ["tue", "survivant", "delai", "instable", "survivant"], \
        [(m.statut, m.extra) for m in mutants]
    assert tue.tueur == "test_mod.py::test_a" and tue.extra["confirmation"] == 1
    assert instable.extra == {"confirmation": 0, "confirmation_selection": 0}
    assert (tmp_path / "mod.py").read_text() == LOT_MOD
    sorties = [l for f in (tmp_path / "lots").glob("*.jsonl") for l in lots.lire(f)]
    # each kill's test ran again right after it, in its session (no session of its own)
    assert [(l["test"], l["issue"], l.get("confirmation")) for l in sorties
            if l["mutant"] == tue.id and l["test"].endswith("test_a")] == \
        [("test_mod.py::test_a", "failed", None), ("test_mod.py::test_a", "failed", True)], sorties
    assert {"mutant": tue.id, "test": "test_mod.py::test_b", "issue": "skipped"}.items() <= \
        next(l for l in sorties if l["mutant"] == tue.id and l["test"].endswith("test_b")).items()
    assert not list(Path(tempfile.gettempdir()).glob(f"mutant-{tue.id}-*"))


def test_par_lots_la_confirmation_d_un_echec_se_fait_a_pleine_patience(tmp_path):
    """A session at half patience (make mutation's first step): a mutant's
    failed test runs again right after it at full patience — here it then
    passes, so the failure was the half patience's —, and the next mutant's
    tests are back at half patience."""
    _projet_du_lot(tmp_path,
        "from harness import attente\n\n\ndef test_p(variante_du_simulateur):\n"
        "    with open('patiences', 'a') as f:\n        f.write(f'{attente.PATIENCE:g} ')\n"
        "    assert attente.PATIENCE == 1.0\n")
    premier, second = _mutant_du_lot(tmp_path, "SEUL = 8"), _mutant_du_lot(tmp_path, "SEUL = 6")
    from harness.mutation.mutants import source_mutee
    plan = tmp_path / "plan.json"
    plan.write_text(json.dumps({"confirmer": True, "mutants": [
        {"id": m.id, "fichier": m.fichier, "source": source_mutee(tmp_path, m), "tests": ["test_mod.py::test_p"]}
        for m in (premier, second)]}))
    sortie = tmp_path / "issues.jsonl"
    subprocess.run([sys.executable, "-m", "pytest", "-q", "-p", "no:cacheprovider", "-p", "harness.mutation.lot",
                    "--lot", str(plan), "--lot-resultats", str(sortie), "--patience", "0.5", "test_mod.py"],
                   cwd=tmp_path, capture_output=True, text=True, timeout=600)
    assert (tmp_path / "patiences").read_text().split() == ["0.5", "1", "0.5", "1"]
    bilan = lots._bilan([(premier, ["test_mod.py::test_p"]), (second, ["test_mod.py::test_p"])],
                        lots.lire(sortie), arrete=False)
    assert (bilan[premier.id].statut, bilan[premier.id].confirmation) == ("tue", 0), bilan


def test_un_lot_arrete_pendant_la_confirmation_d_un_echec_n_accuse_pas_le_mutant_suivant():
    """A session stopped by the timeout while the second run of a mutant's
    failed test hung: that kill stands (unconfirmed, to be run alone), and
    the next mutant, never started, is run again — not « délai dépassé »."""
    tue, suivant = _mutant("tue"), _mutant("survivant")
    tue.id, suivant.id = "m1", "m2"
    lignes = [{"mutant": "m1", "test": "t.py::a", "issue": "failed", "phase": "call", "duree_s": 3.0}]
    demandes = [(tue, ["t.py::a"]), (suivant, ["t.py::a"])]
    bilan = lots._bilan(demandes, lignes, arrete=True, confirmer=True)
    assert [(r.statut, r.confirmation) for r in bilan.values()] == [("tue", None), ("non_lance", None)]
    sans_confirmation = lots._bilan(demandes, lignes, arrete=True)  # the next one hung before its first outcome
    assert [r.statut for r in sans_confirmation.values()] == ["tue", "delai"]


def test_l_identifiant_d_un_test_sans_son_mutant():
    from harness.mutation.lot import separer
    assert separer("t.py::f[ie7-winxp-mutant-1a2b]") == ("1a2b", "t.py::f[ie7-winxp]")
    assert separer("t.py::f[mutant-1a2b-ie7-winxp]") == ("1a2b", "t.py::f[ie7-winxp]")
    assert separer("t.py::f[ie7-winxp-mutant-1a2b-2]") == ("1a2b", "t.py::f[ie7-winxp-2]")
    assert separer("t.py::f[mutant-1a2b]") == ("1a2b", "t.py::f")
    assert separer("t.py::f[ie7-winxp]") == (None, "t.py::f[ie7-winxp]")


def test_par_lots_sur_les_scenarios_chaque_mutant_a_son_simulateur():
    """The default mode of make mutation, for real: one session, two mutants
    of PWD-02's `len(nouveau) < 8` against the scenario where 8 characters
    are accepted. `< 9` refuses them (killed); then `< 7`, on a stack of
    its own (new simulator, new ports), lets the scenario pass — which it
    does only if the session's clients follow the new stack."""
    from harness.mutation.lots import Lots
    par_ligne = {m.apres: m for m in mutants_du_fichier(ROOT, "simulator/regles.py", CONNUES)[0]}
    tue, survivant = par_ligne["if len(nouveau) < 9:  # PWD-02"], par_ligne["if len(nouveau) < 7:  # PWD-02"]
    source = (ROOT / "simulator" / "regles.py").read_bytes()
    with execution.CopieDuDepot(ROOT) as copie:
        selection = execution.collecter(execution.commande_pytest("acceptance", ["PWD-02"], "ie7-winxp"), copie)
        scenario = next(t for t in selection if "qualit" in t and "lui-m" in t)
        resultats = Lots(copie, "acceptance", "ie7-winxp", {}, paralleles=1).executer(
            [(tue, [scenario]), (survivant, [scenario])], delai_s=600)
    assert (resultats[tue.id].statut, resultats[tue.id].tueur) == ("tue", scenario), resultats
    assert resultats[survivant.id].statut == "survivant", resultats
    assert (ROOT / "simulator" / "regles.py").read_bytes() == source, "le dépôt a été modifié"


def test_par_lots_ctrl_c_arrete_toutes_les_sessions(tmp_path):
    """SIGTERM (which the run turns into Ctrl+C's KeyboardInterrupt) while
    two batch sessions run: both are stopped, with what they started."""
    import signal
    import threading
    from harness.mutation.lots import Lots
    _projet_du_lot(tmp_path,
        "import subprocess, sys\n\n\ndef test_long(variante_du_simulateur):\n"
        "    subprocess.run([sys.executable, '-c', 'import time; time.sleep(60); "
        "open(\"fini\", \"w\")  # ap-lot-ctrl-c'])\n")
    mutants = [_mutant_du_lot(tmp_path, "SEUL = 8"), _mutant_du_lot(tmp_path, "SEUL = 6")]
    from harness.mutation.__main__ import _sigterm
    ancien = signal.signal(signal.SIGTERM, _sigterm)   # as the run does (pytest-xdist's
    minuteur = threading.Timer(8, os.kill, (os.getpid(), signal.SIGTERM))  # workers ignore SIGINT)
    minuteur.start()
    try:
        with pytest.raises(KeyboardInterrupt):
            Lots(tmp_path, "test_mod.py", "ie7-winxp", {}, paralleles=2).executer(
                [(m, ["test_mod.py::test_long"]) for m in mutants], delai_s=600)
    finally:
        minuteur.cancel()
        signal.signal(signal.SIGTERM, ancien)
    restants = subprocess.run(["pgrep", "-f", "ap-lot-ctrl-c|--lot-resultats " + str(tmp_path)],
                              capture_output=True, text=True).stdout.split()
    assert not restants, restants
    assert not (tmp_path / "fini").exists(), "les sessions ont continué jusqu'au bout"


def test_par_lots_le_tueur_est_le_test_dont_l_echec_revient(tmp_path):
    """A first failure that does not come again alone, then the whole
    selection: the kill that counts, and the test it names, is the one
    that failed there — not the first."""
    from harness.mutation.campagne import Campagne
    _projet_du_lot(tmp_path, LOT_TESTS.split("def test_a", 1)[0] + """\
def test_a_prepare(variante_du_simulateur):
    if servi("mod.SEUL") == "8":   # the mutant leaves a trace for the tests after it
        with open(Path(__file__).with_name("trace"), "a") as trace:
            trace.write("1\\n")


def test_b_instable(variante_du_simulateur):
    marker = Path(__file__).with_name("deja_vu")
    if not marker.exists():   # fails the first time only
        marker.write_text("1")
        assert False


def test_c_constate(variante_du_simulateur):   # fails once the mutant has run test_a twice
    trace = Path(__file__).with_name("trace")
    assert not trace.exists() or len(trace.read_text().split()) < 2
""")
    m = _mutant_du_lot(tmp_path, "SEUL = 8")
    campagne = Campagne(tmp_path, "test_mod.py", "ie7-winxp")
    campagne.delai_commun = 600.0
    campagne.evaluer_par_lots([m], paralleles=1)
    assert (m.statut, m.extra) == ("tue", {"confirmation": 0, "confirmation_selection": 1}), (m.statut, m.extra)
    assert m.tueur == "test_mod.py::test_c_constate"


def test_par_lots_la_premiere_etape_court_les_tests_les_plus_rapides_d_abord(tmp_path):
    """Without the measure of its line, a mutant's first step is its whole
    selection, the fastest tests (in the run without mutant) first: of two
    tests that both kill it, the fast one, although collected second."""
    from harness.mutation.campagne import Campagne
    _projet_du_lot(tmp_path, LOT_TESTS.split("def test_a", 1)[0] + """\
def test_lent(variante_du_simulateur):
    assert servi("mod.SEUL") == "7"


def test_rapide(variante_du_simulateur):
    assert servi("mod.SEUL") == "7"
""")
    m = _mutant_du_lot(tmp_path, "SEUL = 8")
    campagne = Campagne(tmp_path, "test_mod.py", "ie7-winxp")
    campagne.delai_commun = 600.0
    campagne.durees = {"test_mod.py::test_lent": 30.0, "test_mod.py::test_rapide": 0.5}
    campagne.evaluer_par_lots([m], paralleles=1)
    assert (m.statut, m.tueur) == ("tue", "test_mod.py::test_rapide"), (m.statut, m.tueur)


def test_par_lots_un_mutant_dont_les_regles_n_ont_aucun_scenario():
    """A rule without scenario (SIM-01, on purpose) while the run without
    mutant passed: its mutant is « aucun scénario de la règle », without a
    session (the first full run by batches crashed on it)."""
    from harness.mutation.campagne import Campagne
    sim01 = next(m for m in mutants_du_fichier(ROOT, "simulator/web.py", CONNUES)[0] if m.regles == ["SIM-01"])
    with execution.CopieDuDepot(ROOT) as copie:
        campagne = Campagne(copie, "acceptance", "ie7-winxp")
        campagne.delai_commun = 600.0   # as after a run without mutant that passed
        campagne.evaluer_par_lots([sim01])
        assert not (copie / "lots").exists(), "une session a été lancée"
    assert sim01.statut == "sans_scenario", (sim01.statut, sim01.extra)


# --- known killers (mutation/tueurs.json) ----------------------------------------------------

def test_l_echec_du_tueur_connu_d_un_mutant_vaut_confirmation(tmp_path):
    """In a batch session: the mutant whose known killer (a previous run
    confirmed that test's kill of it) fails is not run again — its kill is
    confirmed « run précédent »; another mutant, whose failing test is not
    its known killer, has that test run again as before."""
    _projet_du_lot(tmp_path, "def test_p(variante_du_simulateur):\n"
                             "    with open('passages', 'a') as f:\n        f.write('x')\n"
                             "    assert False\n")
    connu, autre = _mutant_du_lot(tmp_path, "SEUL = 8"), _mutant_du_lot(tmp_path, "SEUL = 6")
    from harness.mutation.mutants import source_mutee
    plan = tmp_path / "plan.json"
    plan.write_text(json.dumps({"confirmer": True, "mutants": [
        {"id": m.id, "fichier": m.fichier, "source": source_mutee(tmp_path, m), "tests": ["test_mod.py::test_p"],
         "tueur_connu": tueur} for m, tueur in ((connu, "test_mod.py::test_p"), (autre, "test_mod.py::test_q"))]}))
    sortie = tmp_path / "issues.jsonl"
    subprocess.run([sys.executable, "-m", "pytest", "-q", "-p", "no:cacheprovider", "-p", "harness.mutation.lot",
                    "--lot", str(plan), "--lot-resultats", str(sortie), "test_mod.py"],
                   cwd=tmp_path, capture_output=True, text=True, timeout=600)
    assert (tmp_path / "passages").read_text() == "xxx"   # 1 for the known killer, 2 for the other
    lignes = lots.lire(sortie)
    assert [(l["mutant"], l["issue"], l.get("confirmation"), l.get("confirme")) for l in lignes] == [
        (connu.id, "failed", None, "run précédent"), (autre.id, "failed", None, None),
        (autre.id, "failed", True, None)], lignes
    bilan = lots._bilan([(connu, ["test_mod.py::test_p"]), (autre, ["test_mod.py::test_p"])], lignes,
                        arrete=False, confirmer=True)
    assert [(bilan[m.id].statut, bilan[m.id].confirmation) for m in (connu, autre)] == \
        [("tue", "run précédent"), ("tue", 1)]


def test_le_tueur_connu_d_un_mutant_court_en_premier(tmp_path):
    from harness.mutation.campagne import Campagne
    campagne = Campagne(tmp_path, "acceptance", "ie7-winxp", tueurs={"m1": "t.py::lent"})
    campagne.durees = {"t.py::rapide": 1.0, "t.py::moyen": 2.0, "t.py::lent": 9.0}
    m1, m2 = _mutant(), _mutant()
    m1.id, m2.id = "m1", "m2"
    tests = ["t.py::moyen", "t.py::lent", "t.py::rapide"]
    assert campagne.ordre(m1, tests) == ["t.py::lent", "t.py::rapide", "t.py::moyen"]
    assert campagne.ordre(m2, tests) == ["t.py::rapide", "t.py::moyen", "t.py::lent"]


def test_le_fichier_des_tueurs_retient_les_morts_confirmees_seulement(tmp_path):
    from harness.mutation import tueurs
    fichier = tmp_path / "tueurs.json"
    fichier.write_text(json.dumps({"tueurs": {"vit": "t.py::a", "garde": "t.py::b", "fige": "t.py::c"}}))
    confirme, precedent, selection, douteux, vivant, fige = (_mutant("tue") for _ in range(6))
    for m, ident in ((confirme, "neuf"), (precedent, "prec"), (selection, "sel"), (douteux, "dout"),
                     (vivant, "vit"), (fige, "fige")):
        m.id, m.tueur = ident, f"t.py::{ident}"
    confirme.extra["confirmation"] = 1
    precedent.extra["confirmation"] = "run précédent"
    selection.extra.update(confirmation=0, confirmation_selection=1)
    vivant.statut, vivant.tueur = "survivant", None
    fige.statut = "delai"
    tueurs.retenir(fichier, [confirme, precedent, selection, douteux, vivant, fige])
    assert tueurs.lire(fichier) == {"neuf": "t.py::neuf", "prec": "t.py::prec", "sel": "t.py::sel",
                                    "garde": "t.py::b"}


def test_le_fichier_des_tueurs_du_depot_nomme_des_scenarios_qui_existent():
    """mutation/tueurs.json names pytest ids of the acceptance scenarios
    on make mutation's profile (a renamed scenario is tried first in vain:
    the run still finds the kill, and rewrites the file)."""
    from harness.mutation import tueurs
    connus = tueurs.lire(ROOT / "mutation" / "tueurs.json")
    assert connus
    assert all(t.startswith("tests/acceptance/test_features.py::test_") and re.search(r"\[(ie7-winxp|chrome)", t)
               for t in connus.values()), connus
