"""TEMP (helper acteurs): the Compte of CONTRACT.md, until helper seeding's
harness/comptes.py is merged (the lead drops this commit at merge)."""
from __future__ import annotations

from dataclasses import dataclass, field
from typing import Protocol


@dataclass
class Compte:
    profil: str
    identifiant: str
    mot_de_passe: str
    courriel: str
    prenom_nom: str
    etat: str = "connecte"
    siret: str | None = None
    departement: str | None = None
    question: str | None = None
    reponse: str | None = None
    anciens_mots_de_passe: list[str] = field(default_factory=list)


class Fournisseur(Protocol):
    canal: str

    def raison_de_ne_pas_pouvoir(self, profil, etat, consommable) -> str | None: ...

    def obtenir(self, profil="Etablissement", etat="connecte", *, consommable=False, **champs) -> Compte: ...

    def rendre(self, compte: Compte) -> None: ...
