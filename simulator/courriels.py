"""Mail (SIM-02): an outbox table written in the same transaction as the change
that causes the mail, and a worker thread (the "facteur") that sends it over
real SMTP and retries while the server is down.

Delivery is *at least once*, not exactly once: a worker claims a mail
(`envoi_courriel.reserve_jusqua`) just before sending it and marks it sent
right after the SMTP server accepts it; a process killed between the two
leaves the mail claimed, and it is sent again once the claim has lapsed
(BAIL, simulator clock). Every mail keeps one Message-ID from the moment it
is queued, so a reader that counts a Message-ID once (harness/mailpit.py)
reads each mail exactly once. A mail the server refuses for good (SMTP 5xx)
is given up after REFUS_MAXIMUM refusals, logged, and reported by the control
interface (GET /_sim/courriels); a transient refusal (4xx) or an unreachable
server is retried with a growing delay. Once sent, a mail's body (which may
hold a password) is redacted."""
import logging
import smtplib
import threading
import uuid
from datetime import timezone
from email.headerregistry import Address
from email.message import EmailMessage
from email.utils import format_datetime

from datetime import datetime, timedelta

from sqlalchemy import and_, delete, func, or_, select, update
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session, sessionmaker

from . import horloge
from . import messages as m
from .db import doublon, lignes_modifiees
from .models import ActiviteSession, Compte, Courriel, EnvoiCourriel, Etablissement, SessionWeb

log = logging.getLogger("simulator.courriels")

SIGNATURE = ("\n\nL'Agence de services et de paiement (ASP)\n"
             "Ce message est envoyé automatiquement, merci de ne pas y répondre.\n")


def mettre_en_file(db: Session, destinataire: str, sujet: str, corps: str) -> None:
    """Add a mail to the outbox; the caller's commit makes it real."""
    db.add(Courriel(message_id=f"<{uuid.uuid4().hex}@activitepartielle.simulateur>",
                    destinataire=destinataire, sujet=sujet, corps=corps + SIGNATURE,
                    cree_le=horloge.maintenant(db), tentatives=0))


# --- The mails of the guide ------------------------------------------------------
# ACC-12: identifier and password between brackets, to copy "sans les crochets".

def _bonjour(compte: Compte) -> str:
    return f"Bonjour {compte.prenom} {compte.nom},\n\n"


def courriel_identifiant(db: Session, compte: Compte) -> None:
    """ACC-10 / UD-01: the login identifier."""
    mettre_en_file(db, compte.courriel, m.SUJET_IDENTIFIANT, _bonjour(compte) + (
        "Votre compte d'accès à l'extranet Activité Partielle a été créé.\n\n"
        f"Identifiant : [{compte.identifiant}]\n\n"
        "Votre mot de passe vous est envoyé dans un message séparé.\n"
        "Astuce : faites un copier/coller de votre identifiant (sans les crochets)."))


def courriel_mot_de_passe(db: Session, compte: Compte, mot_de_passe: str) -> None:
    """ACC-10 / UD-01: the first password."""
    mettre_en_file(db, compte.courriel, m.SUJET_MOT_DE_PASSE, _bonjour(compte) + (
        f"Mot de passe : [{mot_de_passe}]\n\n"
        "Lors de votre première connexion à l'extranet Activité Partielle, "
        "vous devrez modifier votre mot de passe.\n"
        "Astuce : faites un copier/coller de votre mot de passe (sans les crochets)."))


def courriel_habilitation(db: Session, compte: Compte, etablissement: Etablissement | None) -> None:
    """ACC-10 / UD-01 / ACC-11: the confirmation of the habilitation."""
    if etablissement is not None:
        objet = (f"pour l'établissement {etablissement.denomination} "
                 f"(Siret {etablissement.siret})")
    else:
        objet = f"avec le profil {compte.profil}"
    mettre_en_file(db, compte.courriel, m.SUJET_HABILITATION, _bonjour(compte) + (
        f"Votre habilitation à l'extranet Activité Partielle {objet} a été créée.\n"
        f"Elle est rattachée à l'identifiant [{compte.identifiant}]."))


