"""The guide's rules as plain functions (no database; Flask only to read which
hashing cost the running app's configuration chose): SIRET, password policy,
secret answer, lockout, generated identifiers and passwords."""
import itertools
import re
import secrets
import string
import unicodedata
from datetime import datetime, timedelta

from argon2 import PasswordHasher, profiles
from argon2.exceptions import InvalidHashError, VerificationError
from email_validator import EmailNotValidError, validate_email
from stdnum.fr import siret as stdnum_siret

from . import messages as m

# --- SIRET (ENR-06) ---------------------------------------------------------

def siret_normalise(saisie: str) -> str | None:
    """ENR-06: the SIRET as 14 digits if it is valid (Luhn checksum), else None.
    Spaces and dots typed by the user are ignored."""
    try:
        return stdnum_siret.validate(saisie)
    except Exception:  # stdnum raises several ValidationError subclasses
        return None


# --- E-mail addresses ------------------------------------------------------

def courriel_valide(saisie: str) -> bool:
    """Whether an address can be mailed at all: its syntax by the
    `email-validator` library (no DNS look-up: the simulator is offline;
    the special-use domain "test" is accepted, as in any test environment),
    ASCII only (SMTP without SMTPUTF8), no quoted local part, no IP literal."""
    if not isinstance(saisie, str) or not saisie or len(saisie) > 254:
        return False
    try:
        validate_email(saisie, check_deliverability=False, test_environment=True,
                       allow_smtputf8=False, allow_quoted_local=False, allow_domain_literal=False)
    except EmailNotValidError:
        return False
    return saisie.isascii()


# --- Password policy (PWD-02..06) -------------------------------------------

CARACTERES_SPECIAUX_EXEMPLES = ".,?!%#"


def _accentue(caractere: str) -> bool:
    """A letter with a diacritic (é, ç, ï…): its decomposed form has a combining mark."""
    decompose = unicodedata.normalize("NFD", caractere)
    return any(unicodedata.combining(c) for c in decompose)


def erreurs_mot_de_passe(nouveau: str, identifiant: str) -> list[str]:
    """Every clause of the policy the new password breaks, one message each."""
    erreurs = []
    if len(nouveau) < 8:  # PWD-02
        erreurs.append(m.MDP_TROP_COURT)
    if not any(c.isdigit() for c in nouveau):  # PWD-03
        erreurs.append(m.MDP_SANS_CHIFFRE)
    if not any(not c.isalnum() and not c.isspace() for c in nouveau):  # PWD-04
        erreurs.append(m.MDP_SANS_SPECIAL)
    if nouveau.lower() == identifiant.lower():  # PWD-05
        erreurs.append(m.MDP_EGAL_IDENTIFIANT)
    if any(_accentue(c) for c in nouveau):  # PWD-06
        erreurs.append(m.MDP_ACCENTS)
    return erreurs


def generer_mot_de_passe(identifiant: str, longueur: int = 10) -> str:
    """A random first password that satisfies PWD-02..06 itself."""
    alphabet = string.ascii_letters + string.digits + CARACTERES_SPECIAUX_EXEMPLES
    while True:
        mot = "".join(secrets.choice(alphabet) for _ in range(longueur))
        if not erreurs_mot_de_passe(mot, identifiant):
            return mot


# --- Hashing (argon2) ---------------------------------------------------------

HACHAGES = {
    "production": PasswordHasher(time_cost=2, memory_cost=19456, parallelism=1),  # OWASP minimum
    # argon2-cffi's own cheapest parameters (argon2.profiles.CHEAPEST: 1 pass,
    # 8 KiB): still argon2id, same code; for a simulator serving tests only
    # (the harness's embedded stack), where a seeded account costs 3 to 4 hashes.
    "minimal": PasswordHasher.from_parameters(profiles.CHEAPEST),
}
HACHAGE_PAR_DEFAUT = "production"


