"""The procedure on the database: who works for which establishment (ACC-08),
the "demande d'autorisation préalable" from entry to the UD's decision
(PROC-01, PROC-02, PROC-05), the "demande d'indemnisation" (PROC-03), and the
mails of each step to the person to contact (ACC-09). Views call these; the
rules themselves are plain functions in procedure.py.

Every change that causes a mail writes it to the outbox in the same
transaction; every change of state is one conditional UPDATE (… WHERE statut
= <expected>), so that two concurrent clicks, or a decision racing the 15-day
deadline, change a request once and queue its mail once (delivered at least
once: courriels.py).
"""
from __future__ import annotations

import logging
from dataclasses import dataclass

from sqlalchemy import or_, select, update
from sqlalchemy.orm import Session

from . import comptes, courriels, horloge, procedure, regles
from . import messages as m
from .db import lignes_modifiees
from .models import (AffectationAgent, Compte, DemandeAutorisation, DemandeIndemnisation, Etablissement,
                     UtilisateurEtablissement)

log = logging.getLogger("simulator.demarche")

# --- States -------------------------------------------------------------------------------

BROUILLON = "brouillon"
DEPOSEE = "deposee"
AUTORISEE = "autorisee"
REFUSEE = "refusee"
REPUTEE_AUTORISEE = "reputee_autorisee"
INVALIDEE = "invalidee"
MISE_EN_PAIEMENT = "mise_en_paiement"

#: PROC-03: the states in which the establishment may ask for compensation.
AUTORISEES = (AUTORISEE, REPUTEE_AUTORISEE)

LIBELLES_STATUT = {
    BROUILLON: "Enregistrée, non signée",
    DEPOSEE: "En cours d'instruction",
    AUTORISEE: "Autorisée",
    REFUSEE: "Refusée",
    REPUTEE_AUTORISEE: "Réputée autorisée",
    INVALIDEE: "Invalidée",
    MISE_EN_PAIEMENT: "Mise en paiement par l'ASP",
}


# --- Who works for which establishment (ACC-08, PROC-04) -------------------------------------

def etablissements_de(db: Session, compte: Compte) -> list[Etablissement]:
    """The establishments a user works for: those whose referent person
    (Compte principal utilisateur) it is, and those it was added to
    (ACC-08). A Tiers déclarant has one account per establishment (ENR-07),
    each its own."""
    ajoutes = select(UtilisateurEtablissement.etablissement_id).where(
        UtilisateurEtablissement.compte_id == compte.id)
    return list(db.scalars(select(Etablissement).where(
        or_(Etablissement.compte_principal_id == compte.id, Etablissement.id.in_(ajoutes)))
        .order_by(Etablissement.id)))


def travaille_pour(db: Session, compte: Compte, etablissement_id: int) -> bool:
    return any(e.id == etablissement_id for e in etablissements_de(db, compte))


def utilisateurs(db: Session, etablissement: Etablissement) -> list[Compte]:
    """The establishment's users, its referent person first."""
    autres = db.scalars(select(Compte).join(UtilisateurEtablissement,
                                            UtilisateurEtablissement.compte_id == Compte.id)
                        .where(UtilisateurEtablissement.etablissement_id == etablissement.id,
                               Compte.id != etablissement.compte_principal_id)
                        .order_by(Compte.id))
    return [etablissement.compte_principal, *autres]


def _rattacher(db: Session, compte: Compte, etablissement: Etablissement) -> None:
    deja = db.scalar(select(UtilisateurEtablissement.id).where(
        UtilisateurEtablissement.compte_id == compte.id,
        UtilisateurEtablissement.etablissement_id == etablissement.id))
    if deja is None:
        db.add(UtilisateurEtablissement(compte_id=compte.id, etablissement_id=etablissement.id,
                                        cree_le=horloge.maintenant(db)))


@dataclass
class NouvelUtilisateur:
    """What the "Ajouter un utilisateur à un établissement" form carries, validated."""
    nom: str
    prenom: str
    telephone: str
    courriel: str


