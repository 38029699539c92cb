"""The procedure's rules as plain functions (no database, no Flask): the legal
reasons, the periods and numbers of a request, the UD of a département, the
15-day deadline and the signature's browser (PROC-01..05, NAV-04).

Sources: the guide's home page ("L'entreprise formule une demande
d'autorisation préalable à l'unité départementale (UD) de son département qui
l'instruit et autorise, dans un délai de 15 jours maximum…") and the Code du
travail: R5122-1 (the reasons), R5122-4 (15 days; no decision within them
means the request is deemed authorised).
"""
from __future__ import annotations

import re
from datetime import date, datetime, timedelta, timezone, tzinfo

from . import messages as m

# --- PROC-01: what a "demande d'autorisation préalable" holds --------------------------

#: PROC-01: Code du travail, art. R5122-1: the reasons for which an employer may use
#: activité partielle (the form's list, in this order).
MOTIFS = (
    "La conjoncture économique",
    "Des difficultés d'approvisionnement en matières premières ou en énergie",
    "Un sinistre ou des intempéries de caractère exceptionnel",
    "La transformation, restructuration ou modernisation de l'entreprise",
    "Toute autre circonstance de caractère exceptionnel",
)

#: PROC-01: the longest period one request may cover (the project's bound: 12 months).
DUREE_MAXIMALE_MOIS = 12
#: PROC-01, PROC-03: the dates a form accepts (beyond them a date is refused with a French
#: message, never carried into date arithmetic that would overflow).
PREMIERE_DATE = date(1900, 1, 1)
DERNIERE_DATE = date(2099, 12, 31)
#: PROC-01, PROC-03: upper bounds that keep the numbers sane (and inside the database's integers).
SALARIES_MAXIMUM = 100_000
HEURES_MAXIMUM = 10_000_000

# --- PROC-02: the UD decides within 15 days ---------------------------------------------

#: PROC-02: the UD's deadline.
DELAI_DE_DECISION = timedelta(days=15)


def date_limite_de_decision(depose_le: datetime) -> datetime:
    """PROC-02: the UD decides within 15 days of the filing."""
    return depose_le + DELAI_DE_DECISION


# --- PROC-01: the UD of the establishment's département ---------------------------------

#: PROC-01, PROC-02: the départements, each with its UD.
DEPARTEMENTS = frozenset(
    [f"{n:02d}" for n in range(1, 96) if n != 20] + ["2A", "2B", "971", "972", "973", "974", "975", "976"])


def departement_du_code_postal(code_postal: str) -> str | None:
    """PROC-01, PROC-02: the département of a French postal code (the UD that
    instructs the request): its first 2 digits; Corsica
    20 → 2A (200xx, 201xx) or 2B (202xx to 206xx); overseas 97x → 3 digits.
    None for anything else (malformed, Monaco, overseas collectivities 98x)."""
    code = (code_postal or "").strip()
    if not re.fullmatch(r"\d{5}", code):
        return None
    if code.startswith("97"):
        departement = code[:3]
    elif code.startswith("20"):
        departement = "2A" if code[2] in "01" else "2B"
    else:
        departement = code[:2]
    return departement if departement in DEPARTEMENTS else None


def departement_normalise(saisie) -> str | None:
    """PROC-02: a département as an agent's assignment gives it ("19", "2a",
    "974"), or None."""
    if not isinstance(saisie, str):
        return None
    valeur = saisie.strip().upper()
    if re.fullmatch(r"\d", valeur):
        valeur = "0" + valeur
    return valeur if valeur in DEPARTEMENTS else None


def libelle_ud(departement: str) -> str:
    """PROC-01, PROC-02: the UD of a département, as a sentence names it ("l'unité départementale (UD) 19")."""
    return f"unité départementale (UD) {departement}"


# --- PROC-05 / NAV-04: the signature and the browser ---------------------------------------

#: Browsers built on Chromium whose user agent also says "Chrome/" but which
#: are not Google Chrome.
_PAS_CHROME = re.compile(r"\b(Edge|Edg|EdgA|EdgiOS|OPR|Opera|OPiOS|SamsungBrowser|YaBrowser|Vivaldi|UCBrowser)/")


