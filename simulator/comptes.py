"""The account life cycle on the database: creation (establishment, agent,
ASP identity), authentication with lockout, password change, secret question,
password reset. Views call these; so do the control interface and the CLI."""
import enum
import secrets
from collections.abc import Callable
from dataclasses import dataclass
from typing import TypeVar

from sqlalchemy import case, select, update
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session

from . import courriels, horloge, regles
from . import messages as m
from .db import doublon, lignes_modifiees
from .models import Compte, Etablissement

PROFILS_AGENTS = ("UD", "DIRECCTE", "DGEFP")


T = TypeVar("T")
# Tries of a creation whose identifier a concurrent creation took. Each try
# of simultaneous creations of one name lets at least one of them through, so
# the first ESSAIS_EN_ORDRE tries keep the identifiers dense (jdupont,
# jdupont2…) for a burst as large as the server's threads; later tries draw
# from a wider and wider choice of free ones, so that no stream of creations
# can starve one of them (identifiant_libre).
ESSAIS_EN_ORDRE = 12
ESSAIS_IDENTIFIANT = 30
CANDIDATS_PAR_ESSAI = 4


class IdentifiantIntrouvable(Exception):
    """Every try lost its identifier to a concurrent creation."""


def identifiant_libre(db: Session, base: str, essai: int = 0) -> str:
    """base, then base2, base3…: the first one not taken. From the try
    ESSAIS_EN_ORDRE on (`essai` counts from 0), one of the first
    1 + 4·(essai - ESSAIS_EN_ORDRE + 1) free ones at random, so that
    simultaneous creations of one name spread out instead of meeting again."""
    pris = set(db.scalars(select(Compte.identifiant).where(Compte.identifiant.like(f"{base}%"))))
    choix = 1 + CANDIDATS_PAR_ESSAI * max(0, essai - ESSAIS_EN_ORDRE + 1)
    return secrets.choice(regles.identifiants_libres(base, pris, choix))


def avec_identifiant_libre(db: Session, creer: Callable[[int], T],
                           apres_conflit: Callable[[], object] = lambda: None) -> T:
    """`creer(essai)` (which picks `identifiant_libre(..., essai)` and commits),
    tried again after a rollback while a concurrent creation takes its
    identifier (IntegrityError on a unique value), at most ESSAIS_IDENTIFIANT
    times; any other IntegrityError (a bug) is raised as it is.
    `apres_conflit()` runs after each rollback and may raise (e.g. the SIRET
    got registered meanwhile: ENR-05). IdentifiantIntrouvable after the last."""
    for essai in range(ESSAIS_IDENTIFIANT):
        try:
            return creer(essai)
        except IntegrityError as erreur:
            db.rollback()
            if not doublon(erreur):
                raise
            apres_conflit()
    raise IdentifiantIntrouvable(f"aucun identifiant libre après {ESSAIS_IDENTIFIANT} essais")


def siret_deja_inscrit(db: Session, siret: str) -> bool:
    """ENR-05: the SIRET already has an Activité Partielle account."""
    return db.scalar(select(Etablissement.id).where(Etablissement.siret == siret)) is not None


@dataclass
class DemandeCreation:
    """What the account creation form carries (ACC-02), already validated."""
    siret: str
    denomination: str
    numero_voie: str | None
    extension_voie: str | None
    libelle_voie: str
    type_voie: str | None
    complement_adresse: str | None
    code_postal: str
    ville: str
    courriel_etablissement: str
    telephone_fixe: str
    fax: str | None
    nom: str
    prenom: str
    telephone: str
    courriel: str
    question_secrete: str
    reponse_secrete: str


