"""Property-based fuzzing of every route of the simulator (issue 11, item 2).

The routes are enumerated from the app's own url_map, so a new route is
fuzzed without touching this file. Each example draws a route, a method, the
URL's variables, a client (anonymous, an establishment's user, a UD agent;
on the loopback or not), form fields (with the CSRF token taken from a
form, or without it) or a JSON body, and checks:

- never a 5xx;
- every value sent comes back escaped: the marker ``<x-fuzz>`` never appears
  as such in an HTML page;
- nothing half-written: a refused request (4xx, or a page that shows an
  error) leaves every table of the domain with the same number of rows, and
  the clock where it was.

Deterministic (``derandomize``) and bounded in examples, so that it runs in
``make test`` in seconds.
"""
import re
from pathlib import Path
from urllib.parse import quote

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from sqlalchemy import func, select

from simulator import create_app, demarche, etablissements, horloge, inscription, procedure
from simulator.db import base
from simulator.models import ActiviteSession, Base, CodeSecurite, EnvoiCourriel, Horloge, SessionWeb

from .conftest import Navigateur, _Lecteur
from .test_demandes import DEMANDE, _premiere_connexion
from .test_robustesse import CHAMPS as CHAMPS_CONNUS

MARQUEUR = "<x-fuzz>"
EXEMPLES = 250
RACINE = Path(__file__).resolve().parents[2]

#: Tables whose rows a refused request may change (technical, not the domain's).
TECHNIQUES = {t.__table__.name for t in (SessionWeb, ActiviteSession, CodeSecurite, EnvoiCourriel, Horloge)}


def _noms_de_champs() -> list[str]:
    """Every form field name the simulator knows: its templates, its forms' field lists."""
    noms = set(CHAMPS_CONNUS)
    for gabarit in (RACINE / "simulator" / "templates").rglob("*.html"):
        noms |= set(re.findall(r'name="([a-z_]+)"', gabarit.read_text(encoding="utf-8")))
    noms |= {c.nom for c in inscription.CHAMPS}
    noms |= set(procedure.CHAMPS_DEMANDE) | set(procedure.CHAMPS_INDEMNISATION)
    noms |= {nom for nom, _l, _n in etablissements.CHAMPS_UTILISATEUR}
    noms.discard("csrf_token")
    return sorted(noms)


CLES_JSON = ["advance_seconds", "profil", "identifiant", "nom", "prenom", "courriel", "departement", "siret",
             "application", "mot_de_passe", "etat", "question", "reponse", "denomination", "code_postal",
             "ville", "envoyer_courriels"]

# --- strategies ---------------------------------------------------------------------------------

TEXTES_CHOISIS = st.sampled_from([
    MARQUEUR, "", " ", "0", "1", "-1", "99999999999999999999999", "31/12/9999", "01/01/9999", "29/02/2030",
    "01/03/2030", "31/05/2030", "La conjoncture économique", "13000637200010", "19000", "Tulle", "UD", "19",
    "jean.dupont@example.org", "[crochet@exemple.fr", "a(b@exemple.fr", "Nouveau.mdp1", "1", "on",
    "é" * 200, "x" * 3000, "' OR 1=1 --", "\u202e\ufeff𝕏",
])
TEXTES = st.one_of(TEXTES_CHOISIS, st.text(max_size=20),
                   st.builds(lambda a, b: a + MARQUEUR + b, st.text(max_size=8), TEXTES_CHOISIS))
ENTIERS_D_URL = st.one_of(st.integers(0, 4), st.sampled_from([2**31 - 1, 2**31, 2**63, 10**23]))
VALEURS_JSON = st.one_of(st.none(), st.booleans(), st.integers(), st.sampled_from([10**30, -1, 2**63]),
                         TEXTES, st.lists(st.integers(), max_size=2))


def _remplir(regle: str, tirage) -> str:
    """The rule's URL with each <converter:name> replaced by a drawn value."""
    def valeur(trouve):
        convertisseur = trouve.group(1) or "default"
        if convertisseur == "int":
            return str(tirage(ENTIERS_D_URL))
        return quote(tirage(st.one_of(st.sampled_from([MARQUEUR, "x", "1", "style.css", "..%2f"]),
                                      st.text(min_size=1, max_size=10))), safe="")
    return re.sub(r"<(?:(\w+)(?:\([^)]*\))?:)?(\w+)>", valeur, regle)


# --- the world the fuzzer works in --------------------------------------------------------------