def ajouter_utilisateur(db: Session, etablissement: Etablissement, u: NouvelUtilisateur,
                        essai: int) -> Compte:
    """ACC-08: a further user, requested by the referent person. Like the
    first user (ACC-10), it gets its identifier, its password and the
    confirmation of its habilitation by mail, and sets its secret question at
    its first connection. Commits; IntegrityError if the identifier got taken
    meanwhile (the caller tries again: comptes.avec_identifiant_libre)."""
    maintenant = horloge.maintenant(db)
    identifiant = comptes.identifiant_libre(db, regles.base_identifiant(u.prenom, u.nom), essai)
    mot_de_passe = regles.generer_mot_de_passe(identifiant)
    compte = comptes.nouveau_compte(db, identifiant, mot_de_passe, profil="Etablissement", nom=u.nom,
                                    prenom=u.prenom, courriel=u.courriel, telephone=u.telephone)
    db.add(UtilisateurEtablissement(compte_id=compte.id, etablissement_id=etablissement.id, cree_le=maintenant))
    courriels.courriel_identifiant(db, compte)
    courriels.courriel_mot_de_passe(db, compte, mot_de_passe)
    courriels.courriel_habilitation(db, compte, etablissement)
    db.commit()
    return compte


def changer_personne_referente(db: Session, etablissement: Etablissement, ancienne: Compte,
                               nouvelle: Compte) -> bool:
    """ACC-08: another user of the establishment becomes its referent person
    (the person to contact, ACC-09); the former one stays a user. Nobody's
    name, first name or e-mail changes. False if the referent changed meanwhile."""
    change = lignes_modifiees(db, update(Etablissement)
                                  .where(Etablissement.id == etablissement.id,
                                         Etablissement.compte_principal_id == ancienne.id)
                                  .values(compte_principal_id=nouvelle.id)
                                  .execution_options(synchronize_session=False))
    if not change:
        db.rollback()
        return False
    _rattacher(db, ancienne, etablissement)
    _mail(db, nouvelle, m.SUJET_PERSONNE_A_CONTACTER, etablissement, (
        "Vous êtes désormais la personne référente de l'établissement (Compte principal utilisateur, "
        "Personne à contacter) : vous recevrez tous les échanges liés à l'activité partielle de cet "
        "établissement."))
    db.commit()
    db.refresh(etablissement)
    return True


# --- Agents (PROC-01, PROC-02) ----------------------------------------------------------------

def departement_de_l_agent(db: Session, compte: Compte) -> str | None:
    """The département of a UD agent; None for any other account, or an agent
    the Assistance assigned no département to (it sees no request)."""
    if compte.profil != "UD":
        return None
    return db.scalar(select(AffectationAgent.departement).where(AffectationAgent.compte_id == compte.id))


def affecter_agent(db: Session, compte: Compte, departement: str) -> None:
    db.merge(AffectationAgent(compte_id=compte.id, departement=departement))
    db.commit()


# --- Mails (ACC-09: to the person to contact, i.e. the referent person) ------------------------

def _mail(db: Session, destinataire: Compte, sujet: str, etablissement: Etablissement, texte: str) -> None:
    courriels.mettre_en_file(db, destinataire.courriel, sujet, (
        f"Bonjour {destinataire.prenom} {destinataire.nom},\n\n"
        f"Établissement : {etablissement.denomination} (Siret {etablissement.siret})\n\n{texte}"))


def _resume_demande(d: DemandeAutorisation) -> str:
    return (f"Demande d'autorisation préalable n° {d.id}\n"
            f"Motif de recours : {d.motif}\n"
            f"Période : du {procedure.date_fr(d.date_debut)} au {procedure.date_fr(d.date_fin)}\n"
            f"Nombre de salariés concernés : {d.salaries}\n"
            f"Nombre d'heures chômées prévisionnelles : {d.heures}\n")


def _resume_indemnisation(i: DemandeIndemnisation) -> str:
    return (f"Demande d'indemnisation n° {i.id} (demande d'autorisation préalable n° {i.demande_id})\n"
            f"Période indemnisée : du {procedure.date_fr(i.date_debut)} au {procedure.date_fr(i.date_fin)}\n"
            f"Nombre de salariés concernés : {i.salaries}\n"
            f"Nombre d'heures chômées : {i.heures}\n")


def _personne_a_contacter(db: Session, etablissement: Etablissement) -> Compte:
    db.refresh(etablissement)  # the referent person may just have changed
    return etablissement.compte_principal


# --- PROC-01, PROC-05: the demande d'autorisation préalable -------------------------------------

def demandes_des_etablissements(db: Session, etablissements: list[Etablissement]) -> list[DemandeAutorisation]:
    ids = [e.id for e in etablissements]
    return list(db.scalars(select(DemandeAutorisation).where(DemandeAutorisation.etablissement_id.in_(ids))
                           .order_by(DemandeAutorisation.id.desc())))


