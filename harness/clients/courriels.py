"""A person's mailbox, read as they read it: the mails that reached their
address, and the values a mail gives between brackets (« Identifiant :
[jdupont1] »).

A thin reader over the harness's Mailpit client (harness/mailpit.py). It
knows no subject and no wording of the site: the caller (an actor's task,
with the guide's texts of pages/textes.py) says which mail and which words.
"""
from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass

from harness.attente import attendre_sans_echec
from harness.mailpit import Mailpit


class CourrielIllisible(AssertionError):
    """The mail arrived but does not hold what was looked for."""


def entre_crochets(texte: str, libelle: str) -> str | None:
    """The value written ``<libelle> : [value]`` in ``texte`` (the first letter
    of ``libelle`` in either case), or None."""
    tete = re.escape(libelle[:1].lower()) + "|" + re.escape(libelle[:1].upper())
    motif = re.compile(rf"(?:{tete}){re.escape(libelle[1:])}\s*:\s*\[([^\]]+)\]")
    m = motif.search(texte or "")
    return m.group(1) if m else None


@dataclass
class BoiteAuxLettres:
    """The mail of the target, one address at a time.

    ``file_vide``, when the target can tell (its control interface, ``GET
    /_sim/courriels``): true once every mail the site has queued so far has
    reached the SMTP server. A check that a mail did *not* come then ends as
    soon as the outbox is empty, the mailbox read after it; without it, the
    check gives a late mail its whole delay."""

    mailpit: Mailpit
    delai: float = 30.0
    file_vide: Callable[[], bool] | None = None

    def _fin_des_envois(self, compte: Callable[[], bool]) -> bool:
        """``compte()`` (a mail came), or the outbox known empty *before*
        ``compte()`` was read: nothing more can come."""
        vide = self.file_vide is not None and self.file_vide()
        return compte() or vide

    def attendre(self, adresse: str, sujet: str, rang: int = 1):
        """The ``rang``-th mail with that subject to that address (waits)."""
        return self.mailpit.wait_for(to=adresse, subject=sujet, timeout=self.delai, count=rang)

    def messages(self, adresse: str, sujet: str | None = None) -> list:
        return self.mailpit.messages(adresse, sujet)

    def sujets(self, adresse: str) -> list[str]:
        return [m.subject for m in self.mailpit.messages(adresse)]

    def nombre(self, adresse: str, sujet: str | None = None) -> int:
        return len(self.mailpit.messages(adresse, sujet))

    def aucun(self, adresse: str, sujet: str, deja: int = 0, delai: float = 3.0) -> bool:
        """True if no more than ``deja`` mails with that subject reached the
        address, after giving a late one ``delai`` seconds to arrive."""
        attendre_sans_echec(lambda: self._fin_des_envois(lambda: self.nombre(adresse, sujet) > deja),
                            delai, intervalle=0.25)
        return self.nombre(adresse, sujet) <= deja

    def arrives(self, adresse: str, sujets: tuple[str, ...], delai: float = 2.0) -> list[str]:
        """Of ``sujets``, those whose mail reached the address, after giving
        the late ones ``delai`` seconds — together, not each in turn."""
        attendre_sans_echec(lambda: self._fin_des_envois(lambda: all(self.nombre(adresse, s) for s in sujets)),
                            delai, intervalle=0.25)
        return [s for s in sujets if self.nombre(adresse, s)]

    def valeur(self, adresse: str, sujet: str, libelle: str, rang: int = 1) -> str:
        """The value between brackets after ``libelle`` in the ``rang``-th mail
        with that subject (waits for the mail)."""
        message = self.attendre(adresse, sujet, rang)
        valeur = entre_crochets(message.text, libelle)
        if valeur is None:
            raise CourrielIllisible(f"« {libelle} : […] » introuvable dans « {message.subject} » :\n{message.text}")
        return valeur
