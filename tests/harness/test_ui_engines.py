"""The same behaviour from the ``UI`` on every engine.

Each test runs on chromium, firefox (Playwright) and webkit (WebDriver)
against a small page served here on 127.0.0.1. Restrict the engines with
HARNESS_TEST_ENGINES=chromium,firefox (e.g. on a machine without WebKitGTK);
by default an engine that cannot start fails the tests, it is not skipped.
"""
from __future__ import annotations

import json
import os
import threading
import time
from dataclasses import replace
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import pytest

from harness import attente
from harness.profiles import Profile, Viewport, load
from harness.ui import ElementNotFound, start_engine

from .garde import sans_blocage

ENGINES = [e for e in os.environ.get("HARNESS_TEST_ENGINES", "chromium,firefox,webkit").split(",") if e]

FORM = """<!doctype html>
<html lang="fr"><head><meta charset="utf-8"><title>Formulaire</title></head>
<body>
<h1>Création de compte</h1>
<form action="/merci" method="get">
  <label for="nom">Nom* :</label> <input id="nom" name="nom">
  <label for="prenom">  Prénom*
     : </label> <input id="prenom" name="prenom">
  <label>Courriel* : <input id="courriel" name="courriel" type="email"></label>
  <label for="confirmation">Confirmer courriel* :</label>
  <input id="confirmation" name="confirmation">
  <input id="tel" aria-label="Téléphone* :">
  <label for="siret">N° de Siret :</label> <input id="siret" value="73282932000074" readonly>
  <label for="ville">Ville* :</label>
  <select id="ville" name="ville">
    <option>veuillez saisir un code postal</option><option>Tulle</option><option>Brive-la-Gaillarde</option>
  </select>
  <label for="cgu">J'accepte les conditions générales d'utilisation *</label>
  <input type="checkbox" id="cgu" name="cgu">
  <img alt="Code de sécurité" src="data:image/gif;base64,R0lGODlhAQABAAAAACw=" width="40" height="20">
  <button type="button" aria-label="Obtenir un nouveau code" title="Cliquez pour un autre code">&#x21bb;</button>
  <button type="button" style="display:none">ANNULER</button>
  <input type="button" value="ANNULER" id="annuler">
  <div role="button" tabindex="0" id="aide">Aide</div>
  <button type="button" id="plus-tard">Plus tard</button>
  <button type="submit">ENVOYER</button>
</form>
<form action="/lent" method="get"><button type="submit">Envoyer lentement</button></form>
<p>Contrôle de sécurité :</p>
<p>Contrôle de sécurité : recopiez le code</p>
<a href="/merci">Mentions légales</a>
<div role="status" id="status"></div>
<span id="survol" title="infobulle">Survolez-moi</span>
<p style="visibility:hidden">Texte caché</p>
<script>
  document.getElementById('confirmation').addEventListener('paste', function (e) {
    e.preventDefault();
    document.getElementById('status').textContent = 'Copier-coller interdit';
  });
  document.addEventListener('paste', function (e) { window.lastPasteTrusted = e.isTrusted; });
  document.getElementById('annuler').addEventListener('click', function () {
    document.getElementById('status').textContent = 'Annulé';
  });
  document.getElementById('aide').addEventListener('click', function () {
    document.getElementById('status').textContent = 'Aide ouverte';
  });
  document.getElementById('survol').addEventListener('mouseover', function () {
    document.getElementById('status').textContent = 'Survolé';
  });
  document.getElementById('plus-tard').addEventListener('click', function () {
    setTimeout(function () {
      var a = document.createElement('div');
      a.setAttribute('role', 'alert');
      a.textContent = 'Message arrivé plus tard';
      document.body.appendChild(a);
    }, 700);
  });
</script>
</body></html>"""

THANKS = """<!doctype html><html><head><meta charset="utf-8"></head>
<body><h1>Merci</h1><p>Votre demande est enregistrée.</p></body></html>"""


