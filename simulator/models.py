"""Tables of the simulator (SQLAlchemy 2.0 declarative)."""
from datetime import date, datetime

from sqlalchemy import Boolean, Date, DateTime, ForeignKey, Integer, String, Text, UniqueConstraint
from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column, relationship

from .regles import prenom_nom


class Base(DeclarativeBase):
    pass


class Horloge(Base):
    """One row (id 1): the offset of the simulator clock (SIM-01)."""
    __tablename__ = "horloge"
    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    decalage_secondes: Mapped[int] = mapped_column(Integer, default=0)


class Compte(Base):
    """A login identity: an establishment's user, an agent (UD/DIRECCTE/DGEFP),
    or an identity of another ASP extranet (ACC-11) that Activité Partielle shares."""
    __tablename__ = "compte"
    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    identifiant: Mapped[str] = mapped_column(String(64), unique=True)
    mot_de_passe_hash: Mapped[str] = mapped_column(String(255))
    profil: Mapped[str] = mapped_column(String(20))  # Etablissement, UD, DIRECCTE, DGEFP
    nom: Mapped[str] = mapped_column(String(50))
    prenom: Mapped[str] = mapped_column(String(50))
    courriel: Mapped[str] = mapped_column(String(100), index=True)
    telephone: Mapped[str | None] = mapped_column(String(20))
    question_secrete: Mapped[str | None] = mapped_column(String(100))
    reponse_secrete_hash: Mapped[str | None] = mapped_column(String(255))
    # PWD-01, RST-05: the next login must change the password first
    changement_requis: Mapped[bool] = mapped_column(Boolean, default=True)
    # LCK-01..05: successive wrong passwords and the end of the lockout
    echecs: Mapped[int] = mapped_column(Integer, default=0)
    verrouille_jusqua: Mapped[datetime | None] = mapped_column(DateTime)
    # RST-06: None while the account has never logged in successfully
    derniere_connexion: Mapped[datetime | None] = mapped_column(DateTime)
    # ACC-11: the ASP extranet that created the identity, and its SIRET there
    application: Mapped[str] = mapped_column(String(40), default="Activité Partielle")
    siret_asp: Mapped[str | None] = mapped_column(String(14), unique=True)
    habilite_ap: Mapped[bool] = mapped_column(Boolean, default=True)
    cree_le: Mapped[datetime] = mapped_column(DateTime)

    etablissements: Mapped[list["Etablissement"]] = relationship(back_populates="compte_principal")

    @property
    def prenom_nom(self) -> str:
        """OUT-01: "prenom.nom" shown at the top right of every logged-in page."""
        return prenom_nom(self.prenom, self.nom)


class Etablissement(Base):
    """An establishment (one per SIRET, ENR-05/ENR-07) and its contact (ACC-08)."""
    __tablename__ = "etablissement"
    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    siret: Mapped[str] = mapped_column(String(14), unique=True)
    denomination: Mapped[str] = mapped_column(String(100))
    numero_voie: Mapped[str | None] = mapped_column(String(10))
    extension_voie: Mapped[str | None] = mapped_column(String(10))
    libelle_voie: Mapped[str] = mapped_column(String(28))
    type_voie: Mapped[str | None] = mapped_column(String(30))
    complement_adresse: Mapped[str | None] = mapped_column(String(38))
    code_postal: Mapped[str] = mapped_column(String(5))
    ville: Mapped[str] = mapped_column(String(100))
    courriel: Mapped[str] = mapped_column(String(100))
    telephone: Mapped[str] = mapped_column(String(20))
    fax: Mapped[str | None] = mapped_column(String(20))
    # ACC-08: "Compte principal utilisateur (Personne à contacter)"
    compte_principal_id: Mapped[int] = mapped_column(ForeignKey("compte.id"))
    cree_le: Mapped[datetime] = mapped_column(DateTime)

    compte_principal: Mapped[Compte] = relationship(back_populates="etablissements")


class ActiviteSession(Base):
    """When a web session was last used (simulator clock), and whether it
    holds a logged-in account: expired sessions are purged (a table of its
    own, so that an existing `session_web` table needs no migration)."""
    __tablename__ = "activite_session"
    session_id: Mapped[str] = mapped_column(String(64), primary_key=True)
    vu_le: Mapped[datetime] = mapped_column(DateTime, index=True)
    connecte: Mapped[bool] = mapped_column(Boolean, default=False)


class CodeSecurite(Base):
    """A captcha code (ENR-02/ENR-03): one per display, single use, expiring."""
    __tablename__ = "code_securite"
    id: Mapped[str] = mapped_column(String(32), primary_key=True)
    code: Mapped[str] = mapped_column(String(8))
    cree_le: Mapped[datetime] = mapped_column(DateTime)


class Courriel(Base):
    """The mail outbox (SIM-02): written in the transaction of the change that
    causes the mail, sent later by the mail worker, retried until sent."""
    __tablename__ = "courriel"
    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    message_id: Mapped[str] = mapped_column(String(120), unique=True)
    destinataire: Mapped[str] = mapped_column(String(100))
    sujet: Mapped[str] = mapped_column(String(200))
    corps: Mapped[str] = mapped_column(Text)
    cree_le: Mapped[datetime] = mapped_column(DateTime)
    envoye_le: Mapped[datetime | None] = mapped_column(DateTime, index=True)
    tentatives: Mapped[int] = mapped_column(Integer, default=0)
    derniere_erreur: Mapped[str | None] = mapped_column(String(300))


