"""The procedure's pages (PROC-01..05, NAV-04, ACC-09).

Establishment side: the "demande d'autorisation préalable" (entry, save,
signature), then the "demande d'indemnisation" once authorised.
UD side: the requests of the agent's département, the decision within 15
days, the instruction of the compensation requests.

Access: an establishment's users see only its requests; a UD agent only
those of its département. Anything else is a 404 (a request of someone else
is not revealed) or a 403 (a page of the other side).
"""
import functools

from flask import Blueprint, abort, flash, g, redirect, render_template, request, url_for

from . import demarche, procedure
from . import messages as m
from .db import db
from .demarche import Refus
from .models import DemandeAutorisation, DemandeIndemnisation
from .web import connexion_requise

bp = Blueprint("demandes", __name__)

#: The longest reason of a refusal or an invalidation.
LONGUEUR_MOTIF = 2000


@bp.errorhandler(403)
def acces_refuse(_erreur):
    return render_template("erreur.html", message=m.ACCES_REFUSE, code=403), 403


def installer(app) -> None:
    """PROC-02: the 15-day deadlines are applied lazily, before every page
    (the mail worker applies them too: demarche.Facteur)."""
    @app.before_request
    def appliquer_echeances():
        if request.endpoint in (None, "static") or request.blueprint == "controle":
            return
        demarche.appliquer_echeances(db())


def _profil(*profils):
    def decorateur(vue):
        @functools.wraps(vue)
        @connexion_requise
        def enveloppe(*args, **kwargs):
            if g.compte.profil not in profils:
                abort(403)
            return vue(*args, **kwargs)
        return enveloppe
    return decorateur


etablissement_requis = _profil("Etablissement")
agent_ud_requis = _profil("UD")


def _signature_possible() -> bool:
    """NAV-04: decided on the browser's user agent, as the real site does."""
    return procedure.signature_possible(request.headers.get("User-Agent"))


def _contexte() -> dict:
    return {"statuts": demarche.LIBELLES_STATUT, "messages": m, "date_fr": procedure.date_fr,
            "instant_fr": procedure.instant_fr}


# --- Establishment side: the demande d'autorisation préalable (PROC-01, PROC-05) ---------------

def _demande(numero: int) -> DemandeAutorisation:
    """A request of one of the user's establishments, or 404."""
    demande = db().get(DemandeAutorisation, numero)
    if demande is None or not demarche.travaille_pour(db(), g.compte, demande.etablissement_id):
        abort(404)
    return demande


def _indemnisation(numero: int) -> DemandeIndemnisation:
    indemnisation = db().get(DemandeIndemnisation, numero)
    if indemnisation is None or not demarche.travaille_pour(db(), g.compte, indemnisation.demande.etablissement_id):
        abort(404)
    return indemnisation


@bp.get("/demandes")
@etablissement_requis
def liste():
    etablissements = demarche.etablissements_de(db(), g.compte)
    return render_template("demandes_d_autorisation_prealable.html", etablissements=etablissements,
                           demandes=demarche.demandes_des_etablissements(db(), etablissements), **_contexte())


def _formulaire_demande(demande: DemandeAutorisation | None):
    """PROC-01: entry or change of a request; "Enregistrer" saves it without
    sending it (NAV-04: this works in every browser, Chrome included)."""
    etablissements = demarche.etablissements_de(db(), g.compte)
    if not etablissements:
        abort(403)
    if demande is None:
        valeurs, choisi = {}, str(etablissements[0].id) if len(etablissements) == 1 else ""
    else:
        valeurs = {"motif": demande.motif, "date_debut": procedure.date_fr(demande.date_debut),
                   "date_fin": procedure.date_fr(demande.date_fin), "salaries": str(demande.salaries),
                   "heures": str(demande.heures)}
        choisi = str(demande.etablissement_id)
    erreurs: list[str] = []
    if request.method == "POST":
        if "annuler" in request.form:
            return redirect(url_for(".demande", numero=demande.id) if demande else url_for(".liste"))
        valeurs, donnees, erreurs = procedure.valider_demande(request.form)
        etablissement = None
        if demande is not None:
            etablissement = demande.etablissement
        else:
            choisi = request.form.get("etablissement", "") if len(etablissements) > 1 else choisi
            etablissement = next((e for e in etablissements if str(e.id) == choisi), None)
            if etablissement is None:
                erreurs.insert(0, m.ETABLISSEMENT_A_CHOISIR)
        # nothing is saved while anything is wrong (without errors, both are known)
        if not erreurs and donnees is not None and etablissement is not None:
            if demande is None:
                demande = demarche.enregistrer_demande(db(), g.compte, etablissement, donnees)
            elif not demarche.modifier_demande(db(), demande, donnees):
                flash(m.DEJA_ENVOYEE, "alert")
                return redirect(url_for(".demande", numero=demande.id))
            flash(m.DEMANDE_ENREGISTREE_NON_SIGNEE, "status")
            return redirect(url_for(".demande", numero=demande.id))
    return render_template("saisie_de_la_demande_d_autorisation_prealable.html", demande=demande,
                           etablissements=etablissements, choisi=choisi, v=valeurs, erreurs=erreurs,
                           motifs=procedure.MOTIFS)


