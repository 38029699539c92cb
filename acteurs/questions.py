"""What a person of the guide sees in its browser or receives in its
mailbox. A question answers (a value, a bool, a list of what is missing);
the step asserts on it. Waiting for a page that a script or a navigation
fills in is the page objects' job (``Page.patienter``), never the step's."""
from __future__ import annotations

from acteurs.acteur import Acteur
from harness.clients.connexions_simultanees import SessionRejouee
from harness.clients.navigateur import famille_et_version as _famille_et_version
from pages import textes
from fixtures.donnees import Demande

# --- the page --------------------------------------------------------------------------------


def url(acteur: Acteur) -> str:
    return acteur.ui.url


def texte_de_la_page(acteur: Acteur) -> str:
    return acteur.pages.page.texte()


def titre_affiche(acteur: Acteur, titre: str) -> bool:
    """Whether ``titre`` is the page's heading (waits for it to appear)."""
    page = acteur.pages.page
    page.attendre_texte(titre)
    return page.presente("titre", titre)


def titre_toujours_affiche(acteur: Acteur, titre: str) -> bool:
    return acteur.pages.page.presente("titre", titre)


def elements_absents(acteur: Acteur, lignes: list[tuple[str, str]]) -> list[str]:
    """Of (sorte, texte) pairs, those the page does not show, once the page
    has had its time to show them."""
    page = acteur.pages.page

    def manquants():
        return [f"{sorte} « {texte} »" for sorte, texte in lignes if not page.presente(sorte, texte)]

    page.patienter(lambda: not manquants(), timeout=acteur.ui.timeout)
    return manquants()


def messages(acteur: Acteur) -> str:
    return acteur.pages.page.texte_des_messages()


def message_affiche(acteur: Acteur, message: str) -> bool:
    return acteur.pages.page.message_affiche(message)


def message_absent(acteur: Acteur, message: str) -> bool:
    return acteur.pages.page.message_absent(message)


def erreur_contient(acteur: Acteur, extrait: str) -> bool:
    return acteur.pages.page.erreur_contient(extrait)


def une_erreur_s_affiche(acteur: Acteur) -> bool:
    acteur.pages.page.attendre_erreur()
    return True


def une_information_s_affiche(acteur: Acteur) -> bool:
    return acteur.pages.page.attendre_information()


def presente(acteur: Acteur, sorte: str, texte: str) -> bool:
    return acteur.pages.page.presente(sorte, texte)


def canaux_de_l_assistance_absents(acteur: Acteur) -> list[str]:
    """SUP-01: the Assistance's channels the page does not give."""
    texte = texte_de_la_page(acteur)
    absents = [canal for canal in textes.CANAUX_ASSISTANCE if canal not in texte]
    return ([textes.ASSISTANCE] if textes.ASSISTANCE not in texte else []) + absents


# --- home page, login, space ----------------------------------------------------------------


def page_de_connexion_affichee(acteur: Acteur) -> bool:
    acteur.pages.accueil.attendre()
    return acteur.pages.accueil.bloc_connexion_utilisable()


def identification_du_navigateur(acteur: Acteur) -> str:
    """The user agent the site's page sees (NAV-01..04)."""
    return acteur.pages.accueil.identification_du_navigateur()


def famille_et_version(user_agent: str) -> tuple[str | None, str | None]:
    """The browser and its major version a user agent names ('Firefox', '17')."""
    return _famille_et_version(user_agent)


def identifiants_saisis(acteur: Acteur) -> tuple[str, str]:
    return acteur.pages.accueil.identifiants_saisis()


def voit_son_prenom_nom(acteur: Acteur, attendre: bool = True) -> bool:
    return acteur.pages.espace.utilisateur_affiche(acteur.son_compte.prenom_nom, **({} if attendre else {"timeout": 0}))


def deconnexion_proposee(acteur: Acteur, attendre: bool = True) -> bool:
    espace = acteur.pages.espace
    if not attendre:
        return espace.deconnexion_proposee()
    return bool(espace.patienter(espace.deconnexion_proposee, timeout=acteur.ui.timeout))


