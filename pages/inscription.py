"""The two steps of the account creation: « Veuillez indiquer votre numéro de
Siret » (ENR-01..08) and « Création de compte d'accès à l'extranet Activité
Partielle » (ACC-01..12)."""
from __future__ import annotations

import json
import re
import unicodedata
from collections.abc import Callable, Iterable

from harness.ui.base import ElementNotFound
from pages import textes
from pages.base import Page


class PageSiret(Page):
    CHEMIN = "/inscription/siret"
    TITRE = textes.TITRE_SIRET

    SIRET = "N° de Siret* :"
    CODE = "Recopier le code ci-contre* :"
    CGU = "J'accepte les conditions générales d'utilisation *"
    IMAGE_CODE = "Code de sécurité"
    NOUVEAU_CODE = "Obtenir un nouveau code"

    def __init__(self, ui, lire_code: Callable[[str], str] | None = None):
        """``lire_code(adresse de l'image) -> code``: how this target lets the
        tests read the code a person reads off the picture (the simulator's
        control interface, or the fixed code of a recette) — the page object
        itself assumes nothing of the image's address."""
        super().__init__(ui)
        self._lire_code = lire_code

    # -- the security code (ENR-02, ENR-03) ---------------------------------------------
    def image_du_code(self) -> str:
        """The address of the displayed security code's picture."""
        src = self.ui.attribute("src", role="img", name=self.IMAGE_CODE)
        if not src:
            raise ElementNotFound(f"image « {self.IMAGE_CODE} » sans adresse sur {self.ui.url}")
        return src

    def image_du_code_lisible(self) -> bool:
        """ENR-02: whether the code's picture has come (loaded, with a size):
        the browser's own fact, waited for as long as a look-up."""
        alt = json.dumps(self.IMAGE_CODE)
        chargee = ("(() => { const image = [...document.images].find(i => i.alt === " + alt + ");"
                   " return !!(image && image.complete && image.naturalWidth > 0); })()")
        return bool(self.patienter(lambda: self.ui.evaluate(chargee), timeout=self.ui.timeout))

    def lire_code(self) -> str:
        """The text of the displayed security code, as a person reads it off
        the picture (the target's reader: control interface or fixed code)."""
        if self._lire_code is None:
            raise RuntimeError("PageSiret construite sans lecteur de code de sécurité")
        return self._lire_code(self.image_du_code())

    def demander_un_nouveau_code(self) -> None:
        ancien = self.image_du_code()
        self.ui.click(role="button", name=self.NOUVEAU_CODE)
        self.patienter(lambda: self.image_du_code() != ancien, timeout=self.ui.timeout)

    def cgu_cochees_a_l_affichage(self) -> bool:
        """ENR-04: whether the terms' box came already ticked with the page
        (its HTML ``checked``: what the site sent, before any click)."""
        return self.ui.attribute("checked", role="checkbox", name=self.CGU) is not None

    def info_bulle_nouveau_code(self) -> str | None:
        return self.ui.attribute("title", role="button", name=self.NOUVEAU_CODE)

    # -- the form -----------------------------------------------------------------------
    def saisir_siret(self, siret: str) -> None:
        self.ui.fill(siret, label=self.SIRET)

    def saisir_code(self, code: str) -> None:
        self.ui.fill(code, label=self.CODE)

    def accepter_cgu(self, accepter: bool = True) -> None:
        self.ui.check(accepter, label=self.CGU)

    def valider(self) -> None:
        self.ui.click(role="button", name="VALIDER")

    def annuler(self) -> None:
        self.ui.click(role="button", name="ANNULER")

    def renseigner(self, siret: str, code: str | None = None, cgu: bool = True) -> None:
        """SIRET, the security code (read off the picture unless given), terms."""
        self.saisir_siret(siret)
        self.saisir_code(self.lire_code() if code is None else code)
        self.accepter_cgu(cgu)