class Handler(BaseHTTPRequestHandler):
    visits = 0

    def do_GET(self):
        path = self.path.split("?")[0]
        no_store = path == "/prive"
        if no_store:  # a private page, as the logged-in space (OUT-02)
            Handler.visits += 1
            body = (f'<p>Visite {Handler.visits}</p><a href="/merci">Ailleurs</a>').encode()
            kind = "text/html; charset=utf-8"
        elif path == "/lent":  # a server that takes its time to answer a form
            time.sleep(2.0)
            body = "<h1>Réponse lente</h1><p>Enfin.</p>".encode()
            kind = "text/html; charset=utf-8"
        elif path == "/chargement":  # a page that asks the server, then writes its answer
            body = ('<h1>Chargement</h1><button id="b">Charger lentement</button><p id="s"></p>'
                    '<script>document.getElementById("b").onclick = function () { fetch("/lent")'
                    '.then(function () { document.getElementById("s").textContent = "Chargé"; }); };'
                    '</script>').encode()
            kind = "text/html; charset=utf-8"
        elif path == "/minuteur":  # a page that navigates by itself a moment later
            body = ('<h1>Minuteur</h1><script>setTimeout(function () '
                    '{ location.href = "/lent"; }, 1000);</script>').encode()
            kind = "text/html; charset=utf-8"
        elif path == "/headers":
            body = json.dumps(dict(self.headers)).encode()
            kind = "application/json"
        else:
            body = (THANKS if path == "/merci" else FORM).encode()
            kind = "text/html; charset=utf-8"
        self.send_response(200)
        self.send_header("Content-Type", kind)
        self.send_header("Content-Length", str(len(body)))
        if no_store:
            self.send_header("Cache-Control", "no-store")
        self.end_headers()
        self.wfile.write(body)

    def log_message(self, *args):
        pass


@pytest.fixture(scope="module")
def base_url():
    server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{server.server_port}"
    server.shutdown()


def profile_for(engine_name: str) -> Profile:
    # An unusual size and user agent, so that an engine's default cannot pass.
    return Profile(id=f"test-{engine_name}", label="test", os="test", version="1",
                   user_agent=f"HarnessTest/1.0 ({engine_name}; Windows NT 5.1)",
                   viewport=Viewport(width=1111, height=777), engine=engine_name,
                   support="supporte", rule=None)




# Each engine as browsers.yaml sets it (Firefox: « lookup: dom »), and
# Chromium also with the other lookup than its own: both ways of finding
# elements on a Playwright engine keep the same behaviour.
VARIANTES = ENGINES + (["chromium-dom"] if "chromium" in ENGINES else [])


@pytest.fixture(scope="module", params=VARIANTES)
def engine(request):
    name, _, lookup = request.param.partition("-")
    settings = load().engines[name]
    engine = start_engine(name, replace(settings, lookup=lookup) if lookup else settings)
    yield engine
    engine.close()


@pytest.fixture
def ui(engine, base_url):
    ui = engine.new_ui(profile_for(engine.name), base_url)
    ui.timeout = 10  # catches a hang; a loaded machine can take seconds for one click
    ui.goto("/")
    yield ui
    ui.close()


# --- finding as a person does --------------------------------------------------

def test_label_lookup_is_exact_after_folding_white_space(ui):
    ui.fill("Dupont", label="Nom* :")
    ui.fill("Jean", label="Prénom* :")             # label text spans two lines
    ui.fill("jean@exemple.fr", label="Courriel* :")  # control nested in its label
    ui.fill("0555000000", label="Téléphone* :")      # aria-label
    assert ui.evaluate("document.getElementById('nom').value") == "Dupont"
    assert ui.evaluate("document.getElementById('prenom').value") == "Jean"
    assert ui.evaluate("document.getElementById('courriel').value") == "jean@exemple.fr"
    assert ui.evaluate("document.getElementById('tel').value") == "0555000000"
    with pytest.raises(ElementNotFound):
        ui.fill("x", label="Nom", timeout=0.3)      # a prefix is not the label


