"""harness/comptes.py (issue 10): the control and pool providers of test accounts."""
import multiprocessing
import os
import time
from pathlib import Path

import pytest
import yaml

from harness.comptes import (Compte, ErreurComptes, Fournisseur, FournisseurControle, FournisseurPool,
                             fournisseur, remettre_mot_de_passe)
from harness.clients.session_http import SessionHTTP


def _ecrire_pool(chemin: Path, comptes: list[dict]) -> Path:
    chemin.write_text(yaml.safe_dump({"comptes": comptes}, allow_unicode=True), encoding="utf-8")
    return chemin


def _entree(identifiant, profil="Etablissement", consommable=False, **autres):
    return {"identifiant": identifiant, "mot_de_passe": "${MDP_" + identifiant.upper().replace(".", "_") + "}",
            "profil": profil, "etat": "connecte", "consommable": consommable,
            "courriel": f"{identifiant}@exemple.fr", "prenom_nom": identifiant, **autres}


@pytest.fixture
def pool(tmp_path):
    return _ecrire_pool(tmp_path / "recette.pool.yaml", [
        _entree("alice"), _entree("bruno"), _entree("chloe", consommable=True),
        _entree("ud.denis", profil="UD", departement="19")])


@pytest.fixture
def env():
    return {"MDP_ALICE": "Alice.2024", "MDP_BRUNO": "Bruno.2024", "MDP_CHLOE": "Chloe.2024"}


def test_les_deux_fournisseurs_suivent_le_protocole(pool, tmp_path, env):
    assert isinstance(FournisseurPool(pool, environ=env, dossier_verrous=tmp_path / "v"), Fournisseur)
    assert isinstance(FournisseurControle("http://127.0.0.1:9"), Fournisseur)


def test_substitution_des_variables(pool, tmp_path, env):
    f = FournisseurPool(pool, environ=env, dossier_verrous=tmp_path / "v")
    compte = f.obtenir("Etablissement")
    assert compte.identifiant == "alice" and compte.mot_de_passe == "Alice.2024"
    assert compte.courriel == "alice@exemple.fr" and compte.etat == "connecte"
    f.rendre(compte)


def test_variable_absente_message_nomme_fichier_entree_cle(tmp_path):
    chemin = _ecrire_pool(tmp_path / "p.pool.yaml", [
        {**_entree("alice"), "reponse": "${REPONSE_ALICE}"}])
    f = FournisseurPool(chemin, environ={"MDP_ALICE": "a"}, dossier_verrous=tmp_path / "v")
    with pytest.raises(ErreurComptes) as erreur:
        f.obtenir()
    message = str(erreur.value)
    assert str(chemin) in message and "compte n° 1 (alice)" in message
    assert "« reponse »" in message and "REPONSE_ALICE n'est pas définie" in message
    with pytest.raises(ErreurComptes):
        f.verifier_secrets()
    # the failed lease was not kept: once the variable is set, the account comes
    f.environ = {"MDP_ALICE": "a", "REPONSE_ALICE": "Tulle Corrèze"}
    assert f.obtenir().reponse == "Tulle Corrèze"


def test_bail_exclusif_dans_un_processus(pool, tmp_path, env):
    f = FournisseurPool(pool, environ=env, dossier_verrous=tmp_path / "v", attente=0.5)
    a, b = f.obtenir(), f.obtenir()
    assert {a.identifiant, b.identifiant} == {"alice", "bruno"}  # never chloe: consumable
    with pytest.raises(ErreurComptes, match="tous les comptes « Etablissement » .* sont pris"):
        f.obtenir()
    # a second provider on the same file (another worker) cannot take them either
    g = FournisseurPool(pool, environ=env, dossier_verrous=tmp_path / "v", attente=0.5)
    with pytest.raises(ErreurComptes):
        g.obtenir()
    f.rendre(a)
    assert g.obtenir().identifiant == a.identifiant