def enregistrer_demande(db: Session, auteur: Compte, etablissement: Etablissement, donnees: dict) -> DemandeAutorisation:
    """PROC-01: the request as entered, saved but not sent (NAV-04: also in Chrome)."""
    maintenant = horloge.maintenant(db)
    demande = DemandeAutorisation(etablissement_id=etablissement.id, auteur_id=auteur.id, statut=BROUILLON,
                                  cree_le=maintenant, modifie_le=maintenant, **donnees)
    db.add(demande)
    db.commit()
    return demande


def modifier_demande(db: Session, demande: DemandeAutorisation | DemandeIndemnisation, donnees: dict) -> bool:
    """Change a demande (d'autorisation or d'indemnisation) not yet signed;
    False once it is sent (PROC-05), in one conditional UPDATE."""
    table = type(demande)
    change = lignes_modifiees(db, update(table)
                                  .where(table.id == demande.id, table.statut == BROUILLON)
                                  .values(modifie_le=horloge.maintenant(db), **donnees)
                                  .execution_options(synchronize_session=False))
    db.commit()
    db.refresh(demande)
    return bool(change)


class Refus(Exception):
    """A step of the procedure refused, with the message to show."""


def signer_demande(db: Session, demande: DemandeAutorisation, signataire: Compte) -> None:
    """PROC-05 then PROC-01: signed, the request goes to the UD of the
    establishment's département (from its postal code); the UD has 15 days
    (PROC-02); the person to contact gets the acknowledgement (ACC-09).
    The browser check (NAV-04) is the view's: it knows the user agent."""
    etablissement = demande.etablissement
    departement = procedure.departement_du_code_postal(etablissement.code_postal)
    if departement is None:
        raise Refus(m.DEPARTEMENT_INDETERMINE)
    maintenant = horloge.maintenant(db)
    limite = procedure.date_limite_de_decision(maintenant)
    signee = lignes_modifiees(db, update(DemandeAutorisation)
                                  .where(DemandeAutorisation.id == demande.id, DemandeAutorisation.statut == BROUILLON)
                                  .values(statut=DEPOSEE, signataire_id=signataire.id, depose_le=maintenant,
                                          departement=departement, date_limite=limite)
                                  .execution_options(synchronize_session=False))
    if not signee:
        db.rollback()
        raise Refus(m.DEJA_ENVOYEE)
    db.flush()
    db.refresh(demande)
    _mail(db, _personne_a_contacter(db, etablissement), m.SUJET_ACCUSE_AUTORISATION, etablissement, (
        f"Votre demande d'autorisation préalable a bien été reçue le {procedure.instant_fr(maintenant)} "
        f"par l'{procedure.libelle_ud(departement)}.\n\n{_resume_demande(demande)}\n"
        f"L'unité départementale l'instruit et décide au plus tard le {procedure.instant_fr(limite)}. "
        "Sans décision dans ce délai de 15 jours, la demande est réputée autorisée "
        "(article R5122-4 du Code du travail)."))
    db.commit()


def demandes_du_departement(db: Session, departement: str | None) -> list[DemandeAutorisation]:
    """PROC-02: what a UD agent instructs: the signed requests of its département."""
    if departement is None:
        return []
    return list(db.scalars(select(DemandeAutorisation)
                           .where(DemandeAutorisation.departement == departement,
                                  DemandeAutorisation.statut != BROUILLON)
                           .order_by(DemandeAutorisation.id.desc())))


def _ud(demande: DemandeAutorisation) -> str:
    """The UD a filed request went to (PROC-01: set when it is signed and sent), named
    in the decision of the UD (PROC-02) mailed to the person to contact (ACC-09)."""
    assert demande.departement is not None, "a request is filed with its département (PROC-01)"
    return procedure.libelle_ud(demande.departement)