def nouveau_compte(db: Session, identifiant: str, mot_de_passe: str, *, profil: str, nom: str,
                   prenom: str, courriel: str, **autres) -> Compte:
    """Every account the site creates (ENR-07, ACC-08, UD-01, test accounts):
    argon2 hash of its first password, which must be changed at the first
    connection (PWD-01), no wrong password counted yet (LCK-01), habilitated.
    Added and flushed, not committed."""
    compte = Compte(identifiant=identifiant, mot_de_passe_hash=regles.hacher(mot_de_passe),
                    profil=profil, nom=nom, prenom=prenom, courriel=courriel,
                    changement_requis=True,  # PWD-01
                    echecs=0,  # LCK-01
                    habilite_ap=True,  # PWD-01, ACC-11: it opens the extranet; only an ASP identity waits
                    cree_le=horloge.maintenant(db), **autres)
    db.add(compte)
    db.flush()
    return compte


def creer_etablissement(db: Session, d: DemandeCreation, essai: int) -> tuple[Etablissement, bool]:
    """ENR-07: one account per SIRET, its first user the person to contact
    (ACC-08), who receives the 3 mails (ACC-09, ACC-10). ACC-11: when the SIRET
    has an identity on another ASP extranet, that identity becomes the account
    and only the habilitation mail is sent. Returns (etablissement, asp) and
    commits; IntegrityError if the SIRET got registered meanwhile."""
    etablissement, asp, _mot_de_passe = inscrire_etablissement(db, d, essai=essai)
    return etablissement, asp


def inscrire_etablissement(db: Session, d: DemandeCreation, *, envoyer_courriels: bool = True,
                           mot_de_passe: str | None = None, essai: int) -> tuple[Etablissement, bool, str | None]:
    """`creer_etablissement`, also used by the test accounts (controle_comptes.py):
    returns the first password too (None for an ASP identity), and sends the
    mails only if asked. `mot_de_passe` replaces the generated first password."""
    maintenant = horloge.maintenant(db)
    identite_asp = db.scalar(select(Compte).where(Compte.siret_asp == d.siret))
    premier: str | None
    if identite_asp is not None:
        compte, premier = identite_asp, None
        compte.nom, compte.prenom = d.nom, d.prenom
        compte.courriel, compte.telephone = d.courriel, d.telephone
        compte.habilite_ap = True
    else:
        identifiant = identifiant_libre(db, regles.base_identifiant(d.prenom, d.nom), essai)
        premier = mot_de_passe or regles.generer_mot_de_passe(identifiant)
        compte = nouveau_compte(db, identifiant, premier, profil="Etablissement", nom=d.nom,
                                prenom=d.prenom, courriel=d.courriel, telephone=d.telephone)
    # ACC-02: the establishment's secret question is given at creation
    compte.question_secrete = d.question_secrete
    compte.reponse_secrete_hash = regles.hacher(d.reponse_secrete)
    etablissement = Etablissement(
        siret=d.siret, denomination=d.denomination, numero_voie=d.numero_voie,
        extension_voie=d.extension_voie, libelle_voie=d.libelle_voie, type_voie=d.type_voie,
        complement_adresse=d.complement_adresse, code_postal=d.code_postal, ville=d.ville,
        courriel=d.courriel_etablissement, telephone=d.telephone_fixe, fax=d.fax,
        compte_principal=compte, cree_le=maintenant)
    db.add(etablissement)
    db.flush()
    if envoyer_courriels:
        if premier is not None:  # not an ASP identity (ACC-11)
            courriels.courriel_identifiant(db, compte)
            courriels.courriel_mot_de_passe(db, compte, premier)
        courriels.courriel_habilitation(db, compte, etablissement)
    db.commit()
    return etablissement, identite_asp is not None, premier  # ACC-11