def test_role_and_name(ui):
    assert ui.is_visible(role="heading", name="Création de compte")
    assert ui.is_visible(role="img", name="Code de sécurité")
    assert ui.attribute("title", role="button", name="Obtenir un nouveau code") == \
        "Cliquez pour un autre code"
    assert ui.is_visible(role="link", name="Mentions légales")
    assert ui.is_visible(role="checkbox", name="J'accepte les conditions générales d'utilisation *")
    assert not ui.is_visible(role="button", name="ENVOY")
    ui.click(role="button", name="ANNULER")  # the hidden <button> is skipped
    ui.wait_for_text("Annulé")
    ui.click(role="button", name="Aide")     # role="button" on a <div>
    ui.wait_for_text("Aide ouverte")


def test_text_lookup_is_exact(ui):
    assert ui.attribute("title", text="Survolez-moi") == "infobulle"
    assert ui.is_visible(text="Contrôle de sécurité :")
    assert not ui.is_visible(text="Contrôle de sécurité")


def test_lookups_wait_for_late_elements(ui):
    ui.click(role="button", name="Plus tard")  # an alert 0.7 s later
    assert not ui.is_visible(role="alert")  # is_visible does not wait
    assert ui.text(role="alert") == "Message arrivé plus tard"  # text() waits


def test_patience_scales_each_wait_once(ui):
    """--patience 0.25: a wait written as 10 s lasts 2.5 s, on every kind
    of wait (a lookup, a page's text) — scaled once, not twice (0.625 s
    would miss the alert that comes 0.7 s after the click)."""
    attente.regler_la_patience(0.25)
    try:
        ui.click(role="button", name="Plus tard")
        ui.wait_for_text("Message arrivé plus tard")
        ui.goto("/")
        ui.click(role="button", name="Plus tard")
        assert ui.text(role="alert") == "Message arrivé plus tard"
        with pytest.raises(ElementNotFound, match="absent de la page après 2.5 s"):
            ui.wait_for_text("Jamais affiché")
        with pytest.raises(ElementNotFound, match="Inexistant.*introuvable après 2.5 s"):
            ui.click(role="button", name="Inexistant")
    finally:
        attente.regler_la_patience(1.0)


def test_missing_element_raises_element_not_found_naming_it(ui):
    ui.timeout = 3600  # were the call's own timeout ignored, this would hang (and be caught)
    with sans_blocage(120, "un élément absent"), pytest.raises(ElementNotFound, match="Inexistant"):
        ui.click(role="button", name="Inexistant", timeout=0.5)
    with pytest.raises(ElementNotFound, match="Texte caché.*1 .*invisible"):
        ui.click(text="Texte caché", timeout=0.3)
    with pytest.raises(ElementNotFound, match="absent"):
        ui.wait_for_text("Jamais affiché", timeout=0.3)


def test_a_still_page_ends_a_wait_early_where_the_engine_sees_the_network(ui):
    """--page-immobile: a missing element or text is reported once the page
    has been still that long, not after the whole time-out (make mutation's
    kills come sooner); WebDriver sees no network, so its waits are whole."""
    ui.immobile = 0.5
    if ui.network_activity() is None:  # WebKitGTK: the whole (short) time-out
        with pytest.raises(ElementNotFound, match="absent de la page après 1.5 s"):
            ui.wait_for_text("Jamais affiché", timeout=1.5)
        return
    with sans_blocage(120, "une page immobile"):  # were the page never still, 60 s each, then caught
        with pytest.raises(ElementNotFound, match="absent de la page immobile depuis 0.5 s"):
            ui.wait_for_text("Jamais affiché", timeout=60)
        with pytest.raises(ElementNotFound, match="Inexistant.*introuvable sur la page immobile"):
            ui.click(role="button", name="Inexistant", timeout=60)
        ui.immobile = 3  # a page's own timer is waited for as long as this only:
        ui.click(role="button", name="Plus tard")  # no request, an alert 0.7 s later
        ui.wait_for_text("Message arrivé plus tard", timeout=60)


