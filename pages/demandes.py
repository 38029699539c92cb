"""The procedure the accounts serve (PROC-01..05, NAV-04): the establishment's
« Demandes d'autorisation préalable », their entry, their signature, the
« demande d'indemnisation »; the UD's « Demandes à instruire » and its
decision. By labels, roles and visible texts only (docs/architecture.md).

A request's page shows its facts as « Libellé : valeur » lines (« Statut :
En cours d'instruction », « Date limite de décision : 16/03/2030 à 09:30 »),
read here from the page's visible text as a person reads them."""
from __future__ import annotations

import json
import re

from harness.ui.base import ElementNotFound
from pages import textes
from pages.base import Page

# --- What the guide and the site call things ---------------------------------------------------

_INSTANT = r"(\d{2}/\d{2}/\d{4} à \d{2}:\d{2})"


def _numeros(prefixe: str, texte: str) -> set[int]:
    """The numbers of the requests a text names « <prefixe><number> »."""
    return {int(n) for n in re.findall(re.escape(prefixe) + r"(\d+)", texte)}


# --- Reading a request's page ------------------------------------------------------------------

class _PageDeDemande(Page):
    """A page about one request: its facts as « Libellé : valeur » lines."""

    PREFIXE_TITRE: str = ""

    def _titre_affiche(self) -> str | None:
        """The page's heading « <prefix><number> », if this page is displayed
        (a link of a list with the same words is not a heading)."""
        for m in re.finditer(re.escape(self.PREFIXE_TITRE) + r"(\d+)", self.ui.page_text()):
            if self.ui.is_visible(role="heading", name=m.group(0)):
                return m.group(0)
        return None

    def attendre(self, timeout: float | None = None) -> None:
        if not self.patienter(self._titre_affiche, timeout=self.ui.timeout if timeout is None else timeout):
            raise ElementNotFound(f"titre « {self.PREFIXE_TITRE}<numéro> » introuvable sur {self.ui.url}")

    def numero(self) -> int:
        self.attendre()
        titre = self._titre_affiche()
        if titre is None:   # replaced by another page since
            raise ElementNotFound(f"titre « {self.PREFIXE_TITRE}<numéro> » introuvable sur {self.ui.url}")
        return int(titre.rsplit(" ", 1)[1])

    def valeur(self, libelle: str, motif: str = r"(.+?)") -> str | None:
        m = re.search(re.escape(libelle) + r" : " + motif, self.ui.page_text())
        return m.group(1) if m else None

    def a_pour_statut(self, statut: str, timeout: float | None = None) -> bool:
        attendu = f"Statut : {statut}"
        return bool(self.patienter(lambda: attendu in self.ui.page_text(),
                                   timeout=self.ui.timeout if timeout is None else timeout))

    def statut_affiche(self) -> str:
        texte = self.ui.page_text()
        return texte.split("Statut : ", 1)[1][:60] if "Statut : " in texte else "(aucun statut)"

    def depose_le(self) -> str | None:
        return self.valeur("Déposée le", _INSTANT)

    def date_limite(self) -> str | None:
        return self.valeur("Date limite de décision", _INSTANT)

    def unite_departementale(self) -> str | None:
        return self.valeur("Unité départementale", r"UD (\w+)")


# --- Establishment side ---------------------------------------------------------------------------

class PageDemandes(Page):
    """« Demandes d'autorisation préalable »: the establishment's list."""
    CHEMIN = "/demandes"
    TITRE = textes.TITRE_DEMANDES
    NOUVELLE = "Nouvelle demande d'autorisation préalable"
    AUCUNE = textes.AUCUNE_DEMANDE

    def ouvrir_depuis_l_espace(self) -> None:
        self.ui.goto("/espace")
        self.ui.click(role="link", name=self.TITRE)
        self.attendre()

    def nouvelle_demande(self) -> None:
        self.ui.click(role="link", name=self.NOUVELLE)
        PageSaisieDemande(self.ui).attendre()

    @staticmethod
    def lien(numero: int) -> str:
        return f"{textes.PREFIXE_DEMANDE}{numero}"

    def listee(self, numero: int) -> bool:
        return self.ui.is_visible(role="link", name=self.lien(numero))

    def ouvrir_demande(self, numero: int) -> None:
        self.ui.click(role="link", name=self.lien(numero))
        PageDemande(self.ui).attendre()

    def numeros_listes(self) -> set[int]:
        """The numbers of the requests the list shows."""
        return _numeros(textes.PREFIXE_DEMANDE, self.ui.page_text())

    def aucune_demande(self) -> bool:
        return self.AUCUNE in self.ui.page_text()


class _PageDeSaisie(Page):
    """The entry of a request: its period, its employees and its hours, with
    the labels of each form (PROC-01, PROC-03)."""
    DEBUT: str
    FIN: str
    HEURES: str
    SALARIES = "Nombre de salariés concernés* :"
    ENREGISTRER = "Enregistrer"

    def _renseigner_periode(self, debut: str, fin: str, salaries: str, heures: str) -> None:
        """Every field as typed; dates as JJ/MM/AAAA."""
        for valeur, libelle in ((debut, self.DEBUT), (fin, self.FIN), (salaries, self.SALARIES),
                                (heures, self.HEURES)):
            self.ui.fill(valeur, label=libelle)

    def enregistrer(self) -> None:
        self.ui.click(role="button", name=self.ENREGISTRER)