class EnvoiCourriel(Base):
    """How the sending of one mail of the outbox goes (a table of its own, so
    that an existing `courriel` table needs no migration): the claim of the
    worker sending it, the permanent refusals (SMTP 5xx), the next try after
    a refusal, and the end when the mail is given up."""
    __tablename__ = "envoi_courriel"
    courriel_id: Mapped[int] = mapped_column(ForeignKey("courriel.id"), primary_key=True)
    reserve_jusqua: Mapped[datetime | None] = mapped_column(DateTime)
    refus_definitifs: Mapped[int] = mapped_column(Integer, default=0)
    prochain_essai: Mapped[datetime | None] = mapped_column(DateTime)
    abandonne_le: Mapped[datetime | None] = mapped_column(DateTime, index=True)


class SessionWeb(Base):
    """Server-side web sessions (so that the id rotates at login and
    POST /_sim/reset ends every session)."""
    __tablename__ = "session_web"
    id: Mapped[str] = mapped_column(String(64), primary_key=True)
    donnees: Mapped[str] = mapped_column(Text)


# --- The procedure the accounts serve (PROC-01..05, ACC-08) ---------------------------------
# New tables only (no column added to the tables above): `create_all` adds
# them to an existing database without a migration.

class UtilisateurEtablissement(Base):
    """ACC-08: a further user of an establishment, requested by its referent
    person; also the former referent once another person is designated."""
    __tablename__ = "utilisateur_etablissement"
    __table_args__ = (UniqueConstraint("compte_id", "etablissement_id"),)
    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    compte_id: Mapped[int] = mapped_column(ForeignKey("compte.id"), index=True)
    etablissement_id: Mapped[int] = mapped_column(ForeignKey("etablissement.id"), index=True)
    cree_le: Mapped[datetime] = mapped_column(DateTime)

    compte: Mapped[Compte] = relationship()
    etablissement: Mapped[Etablissement] = relationship()


class AffectationAgent(Base):
    """PROC-01/02: the département whose UD an agent belongs to (an agent
    without one sees no request)."""
    __tablename__ = "affectation_agent"
    compte_id: Mapped[int] = mapped_column(ForeignKey("compte.id"), primary_key=True)
    departement: Mapped[str] = mapped_column(String(3), index=True)


class _Demande:
    """What both demandes hold (PROC-01, PROC-03): the period, employees and
    hours asked for, their author, their statut, and their signature (PROC-05:
    signed and sent)."""
    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    auteur_id: Mapped[int] = mapped_column(ForeignKey("compte.id"))
    date_debut: Mapped[date] = mapped_column(Date)
    date_fin: Mapped[date] = mapped_column(Date)
    salaries: Mapped[int] = mapped_column(Integer)
    heures: Mapped[int] = mapped_column(Integer)
    statut: Mapped[str] = mapped_column(String(20), index=True)
    cree_le: Mapped[datetime] = mapped_column(DateTime)
    modifie_le: Mapped[datetime] = mapped_column(DateTime)
    signataire_id: Mapped[int | None] = mapped_column(ForeignKey("compte.id"))
    depose_le: Mapped[datetime | None] = mapped_column(DateTime)


class DemandeAutorisation(_Demande, Base):
    """PROC-01: a "demande d'autorisation préalable", from its entry (statut
    "brouillon") to the UD's decision (PROC-02)."""
    __tablename__ = "demande_autorisation"
    etablissement_id: Mapped[int] = mapped_column(ForeignKey("etablissement.id"), index=True)
    motif: Mapped[str] = mapped_column(String(120))
    # statut: brouillon, deposee, autorisee, refusee, reputee_autorisee
    # PROC-01: filed to the UD of this département
    departement: Mapped[str | None] = mapped_column(String(3), index=True)
    # PROC-02: filing + 15 days; the decision, or none (deemed authorised)
    date_limite: Mapped[datetime | None] = mapped_column(DateTime, index=True)
    decide_le: Mapped[datetime | None] = mapped_column(DateTime)
    decideur_id: Mapped[int | None] = mapped_column(ForeignKey("compte.id"))
    motif_refus: Mapped[str | None] = mapped_column(Text)

    etablissement: Mapped[Etablissement] = relationship()
    indemnisations: Mapped[list["DemandeIndemnisation"]] = relationship(
        back_populates="demande", order_by="DemandeIndemnisation.id")


class DemandeIndemnisation(_Demande, Base):
    """PROC-03: a "demande d'indemnisation" under an authorised request,
    instructed by the UD and put into payment by the ASP."""
    __tablename__ = "demande_indemnisation"
    demande_id: Mapped[int] = mapped_column(ForeignKey("demande_autorisation.id"), index=True)
    # statut: brouillon, deposee, invalidee, mise_en_paiement
    instruite_le: Mapped[datetime | None] = mapped_column(DateTime)
    instructeur_id: Mapped[int | None] = mapped_column(ForeignKey("compte.id"))
    motif_invalidation: Mapped[str | None] = mapped_column(Text)
    mise_en_paiement_le: Mapped[datetime | None] = mapped_column(DateTime)

    demande: Mapped[DemandeAutorisation] = relationship(back_populates="indemnisations")