def test_consommables_seulement_sur_demande(pool, tmp_path, env):
    f = FournisseurPool(pool, environ=env, dossier_verrous=tmp_path / "v", attente=0.5)
    assert f.obtenir(consommable=True).identifiant == "chloe"
    assert f.raison_de_ne_pas_pouvoir("Etablissement", "connecte", True) is None
    sans = _ecrire_pool(tmp_path / "sans.pool.yaml", [_entree("alice")])
    g = FournisseurPool(sans, environ=env, dossier_verrous=tmp_path / "w")
    raison = g.raison_de_ne_pas_pouvoir("Etablissement", "connecte", True)
    assert raison and "aucun compte consommable" in raison
    with pytest.raises(ErreurComptes, match="aucun compte consommable"):
        g.obtenir(consommable=True)
    assert "« DGEFP »" in g.raison_de_ne_pas_pouvoir("DGEFP", "connecte", False)
    assert "« verrouille »" in g.raison_de_ne_pas_pouvoir("Etablissement", "verrouille", False)


def test_filtre_par_champ(pool, tmp_path):
    f = FournisseurPool(pool, environ={"MDP_UD_DENIS": "x"}, dossier_verrous=tmp_path / "v", attente=0.2)
    compte = f.obtenir("UD", departement="19")
    assert compte.identifiant == "ud.denis" and compte.mot_de_passe == "x"
    f.rendre(compte)
    with pytest.raises(ErreurComptes, match="aucun compte « UD » \\(connecte\\) avec departement = '87'"):
        f.obtenir("UD", departement="87")  # at once, not after waiting


@pytest.mark.parametrize("contenu, morceau", [
    ("comptes: 3", "une liste « comptes: »"),
    ("comptes:\n  - identifiant: a\n    profil: Etablissement\n", "clé « mot_de_passe » manquante"),
    ("comptes:\n  - {identifiant: a, mot_de_passe: b, profil: Admin}\n", "profil « Admin » inconnu"),
    ("comptes:\n  - {identifiant: a, mot_de_passe: b, profil: UD, etat: perdu}\n", "état « perdu »"),
    ("comptes:\n  - {identifiant: a, mot_de_passe: b, profil: UD, consommable: oui}\n", "true ou false"),
    ("comptes:\n  - {identifiant: a, mot_de_passe: b, profil: UD, couleur: bleu}\n", "couleur"),
    ("comptes:\n  - {identifiant: a, mot_de_passe: b, profil: UD}\n"
     "  - {identifiant: a, mot_de_passe: c, profil: UD}\n", "deux fois"),
    ("comptes: [\n", "YAML illisible"),
])
def test_fichier_invalide_message_en_francais(tmp_path, contenu, morceau):
    chemin = tmp_path / "p.pool.yaml"
    chemin.write_text(contenu, encoding="utf-8")
    with pytest.raises(ErreurComptes) as erreur:
        FournisseurPool(chemin, environ={})
    assert morceau in str(erreur.value) and str(chemin) in str(erreur.value)


def test_fichier_absent(tmp_path):
    with pytest.raises(ErreurComptes, match="introuvable"):
        FournisseurPool(tmp_path / "absent.pool.yaml")


def test_fabrique_par_canal(pool, env, tmp_path):
    assert fournisseur("controle", base_url="http://127.0.0.1:9").canal == "controle"
    assert fournisseur("pool", base_url="http://x", pool=str(pool), environ=env).canal == "pool"
    with pytest.raises(ErreurComptes, match="pool:"):
        fournisseur("pool", base_url="http://x")
    with pytest.raises(ErreurComptes, match="inscription"):
        fournisseur("inscription", base_url="http://x")


# --- across real processes ----------------------------------------------------------------