def creer_utilisateur_sans_etablissement(db: Session, nom: str, prenom: str, courriel: str,
                                         question: str, reponse: str, *, envoyer_courriels: bool,
                                         mot_de_passe: str | None, essai: int) -> tuple[Compte, str]:
    """A Tiers déclarant's account before its first establishment (test
    accounts only): the identifier and first password made as for any
    establishment user (ACC-10), the secret question given at creation (ACC-02).
    Commits; IntegrityError if the identifier got taken meanwhile."""
    identifiant = identifiant_libre(db, regles.base_identifiant(prenom, nom), essai)
    mot_de_passe = mot_de_passe or regles.generer_mot_de_passe(identifiant)
    compte = nouveau_compte(db, identifiant, mot_de_passe, profil="Etablissement", nom=nom, prenom=prenom,
                            courriel=courriel, question_secrete=question,
                            reponse_secrete_hash=regles.hacher(reponse))
    if envoyer_courriels:
        courriels.courriel_identifiant(db, compte)
        courriels.courriel_mot_de_passe(db, compte, mot_de_passe)
    db.commit()
    return compte, mot_de_passe


def creer_agent(db: Session, profil: str, identifiant: str, nom: str, prenom: str,
                courriel: str) -> Compte:
    """UD-01: what the Assistance does after a signed habilitation form. The
    agent gets its 3 mails; no secret question yet (UD-02 asks it at first login).
    Raises IntegrityError if the identifier exists."""
    compte, _mot_de_passe = creer_agent_avec_mot_de_passe(db, profil, identifiant, nom, prenom, courriel)
    return compte


def creer_agent_avec_mot_de_passe(db: Session, profil: str, identifiant: str, nom: str, prenom: str,
                                  courriel: str, *, envoyer_courriels: bool = True,
                                  mot_de_passe: str | None = None) -> tuple[Compte, str]:
    """`creer_agent`, also used by the test accounts: returns the first
    password too, and sends the mails only if asked."""
    mot_de_passe = mot_de_passe or regles.generer_mot_de_passe(identifiant)
    compte = nouveau_compte(db, identifiant, mot_de_passe, profil=profil, nom=nom, prenom=prenom,
                            courriel=courriel)
    if envoyer_courriels:
        courriels.courriel_identifiant(db, compte)
        courriels.courriel_mot_de_passe(db, compte, mot_de_passe)
        courriels.courriel_habilitation(db, compte, None)
    db.commit()
    return compte, mot_de_passe


def creer_identite_asp(db: Session, siret: str, application: str, identifiant: str,
                       mot_de_passe: str, courriel: str) -> Compte:
    """ACC-11: an establishment's identity on another ASP extranet (SYLAé, APEA…).
    It is in use there, so it needs no first-login change and counts as
    having connected (RST-06). Not yet habilitated to Activité Partielle."""
    maintenant = horloge.maintenant(db)
    compte = Compte(identifiant=identifiant, mot_de_passe_hash=regles.hacher(mot_de_passe),
                    profil="Etablissement", nom="", prenom="", courriel=courriel,
                    changement_requis=False, echecs=0, derniere_connexion=maintenant,
                    application=application, siret_asp=siret, habilite_ap=False,
                    cree_le=maintenant)
    db.add(compte)
    db.commit()
    return compte


# --- Authentication and lockout --------------------------------------------------

class Resultat(enum.Enum):
    CONNECTE = "connecte"
    INCORRECT = "incorrect"
    VERROUILLE = "verrouille"
    NON_HABILITE = "non_habilite"