def courriel_nouveau_mot_de_passe(db: Session, compte: Compte, mot_de_passe: str) -> None:
    """RST-04: the new password after a lost password."""
    mettre_en_file(db, compte.courriel, m.SUJET_NOUVEAU_MOT_DE_PASSE, _bonjour(compte) + (
        f"Mot de passe : [{mot_de_passe}]\n\n"
        "Lors de la connexion avec ce nouveau mot de passe, "
        "il vous sera demandé de modifier votre mot de passe."))


def courriel_identifiants_retrouves(db: Session, comptes: list[Compte]) -> None:
    """IDR-03: the identifier(s) registered with this e-mail address."""
    lignes = "\n".join(f"Identifiant : [{c.identifiant}]" for c in comptes)
    mettre_en_file(db, comptes[0].courriel, m.SUJET_IDENTIFIANT, _bonjour(comptes[0]) + (
        "Vous avez demandé votre identifiant de connexion à l'extranet Activité Partielle.\n\n"
        f"{lignes}"))


# --- The worker ------------------------------------------------------------------------

#: How long a worker's claim on a mail lasts (simulator clock): a mail claimed
#: by a process that died is sent again once this is over.
BAIL = timedelta(seconds=30)
#: A mail refused for good (SMTP 5xx) this many times is given up.
REFUS_MAXIMUM = 3
#: The delay before the next try of a refused mail: doubles from the first, up to the last.
ATTENTE_APRES_REFUS = (timedelta(seconds=1), timedelta(minutes=5))
#: What is left of a mail's body once it is sent (it may hold a password).
CORPS_EFFACE = "[contenu effacé après l'envoi]"
#: The worker's wait when the server cannot be reached: doubles up to this (seconds).
ATTENTE_MAXIMALE_PANNE = 5.0


def _attente_apres_refus(n: int) -> timedelta:
    premiere, derniere = ATTENTE_APRES_REFUS
    return min(premiere * (2 ** min(max(n - 1, 0), 20)), derniere)


def _definitif(refus: Exception) -> bool:
    """A permanent refusal (5xx) — as opposed to a transient one (4xx)."""
    if isinstance(refus, smtplib.SMTPRecipientsRefused):
        codes = [code for code, _texte in refus.recipients.values()]
        return bool(codes) and all(code >= 500 for code in codes)
    return isinstance(refus, smtplib.SMTPResponseException) and refus.smtp_code >= 500


def etat_des_courriels(db: Session) -> dict:
    """What the control interface reports (GET /_sim/courriels): how many
    mails are pending, sent, given up; and the ones given up."""
    abandon = EnvoiCourriel.abandonne_le
    lignes = db.execute(select(Courriel, abandon, EnvoiCourriel.refus_definitifs)
                        .outerjoin(EnvoiCourriel, EnvoiCourriel.courriel_id == Courriel.id)
                        .where(Courriel.envoye_le.is_(None), abandon.is_not(None))
                        .order_by(Courriel.id)).all()
    envoyes = db.execute(select(func.count()).select_from(Courriel)
                         .where(Courriel.envoye_le.is_not(None))).scalar_one()
    tous = db.execute(select(func.count()).select_from(Courriel)).scalar_one()
    return {
        "en_attente": tous - envoyes - len(lignes), "envoyes": envoyes, "abandonnes": len(lignes),
        "courriels_abandonnes": [{
            "message_id": c.message_id, "destinataire": c.destinataire, "sujet": c.sujet,
            "tentatives": c.tentatives, "refus_definitifs": refus, "derniere_erreur": c.derniere_erreur,
            "abandonne_le": horloge.iso(le)} for c, le, refus in lignes],
    }