def _travailleur(chemin: str, dossier: str, marques: str, tours: int, file) -> None:
    """In a child process: lease, mark the account as held (O_EXCL: a second
    holder fails to create the mark), hold a little, unmark, give back."""
    f = FournisseurPool(chemin, environ={"MDP_ALICE": "a", "MDP_BRUNO": "b"},
                        dossier_verrous=dossier, attente=120)
    violations, pris = 0, []
    for _ in range(tours):
        compte = f.obtenir()
        marque = os.path.join(marques, compte.identifiant)
        try:
            os.close(os.open(marque, os.O_CREAT | os.O_EXCL | os.O_WRONLY))
        except FileExistsError:
            violations += 1
            f.rendre(compte)
            continue
        pris.append(compte.identifiant)
        time.sleep(0.01)
        os.remove(marque)
        f.rendre(compte)
    file.put((violations, pris))


def test_bail_exclusif_entre_deux_processus(tmp_path):
    chemin = _ecrire_pool(tmp_path / "p.pool.yaml", [_entree("alice"), _entree("bruno")])
    marques = tmp_path / "marques"
    marques.mkdir()
    contexte = multiprocessing.get_context("spawn")
    file = contexte.Queue()
    # 3 processes for 2 accounts: some must wait for an account to come back
    processus = [contexte.Process(target=_travailleur,
                                  args=(str(chemin), str(tmp_path / "v"), str(marques), 15, file))
                 for _ in range(3)]
    for p in processus:
        p.start()
    resultats = [file.get(timeout=240) for _ in processus]
    for p in processus:
        p.join(timeout=60)
        assert p.exitcode == 0
    assert sum(v for v, _ in resultats) == 0
    assert sum(len(pris) for _, pris in resultats) == 45
    assert {i for _, pris in resultats for i in pris} <= {"alice", "bruno"}


def test_un_processus_mort_libere_son_compte(tmp_path):
    chemin = _ecrire_pool(tmp_path / "p.pool.yaml", [_entree("alice")])
    contexte = multiprocessing.get_context("spawn")
    file = contexte.Queue()
    p = contexte.Process(target=_garder, args=(str(chemin), str(tmp_path / "v"), file))
    p.start()
    assert file.get(timeout=120) == "alice"
    f = FournisseurPool(chemin, environ={"MDP_ALICE": "a"}, dossier_verrous=tmp_path / "v", attente=0.3)
    with pytest.raises(ErreurComptes):
        f.obtenir()
    p.kill()
    p.join(timeout=60)
    f.attente = 30
    assert f.obtenir().identifiant == "alice"


def _garder(chemin: str, dossier: str, file) -> None:
    f = FournisseurPool(chemin, environ={"MDP_ALICE": "a"}, dossier_verrous=dossier)
    file.put(f.obtenir().identifiant)
    time.sleep(600)


# --- against a served simulator -----------------------------------------------------------

# `simulateur`: tests/harness/conftest.py

def test_fournisseur_controle(simulateur):
    f = FournisseurControle(simulateur)
    compte = f.obtenir("UD", departement="87", nom="Martin", prenom="Léa")
    assert isinstance(compte, Compte) and compte.profil == "UD" and compte.departement == "87"
    assert compte.prenom_nom == "lea.martin" and compte.identifiant == "ud.lmartin"
    with SessionHTTP(simulateur) as session:
        session.connecter(compte.identifiant, compte.mot_de_passe)
    with pytest.raises(ErreurComptes, match="HTTP 400 : departement"):
        f.obtenir("UD", departement="20")
    assert "profil inconnu" in f.raison_de_ne_pas_pouvoir("Admin", "connecte", False)
    f.rendre(compte)
    f.close()


