"""The mailbox of a person, as they read it: the ASP's mails (ACC-10, UD-01,
RST-04, IDR-03) and the credentials they hold between brackets (ACC-12).

Not a browser page: a thin reader over the ``mailpit`` client of the harness
(harness/mailpit.py), so that steps say « il reçoit son identifiant » and
never touch the mail API."""
from __future__ import annotations

import re
import time
from dataclasses import dataclass

SUJET_IDENTIFIANT = "Activité Partielle - Votre identifiant de connexion"
SUJET_MOT_DE_PASSE = "Activité Partielle - Votre mot de passe de connexion"
SUJET_HABILITATION = "Activité Partielle - Confirmation de votre habilitation"
SUJET_NOUVEAU_MOT_DE_PASSE = "Activité Partielle - Votre nouveau mot de passe"

#: The three mails of an account creation (ACC-10) or of an agent (UD-01).
SUJETS_CREATION = (SUJET_IDENTIFIANT, SUJET_MOT_DE_PASSE, SUJET_HABILITATION)

IDENTIFIANT = re.compile(r"Identifiant\s*:\s*\[([^\]\s]+)\]")
MOT_DE_PASSE = re.compile(r"[Mm]ot de passe\s*:\s*\[([^\]]+)\]")


class CourrielIllisible(AssertionError):
    pass


@dataclass
class BoiteAuxLettres:
    mailpit: object  # harness.mailpit.Mailpit
    delai: float = 30.0

    def attendre(self, adresse: str, sujet: str, rang: int = 1):
        """The ``rang``-th mail with that subject to that address (waits)."""
        return self.mailpit.wait_for(to=adresse, subject=sujet, timeout=self.delai, count=rang)

    def sujets(self, adresse: str) -> list[str]:
        return [m.subject for m in self.mailpit.messages(adresse)]

    def nombre(self, adresse: str, sujet: str | None = None) -> int:
        return len(self.mailpit.messages(adresse, sujet))

    def aucun(self, adresse: str, sujet: str, deja: int = 0, delai: float = 3.0) -> bool:
        """True if no more than ``deja`` mails with that subject reached the
        address, after giving a late one ``delai`` seconds to arrive."""
        limite = time.monotonic() + delai
        while time.monotonic() < limite:
            if self.nombre(adresse, sujet) > deja:
                return False
            time.sleep(0.25)
        return self.nombre(adresse, sujet) <= deja

    @staticmethod
    def _extraire(motif: re.Pattern, message, quoi: str) -> str:
        m = motif.search(message.text or "")
        if not m:
            raise CourrielIllisible(f"{quoi} entre crochets introuvable dans « {message.subject} » :\n{message.text}")
        return m.group(1)

    def identifiant(self, adresse: str, rang: int = 1) -> str:
        """ACC-10 / IDR-03: the identifier, read between the brackets."""
        return self._extraire(IDENTIFIANT, self.attendre(adresse, SUJET_IDENTIFIANT, rang), "identifiant")

    def mot_de_passe(self, adresse: str, rang: int = 1) -> str:
        return self._extraire(MOT_DE_PASSE, self.attendre(adresse, SUJET_MOT_DE_PASSE, rang), "mot de passe")

    def nouveau_mot_de_passe(self, adresse: str, rang: int = 1) -> str:
        """RST-04: the new password, read between the brackets."""
        return self._extraire(MOT_DE_PASSE, self.attendre(adresse, SUJET_NOUVEAU_MOT_DE_PASSE, rang),
                              "nouveau mot de passe")