def hacheur() -> PasswordHasher:
    """The hasher of the running app's configuration (HACHAGE, simulator/config.py);
    production's outside an app (a rule used on its own)."""
    from flask import current_app, has_app_context
    if has_app_context():
        return HACHAGES[current_app.config.get("HACHAGE", HACHAGE_PAR_DEFAUT)]
    return HACHAGES[HACHAGE_PAR_DEFAUT]


def hacher(secret: str) -> str:
    return hacheur().hash(secret)


def verifier(hache: str | None, secret: str) -> bool:
    """Exact comparison (UD-04: case and spaces count) through argon2. The cost
    is the one written in the hash, whatever the configuration says now."""
    if not hache:
        return False
    try:
        return hacheur().verify(hache, secret)
    except (VerificationError, InvalidHashError):
        return False


_LEURRES: dict[int, str] = {}


def hash_leurre() -> str:
    """A hash at the configured cost, checked for an unknown user: same time as
    a known one (one per hasher, made once)."""
    h = hacheur()
    if id(h) not in _LEURRES:
        _LEURRES[id(h)] = h.hash("leurre-pour-identifiant-inconnu")
    return _LEURRES[id(h)]


# --- Secret answer (UD-03) ---------------------------------------------------

def reponse_secrete_valide(reponse: str) -> bool:
    """UD-03: more than 4 characters (spaces count, as typed)."""
    return len(reponse) > 4


# --- Lockout (LCK-01, LCK-03) --------------------------------------------------

ECHECS_AVANT_VERROUILLAGE = 3  # LCK-01
DUREE_VERROUILLAGE = timedelta(minutes=30)  # LCK-03


def est_verrouille(verrouille_jusqua: datetime | None, maintenant: datetime) -> bool:
    """LCK-02/LCK-03: locked until the 30 minutes have fully passed."""
    return verrouille_jusqua is not None and maintenant < verrouille_jusqua


# --- Readable names -------------------------------------------------------------

LIGATURES = str.maketrans({"œ": "oe", "Œ": "oe", "æ": "ae", "Æ": "ae", "ß": "ss"})


def ascii_minuscule(texte: str, garder: str = "") -> str:
    """Lowercase ASCII without accents; spaces become '-' when '-' is kept."""
    sans_accents = unicodedata.normalize("NFKD", texte.translate(LIGATURES))
    sans_accents = sans_accents.encode("ascii", "ignore").decode()
    sans_accents = sans_accents.lower().strip()
    if "-" in garder:
        sans_accents = re.sub(r"\s+", "-", sans_accents)
    permis = string.ascii_lowercase + string.digits + garder
    return "".join(c for c in sans_accents if c in permis)


def prenom_nom(prenom: str, nom: str) -> str:
    """OUT-01: the "prenom.nom" shown top right, e.g. "jean.dupont"."""
    return f"{ascii_minuscule(prenom, '-')}.{ascii_minuscule(nom, '-')}"


def base_identifiant(prenom: str, nom: str) -> str:
    """A readable identifier as the real site makes them: initial + name, "jdupont"."""
    base = (ascii_minuscule(prenom)[:1] + ascii_minuscule(nom))[:20]
    return base or "utilisateur"


def identifiant_agent_valide(identifiant: str) -> bool:
    """An agent's identifier, chosen by the Assistance, reads like "ud.correze"."""
    return re.fullmatch(r"[a-z0-9][a-z0-9._-]{1,49}", identifiant) is not None


def premier_identifiant_libre(base: str, pris: set[str]) -> str:
    """base, then base2, base3…: the first one not taken."""
    return identifiants_libres(base, pris, 1)[0]


def identifiants_libres(base: str, pris: set[str], n: int) -> list[str]:
    """The first `n` of base, base2, base3… not taken."""
    candidats = (base if i == 1 else f"{base}{i}" for i in itertools.count(1))
    return list(itertools.islice((c for c in candidats if c not in pris), n))