def informations_privees_affichees(acteur: Acteur) -> list[str]:
    """What of its space the page still shows (its « prenom.nom »,
    identifier, SIRET, the « Déconnexion » link), once the page has settled."""
    compte = acteur.son_compte
    page = acteur.pages.page

    def prives():
        texte = page.texte()
        vus = [v for v in (compte.prenom_nom, compte.identifiant, compte.siret) if v and v in texte]
        if acteur.pages.espace.deconnexion_proposee():
            vus.append(textes.DECONNEXION)
        return vus

    page.patienter(lambda: not prives(), timeout=acteur.ui.timeout)
    return prives()


def cookies_du_navigateur(acteur: Acteur) -> list[dict]:
    return acteur.ui.cookies()


def session_rejouee_ouvre_son_espace(acteur: Acteur, cookies: list[dict]) -> bool:
    """Whether the session cookies ``cookies``, presented again by another
    client, still open its space (the page that shows its « prenom.nom »)."""
    session = SessionRejouee(acteur.base_url, cookies, acteur.user_agent)
    return session.page_privee_ouverte(acteur.pages.espace.CHEMIN, [acteur.son_compte.prenom_nom])


def page_changement_affichee(acteur: Acteur) -> bool:
    acteur.pages.changement(acteur.son_compte.identifiant).attendre()
    return True


def page_question_secrete_affichee(acteur: Acteur) -> bool:
    acteur.pages.question_secrete(acteur.son_compte.identifiant).attendre()
    return True


def connexion_refusee_pour_verrouillage(acteur: Acteur) -> bool:
    return erreur_contient(acteur, textes.VERROUILLE) and not voit_son_prenom_nom(acteur, attendre=False)


# --- step 1 and step 2 of the creation -------------------------------------------------------


def info_bulle_nouveau_code(acteur: Acteur) -> str | None:
    return acteur.pages.siret.info_bulle_nouveau_code()


def cgu_cochees_a_l_affichage(acteur: Acteur) -> bool:
    return acteur.pages.siret.cgu_cochees_a_l_affichage()


def image_du_code_lisible(acteur: Acteur) -> bool:
    return acteur.pages.siret.image_du_code_lisible()


def image_du_code(acteur: Acteur) -> str:
    return acteur.pages.siret.image_du_code()


def valeur_du_champ(acteur: Acteur, champ: str) -> str:
    return acteur.pages.creation.valeur(champ)


def champ_modifiable(acteur: Acteur, champ: str) -> bool:
    return acteur.pages.creation.modifiable(champ)


def villes_proposees(acteur: Acteur, attendre: str | None = None) -> list[str]:
    if attendre:
        return acteur.pages.creation.attendre_villes(attendre)
    return acteur.pages.creation.villes_proposees()


def formulaire_de_creation_affiche(acteur: Acteur) -> bool:
    return acteur.pages.creation.est_affichee()


# --- recovery -----------------------------------------------------------------------------------


def question_posee(acteur: Acteur, recuperation: str = "mot de passe") -> bool:
    page = acteur.pages.mot_de_passe_oublie if recuperation == "mot de passe" else acteur.pages.identifiant_oublie
    return page.question_posee(acteur.sa_question)


def fenetre_mon_compte_fermee(acteur: Acteur) -> bool:
    """RST-02: the window « Mon Compte » it looks at closes (after « Fermer »)."""
    return acteur.pages.mot_de_passe_oublie.fermee()


def utilisateur_saisi(acteur: Acteur) -> str:
    """The user name still typed in the lost-password page's first step."""
    return acteur.pages.mot_de_passe_oublie.utilisateur_saisi()


def reponse_demandee(acteur: Acteur) -> bool:
    return acteur.pages.mot_de_passe_oublie.reponse_demandee()


# --- the mailbox ------------------------------------------------------------------------------