class Monde:
    """An app on its own SQLite file with an establishment (a saved request)
    and a UD agent; it rebuilds them when a fuzzed /_sim/reset removed them."""

    def __init__(self, app):
        self.app = app
        self.clients: dict[str, Navigateur] = {}
        self.comptes: dict[str, str] = {}
        self._batir()

    def _batir(self):
        anonyme = Navigateur(self.app.test_client())
        anonyme.client.post("/_sim/reset")
        etab = Navigateur(self.app.test_client())
        etab.inscrire()
        self.comptes["etablissement"] = _premiere_connexion(self.app, etab, "jean.dupont@example.org")
        etab.get("/demandes/nouvelle")
        etab.post("/demandes/nouvelle", {**DEMANDE, "enregistrer": "Enregistrer"})
        assert anonyme.client.post("/_sim/agents", json={
            "profil": "UD", "identifiant": "ud.fuzz", "nom": "Agent", "prenom": "Paul",
            "courriel": "ud.fuzz@example.org", "departement": "19"}).status_code == 201
        ud = Navigateur(self.app.test_client())
        self.comptes["ud"] = _premiere_connexion(self.app, ud, "ud.fuzz@example.org")
        self.clients = {"anonyme": anonyme, "etablissement": etab, "ud": ud}
        for nav in self.clients.values():
            self._jeton(nav)

    @staticmethod
    def _jeton(nav: Navigateur):
        """A CSRF token read from a form, as a browser has it."""
        nav.get("/mot-de-passe/changement")  # a form for anyone logged in; the login form otherwise
        assert nav.jeton

    def client(self, etat: str) -> Navigateur:
        """The client of that state, logged in again (or the world rebuilt) if needed."""
        nav = self.clients[etat]
        if etat == "anonyme":
            nav.client.get("/deconnexion")
            self._jeton(nav)
            return nav
        if nav.client.get("/espace").status_code == 200:
            return nav
        from .conftest import NOUVEAU_MDP
        nav.connecter(self.comptes[etat], NOUVEAU_MDP)
        if nav.chemin != "/espace":  # deleted by a fuzzed /_sim/reset, or locked
            self._batir()
            return self.clients[etat]
        self._jeton(nav)
        return nav

    def releve(self) -> tuple:
        """Rows of every table of the domain, and the clock's offset."""
        with base(self.app).fabrique() as db:
            demarche.appliquer_echeances(db)  # due now, not caused by the request
            db.commit()
            lignes = tuple((t.name, db.scalar(select(func.count()).select_from(t)))
                           for t in Base.metadata.sorted_tables if t.name not in TECHNIQUES)
            return lignes + (("horloge", horloge.decalage(db)),)


@pytest.fixture(scope="module")
def monde(tmp_path_factory):
    dossier = tmp_path_factory.mktemp("fuzz")
    app = create_app({"TESTING": True, "DATABASE_URL": f"sqlite:///{dossier}/simulateur.db", "CONTROL": True,
                      "MAIL_WORKER": False, "SECRET_KEY": "fuzz"})
    yield Monde(app)
    base(app).engine.dispose()


def _routes(app) -> list[tuple[str, str]]:
    """(rule, method) for every route of the app, from its url_map."""
    couples = []
    for regle in app.url_map.iter_rules():
        for methode in sorted(regle.methods - {"OPTIONS"}):
            couples.append((regle.rule, methode))
    return sorted(set(couples))


def test_les_routes_sont_enumerees_depuis_l_application(monde):
    routes = _routes(monde.app)
    regles = {r for r, _ in routes}
    assert routes
    assert {"/connexion", "/inscription/siret", "/inscription/compte", "/demandes/<int:numero>",
            "/instruction/demandes/<int:numero>", "/etablissement/<int:etablissement_id>/utilisateurs/ajout",
            "/_sim/clock", "/_sim/reset", "/mot-de-passe/oubli", "/identifiant/oubli"} <= regles
    assert len(_noms_de_champs()) > 20


def _erreur_affichee(page: str) -> bool:
    lecteur = _Lecteur()
    lecteur.feed(page)
    return any(t.strip() for t in lecteur.roles["alert"])


@settings(max_examples=EXEMPLES, derandomize=True, deadline=None, database=None, print_blob=True,
          suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large])
@given(st.data())
def test_aucune_route_ne_repond_5xx_ni_ne_reflete_ni_n_ecrit_a_moitie(monde, data):
    tirage = data.draw
    regle, methode = tirage(st.sampled_from(_routes(monde.app)), label="route")
    etat = tirage(st.sampled_from(["anonyme", "etablissement", "ud"]), label="client")
    distant = tirage(st.booleans(), label="hors boucle locale")
    nav = monde.client(etat)
    chemin = _remplir(regle, tirage)
    kwargs = {"method": methode, "environ_base": {"REMOTE_ADDR": "203.0.113.9" if distant else "127.0.0.1"}}
    if regle.startswith("/_sim") and methode != "GET":
        kwargs["json"] = tirage(st.dictionaries(st.sampled_from(CLES_JSON), VALEURS_JSON, max_size=6),
                                label="json")
    elif methode != "GET":
        champs = tirage(st.dictionaries(st.sampled_from(_noms_de_champs()), TEXTES, max_size=10), label="champs")
        if tirage(st.booleans(), label="avec jeton CSRF"):
            champs["csrf_token"] = nav.jeton
        kwargs["data"] = champs
    else:
        kwargs["query_string"] = tirage(st.dictionaries(st.sampled_from(["code_postal", "q", "page"]), TEXTES,
                                                        max_size=2), label="requête")
    avant = monde.releve()
    reponse = nav.client.open(chemin, **kwargs)
    assert reponse.status_code < 500, (methode, chemin, kwargs)
    corps = reponse.get_data(as_text=True) if reponse.mimetype == "text/html" else ""
    assert MARQUEUR not in corps, (methode, chemin, "valeur reflétée sans échappement")
    refuse = reponse.status_code >= 400 or (reponse.status_code == 200 and _erreur_affichee(corps))
    if refuse and methode not in ("GET", "HEAD"):
        assert monde.releve() == avant, (methode, chemin, reponse.status_code, "écriture à moitié")
