"""Fixtures and helpers of the simulator's own tests: an app on a fresh SQLite
file (control mode on, mail worker off: the tests read the outbox table), and
a `Navigateur` that browses it as a person does through Flask's test client."""
import html
import re
from html.parser import HTMLParser

import pytest
from sqlalchemy import select

from harness.services import mailpit_process, running
from simulator import create_app
from simulator.db import base
from simulator.models import Compte, Courriel

SIRET_GUIDE = "13000637200010"  # the guide's example (ENR-06: valid)


def siret_valide(n: int) -> str:
    """A valid SIRET (Luhn) made from a number, distinct for distinct n."""
    debut = f"{n:013d}"
    for chiffre in "0123456789":
        candidat = debut + chiffre
        somme = 0
        for i, c in enumerate(reversed(candidat)):
            d = int(c) * (2 if i % 2 else 1)
            somme += d - 9 if d > 9 else d
        if somme % 10 == 0:
            return candidat
    raise AssertionError("inaccessible")


def formulaire_valide(**surcharges) -> dict:
    """A valid account creation form (ACC-02), fields by their form names."""
    donnees = {
        "denomination": "Boulangerie Dupont", "numero_voie": "12", "extension_voie": "bis",
        "libelle_voie": "de la Paix", "type_voie": "rue", "complement_adresse": "Bâtiment B",
        "code_postal": "19000", "ville": "Tulle",
        "courriel_etablissement": "contact@boulangerie-dupont.fr",
        "confirmation_courriel_etablissement": "contact@boulangerie-dupont.fr",
        "telephone_fixe": "05 55 20 00 00", "fax": "",
        "nom": "Dupont", "prenom": "Jean", "telephone": "06 12 34 56 78",
        "courriel": "jean.dupont@example.org", "confirmation_courriel": "jean.dupont@example.org",
        "question_secrete": "ville de résidence", "reponse_secrete": "Tulle Corrèze",
    }
    donnees.update(surcharges)
    return donnees


class _Lecteur(HTMLParser):
    """Collects the text of the elements with role=alert / role=status, and of
    <label>s, as a person (or a screen reader) reads them."""

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.roles = {"alert": [], "status": []}
        self._pile = []  # (tag, role or None)

    def handle_starttag(self, tag, attrs):
        if tag in ("input", "img", "br", "meta", "link"):
            return
        role = dict(attrs).get("role")
        if role in self.roles:
            self.roles[role].append("")
        self._pile.append((tag, role))

    def handle_endtag(self, tag):
        while self._pile:
            t, _ = self._pile.pop()
            if t == tag:
                break

    def handle_data(self, data):
        for role in self.roles:
            if any(r == role for _, r in self._pile):
                self.roles[role][-1] += data


def _plier(texte: str) -> str:
    return re.sub(r"\s+", " ", texte).strip()


def _json(reponse):
    return reponse.get_json() if hasattr(reponse, "get_json") else reponse.json()


