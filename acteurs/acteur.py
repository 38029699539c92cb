"""A person of the guide, with its abilities, and the cast of a scenario."""
from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from functools import cached_property
from typing import Any

import pytest

from fixtures.donnees import Inscription
from harness.clients.courriels import BoiteAuxLettres
from harness.comptes import Compte
from pages import (PageAccueil, PageChangementMotDePasse, PageCreationCompte, PageEspace,
                   PageIdentifiantOublie, PageMotDePasseOublie, PageQuestionSecrete, PageSiret)
from pages.base import Page
from pages.demandes import (PageDemande, PageDemandes, PageDemandesAInstruire, PageIndemnisation,
                            PageInstructionDemande, PageInstructionIndemnisation, PageSaisieDemande,
                            PageSaisieIndemnisation, PageSignature)
from pages.etablissement import PageAjoutUtilisateur, PageFicheEtablissement


class Pages:
    """The page objects of one person's browser page."""

    def __init__(self, ui, lire_code: Callable[[str], str] | None = None):
        self.ui = ui
        self.page = Page(ui)
        self.accueil = PageAccueil(ui)
        self.siret = PageSiret(ui, lire_code)
        self.creation = PageCreationCompte(ui)
        self.espace = PageEspace(ui)
        self.mot_de_passe_oublie = PageMotDePasseOublie(ui)
        self.identifiant_oublie = PageIdentifiantOublie(ui)
        self.fiche = PageFicheEtablissement(ui)
        self.ajout_utilisateur = PageAjoutUtilisateur(ui)
        self.demandes = PageDemandes(ui)
        self.saisie_demande = PageSaisieDemande(ui)
        self.demande = PageDemande(ui)
        self.signature = PageSignature(ui)
        self.saisie_indemnisation = PageSaisieIndemnisation(ui)
        self.indemnisation = PageIndemnisation(ui)
        self.a_instruire = PageDemandesAInstruire(ui)
        self.instruction = PageInstructionDemande(ui)
        self.instruction_indemnisation = PageInstructionIndemnisation(ui)

    def changement(self, identifiant: str | None) -> PageChangementMotDePasse:
        return PageChangementMotDePasse(self.ui, identifiant)

    def question_secrete(self, identifiant: str | None) -> PageQuestionSecrete:
        return PageQuestionSecrete(self.ui, identifiant)


@dataclass(eq=False)
class Acteur:
    """One person of the scenario.

    Abilities, each obtained on first use: ``ui`` (its own browser page, a
    browser context of its own), ``boite`` (its mailbox reader), ``compte``
    (its account, from the target's provider or from its own registration).
    ``inscription``: what it types to register its establishment (Faker
    data); ``memoire``: what it noted on the way (its request, the values it
    typed…)."""

    nom: str
    ouvrir_page: Callable[[], Any]
    ouvrir_boite: Callable[[], Any]
    base_url: str
    user_agent: str | None = None
    lire_code: Callable[[str], str] | None = None
    compte: Compte | None = None
    inscription: Inscription | None = None
    memoire: dict = field(default_factory=dict)
    fenetres: list = field(default_factory=list)
    _pages: Pages | None = field(default=None, repr=False)

    @cached_property
    def page_principale(self):
        return self.ouvrir_page()

    @property
    def ui(self):
        """The browser window it looks at: its page, or the window a page
        opened on top of it (« Mon Compte », RST-02)."""
        return self.fenetres[-1] if self.fenetres else self.page_principale

    @property
    def ui_ouverte(self):
        """Its window if it has opened one, else None: opens nothing (the
        audit looks at the windows a scenario has, without making one)."""
        if self.fenetres:
            return self.fenetres[-1]
        return self.__dict__.get("page_principale")

    @property
    def pages(self) -> Pages:
        ui = self.ui
        if self._pages is None or self._pages.ui is not ui:
            self._pages = Pages(ui, self.lire_code)
        return self._pages

    def passer_a_la_fenetre(self, ui) -> None:
        """A page opened a new window: it now looks at that one."""
        if ui is not self.ui:
            self.fenetres.append(ui)

    def revenir_a_la_fenetre_d_avant(self) -> None:
        if self.fenetres:
            self.fenetres.pop()

    @cached_property
    def boite(self):
        return self.ouvrir_boite()

    @property
    def son_compte(self) -> Compte:
        """Its account, which an earlier step gave it (``compte`` stays None
        until then)."""
        assert self.compte is not None, f"{self.nom} n'a pas de compte : aucune étape ne lui en a donné un"
        return self.compte

    @property
    def son_inscription(self) -> Inscription:
        """What it registers its establishment with, which an earlier step
        gave it (``inscription`` stays None until then)."""
        assert self.inscription is not None, \
            f"{self.nom} n'a pas d'établissement à inscrire : aucune étape ne lui en a donné un"
        return self.inscription

    @property
    def sa_question(self) -> str:
        """Its account's secret question (given at the creation, or at UD-02)."""
        question = self.son_compte.question
        assert question is not None, f"le compte de {self.nom} n'a pas de question secrète"
        return question

    @property
    def sa_reponse(self) -> str:
        """Its account's answer to the secret question."""
        reponse = self.son_compte.reponse
        assert reponse is not None, f"le compte de {self.nom} n'a pas de réponse à la question secrète"
        return reponse

    @property
    def courriel(self) -> str:
        """Its mailbox's address: its account's, else the one it registers with."""
        if self.compte is not None:
            return self.compte.courriel
        assert self.inscription is not None, f"{self.nom} n'a pas encore d'adresse mail"
        return self.inscription.contact.courriel

    def __repr__(self) -> str:
        qui = self.compte.identifiant if self.compte else "sans compte"
        return f"<Acteur {self.nom} ({qui})>"


