"""The security code (captcha) of the SIRET page (ENR-02, ENR-03): a real image
made by the `captcha` package; one code per display, single use, expiring."""
import secrets
import threading
from datetime import timedelta
from functools import lru_cache

from captcha.image import ImageCaptcha
from sqlalchemy import delete, select
from sqlalchemy.orm import Session

from . import horloge
from .models import CodeSecurite

ALPHABET = "abcdefghjkmnpqrstuvwxyz23456789"  # lowercase + digits, like "z42hnu", minus look-alikes
LONGUEUR = 6
DUREE_DE_VIE = timedelta(minutes=10)


_verrou_image = threading.Lock()  # ImageCaptcha caches its fonts lazily: one drawing at a time


@lru_cache(maxsize=1)
def _generateur() -> ImageCaptcha:
    return ImageCaptcha(width=180, height=60)


def nouveau(db: Session) -> str:
    """Create a code for one display; returns its id (the image URL's <id>).
    Expired codes are purged on the way."""
    maintenant = horloge.maintenant(db)
    db.execute(delete(CodeSecurite).where(CodeSecurite.cree_le < maintenant - DUREE_DE_VIE))
    code_id = secrets.token_urlsafe(16)
    code = "".join(secrets.choice(ALPHABET) for _ in range(LONGUEUR))
    db.add(CodeSecurite(id=code_id, code=code, cree_le=maintenant))
    db.commit()
    return code_id


def lire(db: Session, code_id: str) -> str | None:
    """The code's text while it is valid (unknown, used or expired: None)."""
    ligne = db.execute(select(CodeSecurite.code, CodeSecurite.cree_le)
                       .where(CodeSecurite.id == code_id)).first()
    if ligne is None or horloge.maintenant(db) >= ligne.cree_le + DUREE_DE_VIE:
        return None
    return ligne.code


def consommer(db: Session, code_id: str, saisie: str) -> bool:
    """ENR-02: is the typed text the code? The code is used up either way
    (atomic DELETE … RETURNING: two submits cannot both use it)."""
    maintenant = horloge.maintenant(db)
    ligne = db.execute(delete(CodeSecurite).where(CodeSecurite.id == code_id)
                       .returning(CodeSecurite.code, CodeSecurite.cree_le)).first()
    db.commit()
    if ligne is None or maintenant >= ligne.cree_le + DUREE_DE_VIE:
        return False
    return saisie.strip().lower() == ligne.code


def image_png(code: str) -> bytes:
    with _verrou_image:
        return _generateur().generate(code, format="png").getvalue()