class Navigateur:
    """A person's browser: keeps cookies and the last page, follows redirects,
    sends the page's CSRF token with each form like a real form does. Works
    over Flask's test client or an httpx.Client on a served simulator."""

    def __init__(self, client):
        self.client = client
        self.page = ""
        self.reponse = None
        self.jeton = None  # the session's CSRF token, as last seen in a form

    def _lire(self, reponse):
        self.reponse = reponse
        if reponse.headers.get("Content-Type", "").startswith("text/html"):
            self.page = reponse.get_data(as_text=True) if hasattr(reponse, "get_data") else reponse.text
            trouve = re.search(r'name="csrf_token" value="([^"]+)"', self.page)
            self.jeton = trouve.group(1) if trouve else self.jeton
        return reponse

    def get(self, url, **kwargs):
        return self._lire(self.client.get(url, follow_redirects=True, **kwargs))

    def post(self, url, data=None, jeton=True, **kwargs):
        data = dict(data or {})
        if jeton and "csrf_token" not in data:
            assert self.jeton, "aucun formulaire vu : pas de jeton CSRF"
            data["csrf_token"] = self.jeton
        return self._lire(self.client.post(url, data=data, follow_redirects=True, **kwargs))

    @property
    def chemin(self) -> str:
        requete = getattr(self.reponse, "request", None)
        return requete.path if hasattr(requete, "path") else self.reponse.url.path

    def champ(self, nom: str) -> str:
        """The value of a field of the current page."""
        m = re.search(r'name="%s"[^>]*?value="([^"]*)"' % re.escape(nom), self.page)
        assert m, f"champ {nom} absent de la page {self.chemin}"
        return html.unescape(m.group(1))

    def texte(self) -> str:
        """The page's text, tags removed, entities decoded, white space folded."""
        corps = re.sub(r"(?s)<(script|style|title)\b.*?</\1>", " ", self.page)
        return _plier(html.unescape(re.sub(r"<[^>]+>", " ", corps)))

    def _roles(self, role):
        lecteur = _Lecteur()
        lecteur.feed(self.page)
        return [_plier(t) for t in lecteur.roles[role]]

    def alertes(self) -> str:
        """Everything said in role=alert elements (errors)."""
        return " ".join(self._roles("alert"))

    def statuts(self) -> str:
        """Everything said in role=status elements (information)."""
        return " ".join(self._roles("status"))

    # --- the guide's paths -------------------------------------------------------------
    def code_affiche(self) -> str:
        """What a person reads off the captcha picture (SIM-01 reads it for us)."""
        code_id = self.champ("code_id")
        assert f'src="/captcha/{code_id}.png"' in self.page
        return _json(self.client.get(f"/_sim/captcha/{code_id}"))["code"]

    def etape_siret(self, siret: str, code: str | None = None, cgu: bool = True):
        self.get("/inscription/siret")
        donnees = {"siret": siret, "code_id": self.champ("code_id"),
                   "code": self.code_affiche() if code is None else code, "valider": "VALIDER"}
        if cgu:
            donnees["cgu"] = "1"
        return self.post("/inscription/siret", donnees)

    def inscrire(self, siret: str = SIRET_GUIDE, **champs):
        """Both steps of the account creation; returns the last response."""
        self.etape_siret(siret)
        assert self.chemin == "/inscription/compte", self.alertes()
        return self.post("/inscription/compte", {**formulaire_valide(**champs), "envoyer": "ENVOYER"})

    def connecter(self, identifiant: str, mot_de_passe: str):
        self.get("/")
        return self.post("/connexion", {"utilisateur": identifiant, "mot_de_passe": mot_de_passe})

    def verrouiller(self, identifiant: str):
        """LCK-01: three successive wrong passwords."""
        for _ in range(3):
            self.connecter(identifiant, "Mauvais.mdp1")

    def avancer_horloge(self, secondes: int):
        """SIM-01: move the simulator's clock."""
        assert self.client.post("/_sim/clock", json={"advance_seconds": secondes}).status_code == 200

    def changer_mot_de_passe(self, ancien: str, nouveau: str, confirmation: str | None = None):
        self.get("/mot-de-passe/changement")
        return self.post("/mot-de-passe/changement", {
            "ancien": ancien, "nouveau": nouveau,
            "confirmation": nouveau if confirmation is None else confirmation})


@pytest.fixture
def config(tmp_path):
    return {"TESTING": True, "DATABASE_URL": f"sqlite:///{tmp_path}/simulateur.db",
            "CONTROL": True, "MAIL_WORKER": False, "SECRET_KEY": "tests"}


@pytest.fixture
def app(config):
    application = create_app(config)
    yield application
    base(application).engine.dispose()


@pytest.fixture
def mailpit_service(tmp_path):
    """A real Mailpit of its own (SMTP and HTTP API), stopped after the test."""
    service = mailpit_process(tmp_path / "mailpit")
    with running(service):
        yield service


@pytest.fixture
def nav(app):
    return Navigateur(app.test_client())


@pytest.fixture
def autre_nav(app):
    return Navigateur(app.test_client())


def courriels(app, adresse: str | None = None) -> list[Courriel]:
    """The outbox, oldest first (optionally only one recipient's mail)."""
    with base(app).fabrique() as db:
        requete = select(Courriel).order_by(Courriel.id)
        if adresse is not None:
            requete = requete.where(Courriel.destinataire == adresse)
        return list(db.scalars(requete))


def entre_crochets(corps: str, quoi: str) -> str:
    """ACC-12: "Identifiant : [jdupont]" → "jdupont"."""
    m = re.search(re.escape(quoi) + r" : \[([^\]]+)\]", corps)
    assert m, f"{quoi} entre crochets absent de : {corps}"
    return m.group(1)


def identifiants_recus(app, adresse: str) -> tuple[str, str]:
    """(identifiant, mot de passe) from the last creation mails to `adresse`."""
    recus = courriels(app, adresse)
    identifiant = [c for c in recus if c.sujet.endswith("Votre identifiant de connexion")][-1]
    mot_de_passe = [c for c in recus if c.sujet.endswith("Votre mot de passe de connexion")][-1]
    return entre_crochets(identifiant.corps, "Identifiant"), entre_crochets(mot_de_passe.corps, "Mot de passe")


def compte(app, identifiant: str) -> Compte:
    with base(app).fabrique() as db:
        return db.scalar(select(Compte).where(Compte.identifiant == identifiant))


NOUVEAU_MDP = "Nouveau.mdp1"


@pytest.fixture
def inscrit(app, nav):
    """An establishment registered, first connection done: (identifiant, mot de passe).
    The navigator ends on the login page, logged out."""
    nav.inscrire()
    identifiant, provisoire = identifiants_recus(app, "jean.dupont@example.org")
    nav.connecter(identifiant, provisoire)
    nav.changer_mot_de_passe(provisoire, NOUVEAU_MDP)
    assert nav.chemin == "/", nav.alertes()
    return identifiant, NOUVEAU_MDP