def test_rendre_remet_le_mot_de_passe(simulateur, tmp_path):
    """A scenario changed the password of a pool account: ``rendre`` puts the
    original back through the site's own forms, and the next lease logs in."""
    cree = FournisseurControle(simulateur).obtenir("Etablissement")
    chemin = _ecrire_pool(tmp_path / "p.pool.yaml", [{
        "identifiant": cree.identifiant, "mot_de_passe": "${MDP}", "profil": "Etablissement",
        "consommable": True, "courriel": cree.courriel, "prenom_nom": cree.prenom_nom}])
    f = FournisseurPool(chemin, base_url=simulateur, environ={"MDP": cree.mot_de_passe},
                        dossier_verrous=tmp_path / "v")
    compte = f.obtenir(consommable=True)
    with SessionHTTP(simulateur) as session:  # the scenario's change
        session.connecter(compte.identifiant, compte.mot_de_passe)
        session.changer_mot_de_passe(compte.mot_de_passe, "Change.2025")
    compte.nouveau_mot_de_passe("Change.2025")
    f.rendre(compte)
    encore = f.obtenir(consommable=True)
    assert encore.mot_de_passe == cree.mot_de_passe
    with SessionHTTP(simulateur) as session:
        session.connecter(encore.identifiant, encore.mot_de_passe)


def test_un_compte_non_remis_est_mis_de_cote(simulateur, tmp_path):
    cree = FournisseurControle(simulateur).obtenir("Etablissement", etat="verrouille")
    chemin = _ecrire_pool(tmp_path / "p.pool.yaml", [{
        "identifiant": cree.identifiant, "mot_de_passe": cree.mot_de_passe, "profil": "Etablissement",
        "consommable": True, "courriel": cree.courriel, "prenom_nom": cree.prenom_nom}])
    f = FournisseurPool(chemin, base_url=simulateur, environ={}, dossier_verrous=tmp_path / "v")
    compte = f.obtenir(consommable=True)
    assert not remettre_mot_de_passe(simulateur, compte, "Autre.2025")  # locked: refused
    compte.nouveau_mot_de_passe("Inconnu.2025")
    f.rendre(compte)
    raison = f.raison_de_ne_pas_pouvoir("Etablissement", "connecte", True)
    assert raison and "plus de compte consommable « Etablissement »" in raison


def test_un_compte_dont_le_scenario_a_change_l_etat_est_mis_de_cote_pour_tous(pool, tmp_path, env):
    """A first connection done or a lockout cannot be undone: the account is
    set aside for every worker (another provider on the same locks), and
    the scenarios that would need it are skipped with that reason."""
    f = FournisseurPool(pool, environ=env, dossier_verrous=tmp_path / "v")
    chloe = f.obtenir(consommable=True)
    f.mettre_de_cote(chloe, "état changé par un scénario : connecte → verrouille")
    autre = FournisseurPool(pool, environ=env, dossier_verrous=tmp_path / "v")
    raison = autre.raison_de_ne_pas_pouvoir("Etablissement", "connecte", True)
    assert raison and "les scénarios précédents les ont consommés" in raison
    with pytest.raises(ErreurComptes):
        autre.obtenir(consommable=True)
    assert autre.raison_de_ne_pas_pouvoir("Etablissement", "connecte", False) is None


def test_un_compte_aux_donnees_imposees_que_le_pool_n_a_pas_est_une_raison(pool, tmp_path, env):
    f = FournisseurPool(pool, environ=env, dossier_verrous=tmp_path / "v")
    raison = f.raison_de_ne_pas_pouvoir("Etablissement", "connecte", False, siret="74545918052197")
    assert raison and "siret = '74545918052197'" in raison and "ce qu'un pool ne peut pas fournir" in raison
    assert f.raison_de_ne_pas_pouvoir("Etablissement", "connecte", False, courriel="bruno@exemple.fr") is None
    assert f.obtenir(courriel="bruno@exemple.fr").identifiant == "bruno"


def test_le_dossier_des_verrous_se_choisit_par_AP_POOL_VERROUS(pool, tmp_path, env):
    """A CI that keeps its workspace (and a test) puts the leases where it
    wants, not in a folder of the temp dir left behind."""
    f = FournisseurPool(pool, environ={**env, "AP_POOL_VERROUS": str(tmp_path / "baux")})
    compte = f.obtenir("Etablissement")
    assert f.dossier == tmp_path / "baux"
    assert any((tmp_path / "baux").iterdir()), "le bail n'est pas dans le dossier demandé"
    f.rendre(compte)
    f.close()
