"""The logged-in home (« /espace ») and the way out: the user's « prenom.nom »
at the top right, then « Déconnexion » (OUT-01, OUT-02)."""
from __future__ import annotations

from pages import textes
from pages.base import Page


class PageEspace(Page):
    CHEMIN = "/espace"
    #: What « Déconnexion » opens (OUT-01).
    CHEMIN_DECONNEXION = "/deconnexion"

    def utilisateur_affiche(self, prenom_nom: str, timeout: float | None = None) -> bool:
        """Whether the user's « prenom.nom » stands in the page (a button)."""
        try:
            self.ui.attribute("type", role="button", name=prenom_nom,
                              **({"timeout": timeout} if timeout is not None else {}))
        except AssertionError:
            return False
        return True

    def ouvrir_menu(self, prenom_nom: str) -> None:
        """Its script closes the menu when it starts: click once it has run."""
        self.attendre_ses_scripts()
        self.ui.click(role="button", name=prenom_nom)

    def deconnexion_proposee(self) -> bool:
        return self.ui.is_visible(role="link", name=textes.DECONNEXION)

    def cliquer_deconnexion(self) -> None:
        self.ui.click(role="link", name=textes.DECONNEXION)

    def se_deconnecter(self, prenom_nom: str) -> None:
        self.ouvrir_menu(prenom_nom)
        self.cliquer_deconnexion()

    def ouvrir_deconnexion(self) -> None:
        """« Déconnexion » by its address (with or without a session)."""
        self.ui.goto(self.CHEMIN_DECONNEXION)