def est_google_chrome(user_agent: str | None) -> bool:
    """NAV-04: whether the browser is Google Chrome, from its user agent, as
    the real site decides. Internet Explorer, Firefox and Safari never say
    "Chrome/"; Edge, Opera and the like say it but are not Chrome."""
    ua = user_agent or ""
    return bool(re.search(r"\b(Chrome|CriOS)/\d", ua)) and not _PAS_CHROME.search(ua)


def signature_possible(user_agent: str | None) -> bool:
    """NAV-04 / PROC-05: the data can be entered in Chrome, not signed."""
    return not est_google_chrome(user_agent)


# --- Forms: dates, numbers, the request's fields ----------------------------------------------

def lire_date(saisie: str) -> date | None:
    """PROC-01, PROC-03: a date typed as JJ/MM/AAAA (1 or 2 digits for the day and the month),
    or None when it is not one (31/02/2024, 2024-03-01, 1/3/24…)."""
    trouve = re.fullmatch(r"\s*(\d{1,2})/(\d{1,2})/(\d{4})\s*", saisie or "")
    if not trouve:
        return None
    jour, mois, annee = (int(x) for x in trouve.groups())
    try:
        return date(annee, mois, jour)
    except ValueError:
        return None


def lire_entier(saisie: str) -> int | None:
    """PROC-01, PROC-03: a whole number typed with digits only (spaces allowed: "1 200"), or None."""
    texte = re.sub(r"[\s\u00a0\u202f]", "", saisie or "")
    return int(texte) if re.fullmatch(r"\d{1,9}", texte) else None


def ajouter_mois(jour: date, mois: int) -> date:
    """PROC-01: ``jour`` plus whole months, the day kept or brought back to the month's last."""
    total = jour.month - 1 + mois
    annee, mois_final = jour.year + total // 12, total % 12 + 1
    for quantieme in range(jour.day, 27, -1):
        try:
            return date(annee, mois_final, quantieme)
        except ValueError:
            continue
    return date(annee, mois_final, min(jour.day, 28))


def fin_maximale(debut: date) -> date:
    """PROC-01: the last day a period starting on ``debut`` may cover (12 months)."""
    return ajouter_mois(debut, DUREE_MAXIMALE_MOIS) - timedelta(days=1)


def _champs_obligatoires(valeurs: dict, noms) -> list[str]:
    """PROC-01, PROC-03: every field of the form is required."""
    return [m.CHAMPS_OBLIGATOIRES] if any(not valeurs.get(n, "").strip() for n in noms) else []


def _periode(valeurs: dict, libelle_debut: str, libelle_fin: str) -> tuple[date | None, date | None, list[str]]:
    """PROC-01, PROC-03: the period of a form, its dates read and checked."""
    erreurs = []
    debut, fin = lire_date(valeurs["date_debut"]), lire_date(valeurs["date_fin"])
    for libelle, saisie, lue in ((libelle_debut, valeurs["date_debut"], debut),
                                 (libelle_fin, valeurs["date_fin"], fin)):
        if saisie.strip() and lue is None:
            erreurs.append(m.DATE_INVALIDE.format(libelle=libelle))
        elif lue is not None and not PREMIERE_DATE <= lue <= DERNIERE_DATE:
            erreurs.append(m.DATE_HORS_LIMITES.format(libelle=libelle, debut=date_fr(PREMIERE_DATE),
                                                      fin=date_fr(DERNIERE_DATE)))
    if erreurs:
        return None, None, erreurs
    if debut and fin and fin < debut:
        erreurs.append(m.FIN_AVANT_DEBUT)
    return debut, fin, erreurs


def _nombre(valeurs: dict, nom: str, libelle: str, maximum: int) -> tuple[int | None, list[str]]:
    """PROC-01, PROC-03: a number of employees or hours, read and checked."""
    saisie = valeurs[nom]
    if not saisie.strip():
        return None, []
    n = lire_entier(saisie)
    if n is None or n < 1:
        return None, [m.NOMBRE_INVALIDE.format(libelle=libelle)]
    if n > maximum:
        return None, [m.NOMBRE_TROP_GRAND.format(libelle=libelle, n=f"{maximum:,}".replace(",", " "))]
    return n, []