@bp.route("/demandes/nouvelle", methods=["GET", "POST"])
@etablissement_requis
def nouvelle():
    return _formulaire_demande(None)


@bp.route("/demandes/<int:numero>/modifier", methods=["GET", "POST"])
@etablissement_requis
def modifier(numero):
    demande = _demande(numero)
    if demande.statut != demarche.BROUILLON:
        flash(m.DEJA_ENVOYEE, "alert")
        return redirect(url_for(".demande", numero=numero))
    return _formulaire_demande(demande)


@bp.get("/demandes/<int:numero>")
@etablissement_requis
def demande(numero):
    demande = _demande(numero)
    return render_template("demande_d_autorisation_prealable.html", demande=demande,
                           indemnisation_possible=demarche.indemnisation_possible(demande), **_contexte())


def _signature(objet, signer, page_detail: str, message_envoyee):
    """PROC-05: the signature ends the filing: "Je certifie l'exactitude des
    informations saisies", then "Signer et envoyer". NAV-04: not in Google
    Chrome — the page says so and nothing is sent; the data stays saved."""
    retour = url_for(page_detail, numero=objet.id)
    if objet.statut != demarche.BROUILLON:
        flash(m.DEJA_ENVOYEE, "alert")
        return redirect(retour)
    possible = _signature_possible()
    erreurs = [] if possible else [m.SIGNATURE_IMPOSSIBLE_CHROME]
    if request.method == "POST" and possible:
        if "annuler" in request.form:
            return redirect(retour)
        if not request.form.get("certification"):
            erreurs = [m.CERTIFICATION_REQUISE]
        else:
            try:
                signer(db(), objet, g.compte)
            except Refus as refus:
                db().rollback()
                flash(str(refus), "alert")
                return redirect(retour)
            flash(message_envoyee(objet), "status")
            return redirect(retour)
    return render_template("signature_de_la_demande.html", objet=objet, possible=possible, retour=retour,
                           indemnisation=isinstance(objet, DemandeIndemnisation), erreurs=erreurs,
                           **_contexte())


@bp.route("/demandes/<int:numero>/signature", methods=["GET", "POST"])
@etablissement_requis
def signature(numero):
    return _signature(_demande(numero), demarche.signer_demande, ".demande", lambda d: m.DEMANDE_ENVOYEE.format(
        ud=procedure.libelle_ud(d.departement), date_limite=procedure.instant_fr(d.date_limite)))


# --- Establishment side: the demande d'indemnisation (PROC-03) ----------------------------------

def _formulaire_indemnisation(demande: DemandeAutorisation, indemnisation: DemandeIndemnisation | None):
    if indemnisation is None:
        valeurs = {}
    else:
        valeurs = {"date_debut": procedure.date_fr(indemnisation.date_debut),
                   "date_fin": procedure.date_fr(indemnisation.date_fin),
                   "salaries": str(indemnisation.salaries), "heures": str(indemnisation.heures)}
    possible = demarche.indemnisation_possible(demande)
    erreurs = [] if possible else [m.INDEMNISATION_AVANT_AUTORISATION]
    restantes = demarche.heures_restantes(demande, sauf=indemnisation)
    if request.method == "POST" and possible:
        if "annuler" in request.form:
            return redirect(url_for(".indemnisation", numero=indemnisation.id) if indemnisation
                            else url_for(".demande", numero=demande.id))
        valeurs, donnees, erreurs = procedure.valider_indemnisation(
            request.form, demande.date_debut, demande.date_fin, demande.salaries, restantes)
        if not erreurs and donnees is not None:  # without errors, the values are understood
            if indemnisation is None:
                indemnisation = demarche.enregistrer_indemnisation(db(), g.compte, demande, donnees)
            elif not demarche.modifier_demande(db(), indemnisation, donnees):
                flash(m.DEJA_ENVOYEE, "alert")
                return redirect(url_for(".indemnisation", numero=indemnisation.id))
            flash(m.INDEMNISATION_ENREGISTREE, "status")
            return redirect(url_for(".indemnisation", numero=indemnisation.id))
    return render_template("saisie_de_la_demande_d_indemnisation.html", demande=demande,
                           indemnisation=indemnisation, possible=possible, restantes=restantes,
                           v=valeurs, erreurs=erreurs, **_contexte())


