"""Server-side web sessions: the cookie holds only a random id, the data is in
the `session_web` table. This lets the id rotate at login (`renouveler()`)
and lets POST /_sim/reset end every session. A session unused for too long
(simulator clock; courriels.INACTIVITE_*) is over: it is refused when it
comes back, and purged by the mail worker's housekeeping (courriels.menage)."""
import secrets

from flask.json.tag import TaggedJSONSerializer
from flask.sessions import SessionInterface, SessionMixin
from sqlalchemy import delete, update
from werkzeug.datastructures import CallbackDict

from . import horloge
from .courriels import limite_d_inactivite
from .db import base, lignes_modifiees
from .models import ActiviteSession, SessionWeb

#: The last use of a session is written at most this often (seconds of the simulator clock).
PRECISION_ACTIVITE = 60


class SessionServeur(CallbackDict, SessionMixin):
    def __init__(self, donnees=None, sid: str | None = None):
        def modifiee(_self):
            _self.modified = True
        super().__init__(donnees, modifiee)
        self.sid = sid
        self.modified = False
        self.a_renouveler = False

    def renouveler(self) -> None:
        """Give the session a new id at the end of this request (login, logout)."""
        self.a_renouveler = True
        self.modified = True


class InterfaceSessionServeur(SessionInterface):
    serializer = TaggedJSONSerializer()

    def open_session(self, app, request) -> SessionServeur:
        sid = request.cookies.get(self.get_cookie_name(app))
        if sid:
            with base(app).fabrique() as db:
                ligne = db.get(SessionWeb, sid)
                activite = db.get(ActiviteSession, sid)
                if ligne is not None:
                    maintenant = horloge.maintenant(db)
                    if activite is None or activite.vu_le < limite_d_inactivite(maintenant, activite.connecte):
                        db.execute(delete(SessionWeb).where(SessionWeb.id == sid))
                        db.execute(delete(ActiviteSession).where(ActiviteSession.session_id == sid))
                        db.commit()
                        return SessionServeur()
                    if (maintenant - activite.vu_le).total_seconds() > PRECISION_ACTIVITE:
                        activite.vu_le = maintenant
                        db.commit()
                    return SessionServeur(self.serializer.loads(ligne.donnees), sid)
        return SessionServeur()

    def save_session(self, app, session: SessionMixin, response) -> None:
        assert isinstance(session, SessionServeur), "open_session makes every session"
        if not session.modified:
            return
        nom = self.get_cookie_name(app)
        with base(app).fabrique() as db:
            if session.sid and (session.a_renouveler or not session):
                db.execute(delete(SessionWeb).where(SessionWeb.id == session.sid))
                db.execute(delete(ActiviteSession).where(ActiviteSession.session_id == session.sid))
                session.sid = None
            if not session:
                db.commit()
                response.delete_cookie(nom, path=self.get_cookie_path(app),
                                       domain=self.get_cookie_domain(app))
                return
            donnees = self.serializer.dumps(dict(session))
            mis_a_jour = 0
            if session.sid:
                mis_a_jour = lignes_modifiees(db, update(SessionWeb).where(SessionWeb.id == session.sid)
                                                  .values(donnees=donnees))
            if not mis_a_jour:  # new, rotated, or deleted by a reset meanwhile
                session.sid = session.sid or secrets.token_urlsafe(32)
                db.add(SessionWeb(id=session.sid, donnees=donnees))
            maintenant, connecte = horloge.maintenant(db), session.get("compte_id") is not None
            activite = db.get(ActiviteSession, session.sid)
            if activite is None:
                db.add(ActiviteSession(session_id=session.sid, vu_le=maintenant, connecte=connecte))
            else:
                activite.vu_le, activite.connecte = maintenant, connecte
            db.commit()
        response.set_cookie(nom, session.sid, httponly=self.get_cookie_httponly(app),
                            samesite=self.get_cookie_samesite(app),
                            secure=self.get_cookie_secure(app),
                            path=self.get_cookie_path(app), domain=self.get_cookie_domain(app))
        response.vary.add("Cookie")
