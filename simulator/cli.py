"""`flask --app simulator …` commands for a person running the simulator."""
import os
import re
import shlex

import click
import yaml
from sqlalchemy.exc import IntegrityError

from . import comptes, controle_comptes, demarche, procedure, regles
from .db import base, doublon


def installer(app) -> None:
    @app.cli.command("creer-agent")
    @click.option("--profil", type=click.Choice(comptes.PROFILS_AGENTS), required=True)
    @click.option("--identifiant", required=True, help='par exemple "ud.correze"')
    @click.option("--nom", required=True)
    @click.option("--prenom", required=True)
    @click.option("--courriel", required=True)
    @click.option("--departement", default=None,
                  help='UD seulement : le département de son UD, par exemple "19" (PROC-01)')
    def creer_agent(profil, identifiant, nom, prenom, courriel, departement):
        """UD-01: create an agent (UD, DIRECCTE, DGEFP) as the Assistance does
        after a signed habilitation form. Its 3 mails go into the outbox and
        leave as soon as the simulator's server (and its mail worker) runs."""
        identifiant = identifiant.strip()
        if not regles.identifiant_agent_valide(identifiant):
            raise click.BadParameter("minuscules, chiffres, . _ - (par exemple ud.correze)",
                                     param_hint="--identifiant")
        if departement is not None:
            departement = procedure.departement_normalise(departement)
            if departement is None or profil != "UD":
                raise click.BadParameter("un département (01 à 95, 2A, 2B, 971 à 976), pour un agent UD",
                                         param_hint="--departement")
        with base(app).fabrique() as db:
            try:
                compte = comptes.creer_agent(db, profil, identifiant, nom, prenom, courriel)
            except IntegrityError as erreur:
                if not doublon(erreur):
                    raise
                raise click.ClickException(f"l'identifiant {identifiant} existe déjà")
            if departement is not None:
                demarche.affecter_agent(db, compte, departement)
            click.echo(f"Agent {compte.identifiant} ({profil}) créé ; "
                       "ses 3 courriels sont dans la file d'envoi.")

    @app.cli.command("comptes-de-test")
    @click.option("--sortie", type=click.Path(dir_okay=False, writable=True), required=True,
                  help="le fichier du pool à écrire (YAML, par exemple recette.pool.yaml)")
    @click.option("--nombre", type=click.IntRange(0, 500), default=4, show_default=True,
                  help="comptes ordinaires par profil (jamais modifiés par un scénario)")
    @click.option("--consommables", type=click.IntRange(0, 500), default=2, show_default=True,
                  help="comptes consommables par profil (un scénario peut les modifier pour de bon)")
    @click.option("--profil", "profils", multiple=True, default=("Etablissement",), show_default=True,
                  type=click.Choice(controle_comptes.PROFILS), help="répétable")
    @click.option("--etat", type=click.Choice(controle_comptes.ETATS), default="connecte", show_default=True)
    @click.option("--departement", default=None, help='par exemple "19" (établissements et agents)')
    @click.option("--secrets-env", type=click.Path(dir_okay=False, writable=True), default=None,
                  help="écrire les mots de passe et réponses dans ce fichier d'environnement "
                       "(VAR='valeur'), le pool n'en gardant que des ${VAR}")
    @click.option("--prefixe", default="AP_POOL", show_default=True,
                  help="préfixe des variables d'environnement des secrets")
    def comptes_de_test(sortie, nombre, consommables, profils, etat, departement, secrets_env, prefixe):
        """Issue 10: provision a pool of test accounts, as a staging site's
        administrator would, directly in the database (control mode not needed),
        with the same code as POST /_sim/comptes; write the pool file."""
        if not re.fullmatch(r"[A-Z][A-Z0-9_]*", prefixe):
            raise click.BadParameter("majuscules, chiffres et _ (par exemple AP_POOL)", param_hint="--prefixe")
        entrees, secrets_ = [], {}
        with base(app).fabrique() as db:
            for profil in dict.fromkeys(profils):
                for consommable in [False] * nombre + [True] * consommables:
                    corps = {"profil": profil, "etat": etat}
                    if departement is not None:
                        corps["departement"] = departement
                    try:
                        cree = controle_comptes.semer(db, corps)
                    except controle_comptes.ErreurSemis as erreur:
                        db.rollback()
                        raise click.ClickException(erreur.message)
                    entree = {k: cree[k] for k in CLES_POOL if cree.get(k) is not None}
                    entree["consommable"] = consommable
                    if secrets_env is not None:
                        variable = prefixe + "_" + re.sub(r"[^A-Z0-9]", "_", cree["identifiant"].upper())
                        for cle, suffixe in (("mot_de_passe", ""), ("reponse", "_REPONSE")):
                            secrets_[variable + suffixe] = cree[cle]
                            entree[cle] = "${" + variable + suffixe + "}"
                    entrees.append(entree)
        en_tete = ("# Pool de comptes de test (issue 10) écrit par `flask --app simulator comptes-de-test`.\n"
                   "# Ne jamais le committer (*.pool.yaml est ignoré par git).\n")
        if secrets_env is not None:
            en_tete += f"# Les secrets ${{VAR}} sont dans {os.path.basename(secrets_env)} : set -a; . FICHIER; set +a\n"
            _ecrire_prive(secrets_env, "".join(f"{k}={shlex.quote(v)}\n" for k, v in secrets_.items()))
        _ecrire_prive(sortie, en_tete + yaml.safe_dump({"comptes": entrees}, allow_unicode=True, sort_keys=False))
        click.echo(f"{len(entrees)} comptes écrits dans {sortie}"
                   + (f", leurs secrets dans {secrets_env}" if secrets_env else "") + ".")


#: What a pool entry holds (CONTRACT: the pool file), in this order.
CLES_POOL = ("identifiant", "mot_de_passe", "profil", "etat", "courriel", "prenom_nom", "siret",
             "departement", "question", "reponse")


def _ecrire_prive(chemin: str, texte: str) -> None:
    """Write a file only its owner can read (it may hold passwords)."""
    descripteur = os.open(chemin, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
    with os.fdopen(descripteur, "w", encoding="utf-8") as f:
        f.write(texte)
