"""What every page object shares: reading messages and texts as a person does."""
from __future__ import annotations

import json

from harness.attente import attendre
from harness.ui.base import ElementNotFound
from harness.ui.common import fold

#: How the guide's page texts are looked for on a page, by kind of element.
SORTES = {
    "champ": lambda texte: {"label": texte},
    "bouton": lambda texte: {"role": "button", "name": texte},
    "lien": lambda texte: {"role": "link", "name": texte},
    "case à cocher": lambda texte: {"role": "checkbox", "name": texte},
    "liste": lambda texte: {"label": texte},
    "image": lambda texte: {"role": "img", "name": texte},
    "titre": lambda texte: {"role": "heading", "name": texte},
}


class _Echeance(Exception):
    """The time-out of ``Page.patienter`` with a value still false: returned."""

    def __init__(self, derniere_valeur):
        super().__init__("délai dépassé")
        self.derniere_valeur = derniere_valeur


class Page:
    """A page of the extranet, seen through the ``ui`` interface only."""

    #: Path of the page, when it can be opened directly.
    CHEMIN: str | None = None
    #: The page's heading, as the guide writes it (None: no heading to check).
    TITRE: str | None = None

    def __init__(self, ui):
        self.ui = ui

    # -- opening and recognising ------------------------------------------------
    def ouvrir(self) -> None:
        assert self.CHEMIN, f"{type(self).__name__} ne s'ouvre pas par une adresse"
        self.ui.goto(self.CHEMIN)

    def attendre(self, timeout: float | None = None) -> None:
        """Wait until the page is displayed (its heading), or fail naming it."""
        assert self.TITRE, f"{type(self).__name__} n'a pas de titre à attendre"
        self.ui.wait_for_text(self.TITRE, timeout=timeout)
        # The text may have been read on a page that was being replaced (a
        # form posted back to the same page): the heading gets a few seconds.
        attendre(lambda: self.ui.is_visible(role="heading", name=self.TITRE), 5,
                 lambda _: f"le titre « {self.TITRE} » n'est pas affiché sur {self.ui.url}",
                 erreur=ElementNotFound)

    def est_affichee(self) -> bool:
        return bool(self.TITRE) and self.ui.is_visible(role="heading", name=self.TITRE)

    # -- reading --------------------------------------------------------------
    def presente(self, sorte: str, texte: str) -> bool:
        """Whether the page shows ``texte`` as a ``sorte`` of element ("champ",
        "bouton", "lien", "titre"…, or "texte": anywhere in the visible text)."""
        if sorte == "texte":
            return texte in self.ui.page_text()
        if sorte not in SORTES:
            raise ValueError(f"sorte d'élément inconnue : {sorte!r} (connues : texte, {', '.join(SORTES)})")
        return self.ui.is_visible(**SORTES[sorte](texte))

    def texte(self) -> str:
        """The page's visible text, white space folded."""
        return self.ui.page_text()

    def attendre_texte(self, texte: str, timeout: float | None = None) -> None:
        self.ui.wait_for_text(texte, timeout=timeout)

    # -- messages ---------------------------------------------------------------
    def attendre_erreur(self, timeout: float | None = None) -> None:
        """Wait for an error message (an element of role ``alert``)."""
        self.ui.attribute("role", role="alert", **({"timeout": timeout} if timeout else {}))

    def attendre_information(self, timeout: float | None = None) -> bool:
        """Wait for an information message (an element of role ``status``)."""
        self.ui.attribute("role", role="status", **({"timeout": timeout} if timeout else {}))
        return True

    def erreur_affichee(self) -> bool:
        return self.ui.is_visible(role="alert")

    def information_affichee(self) -> bool:
        return self.ui.is_visible(role="status")

    def texte_des_messages(self, roles: tuple[str, ...] = ("alert", "status")) -> str:
        """The visible text of the page's message blocks (errors: role
        ``alert``; information: role ``status``), white space folded."""
        return fold(" ".join(self.ui.text(role=r) for r in roles if self.ui.is_visible(role=r)))

    def message_affiche(self, message: str, timeout: float | None = None) -> bool:
        """Whether ``message`` is displayed, word for word, in an error or
        information block (not merely somewhere in the page: the guide's rules
        are often also printed as help next to the fields)."""
        attendu = fold(message)
        trouve = self.patienter(lambda: attendu in self.texte_des_messages(),
                                timeout=self.ui.timeout if timeout is None else timeout)
        return bool(trouve)

    def message_absent(self, message: str) -> bool:
        """Whether ``message`` is not in the page's message blocks, read now
        (the page is the one awaited before)."""
        return fold(message) not in self.texte_des_messages()

    def erreur_contient(self, extrait: str, timeout: float | None = None) -> bool:
        """Whether an error block (role ``alert``) says ``extrait``."""
        attendu = fold(extrait)
        return bool(self.patienter(lambda: attendu in self.texte_des_messages(("alert",)),
                                   timeout=self.ui.timeout if timeout is None else timeout))

    # -- acting -------------------------------------------------------------------
    def modifier_le_champ(self, libelle: str, modification: str) -> None:
        """What a person does with the browser's developer tools: the
        JavaScript ``modification`` applied to the field (``champ`` in it)
        whose label reads ``libelle``, found by its label as everywhere else."""
        cle = json.dumps(libelle)
        fait = self.ui.evaluate(
            "(() => { const libelle = [...document.querySelectorAll('label')]"
            f".find(l => l.textContent.trim() === {cle});"
            " const champ = libelle && (libelle.control || document.getElementById(libelle.htmlFor));"
            f" if (!champ) {{ return false; }} {modification} return true; }})()")
        if not fait:
            raise ElementNotFound(f"champ « {libelle} » introuvable sur {self.ui.url}")

    def attendre_ses_scripts(self) -> None:
        """Until the page has loaded and run its scripts (``readyState``
        « complete »): what a script does when it starts (a menu it closes, a
        button it wires) would undo a click made before. A loaded machine
        shows the page's heading well before its script has arrived."""
        if not self.patienter(lambda: self.ui.evaluate("document.readyState") == "complete",
                              timeout=self.ui.timeout):
            raise ElementNotFound(f"la page {self.ui.url} n'a pas fini de charger ses scripts")

    def revenir_en_arriere(self) -> None:
        """The browser's back button."""
        self.ui.back()

    def cliquer(self, nom: str) -> None:
        """Click what the guide names: a button, else a link, with that name."""
        trouve = self.patienter(lambda: ("button" if self.ui.is_visible(role="button", name=nom)
                                         else "link" if self.ui.is_visible(role="link", name=nom)
                                         else None), timeout=self.ui.timeout)
        if not trouve:
            raise ElementNotFound(f"ni bouton ni lien « {nom} » sur {self.ui.url}")
        self.ui.click(role=trouve, name=nom)

    # -- waiting for something that a script fills in -----------------------------
    @staticmethod
    def patienter(condition, timeout: float = 10.0, intervalle: float = 0.1):
        """Poll ``condition()`` until it returns a true value (returned) or
        the time-out passes (the last value is returned: the caller says, in
        French, what was missing). Through the one waiting helper,
        ``harness.attente``.

        A page that is being replaced (the click before started a navigation)
        may fail a look-up once: look again, as a person would, and raise the
        error only if it lasts (it is the last one at the time-out)."""
        def a_l_echeance(dernier):
            return dernier if isinstance(dernier, BaseException) else _Echeance(dernier)

        try:
            return attendre(condition, timeout, a_l_echeance, intervalle=intervalle, ignorer=(Exception,))
        except _Echeance as echeance:
            return echeance.derniere_valeur
