"""The simulator's one clock (SIM-01): wall clock plus an offset kept in the
database, so that it survives a restart and every thread and process sharing
the database reads the same time. Nothing else in the simulator reads the time.
"""
from datetime import datetime, timedelta, timezone

from sqlalchemy import select, update
from sqlalchemy.orm import Session

from .db import lignes_modifiees
from .models import Horloge


def _horloge_murale() -> datetime:
    return datetime.now(timezone.utc).replace(tzinfo=None)


def decalage(db: Session) -> int:
    return db.scalar(select(Horloge.decalage_secondes).where(Horloge.id == 1)) or 0


def maintenant(db: Session) -> datetime:
    """The simulator's time, naive UTC (as stored in the database)."""
    return _horloge_murale() + timedelta(seconds=decalage(db))


#: The furthest the clock may be moved forward, in all: 50 years (every date
#: the simulator computes stays far inside what Python and the database hold).
DECALAGE_MAXIMUM = 50 * 366 * 24 * 3600


def avancer(db: Session, secondes: int) -> bool:
    """Move the clock forward (atomic, so concurrent calls add up). False, and
    nothing changed, when the offset would pass DECALAGE_MAXIMUM."""
    if not 0 <= secondes <= DECALAGE_MAXIMUM:
        return False
    change = lignes_modifiees(db, update(Horloge).where(Horloge.id == 1,
                                                        Horloge.decalage_secondes + secondes <= DECALAGE_MAXIMUM)
                                  .values(decalage_secondes=Horloge.decalage_secondes + secondes))
    db.commit()
    return bool(change)


def remettre_a_zero(db: Session) -> None:
    db.execute(update(Horloge).where(Horloge.id == 1).values(decalage_secondes=0))


def iso(instant: datetime) -> str:
    """ISO-8601 with the UTC offset, as the control interface shows it."""
    return instant.replace(tzinfo=timezone.utc).isoformat()
