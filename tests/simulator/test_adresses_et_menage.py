"""Addresses that can never be mailed are refused wherever one is typed
(issue 11, item 4), and the housekeeping of a real service: sessions expire on
the simulator clock, anonymous ones are purged (item 6)."""
import re

import pytest
from sqlalchemy import func, select

from simulator import courriels as service
from simulator import horloge
from simulator import messages as m
from simulator import regles
from simulator.db import base
from simulator.models import ActiviteSession, Compte, Courriel, Etablissement, SessionWeb

from .conftest import Navigateur, formulaire_valide
from .test_demandes import etablissement  # noqa: F401 (fixture)

INVALIDES = ["[crochet@exemple.fr", "a(b@exemple.fr", "a@b", "jean@exemple..fr", "jé@exemple.fr",
             '"a b"@exemple.fr', "a@[127.0.0.1]", "jean dupont@exemple.fr", "jean@exemple.fr.", "@exemple.fr"]
VALIDES = ["jean.dupont@example.org", "contact@boulangerie-dupont.fr", "a.b-c_d+e@sous.domaine.gouv.fr",
           "agent@refuse.test"]


@pytest.mark.parametrize("adresse", INVALIDES)
def test_une_adresse_impossible_n_est_pas_valide(adresse):
    assert not regles.courriel_valide(adresse)


@pytest.mark.parametrize("adresse", VALIDES)
def test_une_adresse_ordinaire_est_valide(adresse):
    assert regles.courriel_valide(adresse)


def _compter(app):
    with base(app).fabrique() as db:
        return tuple(db.scalar(select(func.count()).select_from(t)) for t in (Compte, Etablissement, Courriel))


@pytest.mark.parametrize("adresse", ["[crochet@exemple.fr", "a(b@exemple.fr"])
@pytest.mark.parametrize("champ, libelle", [("courriel", "Courriel"),
                                            ("courriel_etablissement", "Courriel établissement")])
def test_creation_de_compte_refuse_une_adresse_impossible(app, nav, champ, libelle, adresse):
    avant = _compter(app)
    nav.etape_siret("13000637200010")
    nav.post("/inscription/compte", {**formulaire_valide(**{champ: adresse, f"confirmation_{champ}": adresse}),
                                     "envoyer": "ENVOYER"})
    assert nav.chemin == "/inscription/compte"
    assert m.COURRIEL_INVALIDE.format(libelle=libelle) in nav.alertes()
    assert _compter(app) == avant


def test_ajout_d_utilisateur_refuse_une_adresse_impossible(app, nav, etablissement):  # noqa: F811
    nav.get("/etablissement")
    numero = re.search(r"/etablissement/(\d+)/utilisateurs/ajout", nav.page).group(1)
    chemin = f"/etablissement/{numero}/utilisateurs/ajout"
    nav.get(chemin)
    avant = _compter(app)
    nav.post(chemin, {"nom": "Martin", "prenom": "Paul", "telephone": "06 12 34 56 78",
                      "courriel": "[crochet@exemple.fr", "confirmation_courriel": "[crochet@exemple.fr",
                      "envoyer": "ENVOYER"})
    assert m.COURRIEL_INVALIDE.format(libelle="Courriel") in nav.alertes()
    assert _compter(app) == avant


def test_identifiant_oublie_refuse_une_adresse_impossible(nav):
    nav.get("/identifiant/oubli")
    a, b = re.search(r"(\d) \+ (\d) =", nav.texte()).groups()
    nav.post("/identifiant/oubli", {"courriel": "a(b@exemple.fr", "resultat": str(int(a) + int(b))})
    assert m.COURRIEL_INVALIDE.format(libelle="Courriel") in nav.alertes()


@pytest.mark.parametrize("chemin, corps", [
    ("/_sim/agents", {"profil": "UD", "identifiant": "ud.x", "nom": "N", "prenom": "P",
                      "courriel": "[crochet@exemple.fr"}),
    ("/_sim/asp-accounts", {"siret": "13000637200010", "application": "SYLAE", "identifiant": "asp.x",
                            "mot_de_passe": "Motdepasse.1", "courriel": "a(b@exemple.fr"}),
])
def test_l_interface_de_controle_refuse_une_adresse_impossible(app, chemin, corps):
    avant = _compter(app)
    reponse = app.test_client().post(chemin, json=corps)
    assert reponse.status_code == 400 and "courriel" in reponse.get_json()["error"]
    assert _compter(app) == avant


# --- Sessions expire (simulator clock) ------------------------------------------------------------

def _avancer(app, secondes):
    with base(app).fabrique() as db:
        assert horloge.avancer(db, secondes)


def _sessions(app) -> int:
    with base(app).fabrique() as db:
        return db.scalar(select(func.count()).select_from(SessionWeb))


def test_une_session_anonyme_inutilisee_expire(app, nav):
    nav.get("/")  # a form: the session holds its CSRF token
    jeton = nav.jeton
    _avancer(app, int(service.INACTIVITE_ANONYME.total_seconds()) + 60)
    reponse = nav.client.post("/connexion", data={"csrf_token": jeton, "utilisateur": "x", "mot_de_passe": "y"})
    assert reponse.status_code == 400  # the session (and its token) is gone: "Votre session a expiré…"


def test_une_session_connectee_inactive_expire(app, nav, etablissement):  # noqa: F811
    assert nav.get("/espace").request.path == "/espace"
    _avancer(app, int(service.INACTIVITE_CONNECTE.total_seconds()) - 3600)
    assert nav.get("/espace").request.path == "/espace"  # still within the timeout (and renewed)
    _avancer(app, int(service.INACTIVITE_CONNECTE.total_seconds()) + 60)
    nav.get("/espace")
    assert nav.chemin == "/" and m.CONNEXION_REQUISE in nav.statuts()


def test_le_menage_purge_les_sessions_anonymes_et_garde_les_autres(app, nav, etablissement):  # noqa: F811
    for _ in range(5):
        Navigateur(app.test_client()).get("/")  # anonymous visitors, never back
    avant = _sessions(app)
    assert avant >= 6
    _avancer(app, int(service.INACTIVITE_ANONYME.total_seconds()) + 60)
    nav.get("/espace")  # the logged-in user is still active
    with base(app).fabrique() as db:
        service.menage(db)
    with base(app).fabrique() as db:
        restantes = db.scalars(select(ActiviteSession)).all()
    assert _sessions(app) == len(restantes) == 1 and restantes[0].connecte
    assert nav.get("/espace").request.path == "/espace"
