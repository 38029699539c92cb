"""The home page (HOME-01..03) and its login block « MON ESPACE PERSONNEL »."""
from __future__ import annotations

from pages import textes
from pages.base import Page


class PageAccueil(Page):
    CHEMIN = "/"
    TITRE = textes.TITRE_CONNEXION

    UTILISATEUR = textes.UTILISATEUR
    MOT_DE_PASSE = textes.MOT_DE_PASSE

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
        self.ui.click(role="button", name=textes.CONNEXION)

    def cliquer_annuler(self) -> None:
        self.ui.click(role="button", name=textes.ANNULER)

    def se_connecter(self, identifiant: str, mot_de_passe: str) -> None:
        self.saisir_identifiants(identifiant, mot_de_passe)
        self.cliquer_connexion()

    def bloc_connexion_utilisable(self) -> bool:
        return (self.ui.is_editable(label=self.UTILISATEUR)
                and self.ui.is_editable(label=self.MOT_DE_PASSE)
                and self.ui.is_visible(role="button", name=textes.CONNEXION))

    # -- the ways out of the home page -------------------------------------------------
    def creer_mon_espace(self) -> None:
        """HOME-02 / ENR-01: « CRÉER MON ESPACE »."""
        self.ui.click(role="link", name=textes.CREER_MON_ESPACE)

    def j_ai_oublie_mon_mot_de_passe(self) -> None:
        self.ui.click(role="link", name=textes.J_AI_OUBLIE_MON_MOT_DE_PASSE)

    def j_ai_oublie_mon_identifiant(self) -> None:
        self.ui.click(role="link", name=textes.J_AI_OUBLIE_MON_IDENTIFIANT)

    # -- the browser, as the page sees it (NAV-01..04) ----------------------------------
    def identification_du_navigateur(self) -> str:
        """The user agent the page sees (``navigator.userAgent``): an engine
        fact, read for evidence, never used to drive the page."""
        self.ouvrir()
        return self.ui.evaluate("navigator.userAgent")
