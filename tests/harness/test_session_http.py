"""harness/clients/session_http.py (issue 10 item 2) and the UI's
``add_cookies`` / new windows (issue 11 item 8), on the three engines.

The client is checked against a tiny site served here (it must find the
fields by their labels, send the hidden fields and the user agent), then
against the simulator served by waitress: a session opened over HTTP is
handed to a browser, which then opens a private page without the login
form; RST-02's new window « Mon Compte » and the CGU link of ENR-01 are
driven with ``expect_new_window``.
"""
from __future__ import annotations

from http.server import BaseHTTPRequestHandler
from urllib.parse import parse_qs

import pytest

from harness.clients.session_http import ErreurSessionHTTP, SessionHTTP, connexion
from harness.comptes import FournisseurControle
from harness.profiles import load
from harness.ui import ElementNotFound, start_engine

PROFILS = ["ie7-winxp", "firefox-45.8-win7", "safari-6.0-mac"]

# --- a site of its own: field names unlike the simulator's ----------------------------------

PAGE_CONNEXION = """<!doctype html><html lang="fr"><head><meta charset="utf-8"><title>Accueil</title></head>
<body><form method="get" action="/recherche"><label for="q">Rechercher :</label><input id="q" name="q"></form>
<form method="post" action="/j_security_check">
  <input type="hidden" name="jeton" value="J-123">
  <label for="a1">Utilisateur :</label><input id="a1" name="champ_a">
  <label for="a2"> Mot de passe
     : </label><input id="a2" name="champ_b" type="password">
  <input type="checkbox" name="souvenir" value="oui">
  <button type="submit" name="action" value="go">Connexion</button>
</form>{alerte}</body></html>"""


class Site(BaseHTTPRequestHandler):
    recus: list = []

    def _repondre(self, corps: str, code=200, entetes=()):
        donnees = corps.encode()
        self.send_response(code)
        self.send_header("Content-Type", "text/html; charset=utf-8")
        self.send_header("Content-Length", str(len(donnees)))
        for cle, valeur in entetes:
            self.send_header(cle, valeur)
        self.end_headers()
        self.wfile.write(donnees)

    def do_GET(self):
        if self.path == "/espace":
            self._repondre("<html><body><p>Bienvenue</p></body></html>")
        else:
            self._repondre(PAGE_CONNEXION.format(alerte=""))

    def do_POST(self):
        longueur = int(self.headers.get("Content-Length", 0))
        corps = parse_qs(self.rfile.read(longueur).decode())
        Site.recus.append((dict(self.headers), corps))
        if corps.get("champ_b") == ["bon"]:
            self.send_response(303)
            self.send_header("Location", "/espace")
            self.send_header("Set-Cookie", "sid=abc; Path=/; HttpOnly; SameSite=Lax")
            self.send_header("Content-Length", "0")
            self.end_headers()
        else:
            self._repondre(PAGE_CONNEXION.format(alerte='<div role="alert"><p>Refusé.</p></div>'))

    def log_message(self, *args):
        pass


@pytest.fixture(scope="module")
def site(servir_http):
    return servir_http(Site)


def test_le_formulaire_est_lu_par_ses_libelles(site):
    Site.recus.clear()
    cookies = connexion(site, "jdupont", "bon", user_agent="Mozilla/4.0 (compatible; MSIE 7.0; Windows NT 5.1)")
    entetes, corps = Site.recus[-1]
    assert corps == {"jeton": ["J-123"], "champ_a": ["jdupont"], "champ_b": ["bon"], "action": ["go"]}
    assert entetes["User-Agent"] == "Mozilla/4.0 (compatible; MSIE 7.0; Windows NT 5.1)"
    [cookie] = cookies
    assert {k: cookie[k] for k in ("name", "value", "domain", "path", "httpOnly", "secure", "sameSite")} == {
        "name": "sid", "value": "abc", "domain": "127.0.0.1", "path": "/", "httpOnly": True,
        "secure": False, "sameSite": "Lax"}


def test_refus_en_francais_avec_le_message_du_site(site):
    with pytest.raises(ErreurSessionHTTP, match="connexion de jdupont refusée : Refusé."):
        connexion(site, "jdupont", "mauvais")


def test_page_sans_formulaire_de_connexion(site):
    with SessionHTTP(site) as session:
        with pytest.raises(ErreurSessionHTTP, match="aucun formulaire avec les champs « Utilisateur : »"):
            session.connecter("x", "y", chemin="/espace")


# --- the simulator, served -----------------------------------------------------------------

# `simulateur`: tests/harness/conftest.py

@pytest.fixture(scope="module")
def comptes(simulateur):
    fournisseur = FournisseurControle(simulateur)
    yield fournisseur
    fournisseur.close()