def courriel_recu(acteur: Acteur, sujet: str, rang: int = 1, adresse: str | None = None):
    """The ``rang``-th mail with that subject (waits for it)."""
    return acteur.boite.attendre(adresse or acteur.courriel, sujet, rang)


def courriels(acteur: Acteur, sujet: str | None = None, adresse: str | None = None) -> list:
    return acteur.boite.messages(adresse or acteur.courriel, sujet)


def sujets_recus(acteur: Acteur, adresse: str | None = None) -> list[str]:
    return acteur.boite.sujets(adresse or acteur.courriel)


def nombre_de_courriels(acteur: Acteur, adresse: str, sujet: str | None = None) -> int:
    return acteur.boite.nombre(adresse, sujet)


def aucun_courriel(acteur: Acteur, sujet: str, deja: int = 0, delai: float = 3.0, adresse: str | None = None) -> bool:
    return acteur.boite.aucun(adresse or acteur.courriel, sujet, deja=deja, delai=delai)


def valeur_entre_crochets(acteur: Acteur, sujet: str, libelle: str, rang: int = 1, adresse: str | None = None) -> str:
    return acteur.boite.valeur(adresse or acteur.courriel, sujet, libelle, rang)


def courriel_de_la_demande(acteur: Acteur, sujet: str, demande: Demande, rang: int = 1):
    message = courriel_recu(acteur, sujet, rang)
    assert f"n° {demande.numero}" in message.text, \
        f"« {sujet} » ne cite pas la demande n° {demande.numero} :\n{message.text}"
    return message


# --- the Fiche établissement ----------------------------------------------------------------


def partie_personne_a_contacter(acteur: Acteur) -> str:
    return acteur.pages.fiche.personne_a_contacter()


def utilisateurs_de_l_etablissement(acteur: Acteur) -> str:
    return acteur.pages.fiche.utilisateurs()


def champs_modifiables_de_la_personne_a_contacter(acteur: Acteur) -> list[str]:
    return acteur.pages.fiche.champs_modifiables_de_la_personne_a_contacter()


def ajout_propose(acteur: Acteur) -> bool:
    return acteur.pages.fiche.ajout_propose()


def changement_de_referente_propose(acteur: Acteur) -> bool:
    return acteur.pages.fiche.changement_propose()


def formulaire_d_ajout_affiche(acteur: Acteur) -> bool:
    return acteur.pages.ajout_utilisateur.est_affichee()


# --- the procedure ---------------------------------------------------------------------------


def statut_de_la_demande(acteur: Acteur, statut: str) -> tuple[bool, str]:
    """(whether the request's page says ``statut``, what it says)."""
    page = acteur.pages.demande
    return page.a_pour_statut(statut), page.statut_affiche()


def statut_vu_par_l_ud(acteur: Acteur, statut: str) -> tuple[bool, str]:
    page = acteur.pages.instruction
    return page.a_pour_statut(statut), page.statut_affiche()


def statut_de_l_indemnisation(acteur: Acteur, statut: str) -> tuple[bool, str]:
    page = acteur.pages.indemnisation
    return page.a_pour_statut(statut), page.statut_affiche()


def salaries_de_la_demande(acteur: Acteur) -> str | None:
    """The number of employees the request's page shows."""
    return acteur.pages.demande.salaries()


def unite_departementale(acteur: Acteur) -> str | None:
    return acteur.pages.demande.unite_departementale()


def numero_de_la_demande_affichee(acteur: Acteur) -> int:
    return acteur.pages.demande.numero()


def demande_listee_a_instruire(acteur: Acteur, demande: Demande) -> bool:
    return acteur.pages.a_instruire.demande_listee(demande.numero_enregistre)


def ligne_a_instruire(acteur: Acteur, demande: Demande) -> str:
    return acteur.pages.a_instruire.ligne_de_la_demande(demande.numero_enregistre)


def date_limite_vue_par_l_ud(acteur: Acteur) -> str | None:
    return acteur.pages.instruction.date_limite()