class Facteur:
    """Sends the outbox over SMTP, in order, one mail at a time; when the
    server cannot be reached it stops the round and tries again later."""

    def __init__(self, fabrique: sessionmaker, hote: str, port: int, expediteur: str,
                 intervalle: float = 0.5):
        self.fabrique = fabrique
        self.hote, self.port, self.expediteur = hote, port, expediteur
        self.intervalle = intervalle
        self._arret = threading.Event()
        self._fil: threading.Thread | None = None
        self._en_panne = False
        self._attente = intervalle
        self._tournees = 0

    def _message(self, courriel: Courriel) -> EmailMessage:
        msg = EmailMessage()
        msg["From"] = Address("ASP - Activité Partielle", addr_spec=self.expediteur)
        msg["To"] = courriel.destinataire
        msg["Subject"] = courriel.sujet
        msg["Message-ID"] = courriel.message_id
        msg["Date"] = format_datetime(courriel.cree_le.replace(tzinfo=timezone.utc))
        msg.set_content(courriel.corps)
        return msg

    # --- the claim ---------------------------------------------------------------------------
    def _reserver(self, db: Session, courriel_id: int) -> bool:
        """Claim a mail for this worker (committed before it is sent); False
        if another worker holds it, or it was sent or given up meanwhile."""
        maintenant = horloge.maintenant(db)
        libre = or_(EnvoiCourriel.reserve_jusqua.is_(None), EnvoiCourriel.reserve_jusqua < maintenant)
        pris = lignes_modifiees(db, update(EnvoiCourriel).where(
                      EnvoiCourriel.courriel_id == courriel_id, libre, EnvoiCourriel.abandonne_le.is_(None))
                      .values(reserve_jusqua=maintenant + BAIL))
        if not pris:
            if db.get(EnvoiCourriel, courriel_id) is not None:
                db.rollback()
                return False
            db.add(EnvoiCourriel(courriel_id=courriel_id, reserve_jusqua=maintenant + BAIL, refus_definitifs=0))
        try:
            db.commit()
        except IntegrityError as erreur:
            db.rollback()
            if not doublon(erreur):  # a broken row is a bug: the round stops and logs it
                raise
            return False  # another worker created the claim first
        return db.scalar(select(Courriel.envoye_le).where(Courriel.id == courriel_id)) is None

    def _liberer(self, db: Session, courriel_id: int, **valeurs) -> None:
        db.execute(update(EnvoiCourriel).where(EnvoiCourriel.courriel_id == courriel_id)
                   .values(reserve_jusqua=None, **valeurs))

    def _noter_envoi(self, db: Session, courriel: Courriel) -> None:
        db.execute(update(Courriel).where(Courriel.id == courriel.id)
                   .values(envoye_le=horloge.maintenant(db), tentatives=Courriel.tentatives + 1,
                           corps=CORPS_EFFACE))
        self._liberer(db, courriel.id)
        db.commit()

    def _noter_refus(self, db: Session, courriel: Courriel, refus: Exception) -> None:
        """A refusal of this mail by the server: tried again later, and given
        up after REFUS_MAXIMUM permanent refusals."""
        db.execute(update(Courriel).where(Courriel.id == courriel.id)
                   .values(tentatives=Courriel.tentatives + 1, derniere_erreur=str(refus)[:300]))
        envoi = db.get_one(EnvoiCourriel, courriel.id)  # claimed before sending
        definitif = _definitif(refus)
        refus_definitifs = envoi.refus_definitifs + (1 if definitif else 0)
        maintenant = horloge.maintenant(db)
        if definitif and refus_definitifs >= REFUS_MAXIMUM:
            self._liberer(db, courriel.id, refus_definitifs=refus_definitifs, abandonne_le=maintenant)
            log.error("courriel abandonné id=%s message_id=%s à=%s après %s refus définitifs : %s",
                      courriel.id, courriel.message_id, courriel.destinataire, refus_definitifs, refus)
        else:
            self._liberer(db, courriel.id, refus_definitifs=refus_definitifs,
                          prochain_essai=maintenant + _attente_apres_refus(courriel.tentatives + 1))
            log.warning("courriel refusé (%s) id=%s à=%s : %s", "définitif" if definitif else "temporaire",
                        courriel.id, courriel.destinataire, refus)
        db.commit()

    def _a_envoyer(self, db: Session) -> list[Courriel]:
        maintenant = horloge.maintenant(db)
        return list(db.scalars(
            select(Courriel).outerjoin(EnvoiCourriel, EnvoiCourriel.courriel_id == Courriel.id)
            .where(Courriel.envoye_le.is_(None), EnvoiCourriel.abandonne_le.is_(None),
                   or_(EnvoiCourriel.prochain_essai.is_(None), EnvoiCourriel.prochain_essai <= maintenant),
                   or_(EnvoiCourriel.reserve_jusqua.is_(None), EnvoiCourriel.reserve_jusqua < maintenant))
            .order_by(Courriel.id).limit(200)))

    def tournee(self) -> int:
        """Send every pending mail, oldest first; returns how many were sent.
        A mail the server refuses waits for its next try without holding up
        the others; a server that cannot be reached ends the round."""
        envoyes = 0
        self._tournees += 1
        with self.fabrique() as db:
            if self._tournees % 120 == 1:
                menage(db)
            en_attente = self._a_envoyer(db)
            if not en_attente:
                return 0
            courant, reserve = en_attente[0], None
            try:
                with smtplib.SMTP(self.hote, self.port, timeout=10) as smtp:
                    for courant in en_attente:
                        if not self._reserver(db, courant.id):
                            continue
                        reserve = courant.id
                        try:
                            smtp.send_message(self._message(courant))
                        except (smtplib.SMTPRecipientsRefused, smtplib.SMTPResponseException) as refus:
                            self._noter_refus(db, courant, refus)
                            reserve = None
                            continue
                        self._noter_envoi(db, courant)  # right after the server's acceptance
                        reserve = None
                        envoyes += 1
                        log.info("courriel envoyé id=%s message_id=%s à=%s sujet=%s",
                                 courant.id, courant.message_id, courant.destinataire, courant.sujet)
                if self._en_panne:
                    log.info("serveur SMTP %s:%s de nouveau joignable", self.hote, self.port)
                    self._en_panne = False
                self._attente = self.intervalle
            except (OSError, smtplib.SMTPException) as erreur:
                db.rollback()
                db.execute(update(Courriel).where(Courriel.id == courant.id)
                           .values(tentatives=Courriel.tentatives + 1, derniere_erreur=str(erreur)[:300]))
                if reserve is not None:  # not known to be sent: sent again (at least once)
                    self._liberer(db, reserve)
                db.commit()
                if not self._en_panne:
                    log.warning("serveur SMTP %s:%s injoignable (%s) : nouvel essai dans %ss au plus",
                                self.hote, self.port, erreur, ATTENTE_MAXIMALE_PANNE)
                    self._en_panne = True
                self._attente = min(self._attente * 2, ATTENTE_MAXIMALE_PANNE)
        return envoyes

    def _boucle(self) -> None:
        while not self._arret.is_set():
            try:
                self.tournee()
            except Exception:  # the database itself failed: log and go on
                log.exception("tournée du facteur interrompue")
            self._arret.wait(self._attente)

    def demarrer(self) -> None:
        if self._fil is None:
            self._fil = threading.Thread(target=self._boucle, name="facteur", daemon=True)
            self._fil.start()

    def arreter(self) -> None:
        self._arret.set()
        if self._fil is not None:
            self._fil.join(timeout=15)