def authentifier(db: Session, identifiant: str, mot_de_passe: str) -> tuple[Resultat, Compte | None]:
    """Check a login. LCK-01: the 3rd successive wrong password locks the
    account; LCK-02: while locked even the right password is refused; LCK-03:
    the lock ends 30 minutes later (simulator clock); LCK-04: a success resets
    the count; LCK-05: every change of the counter is one conditional UPDATE,
    so concurrent attempts cannot get past the limit."""
    maintenant = horloge.maintenant(db)
    compte = db.scalar(select(Compte).where(Compte.identifiant == identifiant))
    if compte is None:
        regles.verifier(regles.hash_leurre(), mot_de_passe)  # same time as a known user
        return Resultat.INCORRECT, None
    if compte.verrouille_jusqua is not None:
        if regles.est_verrouille(compte.verrouille_jusqua, maintenant):  # LCK-02, LCK-03
            return Resultat.VERROUILLE, compte
        # LCK-03: the 30 minutes are over: unlock and count from zero again
        db.execute(update(Compte)
                   .where(Compte.id == compte.id, Compte.verrouille_jusqua <= maintenant)
                   .values(echecs=0, verrouille_jusqua=None)
                   .execution_options(synchronize_session=False))
        db.commit()
    if not regles.verifier(compte.mot_de_passe_hash, mot_de_passe):
        return _echec(db, compte, maintenant), compte
    # LCK-04: success resets the count, unless a concurrent failure locked it first
    reussi = lignes_modifiees(db, update(Compte)
                                  .where(Compte.id == compte.id, Compte.verrouille_jusqua.is_(None))
                                  .values(echecs=0, derniere_connexion=maintenant)
                                  .execution_options(synchronize_session=False))
    db.commit()
    db.refresh(compte)
    if not reussi:
        return Resultat.VERROUILLE, compte
    if not compte.habilite_ap:
        return Resultat.NON_HABILITE, compte
    return Resultat.CONNECTE, compte


def _echec(db: Session, compte: Compte, maintenant) -> Resultat:
    """LCK-01/LCK-05: count one wrong password in a single atomic UPDATE …
    WHERE not locked … RETURNING; the one that reaches 3 sets the lock."""
    limite = regles.ECHECS_AVANT_VERROUILLAGE
    echecs = db.execute(
        update(Compte)
        .where(Compte.id == compte.id, Compte.verrouille_jusqua.is_(None))
        .values(echecs=Compte.echecs + 1,
                verrouille_jusqua=case((Compte.echecs + 1 >= limite,
                                        maintenant + regles.DUREE_VERROUILLAGE), else_=None))
        .returning(Compte.echecs)
        .execution_options(synchronize_session=False)).scalar()
    db.commit()
    if echecs is None or echecs >= limite:  # already locked by a concurrent attempt, or now
        return Resultat.VERROUILLE
    return Resultat.INCORRECT


# --- Password and secret question -----------------------------------------------------

def changer_mot_de_passe(db: Session, compte: Compte, ancien: str, nouveau: str,
                         confirmation: str) -> list[str]:
    """PWD-02..08: check and apply a password change; returns the errors.
    ACC-11: the identity is shared by every ASP extranet, so is the change."""
    erreurs = []
    if not regles.verifier(compte.mot_de_passe_hash, ancien):
        erreurs.append(m.ANCIEN_MDP_INCORRECT)
    erreurs += regles.erreurs_mot_de_passe(nouveau, compte.identifiant)
    if nouveau != confirmation:
        erreurs.append(m.CONFIRMATION_DIFFERENTE)
    if erreurs:
        return erreurs
    compte.mot_de_passe_hash = regles.hacher(nouveau)
    compte.changement_requis = False
    db.commit()
    return []


def definir_question_secrete(db: Session, compte: Compte, question: str, reponse: str) -> None:
    """UD-02: the agent's secret question and answer (answer hashed; UD-04 exact)."""
    compte.question_secrete = question
    compte.reponse_secrete_hash = regles.hacher(reponse)
    db.commit()


def s_est_deja_connecte(compte: Compte) -> bool:
    """RST-06: a user who never connected has no usable secrets."""
    return compte.derniere_connexion is not None and compte.reponse_secrete_hash is not None


def reinitialiser_mot_de_passe(db: Session, compte: Compte) -> None:
    """RST-04: a new password by mail; RST-05: it must be changed at next login.
    The new password also ends a lockout and the count of failures."""
    mot_de_passe = regles.generer_mot_de_passe(compte.identifiant)
    compte.mot_de_passe_hash = regles.hacher(mot_de_passe)
    compte.changement_requis = True
    compte.echecs = 0
    compte.verrouille_jusqua = None
    courriels.courriel_nouveau_mot_de_passe(db, compte, mot_de_passe)
    db.commit()
