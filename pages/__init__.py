"""Page objects: one class per page of the extranet, in the guide's words.

They find elements as a person does — by the exact text of a label, by a
role and its accessible name, or by a visible text (docs/architecture.md) —
through the ``ui`` interface only (harness/ui/base.py): no Playwright, no
Selenium, no CSS selector. The same page object serves the simulator and
the real site; a renamed label is a finding, not a broken CSS path.
"""
from pages.accueil import PageAccueil
from pages.espace import PageEspace
from pages.inscription import PageCreationCompte, PageSiret
from pages.mot_de_passe import PageChangementMotDePasse, PageQuestionSecrete
from pages.recuperation import PageIdentifiantOublie, PageMotDePasseOublie

__all__ = [
    "PageAccueil", "PageEspace", "PageSiret", "PageCreationCompte",
    "PageChangementMotDePasse", "PageQuestionSecrete",
    "PageMotDePasseOublie", "PageIdentifiantOublie",
]