def test_connexion_au_simulateur_et_refus(simulateur, comptes):
    compte = comptes.obtenir("Etablissement")
    with SessionHTTP(simulateur) as session:
        session.connecter(compte.identifiant, compte.mot_de_passe)
        assert session.url.endswith("/espace")
        assert [c["name"] for c in session.cookies()] == ["session_ap"]
    verrouille = comptes.obtenir("UD", etat="verrouille")
    with pytest.raises(ErreurSessionHTTP, match="Votre compte est verrouillé"):
        connexion(simulateur, verrouille.identifiant, verrouille.mot_de_passe)
    nouveau = comptes.obtenir("Etablissement", etat="jamais_connecte")
    with SessionHTTP(simulateur) as session:  # a first login lands on the password change
        session.connecter(nouveau.identifiant, nouveau.mot_de_passe)
        assert session.changement_impose
        session.changer_mot_de_passe(nouveau.mot_de_passe, "Nouveau.2025")
    connexion(simulateur, nouveau.identifiant, "Nouveau.2025")


@pytest.fixture(scope="module", params=PROFILS)
def profil_et_moteur(request):
    profil = load().profile(request.param)
    moteur = start_engine(profil.engine, load())
    yield profil, moteur
    moteur.close()


@pytest.fixture
def ui(profil_et_moteur, simulateur):
    profil, moteur = profil_et_moteur
    ui = moteur.new_ui(profil, simulateur)
    ui.timeout = 20
    yield ui
    ui.close()


def test_add_cookies_ouvre_une_page_privee_sans_formulaire(ui, profil_et_moteur, simulateur, comptes):
    profil, _ = profil_et_moteur
    compte = comptes.obtenir("Etablissement")
    ui.goto("/espace")
    assert ui.is_visible(label="Mot de passe :", timeout=5)  # OUT-02: not logged in yet
    ui.add_cookies(connexion(simulateur, compte.identifiant, compte.mot_de_passe, user_agent=profil.user_agent))
    ui.goto("/espace")
    assert ui.url.endswith("/espace")
    assert ui.is_visible(role="button", name=compte.prenom_nom, timeout=5)
    assert not ui.is_visible(label="Mot de passe :")


def test_add_cookies_avant_toute_page(profil_et_moteur, simulateur, comptes):
    """On a fresh browser (WebDriver must open the site first to add a cookie)."""
    profil, moteur = profil_et_moteur
    compte = comptes.obtenir("UD")
    ui = moteur.new_ui(profil, simulateur)
    ui.timeout = 20
    try:
        ui.add_cookies(connexion(simulateur, compte.identifiant, compte.mot_de_passe,
                                 user_agent=profil.user_agent))
        ui.goto("/espace")
        assert ui.is_visible(role="button", name=compte.prenom_nom, timeout=5)
        assert "Unité départementale (UD) 19" in ui.page_text()
    finally:
        ui.close()


def _demander_mot_de_passe(ui, identifiant: str) -> None:
    import re

    ui.goto("/mot-de-passe/oubli")
    ui.fill(identifiant, label="Utilisateur :")
    a, b = re.search(r"Veuillez résoudre l'opération suivante : (\d) \+ (\d) =", ui.page_text()).groups()
    ui.fill(str(int(a) + int(b)), label=f"Veuillez résoudre l'opération suivante : {a} + {b} =")


def test_RST_02_nouvelle_fenetre_mon_compte_fermer_la_ferme(ui, comptes):
    compte = comptes.obtenir("Etablissement")
    _demander_mot_de_passe(ui, compte.identifiant)
    fenetre = ui.expect_new_window(lambda: ui.click(role="button", name="Continuer"))
    assert fenetre is not ui and fenetre.opener is ui and not fenetre.closed
    assert fenetre.evaluate("document.title") == "Mon Compte - J'ai oublié mon mot de passe - Question secrète"
    fenetre.wait_for_text(compte.question)
    fenetre.fill(compte.reponse, label="Réponse secrète")
    fenetre.click(role="button", name="Valider")
    fenetre.wait_for_text("Procédure terminée, merci de vérifier votre boîte aux lettres.")
    fenetre.click(role="button", name="Fermer")
    fenetre.wait_closed()
    assert fenetre.closed and not ui.closed
    # back in the first window, where the procedure started, nothing lost
    assert ui.url.endswith("/mot-de-passe/oubli")
    assert ui.value(label="Utilisateur :") == compte.identifiant
    ui.goto("/")
    assert ui.is_visible(label="Mot de passe :", timeout=5)


def test_pas_de_nouvelle_fenetre_est_signale(ui):
    ui.goto("/")
    ui.timeout = 6  # the wait for a window that never comes; the click itself needs some of it on a loaded machine
    with pytest.raises(ElementNotFound, match="aucune nouvelle fenêtre"):
        ui.expect_new_window(lambda: ui.click(role="link", name="J'ai oublié mon identifiant"))


def test_ENR_01_les_cgu_s_ouvrent_sans_perdre_la_saisie(ui):
    ui.goto("/inscription/siret")
    ui.fill("130 006 372 00010", label="N° de Siret* :")
    cgu = ui.expect_new_window(lambda: ui.click(role="link", name="conditions générales d'utilisation"))
    cgu.wait_for_text("Conditions générales d'utilisation")
    assert cgu.url.endswith("/conditions-generales-d-utilisation")
    cgu.close()
    assert cgu.closed
    assert ui.value(label="N° de Siret* :") == "130 006 372 00010"
    ui.check(label="J'accepte les conditions générales d'utilisation *")
    assert ui.url.endswith("/inscription/siret")