def test_a_still_page_still_waits_for_a_slow_server(ui):
    """The page stays unchanged while the server takes 2 s to answer its
    script (or a form): the request is in flight, so the page is not still
    and the wait goes on until the answer comes (a slow site is no failure)."""
    ui.immobile = 0.5
    ui.goto("/chargement")
    ui.click(role="button", name="Charger lentement", timeout=60)
    ui.wait_for_text("Chargé", timeout=60)
    ui.goto("/chargement")
    ui.click(role="button", name="Charger lentement", timeout=60)
    assert ui.text(text="Chargé", timeout=60) == "Chargé"
    ui.goto("/")
    ui.click(role="button", name="Envoyer lentement", timeout=60)
    ui.wait_for_text("Enfin.", timeout=60)


def test_a_field_that_refuses_input_is_named_not_missing(ui):
    with pytest.raises(ElementNotFound, match="N° de Siret.*inutilisable"):
        ui.fill("1", label="N° de Siret :", timeout=0.5)  # read-only
    assert ui.value(label="N° de Siret :") == "73282932000074"


def test_timeout_zero_looks_once_without_waiting(ui):
    """timeout=0 is "look now" (for Playwright itself 0 means "for ever")."""
    ui.timeout = 3600  # were timeout=0 "the default" or "for ever", this would hang (and be caught)
    with sans_blocage(120, "timeout=0"):
        with pytest.raises(ElementNotFound):
            ui.attribute("type", role="button", name="Inexistant", timeout=0)
        with pytest.raises(ElementNotFound):
            ui.wait_for_text("Jamais affiché", timeout=0)
        ui.click(role="button", name="Plus tard")
        with pytest.raises(ElementNotFound):
            ui.text(role="alert", timeout=0)  # it comes 0.7 s later
    ui.timeout = 10
    assert ui.attribute("type", role="button", name="ENVOYER", timeout=0) == "submit"


# --- acting and reading ---------------------------------------------------------

def test_every_call_of_the_interface_is_counted(ui):
    """``UI.uses`` (the audit reads again only a page used since): each call
    of the interface, acting or reading, counts; reading the address (a
    property) does not."""
    avant = ui.uses
    ui.fill("Durand", label="Nom* :")
    assert ui.uses > avant
    apres_saisie = ui.uses
    assert ui.value(label="Nom* :") == "Durand"
    assert ui.uses > apres_saisie
    lu = ui.uses
    assert ui.url.startswith("http")
    assert ui.uses == lu


def test_fill_type_value_replace_the_content(ui):
    ui.fill("Durand", label="Nom* :")
    ui.fill("Dupont", label="Nom* :")
    assert ui.value(label="Nom* :") == "Dupont"
    ui.type("Martin", label="Nom* :")
    assert ui.value(label="Nom* :") == "Martin"
    ui.fill("", label="Nom* :")
    assert ui.value(label="Nom* :") == ""
    ui.type("", label="Nom* :")
    assert ui.value(label="Nom* :") == ""


def test_select_options_check(ui):
    assert ui.options(label="Ville* :") == ["veuillez saisir un code postal", "Tulle",
                                            "Brive-la-Gaillarde"]
    ui.select("Brive-la-Gaillarde", label="Ville* :")
    assert ui.value(label="Ville* :") == "Brive-la-Gaillarde"
    name = "J'accepte les conditions générales d'utilisation *"
    ui.check(label=name)
    assert ui.evaluate("document.getElementById('cgu').checked") is True
    ui.check(False, label=name)
    assert ui.evaluate("document.getElementById('cgu').checked") is False


def test_editable_and_hover(ui):
    assert ui.is_editable(label="Nom* :")
    assert not ui.is_editable(label="N° de Siret :")
    ui.hover(text="Survolez-moi")
    ui.wait_for_text("Survolé")


def test_paste_is_a_real_paste_that_the_page_can_block(ui):
    ui.paste("jean@exemple.fr", label="Courriel* :")
    assert ui.value(label="Courriel* :") == "jean@exemple.fr"
    assert ui.evaluate("window.lastPasteTrusted") is True
    ui.paste("jean@exemple.fr", label="Confirmer courriel* :")
    assert ui.value(label="Confirmer courriel* :") == ""
    ui.wait_for_text("Copier-coller interdit")
    assert ui.evaluate("document.getElementById('__harness_clipboard')") is None
    ui.type("jean@exemple.fr", label="Confirmer courriel* :")  # typing works
    assert ui.value(label="Confirmer courriel* :") == "jean@exemple.fr"


