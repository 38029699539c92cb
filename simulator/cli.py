"""`flask --app simulator …` commands for a person running the simulator."""
import click
from sqlalchemy.exc import IntegrityError

from . import comptes, regles
from .db import base


def installer(app) -> None:
    @app.cli.command("creer-agent")
    @click.option("--profil", type=click.Choice(comptes.PROFILS_AGENTS), required=True)
    @click.option("--identifiant", required=True, help='par exemple "ud.correze"')
    @click.option("--nom", required=True)
    @click.option("--prenom", required=True)
    @click.option("--courriel", required=True)
    def creer_agent(profil, identifiant, nom, prenom, courriel):
        """UD-01: create an agent (UD, DIRECCTE, DGEFP) as the Assistance does
        after a signed habilitation form. Its 3 mails go into the outbox and
        leave as soon as the simulator's server (and its mail worker) runs."""
        identifiant = identifiant.strip()
        if not regles.identifiant_agent_valide(identifiant):
            raise click.BadParameter("minuscules, chiffres, . _ - (par exemple ud.correze)",
                                     param_hint="--identifiant")
        with base(app).fabrique() as db:
            try:
                compte = comptes.creer_agent(db, profil, identifiant, nom, prenom, courriel)
            except IntegrityError:
                raise click.ClickException(f"l'identifiant {identifiant} existe déjà")
            click.echo(f"Agent {compte.identifiant} ({profil}) créé ; "
                       "ses 3 courriels sont dans la file d'envoi.")