class PageCreationCompte(Page):
    CHEMIN = "/inscription/compte"
    TITRE = textes.TITRE_CREATION

    # The guide's names of the fields the page handles itself (ACC-05).
    CODE_POSTAL = "Code postal"
    VILLE = "Ville"
    #: The « Compte utilisateur à créer » part, by the guide's name of the field:
    #: the same fields as the form « Ajouter un utilisateur » (ACC-08).
    UTILISATEUR = {
        "Nom": "Nom* :",
        "Prénom": "Prénom* :",
        "Téléphone": "Téléphone* :",
        "Courriel": "Courriel* :",
        "Confirmer courriel": "Confirmer courriel* :",
    }
    # The labels of the form (docs/architecture.md), by the guide's name of the field.
    LIBELLES = {
        "Dénomination de l'établissement": "Dénomination de l'établissement* :",
        "N° de Siret": "N° de Siret :",
        "Numéro de voie": "Numéro de voie :",
        "Extension de voie": "Extension de voie :",
        "Libellé de la voie": "Libellé de la voie* :",
        "Type de voie": "Type de voie :",
        "Complément d'adresse": "Complément d'adresse :",
        CODE_POSTAL: "Code postal* :",
        VILLE: "Ville* :",
        "Courriel établissement": "Courriel établissement* :",
        "Confirmer courriel établissement": "Confirmer courriel établissement* :",
        "Téléphone fixe": "Téléphone fixe* :",
        "Fax": "Fax :",
        **UTILISATEUR,
        "Question secrète": "Question secrète* :",
        "Réponse": "Réponse* :",
    }
    #: The e-mail fields (and their confirmations), typed key by key (ACC-07).
    COURRIELS = [champ for champ in LIBELLES if "courriel" in champ.lower()]
    ENVOYER = "ENVOYER"
    VILLE_PAR_DEFAUT = "veuillez saisir un code postal"

    @classmethod
    def libelle(cls, champ: str) -> str:
        """The exact label of a field named as in the guide ("Libellé de la voie")."""
        try:
            return cls.LIBELLES[champ]
        except KeyError:
            raise KeyError(f"champ inconnu du formulaire : « {champ} » (connus : {', '.join(cls.LIBELLES)})") from None

    # -- reading ---------------------------------------------------------------------------
    def valeur(self, champ: str) -> str:
        return self.ui.value(label=self.libelle(champ))

    def modifiable(self, champ: str) -> bool:
        return self.ui.is_editable(label=self.libelle(champ))

    def villes_proposees(self) -> list[str]:
        return self.ui.options(label=self.libelle(self.VILLE))

    def attendre_villes(self, ville: str | None = None, timeout: float | None = None) -> list[str]:
        """The "Ville" list once it is filled from the postal code (ACC-05).

        The list is filled by the page's script as the code is typed; a code
        typed before the script is ready (the page is still loading) leaves
        it empty: the postal code is then typed again, once, as a person
        would."""
        def pretes():
            options = [o for o in self.villes_proposees() if _plie(o) != _plie(self.VILLE_PAR_DEFAUT)]
            if ville is None:
                return options
            return options if _option(options, ville) else []
        timeout = timeout or self.ui.timeout
        options = self.patienter(pretes, timeout=min(3.0, timeout))
        if not options:
            code_postal = self.valeur(self.CODE_POSTAL)
            if code_postal:
                self.ui.type(code_postal, label=self.libelle(self.CODE_POSTAL))
            options = self.patienter(pretes, timeout=timeout)
        return options

    # -- typing --------------------------------------------------------------------------
    def saisir(self, champ: str, valeur: str) -> None:
        """Fill a field; the e-mail fields are typed key by key, as the guide
        asks (ACC-07), and so is the postal code, whose keys fill the "Ville"
        list (ACC-05)."""
        if champ == self.VILLE:
            self.choisir_ville(valeur)
        elif champ in self.COURRIELS or champ == self.CODE_POSTAL:
            self.ui.type(valeur, label=self.libelle(champ))
        else:
            self.ui.fill(valeur, label=self.libelle(champ))

    def taper(self, champ: str, valeur: str) -> None:
        """Key by key, whatever the field (ACC-04: what a person can type)."""
        self.ui.type(valeur, label=self.libelle(champ))

    def coller(self, champ: str, valeur: str) -> None:
        """A real paste (Ctrl+V) into a field (ACC-07)."""
        self.ui.paste(valeur, label=self.libelle(champ))

    def choisir_ville(self, ville: str) -> None:
        options = self.attendre_villes(ville)
        choix = _option(options, ville)
        if choix is None:
            raise ElementNotFound(f"la ville « {ville} » n'est pas proposée pour ce code postal "
                                  f"(proposées : {', '.join(options) or 'aucune'})")
        self.ui.select(choix, label=self.libelle(self.VILLE))

    def renseigner(self, valeurs: dict[str, str], sauf: Iterable[str] = ()) -> None:
        """Fill every field of ``valeurs`` (guide's field names), in the form's
        order, leaving out ``sauf``. The postal code comes before the city."""
        sauf = set(sauf)
        for champ in self.LIBELLES:
            if champ in valeurs and champ not in sauf and valeurs[champ] != "":
                self.saisir(champ, valeurs[champ])

    def retirer_la_limite(self, champ: str) -> None:
        """ACC-04 on the server: the field's ``maxlength`` removed from the
        page, so that only the server can hold the limit."""
        self.modifier_le_champ(self.libelle(champ), "champ.removeAttribute('maxlength');")

    def ajouter_une_ville(self, ville: str) -> None:
        """ACC-03, ACC-05 on the server: a town put into the « Ville » list and
        chosen by hand (without a postal code, or not one of its communes), so
        that only the server can check it."""
        nom = json.dumps(ville)
        self.modifier_le_champ(self.libelle(self.VILLE), f"champ.add(new Option({nom}, {nom}, true, true));")

    def envoyer(self) -> None:
        self.ui.click(role="button", name=self.ENVOYER)

    def annuler(self) -> None:
        self.ui.click(role="button", name="ANNULER")

    def attendre_demande_enregistree(self) -> None:
        """The request is recorded: an information (role status) replaces the form."""
        self.attendre_information()
        if self.ui.is_visible(role="button", name=self.ENVOYER):
            raise AssertionError("le formulaire de création de compte est toujours affiché")


def _plie(texte: str) -> str:
    """Case, accents, hyphens and spaces folded, to compare commune names
    ("SAINT-DENIS" = "Saint Denis")."""
    sans = unicodedata.normalize("NFKD", texte).encode("ascii", "ignore").decode().lower()
    return re.sub(r"[\s\-']+", " ", sans).strip()


def _option(options: list[str], ville: str) -> str | None:
    exacte = [o for o in options if o == ville]
    if exacte:
        return exacte[0]
    pliees = [o for o in options if _plie(o) == _plie(ville)]
    return pliees[0] if pliees else None
