"""The home page (HOME-01..03) and the pages its links lead to."""
from flask import Blueprint, render_template

bp = Blueprint("accueil", __name__)

# path → (template, title): simple pages reached from the home page (HOME-02, HOME-03)
PAGES = {
    "contrat-de-prestation": ("contrat_de_prestation.html", "Contrat de prestation « Tiers Déclarant »"),
    "mentions-legales": ("mentions_legales.html", "Mentions légales"),
    "conditions-generales-d-utilisation": ("conditions_generales_d_utilisation.html",
                                           "Conditions générales d'utilisation"),
    "support": ("contacter_le_support_technique.html", "Contacter le support technique"),
    "documentation": ("base_documentaire.html", "Base documentaire"),
    "simulation": ("simulation_de_l_indemnisation.html",
                   "Simulation de l'indemnisation de l'employeur en cas d'activité partielle"),
}


@bp.get("/")
def accueil():
    """HOME-01..03: login block, first connection, help, footer."""
    return render_template("accueil.html")


@bp.get("/favicon.ico")
def favicon():
    return "", 204


@bp.get("/<any(" + ", ".join(f'"{p}"' for p in PAGES) + "):page>")
def page(page):
    gabarit, titre = PAGES[page]
    return render_template(gabarit, titre=titre)
