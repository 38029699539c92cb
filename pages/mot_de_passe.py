"""First connection: « Changement du mot de passe pour <identifiant> »
(PWD-01..08) and, for agents, « Positionnement de la question secrète pour
<identifiant> » (UD-02..03)."""
from __future__ import annotations

from pages.base import Page


class _PagePourUnIdentifiant(Page):
    """A form of the first connection, whose heading names the user:
    « <PREFIXE_TITRE><identifiant> ». ``CHAMPS``: the labels of its fields,
    ``BOUTON``: its button."""
    PREFIXE_TITRE = ""
    CHAMPS: tuple[str, ...] = ()
    BOUTON = ""

    def __init__(self, ui, identifiant: str | None = None):
        super().__init__(ui)
        self.identifiant = identifiant
        self.TITRE = self.PREFIXE_TITRE + (identifiant or "")

    def _envoyer(self, *valeurs: str) -> None:
        for valeur, libelle in zip(valeurs, self.CHAMPS, strict=True):
            self.ui.fill(valeur, label=libelle)
        self.ui.click(role="button", name=self.BOUTON)

    def formulaire_complet(self) -> bool:
        return all(self.ui.is_visible(label=libelle) for libelle in self.CHAMPS) \
            and self.ui.is_visible(role="button", name=self.BOUTON)


class PageChangementMotDePasse(_PagePourUnIdentifiant):
    CHEMIN = "/mot-de-passe/changement"
    PREFIXE_TITRE = "Changement du mot de passe pour "
    ANCIEN = "Entrez l'ancien mot de passe :"
    NOUVEAU = "Entrez le nouveau mot de passe :"
    CONFIRMATION = "Confirmez le nouveau mot de passe :"
    CHAMPS = (ANCIEN, NOUVEAU, CONFIRMATION)
    BOUTON = "Changement du mot de passe"

    def changer(self, ancien: str, nouveau: str, confirmation: str | None = None) -> None:
        self._envoyer(ancien, nouveau, nouveau if confirmation is None else confirmation)


class PageQuestionSecrete(_PagePourUnIdentifiant):
    CHEMIN = "/question-secrete"
    PREFIXE_TITRE = "Positionnement de la question secrète pour "
    QUESTION = "Entrez la question secrète :"
    REPONSE = "Entrez la réponse :"
    CHAMPS = (QUESTION, REPONSE)
    BOUTON = "Envoyer"

    def positionner(self, question: str, reponse: str) -> None:
        self._envoyer(question, reponse)