class Distribution:
    """The cast of one scenario: one ``Acteur`` per role, each with its own
    browser page (``nouvelle_page(role)``), created when first named. The
    first role, ``principal``, is the « il / elle » of the feature and uses
    the scenario's main page (the ``ui`` fixture)."""

    def __init__(self, nouvelle_page: Callable[[str], Any], ouvrir_mailpit: Callable[[], Any],
                 base_url: str, user_agent: str | None, lire_code: Callable[[str], str] | None,
                 fournisseur: Callable[[], Any], consommable: bool = False, courriel_lisible: bool = True,
                 file_vide: Callable[[], bool] | None = None):
        self.consommable = consommable
        #: whether the target lets the tests read its mail
        self.courriel_lisible = courriel_lisible
        self._nouvelle_page = nouvelle_page
        # file_vide: the target says when its outbox is empty (BoiteAuxLettres)
        self._ouvrir_boite = lambda: BoiteAuxLettres(ouvrir_mailpit(), file_vide=file_vide)
        self._fournisseur = fournisseur
        self.base_url = base_url
        self.user_agent = user_agent
        self.lire_code = lire_code
        self.acteurs: dict[str, Acteur] = {}
        self.comptes_obtenus: list[Compte] = []
        self._en_scene: Acteur | None = None
        self._etats_obtenus: dict[int, str] = {}

    def __getitem__(self, role: str) -> Acteur:
        if role not in self.acteurs:
            self.acteurs[role] = Acteur(
                nom=role, ouvrir_page=lambda: self._nouvelle_page(role), ouvrir_boite=self._ouvrir_boite,
                base_url=self.base_url, user_agent=self.user_agent, lire_code=self.lire_code)
        return self.acteurs[role]

    @property
    def principal(self) -> Acteur:
        return self["principal"]

    @property
    def en_scene(self) -> Acteur:
        """The person the last sentence was about (« il » of the next
        sentence): the main one until another one acts."""
        return self._en_scene or self.principal

    def entre_en_scene(self, acteur: Acteur) -> Acteur:
        self._en_scene = acteur
        return acteur

    @cached_property
    def fournisseur(self):
        """The target's account provider (controle, pool or inscription)."""
        return self._fournisseur()

    def obtenir_compte(self, acteur: Acteur, profil: str = "Etablissement", etat: str = "connecte", *,
                       consommable: bool | None = None, **champs) -> Compte:
        """Give ``acteur`` an account from the target's provider; it is given
        back at the end of the scenario. ``consommable``: the scenario changes
        it for good (default: what the scenario's steps declare)."""
        consommable = self.consommable if consommable is None else consommable
        fournisseur = self.fournisseur
        raison = fournisseur.raison_de_ne_pas_pouvoir(profil, etat, consommable, **champs)
        if raison:
            pytest.skip(raison)
        compte = fournisseur.obtenir(profil, etat, consommable=consommable, **champs)
        compte.etat = etat
        self.comptes_obtenus.append(compte)
        self._etats_obtenus[id(compte)] = etat
        acteur.compte = compte
        return compte

    def rendre_les_comptes(self) -> None:
        if "fournisseur" not in self.__dict__:
            return
        erreurs = []
        for compte in self.comptes_obtenus:
            avant = self._etats_obtenus.get(id(compte))
            try:
                if self.fournisseur.canal == "pool" and compte.etat != avant:
                    # A pool's account whose state the scenario changed (first
                    # connection done, locked) cannot be put back as it was:
                    # set aside, out of every later scenario's way.
                    self.fournisseur.mettre_de_cote(compte, f"état changé par un scénario : {avant} → {compte.etat}")
                else:
                    self.fournisseur.rendre(compte)
            except Exception as erreur:  # noqa: BLE001 — give the others back all the same
                erreurs.append(erreur)
        self.comptes_obtenus.clear()
        if erreurs:
            raise erreurs[0]