def decider(db: Session, demande: DemandeAutorisation, agent: Compte, autoriser: bool,
            motif_refus: str | None) -> None:
    """PROC-02: the UD's decision, before the deadline only, by an agent of
    that UD; a refusal gives its reason. Mailed to the person to contact (ACC-09)."""
    departement = departement_de_l_agent(db, agent)
    if departement is None or departement != demande.departement:
        raise Refus(m.ACCES_REFUSE)
    if not autoriser and not (motif_refus or "").strip():
        raise Refus(m.MOTIF_REFUS_REQUIS)
    maintenant = horloge.maintenant(db)
    decidee = lignes_modifiees(db, update(DemandeAutorisation)
                                   .where(DemandeAutorisation.id == demande.id, DemandeAutorisation.statut == DEPOSEE,
                                          DemandeAutorisation.departement == departement,
                                          DemandeAutorisation.date_limite > maintenant)
                                   .values(statut=AUTORISEE if autoriser else REFUSEE, decide_le=maintenant,
                                           decideur_id=agent.id, motif_refus=None if autoriser else (motif_refus or "").strip())
                                   .execution_options(synchronize_session=False))
    if not decidee:
        db.rollback()
        appliquer_echeances(db)
        db.refresh(demande)
        raise Refus(m.REPUTEE_AUTORISEE if demande.statut == REPUTEE_AUTORISEE else m.DECISION_DEJA_PRISE)
    db.flush()
    db.refresh(demande)
    if autoriser:
        texte = (f"L'{_ud(demande)} a autorisé le "
                 f"{procedure.instant_fr(maintenant)} votre demande d'autorisation préalable.\n\n"
                 f"{_resume_demande(demande)}\n"
                 "Vous pouvez maintenant formuler vos demandes d'indemnisation pour cette période.")
    else:
        texte = (f"L'{_ud(demande)} a refusé le "
                 f"{procedure.instant_fr(maintenant)} votre demande d'autorisation préalable.\n\n"
                 f"{_resume_demande(demande)}\nMotif du refus : {demande.motif_refus}")
    _mail(db, _personne_a_contacter(db, demande.etablissement), m.SUJET_DECISION, demande.etablissement, texte)
    db.commit()


def appliquer_echeances(db: Session) -> int:
    """PROC-02 / R5122-4, evaluated lazily: every request still without a
    decision at its deadline becomes deemed authorised, and its person to
    contact is told once (the conditional UPDATE decides who tells).
    Called before every request and by the mail worker. Returns how many."""
    maintenant = horloge.maintenant(db)
    echues = list(db.scalars(select(DemandeAutorisation.id).where(
        DemandeAutorisation.statut == DEPOSEE, DemandeAutorisation.date_limite <= maintenant)))
    faites = 0
    for demande_id in echues:
        changee = lignes_modifiees(db, update(DemandeAutorisation)
                                       .where(DemandeAutorisation.id == demande_id, DemandeAutorisation.statut == DEPOSEE,
                                              DemandeAutorisation.date_limite <= maintenant)
                                       .values(statut=REPUTEE_AUTORISEE, decide_le=DemandeAutorisation.date_limite)
                                       .execution_options(synchronize_session=False))
        if not changee:
            db.rollback()
            continue
        demande = db.get_one(DemandeAutorisation, demande_id)
        db.refresh(demande)
        _mail(db, _personne_a_contacter(db, demande.etablissement), m.SUJET_REPUTEE_AUTORISEE,
              demande.etablissement, (
                  f"L'{_ud(demande)} n'a pas pris de décision sur votre demande "
                  f"d'autorisation préalable dans le délai de 15 jours, qui a expiré le "
                  f"{procedure.instant_fr(demande.date_limite)}.\n\n{_resume_demande(demande)}\n"
                  f"{m.REPUTEE_AUTORISEE}\n"
                  "Vous pouvez maintenant formuler vos demandes d'indemnisation pour cette période."))
        db.commit()
        faites += 1
        log.info("demande n° %s réputée autorisée", demande_id)
    return faites


# --- PROC-03: the demande d'indemnisation ---------------------------------------------------------

def heures_restantes(demande: DemandeAutorisation, sauf: DemandeIndemnisation | None = None) -> int:
    """The authorised hours not yet asked for by a compensation request
    (invalidated ones give theirs back)."""
    prises = sum(i.heures for i in demande.indemnisations if i.statut != INVALIDEE and i is not sauf)
    return max(demande.heures - prises, 0)


def indemnisation_possible(demande: DemandeAutorisation) -> bool:
    """PROC-03: only after the authorisation (decided, or deemed)."""
    return demande.statut in AUTORISEES


def enregistrer_indemnisation(db: Session, auteur: Compte, demande: DemandeAutorisation,
                              donnees: dict) -> DemandeIndemnisation:
    if not indemnisation_possible(demande):
        raise Refus(m.INDEMNISATION_AVANT_AUTORISATION)
    maintenant = horloge.maintenant(db)
    indemnisation = DemandeIndemnisation(demande_id=demande.id, auteur_id=auteur.id, statut=BROUILLON,
                                         cree_le=maintenant, modifie_le=maintenant, **donnees)
    db.add(indemnisation)
    db.commit()
    return indemnisation


