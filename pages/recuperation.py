"""Lost password (RST-01..06) and lost identifier (IDR-01..04): « Mon Compte »,
who you are plus « Veuillez résoudre l'opération suivante : a + b = », then
the secret question, then « Procédure terminée… »."""
from __future__ import annotations

import re

from harness.ui.base import ElementNotFound
from pages import textes
from pages.base import Page

OPERATION = re.compile(r"Veuillez résoudre l'opération suivante : (\d+) \+ (\d+) =")


class _PageRecuperation(Page):
    #: The label of the first field: who the user is.
    QUI: str
    #: Whether « Continuer » opens the rest in a new window (the guide says
    #: so of the lost password, RST-02).
    NOUVELLE_FENETRE: bool = False
    REPONSE = "Réponse secrète"
    PROCEDURE_TERMINEE = textes.PROCEDURE_TERMINEE

    def operation(self) -> tuple[str, int]:
        """The arithmetic operation's label and its result."""
        self.ui.wait_for_text("Veuillez résoudre l'opération suivante :")
        m = OPERATION.search(self.ui.page_text())
        if not m:
            raise ElementNotFound(f"opération « a + b = » introuvable sur {self.ui.url}")
        return m.group(0), int(m.group(1)) + int(m.group(2))

    #: What is typed as the operation's result: the right one, a wrong one, nothing.
    RESULTATS = {"juste": lambda r: str(r), "faux": lambda r: str(r + 1), "vide": lambda r: ""}

    def demander(self, qui: str, juste: bool = True, resultat: str | None = None):
        """Who the user is and the operation's result (``resultat``: "juste",
        "faux" or "vide"; by default right if ``juste``, else wrong), then
        « Continuer »; returns the UI of the window where the rest happens
        (« Dans une nouvelle fenêtre » for RST-02)."""
        self.ui.fill(qui, label=self.QUI)
        libelle, somme = self.operation()
        saisie = self.RESULTATS[resultat or ("juste" if juste else "faux")](somme)
        self.ui.fill(saisie, label=libelle)

        def continuer():
            self.ui.click(role="button", name="Continuer")

        if not self.NOUVELLE_FENETRE:
            continuer()
            return self.ui
        return self.ui.expect_new_window(continuer)

    def reponse_demandee(self) -> bool:
        return self.ui.is_visible(label=self.REPONSE)

    def question_posee(self, question: str) -> bool:
        """Whether the secret question is shown and its answer asked (RST-02, IDR-02)."""
        try:
            self.ui.wait_for_text(question)
        except ElementNotFound:
            return False
        return self.ui.is_editable(label=self.REPONSE)

    def repondre(self, reponse: str) -> None:
        self.ui.fill(reponse, label=self.REPONSE)
        self.ui.click(role="button", name="Valider")

    def fermee(self) -> bool:
        """Whether this window closes (« Fermer » clicked: it may take a
        moment); a window still open after the UI's time-out answers False."""
        try:
            self.ui.wait_closed()
        except ElementNotFound:
            return False
        return True

    def utilisateur_saisi(self) -> str:
        """What the step-1 field holds (« Utilisateur : » or « Courriel »)."""
        return self.ui.value(label=self.QUI)


class PageMotDePasseOublie(_PageRecuperation):
    CHEMIN = "/mot-de-passe/oubli"
    TITRE = textes.J_AI_OUBLIE_MON_MOT_DE_PASSE
    QUI = textes.UTILISATEUR
    NOUVELLE_FENETRE = True


class PageIdentifiantOublie(_PageRecuperation):
    CHEMIN = "/identifiant/oubli"
    TITRE = textes.J_AI_OUBLIE_MON_IDENTIFIANT
    QUI = "Courriel"
