"""HTTP plumbing shared by every blueprint: the logged-in account, the
first-connection gate, security headers, request log, French error pages."""
import functools
import ipaddress
import logging

from flask import flash, g, jsonify, redirect, render_template, request, session, url_for
from flask_wtf.csrf import CSRFError
from werkzeug.exceptions import BadRequest, HTTPException, NotFound
from werkzeug.routing import IntegerConverter

from . import messages as m
from .db import base, db
from .models import Compte
from .sessions import SessionServeur

log = logging.getLogger("simulator.requetes")

CSP = ("default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self'; "
       "object-src 'none'; base-uri 'self'; form-action 'self'; frame-ancestors 'none'")

# Pages a user with an unfinished first connection may still reach
LIBRES = {"static", "connexion.deconnexion"}

MESSAGES_ERREUR = {
    400: m.SESSION_EXPIREE,
    404: "Cette page n'existe pas.",
    405: "Cette action n'est pas permise sur cette page.",
    413: "Les données envoyées sont trop volumineuses.",
    500: "Une erreur technique est survenue. Veuillez réessayer plus tard.",
}


#: The largest id a URL may carry (SQLite's and PostgreSQL's integer columns
#: hold 64 bits; the tables' ids never come near 2**31).
PLUS_GRAND_NUMERO = 2**31 - 1


class NumeroBorne(IntegerConverter):
    """`<int:…>` in every route: a number too large for the database is no
    route at all (404), never a query that fails (500)."""

    def __init__(self, carte, fixed_digits=0, min=None, max=PLUS_GRAND_NUMERO, signed=False):
        super().__init__(carte, fixed_digits=fixed_digits, min=min, max=max, signed=signed)


PREFIXE_CONTROLE = "/_sim"


def chemin_de_controle(chemin: str) -> bool:
    return chemin == PREFIXE_CONTROLE or chemin.startswith(PREFIXE_CONTROLE + "/")


def depuis_boucle_locale() -> bool:
    """SIM-01: the control interface answers loopback clients only."""
    try:
        adresse: ipaddress.IPv4Address | ipaddress.IPv6Address = ipaddress.ip_address(request.remote_addr or "")
    except ValueError:
        return False
    if isinstance(adresse, ipaddress.IPv6Address) and adresse.ipv4_mapped:
        adresse = adresse.ipv4_mapped
    return adresse.is_loopback


def connexion_requise(vue):
    """OUT-02: a protected page without a session sends back to the login page."""
    @functools.wraps(vue)
    def enveloppe(*args, **kwargs):
        if g.compte is None:
            flash(m.CONNEXION_REQUISE, "status")
            return redirect(url_for("accueil.accueil"))
        return vue(*args, **kwargs)
    return enveloppe


def ouvrir_session(compte: Compte) -> None:
    """Log in: a new session id (rotated at login), holding the account only."""
    session.clear()
    _renouveler_session()
    session["compte_id"] = compte.id


def fermer_session() -> None:
    session.clear()
    _renouveler_session()


def _renouveler_session() -> None:
    assert isinstance(session, SessionServeur), "the app's session interface is sessions.py's"
    session.renouveler()


def installer(app) -> None:
    def controle_invisible():
        """SIM-01: to a client that is not on the loopback, every /_sim/ path,
        whatever the method, is the same 404 as a path that does not exist —
        checked before anything else (routing would answer 405 first)."""
        if chemin_de_controle(request.path) and not depuis_boucle_locale():
            raise NotFound()
    # first of all the before_request functions (the account, the deadlines, the mail worker…)
    app.before_request_funcs.setdefault(None, []).insert(0, controle_invisible)

    @app.before_request
    def refuser_caracteres_de_controle():
        # Never let a NUL or other control character reach the database (no 500)
        for valeur in request.values.values():
            if any(ord(c) < 32 and c not in "\t\r\n" or ord(c) == 127 for c in valeur):
                raise BadRequest(m.CARACTERES_INTERDITS)

    @app.before_request
    def charger_compte():
        g.compte = None
        compte_id = session.get("compte_id")
        if compte_id is not None:
            g.compte = db().get(Compte, compte_id)
            if g.compte is None:  # deleted by a reset
                session.clear()

    @app.before_request
    def premiere_connexion_d_abord():
        """PWD-01 / RST-05: password change before any other page;
        UD-02: then, for an agent, the secret question."""
        compte = g.compte
        if compte is None or request.endpoint in LIBRES or request.blueprint == "controle":
            return None
        if compte.changement_requis:
            if request.endpoint != "mot_de_passe.changement":
                return redirect(url_for("mot_de_passe.changement"))
        elif compte.question_secrete is None and request.endpoint != "connexion.question_secrete":
            return redirect(url_for("connexion.question_secrete"))
        return None

    @app.after_request
    def entetes_et_journal(reponse):
        reponse.headers["Content-Security-Policy"] = CSP
        reponse.headers["X-Frame-Options"] = "DENY"
        reponse.headers["X-Content-Type-Options"] = "nosniff"
        reponse.headers["Referrer-Policy"] = "same-origin"
        if request.endpoint != "static":
            # OUT-02: the back button shows nothing private after Déconnexion
            reponse.headers["Cache-Control"] = "no-store"
        log.info('%s "%s %s" %s', request.remote_addr, request.method,
                 request.full_path.rstrip("?"), reponse.status_code)
        # Every view commits what it means to keep; free the connection before
        # the session is saved on another one.
        base().session_requete.remove()
        return reponse

    @app.teardown_appcontext
    def liberer_session_db(_exc):
        base().session_requete.remove()

    @app.errorhandler(HTTPException)
    def erreur_http(erreur):
        return page_erreur(erreur.code, erreur.description if erreur.code == 400 else None)

    @app.errorhandler(CSRFError)
    def erreur_csrf(_erreur):
        return page_erreur(400)

    @app.errorhandler(Exception)
    def erreur_interne(erreur):
        app.logger.exception("erreur interne", exc_info=erreur)
        return page_erreur(500)


def page_erreur(code: int, detail: str | None = None):
    message = MESSAGES_ERREUR.get(code, MESSAGES_ERREUR[400] if code < 500 else MESSAGES_ERREUR[500])
    if detail == m.CARACTERES_INTERDITS:
        message = detail
    if request.blueprint == "controle" and depuis_boucle_locale():
        return jsonify(error=message), code
    return render_template("erreur.html", message=message, code=code), code