def test_navigation(ui, base_url):
    ui.click(role="button", name="ENVOYER")
    ui.wait_for_text("Votre demande est enregistrée.")
    assert ui.url.startswith(base_url + "/merci")
    ui.back()
    ui.wait_for_text("Création de compte")
    assert ui.url == base_url + "/"
    assert "Contrôle de sécurité : recopiez le code" in ui.page_text()


def test_a_click_that_submits_a_form_waits_for_the_new_page(ui):
    """As Playwright does: the next step reads the page the click led to,
    not the old one still on screen while the server answers."""
    ui.click(role="button", name="Envoyer lentement")
    assert ui.is_visible(role="heading", name="Réponse lente")
    assert "/lent" in ui.url


def test_goto_survives_a_navigation_the_page_started_meanwhile(ui, base_url):
    """Firefox interrupts a goto when the page it leaves starts a navigation
    of its own (a late redirect, a form posted by the last click): the
    harness lets it land and still goes where it was asked."""
    ui.goto("/minuteur")
    ui.wait_for_text("Minuteur")  # read within the timer's 1 s, even on a loaded machine
    ui.goto("/lent")  # 2 s to answer: the page's own timer fires meanwhile
    ui.wait_for_text("Enfin.")
    assert ui.url == base_url + "/lent"


def test_back_fetches_a_no_store_page_again(ui):
    """As Safari does over HTTPS: WebKit must not show a private page from
    its back-forward cache over the tests' plain HTTP."""
    ui.goto("/prive")
    first = int(ui.page_text().split()[1])
    ui.click(role="link", name="Ailleurs")
    ui.wait_for_text("Merci")
    ui.back()
    ui.wait_for_text(f"Visite {first + 1}")


def test_evidence_html_and_screenshot(ui, tmp_path):
    assert "<h1>Création de compte</h1>" in ui.html()
    shot = tmp_path / "page.png"
    ui.screenshot(str(shot))
    assert shot.read_bytes()[:8] == b"\x89PNG\r\n\x1a\n"


# --- the profile reaches the page ---------------------------------------------------

def test_user_agent_and_viewport_are_the_profiles(ui, engine):
    profile = profile_for(engine.name)
    seen = ui.evaluate("[navigator.userAgent, window.innerWidth, window.innerHeight]")
    assert seen == [profile.user_agent, 1111, 777]
    assert ui.evaluate("navigator.language") == "fr-FR"
    ui.goto("/headers")
    headers = json.loads(ui.evaluate("document.body.innerText"))
    assert headers["User-Agent"] == profile.user_agent
    assert headers["Accept-Language"].startswith("fr")


def test_each_scenario_is_isolated(engine, base_url):
    first = engine.new_ui(profile_for(engine.name), base_url)
    first.goto("/")
    first.evaluate("(() => { document.cookie = 'session=abc; path=/';"
                   " localStorage.setItem('k', 'v'); return 1; })()")
    first.close()
    second = engine.new_ui(profile_for(engine.name), base_url)
    try:
        second.goto("/")
        assert second.evaluate("document.cookie") == ""
        assert second.evaluate("localStorage.getItem('k')") is None
    finally:
        second.close()


def test_matrix_profiles_of_the_engine_reach_the_page(engine, base_url):
    """Every browsers.yaml profile of this engine: its user agent and size."""
    for profile in [p for p in load() if p.engine == engine.name]:
        ui = engine.new_ui(profile, base_url)
        try:
            ui.goto("/")
            seen = ui.evaluate("[navigator.userAgent, window.innerWidth, window.innerHeight]")
            assert seen == [profile.user_agent, profile.viewport.width,
                            profile.viewport.height], profile.id
        finally:
            ui.close()


def test_trace_is_recorded_where_the_engine_can(ui, engine, tmp_path):
    ui.start_trace()
    ui.fill("Dupont", label="Nom* :")
    written = ui.stop_trace(str(tmp_path / "trace.zip"))
    assert written == (engine.settings.kind == "playwright")
    assert (tmp_path / "trace.zip").exists() == written