@bp.route("/demandes/<int:numero>/indemnisations/nouvelle", methods=["GET", "POST"])
@etablissement_requis
def nouvelle_indemnisation(numero):
    return _formulaire_indemnisation(_demande(numero), None)


@bp.route("/indemnisations/<int:numero>/modifier", methods=["GET", "POST"])
@etablissement_requis
def modifier_indemnisation(numero):
    indemnisation = _indemnisation(numero)
    if indemnisation.statut != demarche.BROUILLON:
        flash(m.DEJA_ENVOYEE, "alert")
        return redirect(url_for(".indemnisation", numero=numero))
    return _formulaire_indemnisation(indemnisation.demande, indemnisation)


@bp.get("/indemnisations/<int:numero>")
@etablissement_requis
def indemnisation(numero):
    return render_template("demande_d_indemnisation.html", indemnisation=_indemnisation(numero), **_contexte())


@bp.route("/indemnisations/<int:numero>/signature", methods=["GET", "POST"])
@etablissement_requis
def signature_indemnisation(numero):
    return _signature(_indemnisation(numero), demarche.signer_indemnisation, ".indemnisation",
                      lambda i: m.INDEMNISATION_ENVOYEE.format(ud=procedure.libelle_ud(i.demande.departement)))


# --- UD side: instruction and decision (PROC-02, PROC-03) -------------------------------------------

def _du_departement(objet, departement: str | None):
    """PROC-01/02: only the UD of the request's département sees it; to any
    other agent it does not exist (404)."""
    demande = objet.demande if isinstance(objet, DemandeIndemnisation) else objet
    if (objet is None or objet.statut == demarche.BROUILLON or departement is None
            or demande.departement != departement):
        abort(404)
    return objet


@bp.get("/instruction")
@agent_ud_requis
def a_instruire():
    departement = demarche.departement_de_l_agent(db(), g.compte)
    return render_template("demandes_a_instruire.html", departement=departement,
                           demandes=demarche.demandes_du_departement(db(), departement),
                           indemnisations=demarche.indemnisations_du_departement(db(), departement),
                           **_contexte())


def _decision_de_l_ud(objet, champ_motif, libelle_motif, accord, rejet, decider):
    """The shared POST of the UD's two decisions (PROC-02, PROC-03): the
    reason is checked, then ``decider(accord?, motif)`` is called. Returns
    ``(decided, erreurs, motif)``."""
    erreurs: list[str] = []
    motif = ""
    if request.method != "POST":
        return False, erreurs, motif
    motif = (request.form.get(champ_motif) or "").strip()
    if len(motif) > LONGUEUR_MOTIF:
        erreurs = [m.CHAMP_TROP_LONG.format(libelle=libelle_motif, n=LONGUEUR_MOTIF)]
    elif accord in request.form or rejet in request.form:
        try:
            decider(accord in request.form, motif)
        except Refus as refus:
            db().rollback()
            erreurs = [str(refus)]
        else:
            flash(m.DECISION_ENREGISTREE, "status")
            return True, erreurs, motif
    db().refresh(objet)
    return False, erreurs, motif


@bp.route("/instruction/demandes/<int:numero>", methods=["GET", "POST"])
@agent_ud_requis
def instruire_demande(numero):
    """PROC-02: "Autoriser", or "Refuser" with the reason, before the deadline."""
    departement = demarche.departement_de_l_agent(db(), g.compte)
    demande = _du_departement(db().get(DemandeAutorisation, numero), departement)
    decide, erreurs, motif = _decision_de_l_ud(
        demande, "motif_refus", "Motif du refus", "autoriser", "refuser",
        lambda accord, motif: demarche.decider(db(), demande, g.compte, accord, motif))
    if decide:
        return redirect(url_for(".instruire_demande", numero=numero))
    return render_template("instruction_de_la_demande_d_autorisation_prealable.html", demande=demande,
                           motif=motif, erreurs=erreurs, **_contexte())


@bp.route("/instruction/indemnisations/<int:numero>", methods=["GET", "POST"])
@agent_ud_requis
def instruire_indemnisation(numero):
    """PROC-03: "Valider" (then the ASP puts it into payment), or "Invalider"
    with the reason (the "notification d'invalidation")."""
    departement = demarche.departement_de_l_agent(db(), g.compte)
    indemnisation = _du_departement(db().get(DemandeIndemnisation, numero), departement)
    decide, erreurs, motif = _decision_de_l_ud(
        indemnisation, "motif_invalidation", "Motif de l'invalidation", "valider", "invalider",
        lambda accord, motif: demarche.instruire_indemnisation(db(), indemnisation, g.compte,
                                                               accord, motif))
    if decide:
        return redirect(url_for(".instruire_indemnisation", numero=numero))
    return render_template("instruction_de_la_demande_d_indemnisation.html", indemnisation=indemnisation,
                           motif=motif, erreurs=erreurs, **_contexte())
