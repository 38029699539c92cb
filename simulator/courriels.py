"""Mail (SIM-02): an outbox table written in the same transaction as the change
that causes the mail, and a worker thread (the "facteur") that sends it over
real SMTP and retries while the server is down. A mail is marked sent right
after the SMTP server accepts it, so nothing is lost and nothing sent twice
(by the one worker of a process)."""
import logging
import smtplib
import threading
import uuid
from datetime import timezone
from email.headerregistry import Address
from email.message import EmailMessage
from email.utils import format_datetime

from sqlalchemy import select, update
from sqlalchemy.orm import Session, sessionmaker

from . import horloge
from . import messages as m
from .models import Compte, Courriel, Etablissement

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

    def _message(self, courriel: Courriel) -> EmailMessage:
        msg = EmailMessage()
        msg["From"] = Address("ASP - Activité Partielle", addr_spec=self.expediteur)
        msg["To"] = courriel.destinataire
        msg["Subject"] = courriel.sujet
        msg["Message-ID"] = courriel.message_id
        msg["Date"] = format_datetime(courriel.cree_le.replace(tzinfo=timezone.utc))
        msg.set_content(courriel.corps)
        return msg

    def _noter_echec(self, db: Session, courriel_id: int, erreur: Exception) -> None:
        db.execute(update(Courriel).where(Courriel.id == courriel_id)
                   .values(tentatives=Courriel.tentatives + 1, derniere_erreur=str(erreur)[:300]))
        db.commit()

    def tournee(self) -> int:
        """Send every pending mail, oldest first; returns how many were sent.
        A mail the server refuses stays pending (tried again next round) without
        holding up the others; a server that cannot be reached ends the round."""
        envoyes = 0
        with self.fabrique() as db:
            en_attente = db.scalars(select(Courriel).where(Courriel.envoye_le.is_(None))
                                    .order_by(Courriel.id)).all()
            if not en_attente:
                return 0
            courant = en_attente[0]
            try:
                with smtplib.SMTP(self.hote, self.port, timeout=10) as smtp:
                    for courant in en_attente:
                        try:
                            smtp.send_message(self._message(courant))
                        except (smtplib.SMTPRecipientsRefused, smtplib.SMTPResponseException) as refus:
                            log.warning("courriel refusé id=%s à=%s : %s", courant.id,
                                        courant.destinataire, refus)
                            self._noter_echec(db, courant.id, refus)
                            continue
                        db.execute(update(Courriel).where(Courriel.id == courant.id)
                                   .values(envoye_le=horloge.maintenant(db),
                                           tentatives=Courriel.tentatives + 1))
                        db.commit()
                        envoyes += 1
                        log.info("courriel envoyé id=%s à=%s sujet=%s",
                                 courant.id, courant.destinataire, courant.sujet)
                if self._en_panne:
                    log.info("serveur SMTP %s:%s de nouveau joignable", self.hote, self.port)
                    self._en_panne = False
            except (OSError, smtplib.SMTPException) as erreur:
                db.rollback()
                self._noter_echec(db, courant.id, erreur)
                if not self._en_panne:
                    log.warning("serveur SMTP %s:%s injoignable (%s) : nouvel essai toutes les %ss",
                                self.hote, self.port, erreur, self.intervalle)
                    self._en_panne = True
        return envoyes

    def _boucle(self) -> None:
        while not self._arret.is_set():
            try:
                self.tournee()
            except Exception:  # the database itself failed: log and go on
                log.exception("tournée du facteur interrompue")
            self._arret.wait(self.intervalle)

    def demarrer(self) -> None:
        if self._fil is None:
            self._fil = threading.Thread(target=self._boucle, name="facteur", daemon=True)
            self._fil.start()

    def arreter(self) -> None:
        self._arret.set()
        if self._fil is not None:
            self._fil.join(timeout=15)
