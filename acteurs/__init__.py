"""The people of the guide and what they do (the *screenplay* layer).

- ``Acteur`` (acteurs/acteur.py): a person of the guide — an employer (the
  establishment's person to contact), a Tiers déclarant, an agent of a UD,
  a further user… — with its abilities: its **own browser page** (its own
  browser context: two people in a scenario never share a browser nor log
  in and out in turn), its mailbox, its account (from the target's
  provider), and what it remembers (its request, the values it typed…).
- ``Distribution`` (acteurs/acteur.py): the cast of one scenario, by role.
- tasks (acteurs/taches.py): what a person *does* — s'inscrire, se
  connecter, changer son mot de passe, déposer une demande, instruire… —
  as sequences of page objects' calls.
- questions (acteurs/questions.py): what a person *sees* or *receives*.
- account providers (acteurs/fournisseurs.py): how a scenario's starting
  account is arranged: the simulator's control interface, a pool of test
  accounts, or the registration pages themselves (``inscription``).

A step (steps/) is one sentence → one task or question. No locator, no
polling, no driver call here either: those live in pages/ and harness/ui/.
"""
from acteurs.acteur import Acteur, Distribution

__all__ = ["Acteur", "Distribution"]
