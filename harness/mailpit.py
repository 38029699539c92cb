"""A thin client of Mailpit's HTTP API: find the mail sent to one address.

Mailpit's ``to:`` search is a substring match (``to:alice@x`` also finds
``malice@x``), so every result is checked against the exact address here.
Nothing in this client deletes all mail: scenarios run in parallel.

Mail is delivered *at least once* (a sender killed between the SMTP server's
acceptance and its own record of it sends the mail again, with the same
Message-ID): this reader counts each Message-ID once, so every mail is read
exactly once.
"""
from __future__ import annotations

from dataclasses import dataclass

import httpx

from harness.attente import attendre
from harness.clients.session_http import contexte_tls


class MailNotReceived(AssertionError):
    """The expected mail did not arrive before the deadline."""


@dataclass(frozen=True)
class Message:
    id: str
    message_id: str
    subject: str
    from_: str
    to: tuple[str, ...]
    text: str
    html: str


class Mailpit:
    def __init__(self, url: str, timeout: float = 5.0):
        self.url = url.rstrip("/")
        self.http = httpx.Client(base_url=self.url, timeout=timeout,
                                 verify=contexte_tls())  # the process's one TLS context

    def close(self) -> None:
        self.http.close()

    def ready(self) -> bool:
        try:
            return self.http.get("/readyz").status_code == 200
        except httpx.HTTPError:
            return False

    def _summaries(self, to: str) -> list[dict]:
        r = self.http.get("/api/v1/search", params={"query": f'to:"{to}"', "limit": 200})
        r.raise_for_status()
        wanted = to.lower()
        return [m for m in r.json().get("messages") or []
                if any((a.get("Address") or "").lower() == wanted for a in m.get("To") or [])]

    def _message(self, summary: dict) -> Message:
        r = self.http.get(f"/api/v1/message/{summary['ID']}")
        r.raise_for_status()
        m = r.json()
        return Message(
            id=m["ID"], message_id=m.get("MessageID", ""), subject=m.get("Subject", ""),
            from_=(m.get("From") or {}).get("Address", ""),
            to=tuple(a.get("Address", "") for a in m.get("To") or []),
            text=m.get("Text", ""), html=m.get("HTML", ""),
        )

    def messages(self, to: str, subject: str | None = None) -> list[Message]:
        """Every mail sent to exactly ``to`` (oldest first), each Message-ID
        once (its first copy), optionally only those whose subject is exactly
        ``subject``."""
        found = [s for s in self._summaries(to) if subject is None or s.get("Subject") == subject]
        # Mailpit's Created has millisecond precision: mails of the same
        # millisecond keep the order of the search (newest first), reversed.
        found = list(reversed(found))
        found.sort(key=lambda s: s.get("Created", ""))
        return [self._message(s) for s in self.une_fois(found)]

    @staticmethod
    def une_fois(summaries: list[dict]) -> list[dict]:
        """The first copy of each Message-ID (a mail without one is kept)."""
        seen, kept = set(), []
        for s in summaries:
            message_id = s.get("MessageID") or ""
            if message_id and message_id in seen:
                continue
            seen.add(message_id)
            kept.append(s)
        return kept

    def wait_for(self, to: str, subject: str | None = None, timeout: float = 20.0,
                 count: int = 1) -> Message:
        """Wait for the ``count``-th mail to ``to`` (with that subject) and
        return it; fail with a message naming what was awaited."""
        def arrived() -> Message | None:
            found = self.messages(to, subject)
            return found[count - 1] if len(found) >= count else None

        def not_received(_last) -> MailNotReceived:
            what = f"« {subject} »" if subject else "un courriel"
            seen = ", ".join(f"« {m.subject} »" for m in self.messages(to, subject)) or "aucun"
            return MailNotReceived(
                f"{what} attendu pour {to} n'est pas arrivé dans Mailpit ({self.url}) "
                f"en {timeout:.0f} s ; reçus pour cette adresse : {seen}.")

        return attendre(arrived, timeout, not_received, intervalle=0.25)

    def delete_for(self, to: str) -> None:
        """Delete the mail of one address only (never all mail)."""
        ids = [s["ID"] for s in self._summaries(to)]
        if ids:
            self.http.request("DELETE", "/api/v1/messages", json={"IDs": ids}).raise_for_status()
