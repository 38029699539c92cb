"""The home page (HOME-01..03) and its login block « MON ESPACE PERSONNEL »."""
from __future__ import annotations

from pages.base import Page


class PageAccueil(Page):
    CHEMIN = "/"
    TITRE = "MON ESPACE PERSONNEL"

    UTILISATEUR = "Utilisateur :"
    MOT_DE_PASSE = "Mot de passe :"

    # -- the login block (HOME-01) ------------------------------------------------
    def saisir_identifiants(self, identifiant: str, mot_de_passe: str) -> None:
        self.ui.fill(identifiant, label=self.UTILISATEUR)
        self.ui.fill(mot_de_passe, label=self.MOT_DE_PASSE)

    def coller_identifiants(self, identifiant: str, mot_de_passe: str) -> None:
        """ACC-12: the guide advises copy/paste of the credentials."""
        self.ui.paste(identifiant, label=self.UTILISATEUR)
        self.ui.paste(mot_de_passe, label=self.MOT_DE_PASSE)

    def identifiants_saisis(self) -> tuple[str, str]:
        return self.ui.value(label=self.UTILISATEUR), self.ui.value(label=self.MOT_DE_PASSE)

    def cliquer_connexion(self) -> None:
        self.ui.click(role="button", name="Connexion")

    def cliquer_annuler(self) -> None:
        self.ui.click(role="button", name="Annuler")

    def se_connecter(self, identifiant: str, mot_de_passe: str) -> None:
        self.saisir_identifiants(identifiant, mot_de_passe)
        self.cliquer_connexion()

    def bloc_connexion_utilisable(self) -> bool:
        return (self.ui.is_editable(label=self.UTILISATEUR)
                and self.ui.is_editable(label=self.MOT_DE_PASSE)
                and self.ui.is_visible(role="button", name="Connexion"))

    # -- the ways out of the home page -------------------------------------------------
    def creer_mon_espace(self) -> None:
        """HOME-02 / ENR-01: « CRÉER MON ESPACE »."""
        self.ui.click(role="link", name="CRÉER MON ESPACE")

    def j_ai_oublie_mon_mot_de_passe(self) -> None:
        self.ui.click(role="link", name="J'ai oublié mon mot de passe")

    def j_ai_oublie_mon_identifiant(self) -> None:
        self.ui.click(role="link", name="J'ai oublié mon identifiant")
