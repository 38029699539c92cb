"""The « Fiche établissement » (ACC-08): the « Compte principal utilisateur
(Personne à contacter) », the change of referent person, and « Ajouter un
utilisateur à un établissement »."""
from __future__ import annotations

from pages import textes
from pages.base import Page
from pages.inscription import PageCreationCompte

PARTIE_PERSONNE_A_CONTACTER = textes.PARTIE_PERSONNE_A_CONTACTER
PARTIE_UTILISATEURS = textes.PARTIE_UTILISATEURS


class PageFicheEtablissement(Page):
    CHEMIN = "/etablissement"
    TITRE = textes.FICHE_ETABLISSEMENT
    NOUVELLE_REFERENTE = "Nouvelle personne référente :"
    CHANGER = "Changer de personne référente"
    AJOUTER = "Ajouter un utilisateur"

    def ouvrir_depuis_l_espace(self) -> None:
        self.ui.goto("/espace")
        self.ui.click(role="link", name=self.TITRE)
        self.attendre()

    def personne_a_contacter(self) -> str:
        """The text of the « Compte principal utilisateur (Personne à contacter) » part."""
        texte = self.ui.page_text()
        partie = texte.split(PARTIE_PERSONNE_A_CONTACTER, 1)[1] if PARTIE_PERSONNE_A_CONTACTER in texte else ""
        return partie.split(PARTIE_UTILISATEURS, 1)[0]

    def utilisateurs(self) -> str:
        """The text of the establishment's users part."""
        texte = self.ui.page_text()
        return texte.split(PARTIE_UTILISATEURS, 1)[1] if PARTIE_UTILISATEURS in texte else ""

    def champs_modifiables_de_la_personne_a_contacter(self) -> list[str]:
        """ACC-08: the Nom, Prénom and e-mail of the person to contact are not
        fields one can edit on the page (whatever the label's punctuation)."""
        libelles = [f"{n}{s}" for n in ("Nom", "Prénom", "Courriel") for s in ("", " :", "* :")]
        return [lib for lib in libelles if self.ui.is_visible(label=lib) and self.ui.is_editable(label=lib)]

    def ajout_propose(self) -> bool:
        return self.ui.is_visible(role="link", name=self.AJOUTER)

    def ajouter_un_utilisateur(self) -> "PageAjoutUtilisateur":
        self.ui.click(role="link", name=self.AJOUTER)
        page = PageAjoutUtilisateur(self.ui)
        page.attendre()
        return page

    def changer_de_personne_referente(self, identifiant: str) -> None:
        """Choose in « Nouvelle personne référente : » the user whose option
        names ``identifiant`` (« Prénom Nom (identifiant) »), and change."""
        options = self.ui.options(label=self.NOUVELLE_REFERENTE)
        choix = [o for o in options if f"({identifiant})" in o]
        assert len(choix) == 1, f"« {identifiant} » n'est pas une seule fois parmi les personnes proposées : {options}"
        self.ui.select(choix[0], label=self.NOUVELLE_REFERENTE)
        self.ui.click(role="button", name=self.CHANGER)
        self.ui.wait_for_text(textes.REFERENTE_CHANGEE)

    def changement_propose(self) -> bool:
        return self.ui.is_visible(role="button", name=self.CHANGER)


class PageAjoutUtilisateur(Page):
    TITRE = "Ajouter un utilisateur à un établissement"
    #: The fields of the account creation's « Compte utilisateur à créer ».
    LIBELLES = PageCreationCompte.UTILISATEUR

    def renseigner(self, valeurs: dict[str, str]) -> None:
        for champ, libelle in self.LIBELLES.items():
            if valeurs.get(champ):
                self.ui.fill(valeurs[champ], label=libelle)

    def envoyer(self) -> None:
        self.ui.click(role="button", name="ENVOYER")