# --- Housekeeping -------------------------------------------------------------------------------

#: A logged-in session unused this long (simulator clock) is over. Longer
#: than the longest wait of the procedure's scenarios (the UD's 15 days).
INACTIVITE_CONNECTE = timedelta(days=31)
#: An anonymous session (a form's CSRF token, a step of a procedure) unused this long is purged.
INACTIVITE_ANONYME = timedelta(days=1)
#: Sent mails (their body already redacted) are deleted after this.
CONSERVATION_ENVOYES = timedelta(days=30)


def limite_d_inactivite(maintenant: datetime, connecte: bool) -> datetime:
    return maintenant - (INACTIVITE_CONNECTE if connecte else INACTIVITE_ANONYME)


def menage(db: Session) -> None:
    """What a real service does now and then: expired sessions (and sessions
    with no activity recorded) deleted, old sent mails deleted."""
    maintenant = horloge.maintenant(db)
    perimees = select(ActiviteSession.session_id).where(or_(
        and_(ActiviteSession.connecte.is_(True), ActiviteSession.vu_le < limite_d_inactivite(maintenant, True)),
        and_(ActiviteSession.connecte.is_(False), ActiviteSession.vu_le < limite_d_inactivite(maintenant, False))))
    db.execute(delete(SessionWeb).where(or_(SessionWeb.id.in_(perimees),
                                            SessionWeb.id.not_in(select(ActiviteSession.session_id)))))
    db.execute(delete(ActiviteSession).where(ActiviteSession.session_id.not_in(select(SessionWeb.id))))
    anciens = select(Courriel.id).where(Courriel.envoye_le < maintenant - CONSERVATION_ENVOYES)
    db.execute(delete(EnvoiCourriel).where(EnvoiCourriel.courriel_id.in_(anciens)))
    db.execute(delete(Courriel).where(Courriel.id.in_(anciens)))
    db.commit()