def decision_proposee(acteur: Acteur) -> bool:
    return acteur.pages.instruction.decision_proposee()


def signature_proposee(acteur: Acteur) -> bool:
    return acteur.pages.signature.signature_proposee() or acteur.pages.signature.certification_proposee()


def demandes_de_l_etablissement(acteur: Acteur) -> set[int]:
    """The numbers of the requests its list shows (an account of a pool may
    already have some from an earlier run)."""
    acteur.pages.demandes.ouvrir_depuis_l_espace()
    return acteur.pages.demandes.numeros_listes()


def demandes_listees(acteur: Acteur, demandes: list[Demande]) -> list[bool]:
    acteur.pages.demandes.ouvrir_depuis_l_espace()
    return [acteur.pages.demandes.listee(d.numero_enregistre) for d in demandes]


def indemnisation_proposee(acteur: Acteur) -> bool:
    return acteur.pages.demande.indemnisation_proposee()


def indemnisation_enregistree(acteur: Acteur) -> bool:
    return textes.PREFIXE_INDEMNISATION in texte_de_la_page(acteur)


# --- bords-connexion ---


def connexion_refusee_sans_verrouillage(acteur: Acteur) -> tuple[bool, str]:
    """(whether the login was refused with a message that does not say the
    account is locked, the messages shown): LCK-01's 1st and 2nd attempts."""
    acteur.pages.page.attendre_erreur()
    texte = messages(acteur)
    return (textes.VERROUILLE not in texte and not voit_son_prenom_nom(acteur, attendre=False)), texte


def informations_du_compte_affichees(acteur: Acteur) -> list[str]:
    """What of its account the page shows (its identifier, « prenom.nom »,
    address, secret question, SIRET): a refusal must not tell them."""
    compte = acteur.son_compte
    texte = texte_de_la_page(acteur)
    return [v for v in (compte.identifiant, compte.prenom_nom, compte.courriel, compte.question, compte.siret)
            if v and v in texte]


def nouveau_mot_de_passe_accepte(acteur: Acteur) -> tuple[bool, str]:
    """(whether the change led back to the login page (PWD-08), the messages
    shown), once the page has settled on the login page or an error."""
    page, accueil = acteur.pages.page, acteur.pages.accueil
    page.patienter(lambda: accueil.est_affichee() or page.erreur_affichee(), timeout=acteur.ui.timeout)
    return accueil.est_affichee() and accueil.bloc_connexion_utilisable(), messages(acteur)


# --- bords-procedure ---------------------------------------------------------------------------


def indemnisations_de_la_demande(acteur: Acteur, demande: Demande) -> set[int]:
    """PROC-03: the numbers of the compensation requests the request's page
    lists (opened from its list)."""
    acteur.pages.demandes.ouvrir_depuis_l_espace()
    acteur.pages.demandes.ouvrir_demande(demande.numero_enregistre)
    return acteur.pages.demande.indemnisations_listees()


def courriels_sans_reference(acteur: Acteur, sujets: tuple[str, ...], reference: str) -> list[str]:
    """Of ``sujets``, those whose mail (waited for: one that never comes
    fails there) does not name ``reference`` (« n° 12 »…)."""
    return [s for s in sujets if reference not in courriel_recu(acteur, s).text]


def courriels_arrives(acteur: Acteur, sujets: tuple[str, ...], delai: float = 2.0) -> list[str]:
    """Of ``sujets``, those that reached it (after ``delai`` seconds for the late ones)."""
    return acteur.boite.arrives(acteur.courriel, sujets, delai=delai)


def sirets_de_la_fiche(acteur: Acteur, sirets: list[str]) -> list[str]:
    """Of ``sirets``, those its « Fiche établissement » shows (opened from its space)."""
    acteur.pages.fiche.ouvrir_depuis_l_espace()
    texte = texte_de_la_page(acteur)
    return [s for s in sirets if s in texte]
