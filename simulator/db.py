"""Database plumbing: one engine per app, a scoped session per request thread.

SQLite (the default) runs in WAL mode with a busy timeout so that waitress's
threads can write concurrently; any other SQLAlchemy URL (PostgreSQL) works.
"""
from flask import current_app
from sqlalchemy import create_engine, event, insert, select
from sqlalchemy.engine import CursorResult, Engine
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session, scoped_session, sessionmaker
from sqlalchemy.sql import Executable

from .models import Base, Horloge


def lignes_modifiees(session: Session, requete: Executable) -> int:
    """Run an UPDATE or a DELETE; how many rows it changed. (Session.execute
    is typed as returning a Result; for these it is a CursorResult.)"""
    resultat = session.execute(requete)
    assert isinstance(resultat, CursorResult)
    return resultat.rowcount


def doublon(erreur: IntegrityError) -> bool:
    """Whether a write failed on a unique value another write took first (an
    identifier, a SIRET), as opposed to a broken row (NOT NULL, foreign key:
    a bug, which must not read as « already taken »). SQLite and PostgreSQL."""
    origine = erreur.orig
    return (getattr(origine, "sqlite_errorname", None) in ("SQLITE_CONSTRAINT_UNIQUE", "SQLITE_CONSTRAINT_PRIMARYKEY")
            or getattr(origine, "pgcode", None) == "23505")


def creer_engine(url: str) -> Engine:
    if url.startswith("sqlite"):
        engine = create_engine(url, connect_args={"timeout": 30, "check_same_thread": False})

        @event.listens_for(engine, "connect")
        def _pragmas(connexion_dbapi, _record):
            curseur = connexion_dbapi.cursor()
            curseur.execute("PRAGMA journal_mode=WAL")
            curseur.execute("PRAGMA busy_timeout=30000")
            curseur.execute("PRAGMA foreign_keys=ON")
            curseur.close()
        return engine
    return create_engine(url, pool_pre_ping=True)


def initialiser(engine: Engine) -> None:
    """Create the tables and the clock row if missing (no migrations)."""
    Base.metadata.create_all(engine)
    with Session(engine) as db:
        if db.scalar(select(Horloge.id).where(Horloge.id == 1)) is None:
            try:
                db.execute(insert(Horloge).values(id=1, decalage_secondes=0))
                db.commit()
            except IntegrityError as erreur:
                db.rollback()
                if not doublon(erreur):  # anything but « another process created it meanwhile »
                    raise


class BaseDeDonnees:
    """What the app keeps in app.extensions["simulateur.db"]."""

    def __init__(self, url: str):
        self.engine = creer_engine(url)
        initialiser(self.engine)
        self.fabrique = sessionmaker(self.engine)
        self.session_requete = scoped_session(self.fabrique)


def base(app=None) -> BaseDeDonnees:
    return (app or current_app).extensions["simulateur.db"]


def db() -> Session:
    """The current request's session (removed at the end of the request)."""
    return base().session_requete()