def signer_indemnisation(db: Session, indemnisation: DemandeIndemnisation, signataire: Compte) -> None:
    """PROC-05 then PROC-03: signed, the compensation request goes to the UD
    that authorised; the person to contact gets the acknowledgement."""
    demande = indemnisation.demande
    if not indemnisation_possible(demande):
        raise Refus(m.INDEMNISATION_AVANT_AUTORISATION)
    maintenant = horloge.maintenant(db)
    signee = lignes_modifiees(db, update(DemandeIndemnisation)
                                  .where(DemandeIndemnisation.id == indemnisation.id,
                                         DemandeIndemnisation.statut == BROUILLON)
                                  .values(statut=DEPOSEE, signataire_id=signataire.id, depose_le=maintenant)
                                  .execution_options(synchronize_session=False))
    if not signee:
        db.rollback()
        raise Refus(m.DEJA_ENVOYEE)
    db.flush()
    db.refresh(indemnisation)
    _mail(db, _personne_a_contacter(db, demande.etablissement), m.SUJET_ACCUSE_INDEMNISATION,
          demande.etablissement, (
              f"Votre demande d'indemnisation a bien été reçue le {procedure.instant_fr(maintenant)} "
              f"par l'{_ud(demande)}, qui l'instruit.\n\n"
              f"{_resume_indemnisation(indemnisation)}"))
    db.commit()


def indemnisations_du_departement(db: Session, departement: str | None) -> list[DemandeIndemnisation]:
    if departement is None:
        return []
    return list(db.scalars(select(DemandeIndemnisation).join(DemandeAutorisation)
                           .where(DemandeAutorisation.departement == departement,
                                  DemandeIndemnisation.statut != BROUILLON)
                           .order_by(DemandeIndemnisation.id.desc())))


def instruire_indemnisation(db: Session, indemnisation: DemandeIndemnisation, agent: Compte, valider: bool,
                            motif_invalidation: str | None) -> None:
    """PROC-03: the UD validates (then the ASP puts it into payment) or
    invalidates with a reason ("notification d'invalidation"). Each step is
    mailed to the person to contact (ACC-09)."""
    demande = indemnisation.demande
    departement = departement_de_l_agent(db, agent)
    if departement is None or departement != demande.departement:
        raise Refus(m.ACCES_REFUSE)
    if not valider and not (motif_invalidation or "").strip():
        raise Refus(m.MOTIF_INVALIDATION_REQUIS)
    maintenant = horloge.maintenant(db)
    valeurs = (dict(statut=MISE_EN_PAIEMENT, mise_en_paiement_le=maintenant) if valider
               else dict(statut=INVALIDEE, motif_invalidation=(motif_invalidation or "").strip()))
    faite = lignes_modifiees(db, update(DemandeIndemnisation)
                                 .where(DemandeIndemnisation.id == indemnisation.id,
                                        DemandeIndemnisation.statut == DEPOSEE)
                                 .values(instruite_le=maintenant, instructeur_id=agent.id, **valeurs)
                                 .execution_options(synchronize_session=False))
    if not faite:
        db.rollback()
        raise Refus(m.DECISION_DEJA_PRISE)
    db.flush()
    db.refresh(indemnisation)
    etablissement = demande.etablissement
    contact = _personne_a_contacter(db, etablissement)
    resume = _resume_indemnisation(indemnisation)
    ud = _ud(demande)
    if valider:
        _mail(db, contact, m.SUJET_INSTRUCTION_INDEMNISATION, etablissement, (
            f"L'{ud} a instruit et validé le {procedure.instant_fr(maintenant)} votre demande "
            f"d'indemnisation.\n\n{resume}\nElle est transmise à l'Agence de services et de paiement (ASP) "
            "pour sa mise en paiement."))
        _mail(db, contact, m.SUJET_MISE_EN_PAIEMENT, etablissement, (
            f"L'Agence de services et de paiement (ASP) a mis en paiement le {procedure.instant_fr(maintenant)} "
            f"votre demande d'indemnisation.\n\n{resume}"))
    else:
        _mail(db, contact, m.SUJET_INVALIDATION, etablissement, (
            f"L'{ud} a invalidé le {procedure.instant_fr(maintenant)} votre demande d'indemnisation.\n\n"
            f"{resume}\nMotif de l'invalidation : {indemnisation.motif_invalidation}\n\n"
            "Les heures de cette demande restent disponibles pour une nouvelle demande d'indemnisation."))
    db.commit()


# --- The mail worker also applies the deadlines ---------------------------------------------------

class Facteur(courriels.Facteur):
    """The mail worker (courriels.Facteur), which first applies the 15-day
    deadlines (PROC-02), so that the "réputée autorisée" mail leaves even if
    nobody opens a page."""

    def tournee(self) -> int:
        try:
            with self.fabrique() as db:
                appliquer_echeances(db)
        except Exception:  # the database failed: log, and still send what is pending
            log.exception("échéances non appliquées")
        return super().tournee()
