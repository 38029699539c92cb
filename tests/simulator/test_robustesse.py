"""Never a 500 on bad input, always a French message, never a half-saved row."""
import re

import pytest
from sqlalchemy import func, select

from simulator.db import base
from simulator.models import Compte, Courriel, Etablissement

from .conftest import NOUVEAU_MDP, SIRET_GUIDE, Navigateur, identifiants_recus

CHAMPS = ("utilisateur", "mot_de_passe", "siret", "code", "code_id", "cgu", "valider",
          "denomination", "numero_voie", "extension_voie", "libelle_voie", "type_voie",
          "complement_adresse", "code_postal", "ville", "courriel_etablissement",
          "confirmation_courriel_etablissement", "telephone_fixe", "fax", "nom", "prenom",
          "telephone", "courriel", "confirmation_courriel", "question_secrete", "reponse_secrete",
          "envoyer", "ancien", "nouveau", "confirmation", "question", "reponse", "resultat")

DECHETS = {
    "vide": {},
    "blancs": {c: "   " for c in CHAMPS},
    "longs": {c: "é" * 1500 for c in CHAMPS},
    "nul": {c: "a\x00b" for c in CHAMPS},
    "controle": {c: "\x1b[31m\x07" for c in CHAMPS},
    "unicode": {c: "𝕏\u202e\ufeff<script>alert(1)</script>' OR 1=1 --" for c in CHAMPS},
    "nombres": {c: "-99999999999999999999" for c in CHAMPS},
}


def _inscription(app, nav):
    nav.etape_siret(SIRET_GUIDE)
    return "/inscription/compte"


def _connecte_premiere_fois(app, nav):
    nav.inscrire(SIRET_GUIDE)
    identifiant, provisoire = identifiants_recus(app, "jean.dupont@example.org")
    nav.connecter(identifiant, provisoire)
    return "/mot-de-passe/changement"


def _agent_a_la_question(app, nav):
    nav.client.post("/_sim/agents", json={"profil": "UD", "identifiant": "ud.correze", "nom": "Martin",
                                          "prenom": "Paul", "courriel": "paul@x.gouv.fr"})
    identifiant, provisoire = identifiants_recus(app, "paul@x.gouv.fr")
    nav.connecter(identifiant, provisoire)
    nav.changer_mot_de_passe(provisoire, NOUVEAU_MDP)
    return "/question-secrete"


def _question_mot_de_passe(app, nav):
    _agent_a_la_question(app, nav)
    nav.post("/question-secrete", {"question": "ville", "reponse": "Tulle 19"})
    nav.connecter("ud.correze", NOUVEAU_MDP)
    nav.get("/deconnexion")
    nav.get("/mot-de-passe/oubli")
    a, b = re.search(r"(\d) \+ (\d) =", nav.texte()).groups()
    nav.post("/mot-de-passe/oubli", {"utilisateur": "ud.correze", "resultat": str(int(a) + int(b))})
    assert nav.chemin == "/mot-de-passe/oubli/question"
    return "/mot-de-passe/oubli/question"


FORMULAIRES = {
    "/connexion": lambda app, nav: nav.get("/") and "/connexion",
    "/inscription/siret": lambda app, nav: nav.get("/inscription/siret") and "/inscription/siret",
    "/inscription/compte": _inscription,
    "/mot-de-passe/changement": _connecte_premiere_fois,
    "/question-secrete": _agent_a_la_question,
    "/mot-de-passe/oubli": lambda app, nav: nav.get("/mot-de-passe/oubli") and "/mot-de-passe/oubli",
    "/mot-de-passe/oubli/question": _question_mot_de_passe,
    "/identifiant/oubli": lambda app, nav: nav.get("/identifiant/oubli") and "/identifiant/oubli",
}


def _compter(app):
    with base(app).fabrique() as db:
        return tuple(db.scalar(select(func.count()).select_from(t)) for t in (Compte, Etablissement, Courriel))


@pytest.mark.parametrize("dechet", list(DECHETS))
@pytest.mark.parametrize("formulaire", list(FORMULAIRES))
def test_jamais_de_500_ni_de_ligne_a_moitie_creee(app, formulaire, dechet):
    nav = Navigateur(app.test_client())
    chemin = FORMULAIRES[formulaire](app, nav)
    avant = _compter(app)
    reponse = nav.post(chemin, DECHETS[dechet])
    assert reponse.status_code in (200, 400, 413), reponse.status_code
    # a French message: the error, or (a question secrète may be any text) the confirmation
    assert nav.alertes() or nav.statuts(), f"aucun message sur {nav.chemin}"
    apres = _compter(app)
    assert apres[:2] == avant[:2]  # no account, no establishment
    assert apres[2] - avant[2] == 0  # no mail


@pytest.mark.parametrize("formulaire", list(FORMULAIRES))
def test_sans_jeton_csrf_refuse(app, formulaire):
    nav = Navigateur(app.test_client())
    chemin = FORMULAIRES[formulaire](app, nav)
    reponse = nav.post(chemin, {"utilisateur": "x"}, jeton=False)
    assert reponse.status_code == 400
    assert "Votre session a expiré ou le formulaire n'est plus valide. Veuillez recommencer." in nav.alertes()


def test_corps_trop_gros(app, nav):
    nav.get("/")
    reponse = nav.post("/connexion", {"utilisateur": "x" * 100_000, "mot_de_passe": "y"})
    assert reponse.status_code == 413 and "trop volumineuses" in nav.alertes()


def test_valeurs_en_double_et_methodes_non_permises(app, nav):
    nav.get("/")
    reponse = nav.client.post("/connexion", data={"csrf_token": nav.jeton, "utilisateur": ["a", "b"],
                                                  "mot_de_passe": ["c", "d"]})
    assert reponse.status_code == 200
    assert nav.client.get("/connexion").status_code == 405
    assert nav.client.put("/inscription/siret").status_code == 405