class PageSaisieDemande(_PageDeSaisie):
    """« Saisie de la demande d'autorisation préalable » (PROC-01)."""
    TITRE = "Saisie de la demande d'autorisation préalable"
    MOTIF = "Motif de recours à l'activité partielle* :"
    DEBUT = "Date de début de la période* :"
    FIN = "Date de fin de la période* :"
    HEURES = "Nombre d'heures chômées prévisionnelles* :"

    def renseigner(self, motif: str | None, debut: str, fin: str, salaries: str, heures: str) -> None:
        """Every field as typed; dates as JJ/MM/AAAA; ``motif`` None leaves the list alone."""
        if motif is not None:
            self.ui.select(motif, label=self.MOTIF)
        self._renseigner_periode(debut, fin, salaries, heures)

    def motifs_proposes(self) -> list[str]:
        return self.ui.options(label=self.MOTIF)

    def ajouter_un_motif(self, motif: str) -> None:
        """PROC-01 on the server: a reason that is not in the list put into it
        and chosen by hand (as with developer tools), so that only the server
        can refuse it."""
        nom = json.dumps(motif)
        self.modifier_le_champ(self.MOTIF, f"champ.add(new Option({nom}, {nom}, true, true));")

    def saisir_les_salaries(self, salaries: str) -> None:
        self.ui.fill(salaries, label=self.SALARIES)


class PageDemande(_PageDeDemande):
    """« Demande d'autorisation préalable n° N », as the establishment sees it."""
    PREFIXE_TITRE = textes.PREFIXE_DEMANDE
    ENREGISTREE = textes.DEMANDE_ENREGISTREE
    ENVOYEE = textes.DEMANDE_ENVOYEE
    SIGNER = "Signer la demande"
    MODIFIER = "Modifier la demande"
    NOUVELLE_INDEMNISATION = "Nouvelle demande d'indemnisation"

    #: What one does with a request at its address (ENR-07: another account may not).
    ADRESSES = {"consulter": "", "modifier": "/modifier", "signer": "/signature"}

    def attendre_enregistrement(self) -> None:
        self.ui.wait_for_text(self.ENREGISTREE)

    def ouvrir_par_son_adresse(self, numero: int, pour: str = "consulter") -> None:
        """What a user does who knows (or guesses) a request's address."""
        if pour not in self.ADRESSES:
            raise KeyError(f"« {pour} » : inconnu (connus : {', '.join(self.ADRESSES)})")
        self.ui.goto(f"/demandes/{numero}{self.ADRESSES[pour]}")

    def modifier(self) -> None:
        """« Modifier la demande »: the entry form, filled with what was saved."""
        self.ui.click(role="link", name=self.MODIFIER)
        PageSaisieDemande(self.ui).attendre()

    def salaries(self) -> str | None:
        return self.valeur("Nombre de salariés concernés", r"(\d+)")

    def signer(self) -> "PageSignature":
        self.ui.click(role="link", name=self.SIGNER)
        page = PageSignature(self.ui)
        page.attendre()
        return page

    def signature_proposee(self) -> bool:
        return self.ui.is_visible(role="link", name=self.SIGNER)

    def attendre_envoi(self) -> None:
        """The message, then the deposit date and the deadline below it: a
        page still loading (Firefox on a loaded machine) shows the message
        at its top before the table of the request is there."""
        self.ui.wait_for_text(self.ENVOYEE)
        self.patienter(lambda: self.depose_le() is not None and self.date_limite() is not None,
                       timeout=self.ui.timeout)

    def indemnisation_proposee(self) -> bool:
        return self.ui.is_visible(role="link", name=self.NOUVELLE_INDEMNISATION)

    def nouvelle_indemnisation(self) -> None:
        self.ui.click(role="link", name=self.NOUVELLE_INDEMNISATION)
        PageSaisieIndemnisation(self.ui).attendre()

    def ouvrir_indemnisation(self, numero: int) -> None:
        self.ui.click(role="link", name=PageIndemnisation.lien(numero))
        PageIndemnisation(self.ui).attendre()

    def indemnisations_listees(self) -> set[int]:
        """The numbers of the compensation requests the page lists (PROC-03)."""
        return _numeros(textes.PREFIXE_INDEMNISATION, self.ui.page_text())


class PageSignature(Page):
    """« Signature de la demande … n° N » (PROC-05; NAV-04: not in Chrome)."""
    PREFIXE_TITRE = "Signature de la demande "
    CERTIFICATION = "Je certifie l'exactitude des informations saisies"
    SIGNER = "Signer et envoyer"

    def attendre(self, timeout: float | None = None) -> None:
        self.ui.wait_for_text(self.PREFIXE_TITRE, timeout=timeout)

    def signature_proposee(self) -> bool:
        return self.ui.is_visible(role="button", name=self.SIGNER)

    def certification_proposee(self) -> bool:
        return self.ui.is_visible(label=self.CERTIFICATION)

    def certifier_et_signer(self) -> None:
        self.ui.check(True, label=self.CERTIFICATION)
        self.ui.click(role="button", name=self.SIGNER)

    def retour_a_la_demande(self) -> None:
        self.ui.click(role="link", name="Retour à la demande")