CHAMPS_DEMANDE = ("motif", "date_debut", "date_fin", "salaries", "heures")


def valider_demande(formulaire) -> tuple[dict, dict | None, list[str]]:
    """PROC-01: the "demande d'autorisation préalable" form. Returns (values
    as typed, values understood or None, errors)."""
    valeurs = {n: (formulaire.get(n) or "").strip() for n in CHAMPS_DEMANDE}
    erreurs = _champs_obligatoires(valeurs, CHAMPS_DEMANDE)
    if valeurs["motif"] and valeurs["motif"] not in MOTIFS:
        erreurs.append(m.MOTIF_INCONNU)
    debut, fin, e = _periode(valeurs, "Date de début de la période", "Date de fin de la période")
    erreurs += e
    if debut and fin and fin >= debut and fin > fin_maximale(debut):
        erreurs.append(m.PERIODE_TROP_LONGUE.format(n=DUREE_MAXIMALE_MOIS))
    salaries, e = _nombre(valeurs, "salaries", "Nombre de salariés concernés", SALARIES_MAXIMUM)
    erreurs += e
    heures, e = _nombre(valeurs, "heures", "Nombre d'heures chômées prévisionnelles", HEURES_MAXIMUM)
    erreurs += e
    if erreurs:
        return valeurs, None, erreurs
    return valeurs, {"motif": valeurs["motif"], "date_debut": debut, "date_fin": fin,
                     "salaries": salaries, "heures": heures}, []


CHAMPS_INDEMNISATION = ("date_debut", "date_fin", "salaries", "heures")


def valider_indemnisation(formulaire, debut_autorise: date, fin_autorisee: date, salaries_autorises: int,
                          heures_restantes: int) -> tuple[dict, dict | None, list[str]]:
    """PROC-03: a "demande d'indemnisation" covers days of the authorised
    period, no more employees than authorised, and no more hours than the
    authorisation has left."""
    valeurs = {n: (formulaire.get(n) or "").strip() for n in CHAMPS_INDEMNISATION}
    erreurs = _champs_obligatoires(valeurs, CHAMPS_INDEMNISATION)
    debut, fin, e = _periode(valeurs, "Date de début de la période indemnisée",
                             "Date de fin de la période indemnisée")
    erreurs += e
    if debut and fin and fin >= debut and (debut < debut_autorise or fin > fin_autorisee):
        erreurs.append(m.HORS_PERIODE_AUTORISEE.format(debut=date_fr(debut_autorise), fin=date_fr(fin_autorisee)))
    salaries, e = _nombre(valeurs, "salaries", "Nombre de salariés concernés", SALARIES_MAXIMUM)
    erreurs += e
    if salaries and salaries > salaries_autorises:
        erreurs.append(m.TROP_DE_SALARIES.format(n=salaries_autorises))
    heures, e = _nombre(valeurs, "heures", "Nombre d'heures chômées", HEURES_MAXIMUM)
    erreurs += e
    if heures and heures > heures_restantes:
        erreurs.append(m.TROP_D_HEURES.format(n=heures_restantes))
    if erreurs:
        return valeurs, None, erreurs
    return valeurs, {"date_debut": debut, "date_fin": fin, "salaries": salaries, "heures": heures}, []


# --- Display ---------------------------------------------------------------------------------

_PARIS: tzinfo
try:
    from zoneinfo import ZoneInfo

    _PARIS = ZoneInfo("Europe/Paris")
except Exception:  # no time-zone database: show UTC
    _PARIS = timezone.utc


def date_fr(jour: date | None) -> str:
    """PROC-01..03: a date as the pages and messages show it (JJ/MM/AAAA)."""
    return jour.strftime("%d/%m/%Y") if jour else ""


def instant_fr(instant: datetime | None) -> str:
    """PROC-01..03: a stored instant (naive UTC) as the French user reads it:
    Paris time."""
    if instant is None:
        return ""
    return instant.replace(tzinfo=timezone.utc).astimezone(_PARIS).strftime("%d/%m/%Y à %H:%M")
