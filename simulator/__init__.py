"""Reference simulator of the "Activité Partielle" extranet: the account life
cycle of the guide and the procedure the accounts serve (rules of
../shared/spec/RULES.md), Flask tutorial shape."""
import logging
import os
import threading

from flask import Flask
from flask_wtf.csrf import CSRFProtect

from . import (accueil, cli, connexion, controle, demandes, demarche, etablissements, identifiant, inscription,
               mot_de_passe, regles, web)
from .config import depuis_environnement
from .db import BaseDeDonnees, base
from .sessions import InterfaceSessionServeur

csrf = CSRFProtect()


def create_app(config: dict | None = None) -> Flask:
    """Application factory. Configuration: SIM_* environment variables
    (simulator/config.py), then `config` on top."""
    app = Flask(__name__, instance_relative_config=True)
    app.config.update(depuis_environnement())
    app.config.update(config or {})
    if app.config["HACHAGE"] not in regles.HACHAGES:
        raise ValueError(f"SIM_HACHAGE : « {app.config['HACHAGE']} » n'est pas un coût de hachage connu ; "
                         f"valeurs possibles : {', '.join(regles.HACHAGES)} (par défaut : production).")
    url = app.config["DATABASE_URL"]
    if not url:
        os.makedirs(app.instance_path, exist_ok=True)
        url = "sqlite:///" + os.path.join(app.instance_path, "simulateur.db")
    app.extensions["simulateur.db"] = BaseDeDonnees(url)

    app.url_map.converters["int"] = web.NumeroBorne  # before any route is added
    app.session_interface = InterfaceSessionServeur()
    csrf.init_app(app)
    _journal()
    web.installer(app)
    demandes.installer(app)  # PROC-02: the 15-day deadlines, applied before every page
    for module in (accueil, inscription, connexion, mot_de_passe, identifiant, etablissements, demandes):
        app.register_blueprint(module.bp)
    if app.config["CONTROL"]:  # SIM-01: off by default, then every /_sim/ path is a 404
        app.register_blueprint(controle.bp)
        csrf.exempt(controle.bp)
    cli.installer(app)

    # The mail worker; it also applies the procedure's deadlines (PROC-02)
    app.extensions["simulateur.facteur"] = demarche.Facteur(
        base(app).fabrique, app.config["SMTP_HOST"], app.config["SMTP_PORT"], app.config["MAIL_FROM"])
    if app.config["MAIL_WORKER"]:
        verrou = threading.Lock()

        @app.before_request
        def demarrer_facteur():  # with `flask run`: at the first request, in the serving process
            with verrou:
                facteur(app).demarrer()
    return app


def facteur(app: Flask) -> demarche.Facteur:
    return app.extensions["simulateur.facteur"]


def _journal() -> None:
    """One line per request and per mail sent, on stderr, unless the host
    application configured logging itself."""
    journal = logging.getLogger("simulator")
    if not journal.handlers and not logging.getLogger().handlers:
        gestionnaire = logging.StreamHandler()
        gestionnaire.setFormatter(logging.Formatter("%(asctime)s %(name)s %(message)s"))
        journal.addHandler(gestionnaire)
    journal.setLevel(logging.INFO)
