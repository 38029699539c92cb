"""The lost-password (RST) and lost-identifier (IDR) procedures share one
flow, written once here: step 1 (who you are + "a + b =", "Continuer"), step 2
(the secret question, "Valider"), the end ("Procédure terminée…", "Fermer")
or a refusal with the Assistance's channels (SUP-01)."""
import secrets
from collections.abc import Callable

from flask import redirect, render_template, request, session, url_for
from sqlalchemy import select

from . import comptes as service_comptes
from . import messages as m
from . import regles
from .db import db
from .models import Compte


def etape_identite(procedure: str, titre: str, champ: str, libelle: str,
                   chercher: Callable[[str], list[Compte]], message_inconnu: str,
                   invalide: Callable[[str], str | None] = lambda _valeur: None):
    """Step 1 (RST-01, IDR-01): a wrong result is refused; an account that
    never connected gets RST-06. Several accounts may match (one e-mail for
    the establishments of a Tiers déclarant, ENR-07): the question shown is
    the oldest one's, and every account with that question is a candidate."""
    if request.method == "GET":
        terminer()
        return _page_identite(titre, champ, libelle)
    valeur = request.form.get(champ, "").strip()
    if not _operation_juste(request.form.get("resultat", "")):
        erreur = m.OPERATION_INCORRECTE
    elif not valeur:
        erreur = m.CHAMPS_OBLIGATOIRES
    elif invalidite := invalide(valeur):
        erreur = invalidite
    else:
        trouves = chercher(valeur)
        connectes = [c for c in trouves if service_comptes.s_est_deja_connecte(c)]
        if not trouves:
            erreur = message_inconnu
        elif not connectes:  # RST-06
            return page_refus(titre, m.SECRETS_NON_RENSEIGNES)
        else:
            question = connectes[0].question_secrete
            session["recuperation"] = {"procedure": procedure, "comptes": [
                c.id for c in connectes if c.question_secrete == question]}
            return redirect(url_for(".oubli_question"))
    return _page_identite(titre, champ, libelle, valeur, [erreur])


def etape_question(procedure: str, titre: str, message_refus: str,
                   conclure: Callable[[list[Compte]], None]):
    """Step 2 (RST-02, IDR-02): the user's own question as text and
    "Réponse secrète". One answer per procedure (RST-03, IDR-04: a wrong or
    missing one ends it); a right one calls `conclure` with the accounts whose
    answer it is (RST-04, IDR-03)."""
    candidats = _comptes_en_cours(procedure)
    if not candidats:
        return redirect(url_for(".oubli"))
    if request.method == "GET":
        return _page(titre=titre, etape="question", question=candidats[0].question_secrete)
    terminer()
    reponse = request.form.get("reponse", "")
    retrouves = [c for c in candidats if regles.verifier(c.reponse_secrete_hash, reponse)]
    if not retrouves:
        return page_refus(titre, message_refus)
    conclure(retrouves)
    return _page(titre=titre, etape="fin")


def page_refus(titre: str, message: str):
    """RST-03, RST-06, IDR-04: the message and the Assistance's channels (SUP-01)."""
    return _page(titre=titre, etape="refus", message=message)


def terminer() -> None:
    session.pop("recuperation", None)


def _page_identite(titre: str, champ: str, libelle: str, valeur: str = "", erreurs=()):
    """RST-01, IDR-01: a new operation « a + b = » for every display; each one answers once."""
    a, b = secrets.randbelow(10), secrets.randbelow(10)
    session["operation"] = [a, b]
    return _page(titre=titre, etape="identite", nom_champ=champ, libelle=libelle, valeur=valeur,
                 a=a, b=b, erreurs=erreurs)


#: RST-02: the name of the new window "Mon Compte" (the step-1 form's target).
NOUVELLE_FENETRE = "mon_compte"


def _page(**valeurs):
    """RST-02: "Cliquez sur Continuer. Dans une nouvelle fenêtre, renseignez la
    réponse à votre question secrète et validez." For the lost password (not
    the identifier, IDR-02: the guide keeps that one in the window), the step-1 page
    shown by GET submits into the new window (named target, a popup opened by
    site.js), and every later page of the procedure is that window's, titled
    "Mon Compte", with « Fermer » closing it."""
    premiere = request.method == "GET" and valeurs["etape"] == "identite"
    fenetre = request.blueprint == "mot_de_passe"
    return render_template("mon_compte.html", fenetre=NOUVELLE_FENETRE if fenetre and premiere else None,
                           dans_la_fenetre=fenetre and not premiere, **valeurs)


def _operation_juste(saisie: str) -> bool:
    """RST-01, IDR-01: the result of the operation last shown (it answers once)."""
    operation = session.pop("operation", None)
    return operation is not None and saisie.strip() == str(sum(operation))


def _comptes_en_cours(procedure: str) -> list[Compte]:
    """The accounts step 1 found, for this procedure only."""
    etat = session.get("recuperation") or {}
    if etat.get("procedure") != procedure:
        return []
    return list(db().scalars(select(Compte).where(Compte.id.in_(etat["comptes"]))
                             .order_by(Compte.id)))
