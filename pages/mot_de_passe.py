"""First connection: « Changement du mot de passe pour <identifiant> »
(PWD-01..08) and, for agents, « Positionnement de la question secrète pour
<identifiant> » (UD-02..03)."""
from __future__ import annotations

from pages.base import Page


class PageChangementMotDePasse(Page):
    CHEMIN = "/mot-de-passe/changement"
    PREFIXE_TITRE = "Changement du mot de passe pour "
    ANCIEN = "Entrez l'ancien mot de passe :"
    NOUVEAU = "Entrez le nouveau mot de passe :"
    CONFIRMATION = "Confirmez le nouveau mot de passe :"
    BOUTON = "Changement du mot de passe"

    def __init__(self, ui, identifiant: str | None = None):
        super().__init__(ui)
        self.identifiant = identifiant

    @property
    def TITRE(self) -> str:  # noqa: N802 — the heading names the user
        return self.PREFIXE_TITRE + (self.identifiant or "")

    def changer(self, ancien: str, nouveau: str, confirmation: str | None = None) -> None:
        self.ui.fill(ancien, label=self.ANCIEN)
        self.ui.fill(nouveau, label=self.NOUVEAU)
        self.ui.fill(nouveau if confirmation is None else confirmation, label=self.CONFIRMATION)
        self.ui.click(role="button", name=self.BOUTON)

    def formulaire_complet(self) -> bool:
        return all(self.ui.is_visible(label=label) for label in (self.ANCIEN, self.NOUVEAU, self.CONFIRMATION)) \
            and self.ui.is_visible(role="button", name=self.BOUTON)


class PageQuestionSecrete(Page):
    CHEMIN = "/question-secrete"
    PREFIXE_TITRE = "Positionnement de la question secrète pour "
    QUESTION = "Entrez la question secrète :"
    REPONSE = "Entrez la réponse :"
    BOUTON = "Envoyer"

    def __init__(self, ui, identifiant: str | None = None):
        super().__init__(ui)
        self.identifiant = identifiant

    @property
    def TITRE(self) -> str:  # noqa: N802
        return self.PREFIXE_TITRE + (self.identifiant or "")

    def positionner(self, question: str, reponse: str) -> None:
        self.ui.fill(question, label=self.QUESTION)
        self.ui.fill(reponse, label=self.REPONSE)
        self.ui.click(role="button", name=self.BOUTON)

    def formulaire_complet(self) -> bool:
        return self.ui.is_visible(label=self.QUESTION) and self.ui.is_visible(label=self.REPONSE) \
            and self.ui.is_visible(role="button", name=self.BOUTON)