class PageSaisieIndemnisation(_PageDeSaisie):
    """« Saisie de la demande d'indemnisation » (PROC-03)."""
    TITRE = "Saisie de la demande d'indemnisation"
    DEBUT = "Date de début de la période indemnisée* :"
    FIN = "Date de fin de la période indemnisée* :"
    HEURES = "Nombre d'heures chômées* :"

    def renseigner(self, debut: str, fin: str, salaries: str, heures: str) -> None:
        self._renseigner_periode(debut, fin, salaries, heures)


class PageIndemnisation(_PageDeDemande):
    """« Demande d'indemnisation n° N », as the establishment sees it."""
    PREFIXE_TITRE = textes.PREFIXE_INDEMNISATION
    ENREGISTREE = textes.INDEMNISATION_ENREGISTREE
    ENVOYEE = textes.INDEMNISATION_ENVOYEE

    @staticmethod
    def lien(numero: int) -> str:
        return f"{textes.PREFIXE_INDEMNISATION}{numero}"

    def signer(self) -> PageSignature:
        self.ui.click(role="link", name=PageDemande.SIGNER)
        page = PageSignature(self.ui)
        page.attendre()
        return page


# --- UD side -------------------------------------------------------------------------------------

class PageDemandesAInstruire(Page):
    """« Demandes à instruire »: the requests of the agent's département."""
    CHEMIN = "/instruction"
    TITRE = textes.TITRE_DEMANDES_A_INSTRUIRE

    def ouvrir_depuis_l_espace(self) -> None:
        self.ui.goto("/espace")
        self.ui.click(role="link", name=self.TITRE)
        self.attendre()

    def demande_listee(self, numero: int) -> bool:
        return self.ui.is_visible(role="link", name=PageDemandes.lien(numero))

    def ligne_de_la_demande(self, numero: int) -> str:
        """The list's line of a request, as text (from its link to the next one)."""
        texte = self.ui.page_text()
        debut = texte.find(PageDemandes.lien(numero))
        if debut < 0:
            return ""
        suite = texte[debut + len(PageDemandes.lien(numero)):]
        fin = min([i for i in (suite.find("Demande d'"), suite.find("Demandes d'indemnisation")) if i >= 0] or [len(suite)])
        return suite[:fin]

    def ouvrir_demande(self, numero: int) -> None:
        self.ui.click(role="link", name=PageDemandes.lien(numero))
        PageInstructionDemande(self.ui).attendre()

    def indemnisation_listee(self, numero: int) -> bool:
        return self.ui.is_visible(role="link", name=PageIndemnisation.lien(numero))

    def ouvrir_indemnisation(self, numero: int) -> None:
        self.ui.click(role="link", name=PageIndemnisation.lien(numero))
        PageInstructionIndemnisation(self.ui).attendre()


class PageInstructionDemande(_PageDeDemande):
    """« Instruction de la demande d'autorisation préalable n° N » (PROC-02)."""
    PREFIXE_TITRE = "Instruction de la demande d'autorisation préalable n° "
    MOTIF_REFUS = "Motif du refus :"
    AUTORISER = "Autoriser"
    REFUSER = "Refuser"
    DECISION_ENREGISTREE = textes.DECISION_ENREGISTREE

    def ouvrir_par_son_adresse(self, numero: int) -> None:
        """What an agent does who knows (or guesses) a request's address."""
        self.ui.goto(f"/instruction/demandes/{numero}")

    def decision_proposee(self) -> bool:
        return self.ui.is_visible(role="button", name=self.AUTORISER) or self.ui.is_visible(role="button", name=self.REFUSER)

    def autoriser(self) -> None:
        self.ui.click(role="button", name=self.AUTORISER)

    def refuser(self, motif: str = "") -> None:
        self.ui.fill(motif, label=self.MOTIF_REFUS)
        self.ui.click(role="button", name=self.REFUSER)

    def attendre_decision(self) -> None:
        self.ui.wait_for_text(self.DECISION_ENREGISTREE)


class PageInstructionIndemnisation(_PageDeDemande):
    """« Instruction de la demande d'indemnisation n° N » (PROC-03)."""
    PREFIXE_TITRE = "Instruction de la demande d'indemnisation n° "
    MOTIF_INVALIDATION = "Motif de l'invalidation :"

    def valider(self) -> None:
        self.ui.click(role="button", name="Valider")

    def invalider(self, motif: str = "") -> None:
        self.ui.fill(motif, label=self.MOTIF_INVALIDATION)
        self.ui.click(role="button", name="Invalider")

    def attendre_decision(self) -> None:
        self.ui.wait_for_text(PageInstructionDemande.DECISION_ENREGISTREE)
