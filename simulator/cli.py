"""`flask --app simulator …` commands for a person running the simulator."""
import click
from sqlalchemy.exc import IntegrityError

from . import comptes, demarche, procedure, regles
from .db import base


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
            except IntegrityError:
                raise click.ClickException(f"l'identifiant {identifiant} existe déjà")
            if departement is not None:
                demarche.affecter_agent(db, compte, departement)
            click.echo(f"Agent {compte.identifiant} ({profil}) créé ; "
                       "ses 3 courriels sont dans la file d'envoi.")
