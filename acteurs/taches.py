"""What a person of the guide does: each task is a short sequence of page
objects' calls in the person's own browser (no locator here: pages/ finds
things), or of its mailbox reader.

A task takes the ``Acteur`` first; it updates what the actor knows (its
account's current password, its request's number…)."""
from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date, timedelta

from acteurs.acteur import Acteur
from fixtures import donnees
from fixtures.donnees import Inscription
from harness.clients import session_http
from harness.clients.connexions_simultanees import ConnexionsSimultanees
from harness.comptes import Compte
from pages import textes
from fixtures.donnees import Demande, date_fr, demande_type

# --- the account creation (ENR, ACC) --------------------------------------------------------


def valeurs_formulaire(inscription: Inscription, facultatifs: bool = True) -> dict[str, str]:
    """What the employer types in the creation form, by the guide's field names."""
    e, a, p = inscription.etablissement, inscription.etablissement.adresse, inscription.contact
    valeurs = {
        "Dénomination de l'établissement": e.denomination,
        "Libellé de la voie": a.libelle_voie,
        "Code postal": a.code_postal,
        "Ville": a.ville,
        "Courriel établissement": e.courriel,
        "Confirmer courriel établissement": e.courriel,
        "Téléphone fixe": e.telephone,
        "Nom": p.nom,
        "Prénom": p.prenom,
        "Téléphone": p.telephone,
        "Courriel": p.courriel,
        "Confirmer courriel": p.courriel,
        "Question secrète": inscription.question_secrete,
        "Réponse": inscription.reponse_secrete,
    }
    if facultatifs:
        valeurs.update({
            "Numéro de voie": a.numero,
            "Type de voie": a.type_voie,
            "Complément d'adresse": a.complement,
            "Extension de voie": a.extension,
            "Fax": e.fax,
        })
    return valeurs


def cliquer_sur(acteur: Acteur, nom: str) -> None:
    """Click what the guide names: a button, else a link, with that name."""
    acteur.pages.page.cliquer(nom)


def ouvrir_l_accueil(acteur: Acteur) -> None:
    acteur.pages.accueil.ouvrir()
    acteur.pages.accueil.attendre()


def cliquer_creer_mon_espace(acteur: Acteur) -> None:
    """Home page, « CRÉER MON ESPACE »: the SIRET page (HOME-02, ENR-01)."""
    acteur.pages.accueil.ouvrir()
    acteur.pages.accueil.creer_mon_espace()
    acteur.pages.siret.attendre()


def renseigner_le_siret(acteur: Acteur, siret: str | None = None, code: str | None = None,
                        cgu: bool = True) -> None:
    """Step 1 filled in: the SIRET, the security code (read off the picture
    unless given), the terms accepted (or not)."""
    acteur.pages.siret.renseigner(acteur.son_inscription.siret if siret is None else siret,
                                  code=code, cgu=cgu)


def valider_l_etape_1(acteur: Acteur) -> None:
    acteur.pages.siret.valider()


def annuler_l_etape_1(acteur: Acteur) -> None:
    acteur.pages.siret.annuler()


def valider_son_siret(acteur: Acteur, siret: str | None = None) -> None:
    """Step 1 done right, from the SIRET page: the account form is shown."""
    renseigner_le_siret(acteur, siret)
    valider_l_etape_1(acteur)
    acteur.pages.creation.attendre()


def passer_l_etape_1(acteur: Acteur) -> None:
    """From the home page, « CRÉER MON ESPACE », step 1 done right."""
    cliquer_creer_mon_espace(acteur)
    valider_son_siret(acteur)


def relever_le_code(acteur: Acteur) -> dict:
    """The displayed security code: its picture and its text."""
    siret = acteur.pages.siret
    return {"image": siret.image_du_code(), "code": siret.lire_code()}


def demander_un_nouveau_code(acteur: Acteur) -> None:
    acteur.pages.siret.demander_un_nouveau_code()


def renseigner_le_formulaire(acteur: Acteur, facultatifs: bool = True, sauf=(),
                             valeurs: dict[str, str] | None = None) -> dict[str, str]:
    """Step 2: the creation form filled in (the guide's field names); returns
    what was typed."""
    valeurs = valeurs or valeurs_formulaire(acteur.son_inscription, facultatifs)
    acteur.pages.creation.renseigner(valeurs, sauf=sauf)
    return {c: v for c, v in valeurs.items() if c not in set(sauf) and v != ""}


def saisir_un_champ(acteur: Acteur, champ: str, valeur: str) -> None:
    acteur.pages.creation.saisir(champ, valeur)


def taper_dans_un_champ(acteur: Acteur, champ: str, texte: str) -> None:
    acteur.pages.creation.taper(champ, texte)


def coller_dans_un_champ(acteur: Acteur, champ: str, texte: str) -> None:
    acteur.pages.creation.coller(champ, texte)


def choisir_la_ville(acteur: Acteur, ville: str) -> None:
    acteur.pages.creation.choisir_ville(ville)


def envoyer_le_formulaire_avec(acteur: Acteur, champs: dict[str, str]) -> None:
    """Step 2 filled in, some fields with other values (``champs``), and sent."""
    renseigner_le_formulaire(acteur, valeurs=valeurs_formulaire(acteur.son_inscription) | champs)
    envoyer_le_formulaire(acteur)


def envoyer_le_formulaire(acteur: Acteur) -> None:
    acteur.pages.creation.envoyer()


def annuler_le_formulaire(acteur: Acteur) -> None:
    acteur.pages.creation.annuler()


def attendre_la_demande_enregistree(acteur: Acteur) -> None:
    acteur.pages.creation.attendre_demande_enregistree()


def demander_la_creation(acteur: Acteur, inscription: Inscription | None = None,
                         facultatifs: bool = False) -> None:
    """Both steps of the account creation, from the SIRET page opened by its
    address (HOME-02 and ENR-01 prove the way to it)."""
    inscription = inscription or acteur.son_inscription
    acteur.pages.siret.ouvrir()
    acteur.pages.siret.attendre()
    valider_son_siret(acteur, inscription.siret)
    acteur.pages.creation.renseigner(valeurs_formulaire(inscription, facultatifs))
    acteur.pages.creation.envoyer()
    acteur.pages.creation.attendre_demande_enregistree()


def recevoir_ses_identifiants(acteur: Acteur, rang: int = 1, profil: str = "Etablissement",
                              personne=None, inscription: Inscription | None = None) -> Compte:
    """ACC-10 / UD-01: the identifier and the password read in the mails
    (the ``rang``-th of each); the actor's account is now this one."""
    inscription = inscription or acteur.inscription
    if personne is None and inscription is not None:
        personne = inscription.contact
    adresse = personne.courriel
    compte = Compte(
        profil=profil, etat="jamais_connecte",
        identifiant=acteur.boite.valeur(adresse, textes.SUJET_IDENTIFIANT, textes.LIBELLE_IDENTIFIANT, rang),
        mot_de_passe=acteur.boite.valeur(adresse, textes.SUJET_MOT_DE_PASSE, textes.LIBELLE_MOT_DE_PASSE, rang),
        courriel=adresse, prenom_nom=personne.prenom_nom,
        siret=inscription.siret if inscription is not None and profil != "UD" else None,
        question=inscription.question_secrete if inscription is not None else None,
        reponse=inscription.reponse_secrete if inscription is not None else None)
    acteur.compte = compte
    return compte


def etre_cree_par_l_assistance(acteur: Acteur, control, profil: str, departement: str | None = None,
                               identifiant: str | None = None, personne=None) -> Compte:
    """UD-01: what the Assistance does after a signed habilitation form (the
    control interface plays it); the agent then reads its identifier and
    password in its mail."""
    personne = personne or donnees.personne()
    cree = control.create_agent(profil=profil, identifiant=identifiant or donnees.identifiant_agent(profil),
                                nom=personne.nom, prenom=personne.prenom, courriel=personne.courriel,
                                departement=departement)
    compte = recevoir_ses_identifiants(acteur, profil=profil, personne=personne)
    compte.departement = departement
    assert compte.identifiant == cree, f"identifiant reçu {compte.identifiant}, créé par l'Assistance {cree}"
    return compte


def s_inscrire(acteur: Acteur, inscription: Inscription | None = None) -> Compte:
    """An establishment registered through the site, its credentials read
    in the mails (never connected yet)."""
    inscription = inscription or acteur.son_inscription
    # a Tiers déclarant registers several establishments with one mailbox: its mails of this one come after
    deja = acteur.boite.nombre(inscription.contact.courriel, textes.SUJET_IDENTIFIANT)
    demander_la_creation(acteur, inscription)
    return recevoir_ses_identifiants(acteur, rang=deja + 1, inscription=inscription)


def avoir_un_acces_sylae(acteur: Acteur, control) -> dict:
    """ACC-11: the establishment already has an identity on the ASP's SYLAé
    extranet (the control interface plays the ASP)."""
    acces = {"identifiant": f"sylae{donnees.suffixe(8)}", "mot_de_passe": donnees.mot_de_passe_valide()}
    inscription = acteur.son_inscription
    control.create_asp_account(siret=inscription.siret, application="SYLAé",
                               identifiant=acces["identifiant"], mot_de_passe=acces["mot_de_passe"],
                               courriel=inscription.contact.courriel)
    return acces


def prendre_son_acces_sylae(acteur: Acteur, acces: dict) -> None:
    """ACC-11: the SYLAé identifier and password become the account it uses here."""
    inscription = acteur.son_inscription
    p = inscription.contact
    acteur.compte = Compte(profil="Etablissement", identifiant=acces["identifiant"],
                           mot_de_passe=acces["mot_de_passe"], courriel=p.courriel, prenom_nom=p.prenom_nom,
                           siret=inscription.siret)


def se_connecter_avec_son_acces_sylae(acteur: Acteur, acces: dict) -> None:
    prendre_son_acces_sylae(acteur, acces)
    se_connecter_a_son_espace(acteur)


# --- connections -------------------------------------------------------------------------------


def se_connecter(acteur: Acteur, identifiant: str | None = None, mot_de_passe: str | None = None) -> None:
    """« MON ESPACE PERSONNEL » on the home page, in the browser."""
    acteur.fenetres.clear()  # back to its own window (a « Mon Compte » window may stay open)
    acteur.pages.accueil.ouvrir()
    acteur.pages.accueil.se_connecter(identifiant or acteur.son_compte.identifiant,
                                      acteur.son_compte.mot_de_passe if mot_de_passe is None else mot_de_passe)


def coller_ses_identifiants(acteur: Acteur) -> None:
    """ACC-12: the identifier and the password pasted from the mails."""
    acteur.pages.accueil.ouvrir()
    acteur.pages.accueil.coller_identifiants(acteur.son_compte.identifiant, acteur.son_compte.mot_de_passe)
    acteur.pages.accueil.cliquer_connexion()


def se_connecter_a_son_espace(acteur: Acteur) -> None:
    """Logged in through the browser's login form, its space shown."""
    se_connecter(acteur)
    assert acteur.pages.espace.utilisateur_affiche(acteur.son_compte.prenom_nom), \
        f"« {acteur.son_compte.prenom_nom} » n'est pas affiché après la connexion ({acteur.ui.url})"


def se_connecter_par_programme(acteur: Acteur) -> None:
    """Logged in where login is not the subject: the site's own login form
    played over HTTP (harness/clients/session_http.py), its session cookies
    handed to the actor's browser; then its space is opened."""
    compte = acteur.son_compte
    acteur.ui.add_cookies(session_http.connexion(acteur.base_url, compte.identifiant,
                                                 compte.mot_de_passe, user_agent=acteur.user_agent))
    acteur.pages.espace.ouvrir()
    assert acteur.pages.espace.utilisateur_affiche(compte.prenom_nom), \
        f"« {compte.prenom_nom} » n'est pas affiché après la connexion par programme ({acteur.ui.url})"


def se_connecter_pour_la_premiere_fois(acteur: Acteur) -> None:
    """First login with the mailed credentials: the password change page."""
    se_connecter(acteur)
    acteur.pages.changement(acteur.son_compte.identifiant).attendre()


def changer_son_mot_de_passe(acteur: Acteur, nouveau: str | None = None, ancien: str | None = None,
                             confirmation: str | None = None) -> str:
    """On the change page: the old password, a new one (compliant unless
    given), its confirmation. The account's password changes only when the
    whole entry is right (the caller checks the page)."""
    compte = acteur.son_compte
    nouveau = nouveau or donnees.mot_de_passe_valide()
    acteur.pages.changement(compte.identifiant).changer(compte.mot_de_passe if ancien is None else ancien,
                                                        nouveau, confirmation=confirmation)
    return nouveau


def adopter_le_mot_de_passe(acteur: Acteur, nouveau: str) -> None:
    """The account's password is now ``nouveau`` (the old one is kept); a
    password changed means the first connection is done (PWD-01)."""
    compte = acteur.son_compte
    compte.nouveau_mot_de_passe(nouveau)
    if compte.etat == "jamais_connecte":
        compte.etat = "connecte"


def choisir_un_mot_de_passe_conforme(acteur: Acteur) -> None:
    adopter_le_mot_de_passe(acteur, changer_son_mot_de_passe(acteur))


def positionner_sa_question(acteur: Acteur, question: str | None = None, reponse: str | None = None) -> None:
    """UD-02: the secret question and its answer, at the first connection."""
    compte = acteur.son_compte
    page = acteur.pages.question_secrete(compte.identifiant)
    page.attendre()
    compte.question = question or donnees.QUESTIONS_SECRETES[0]
    compte.reponse = reponse or donnees.reponse_secrete()
    page.positionner(compte.question, compte.reponse)


def positionner_une_reponse_sans_question(acteur: Acteur, reponse: str) -> None:
    """UD-02: the answer typed, the question left empty."""
    page = acteur.pages.question_secrete(acteur.son_compte.identifiant)
    page.attendre()
    page.positionner("", reponse)


def faire_sa_premiere_connexion(acteur: Acteur, question: bool = False) -> None:
    """Login, password change (PWD-01), the secret question when the
    account has none yet (agents, further users: UD-02), back to the login
    page (PWD-08)."""
    se_connecter_pour_la_premiere_fois(acteur)
    choisir_un_mot_de_passe_conforme(acteur)
    if question:
        positionner_sa_question(acteur)
    acteur.pages.accueil.attendre()


def se_deconnecter(acteur: Acteur) -> None:
    acteur.pages.espace.se_deconnecter(acteur.son_compte.prenom_nom)
    acteur.pages.accueil.attendre()


def ouvrir_le_menu_utilisateur(acteur: Acteur) -> None:
    acteur.pages.espace.ouvrir_menu(acteur.son_compte.prenom_nom)


def cliquer_deconnexion(acteur: Acteur) -> None:
    acteur.pages.espace.cliquer_deconnexion()


def revenir_en_arriere(acteur: Acteur) -> None:
    acteur.pages.page.revenir_en_arriere()


def ouvrir_son_espace(acteur: Acteur) -> None:
    acteur.pages.espace.ouvrir()


def ouvrir_l_adresse_du_changement_du_mot_de_passe(acteur: Acteur) -> None:
    """Its address typed in, whatever the session (after « Déconnexion »)."""
    acteur.pages.changement(acteur.son_compte.identifiant).ouvrir()


def ouvrir_l_adresse_de_la_question_secrete(acteur: Acteur) -> None:
    """Its address typed in, whatever the session (UD-02's page is the
    logged-in agent's only)."""
    acteur.pages.question_secrete(acteur.son_compte.identifiant).ouvrir()


def saisir_des_mots_de_passe_errones(acteur: Acteur, n: int) -> None:
    acteur.son_compte.etat = "verrouille"  # perhaps: three in a row lock it (LCK-01)
    for _ in range(n):
        se_connecter(acteur, mot_de_passe=donnees.mot_de_passe_errone())
        acteur.pages.accueil.attendre_erreur()


def envoyer_des_mots_de_passe_errones_au_meme_instant(acteur: Acteur, n: int) -> list[int]:
    """LCK-05: ``n`` wrong passwords posted at once from ``n`` HTTP sessions;
    the site's statuses."""
    compte = acteur.son_compte
    compte.etat = "verrouille"
    return ConnexionsSimultanees(acteur.base_url, acteur.user_agent).envoyer(
        compte.identifiant, donnees.mot_de_passe_errone(), n)


def faire_passer_le_temps(horloge, minutes: int = 0, heures: int = 0, jours: int = 0) -> None:
    """The target's clock moves on (its control interface: ``horloge``)."""
    horloge.advance(((jours * 24 + heures) * 60 + minutes) * 60)


def saisir_des_identifiants(acteur: Acteur) -> tuple[str, str]:
    """HOME-01: a user and a password typed in « MON ESPACE PERSONNEL »."""
    saisie = (f"utilisateur.{donnees.suffixe()}", donnees.mot_de_passe_errone())
    acteur.pages.accueil.saisir_identifiants(*saisie)
    return saisie


def annuler_la_connexion(acteur: Acteur) -> None:
    acteur.pages.accueil.cliquer_annuler()


def cliquer_connexion(acteur: Acteur) -> None:
    acteur.pages.accueil.cliquer_connexion()


# --- recovery (RST, IDR) ------------------------------------------------------------------------


def aller_a_mot_de_passe_oublie(acteur: Acteur) -> None:
    acteur.fenetres.clear()
    acteur.pages.accueil.ouvrir()
    acteur.pages.accueil.j_ai_oublie_mon_mot_de_passe()
    acteur.pages.mot_de_passe_oublie.attendre()


def aller_a_identifiant_oublie(acteur: Acteur) -> None:
    acteur.fenetres.clear()
    acteur.pages.accueil.ouvrir()
    acteur.pages.accueil.j_ai_oublie_mon_identifiant()
    acteur.pages.identifiant_oublie.attendre()


def demander_un_nouveau_mot_de_passe(acteur: Acteur, juste: bool = True) -> None:
    """Its user name and the operation's result (a wrong one if not
    ``juste``), « Continuer »: the rest happens in the new window."""
    acteur.passer_a_la_fenetre(acteur.pages.mot_de_passe_oublie.demander(acteur.son_compte.identifiant, juste=juste))


def demander_son_identifiant(acteur: Acteur) -> None:
    acteur.passer_a_la_fenetre(acteur.pages.identifiant_oublie.demander(acteur.son_compte.courriel))


def revenir_a_la_fenetre_d_avant(acteur: Acteur) -> None:
    """Its window « Mon Compte » closed: it looks at the window under it."""
    acteur.revenir_a_la_fenetre_d_avant()


def repondre_a_sa_question(acteur: Acteur, reponse: str | None = None, recuperation: str = "mot de passe") -> None:
    """The answer, « Valider ». The right one for the password resets it
    (RST-04): a pool's account no longer has the password of its file, so it
    is set aside at the end of the scenario (its state changed)."""
    if recuperation == "mot de passe" and (reponse is None or reponse == acteur.sa_reponse):
        acteur.son_compte.etat = "mot_de_passe_reinitialise"
    page = acteur.pages.mot_de_passe_oublie if recuperation == "mot de passe" else acteur.pages.identifiant_oublie
    page.repondre(acteur.sa_reponse if reponse is None else reponse)


def recuperer_son_mot_de_passe_avec(acteur: Acteur, reponse: str) -> None:
    """The whole lost-password flow, up to the answer ``reponse``."""
    aller_a_mot_de_passe_oublie(acteur)
    demander_un_nouveau_mot_de_passe(acteur)
    assert acteur.pages.mot_de_passe_oublie.question_posee(acteur.sa_question), \
        f"la question « {acteur.sa_question} » n'est pas posée ({acteur.ui.url})"
    repondre_a_sa_question(acteur, reponse)


def recuperer_son_identifiant_avec(acteur: Acteur, reponse: str) -> None:
    aller_a_identifiant_oublie(acteur)
    demander_son_identifiant(acteur)
    assert acteur.pages.identifiant_oublie.question_posee(acteur.sa_question), \
        f"la question « {acteur.sa_question} » n'est pas posée ({acteur.ui.url})"
    repondre_a_sa_question(acteur, reponse, recuperation="identifiant")


def lire_son_nouveau_mot_de_passe(acteur: Acteur) -> None:
    """RST-04: the new password, read between the brackets of its mail."""
    adopter_le_mot_de_passe(acteur, acteur.boite.valeur(acteur.son_compte.courriel, textes.SUJET_NOUVEAU_MOT_DE_PASSE,
                                                        textes.LIBELLE_MOT_DE_PASSE))


# --- the Fiche établissement (ACC-08) -----------------------------------------------------------


def ouvrir_la_fiche(acteur: Acteur) -> None:
    acteur.pages.fiche.ouvrir_depuis_l_espace()


@dataclass
class NouvelUtilisateur:
    """A further user as the referent person typed it."""
    personne: donnees.Personne
    identifiant: str | None = None


def demander_l_ajout_d_un_utilisateur(acteur: Acteur, sans: tuple[str, ...] = (),
                                      avec: dict[str, str] | None = None) -> NouvelUtilisateur:
    """From the Fiche établissement: « Ajouter un utilisateur », the form, « ENVOYER »;
    ``sans`` the fields left empty, ``avec`` the fields typed otherwise (by label).
    The new person's name is none of those the Fiche lists already."""
    personne = donnees.personne(hors_de=acteur.pages.fiche.utilisateurs())
    page = acteur.pages.fiche.ajouter_un_utilisateur()
    valeurs = {"Nom": personne.nom, "Prénom": personne.prenom, "Téléphone": personne.telephone,
               "Courriel": personne.courriel, "Confirmer courriel": personne.courriel, **(avec or {})}
    page.renseigner({k: v for k, v in valeurs.items() if k not in sans})
    page.envoyer()
    if not sans and not avec:
        acteur.pages.page.attendre_texte(textes.AJOUT_ENREGISTRE)
    return NouvelUtilisateur(personne)


def ouvrir_le_formulaire_d_ajout(acteur: Acteur) -> str:
    """From the Fiche établissement, « Ajouter un utilisateur »: the form's
    address, as the browser shows it (another person may type it in later)."""
    ouvrir_la_fiche(acteur)
    acteur.pages.fiche.ajouter_un_utilisateur()
    return acteur.ui.url


def ouvrir_l_adresse(acteur: Acteur, adresse: str) -> None:
    """An address typed into the browser's address bar."""
    acteur.ui.goto(adresse)


def changer_de_personne_referente(acteur: Acteur, nouvelle: Acteur) -> None:
    """ACC-08: the referent person (``acteur``) hands the role of person to
    contact to another user of the establishment (``nouvelle``), chosen in the
    « Nouvelle personne référente : » list by its identifier."""
    acteur.pages.fiche.ouvrir_depuis_l_espace()
    acteur.pages.fiche.changer_de_personne_referente(nouvelle.son_compte.identifiant)


# --- the procedure (PROC) -----------------------------------------------------------------------


@dataclass
class Indemnisation:
    debut: date
    fin: date
    salaries: int
    heures: int
    numero: int | None = None

    @property
    def numero_enregistre(self) -> int:
        """Its number, which the site gives when it is saved."""
        assert self.numero is not None, "l'indemnisation n'a pas de numéro : elle n'a pas encore été enregistrée"
        return self.numero


def saisir_une_demande(acteur: Acteur, demande: Demande, motif: str | None = "", debut: str | None = None,
                       fin: str | None = None, salaries: str | None = None, motif_ajoute: str | None = None) -> None:
    """From its space to a filled request form (not saved); ``motif_ajoute``:
    a reason put into the list by hand, as with developer tools."""
    pages = acteur.pages
    pages.demandes.ouvrir_depuis_l_espace()
    pages.demandes.nouvelle_demande()
    pages.saisie_demande.renseigner(
        demande.motif if motif == "" else motif,
        date_fr(demande.debut) if debut is None else debut, date_fr(demande.fin) if fin is None else fin,
        str(demande.salaries) if salaries is None else salaries, str(demande.heures))
    if motif_ajoute is not None:
        pages.saisie_demande.ajouter_un_motif(motif_ajoute)


def modifier_les_salaries(acteur: Acteur, demande: Demande, salaries: int, accepte: bool = True) -> None:
    """PROC-01, PROC-05: a saved request not yet signed, opened from its list,
    « Modifier la demande », another number of employees, « Enregistrer »
    (and, unless the entry is meant to be refused, the request saved)."""
    ouvrir_la_demande(acteur, demande)
    acteur.pages.demande.modifier()
    acteur.pages.saisie_demande.saisir_les_salaries(str(salaries))
    enregistrer(acteur)
    if accepte:
        acteur.pages.demande.attendre_enregistrement()


def enregistrer(acteur: Acteur) -> None:
    """« Enregistrer », on the request form or the compensation form."""
    acteur.pages.saisie_demande.enregistrer()


def noter_la_demande_enregistree(acteur: Acteur, demande: Demande) -> None:
    page = acteur.pages.demande
    page.attendre_enregistrement()
    demande.numero = page.numero()


def signer_et_envoyer(acteur: Acteur, demande: Demande) -> None:
    """PROC-05: « Signer la demande », certify, « Signer et envoyer »."""
    page = acteur.pages.demande
    page.signer().certifier_et_signer()
    page.attendre_envoi()
    demande.depose_le, demande.date_limite = page.depose_le(), page.date_limite()


def vouloir_signer(acteur: Acteur) -> None:
    acteur.pages.demande.signer()


def deposer_une_demande(acteur: Acteur, demande: Demande | None = None) -> Demande:
    """A request entered, saved, signed and sent."""
    demande = demande or demande_type()
    saisir_une_demande(acteur, demande)
    enregistrer(acteur)
    noter_la_demande_enregistree(acteur, demande)
    signer_et_envoyer(acteur, demande)
    return demande


def ouvrir_la_demande(acteur: Acteur, demande: Demande) -> None:
    """The establishment opens its request from its list."""
    acteur.pages.demandes.ouvrir_depuis_l_espace()
    acteur.pages.demandes.ouvrir_demande(demande.numero_enregistre)


def ouvrir_les_demandes_a_instruire(acteur: Acteur) -> None:
    acteur.pages.a_instruire.ouvrir_depuis_l_espace()


def instruire_la_demande(acteur: Acteur, demande: Demande) -> None:
    """The UD agent opens a request from its « Demandes à instruire »."""
    acteur.pages.a_instruire.ouvrir_depuis_l_espace()
    acteur.pages.a_instruire.ouvrir_demande(demande.numero_enregistre)


def tenter_d_autoriser(acteur: Acteur) -> None:
    """« Autoriser » on the page already open, whatever the site answers."""
    acteur.pages.instruction.autoriser()


def autoriser(acteur: Acteur) -> None:
    tenter_d_autoriser(acteur)
    acteur.pages.instruction.attendre_decision()


def refuser(acteur: Acteur, motif: str) -> None:
    acteur.pages.instruction.refuser(motif)
    if motif:
        acteur.pages.instruction.attendre_decision()


def tenter_d_ouvrir_la_demande_par_son_adresse(acteur: Acteur, demande: Demande) -> None:
    acteur.pages.instruction.ouvrir_par_son_adresse(demande.numero_enregistre)


def saisir_une_indemnisation(acteur: Acteur, demande: Demande, indemnisation: Indemnisation) -> None:
    ouvrir_la_demande(acteur, demande)
    acteur.pages.demande.nouvelle_indemnisation()
    acteur.pages.saisie_indemnisation.renseigner(
        date_fr(indemnisation.debut), date_fr(indemnisation.fin),
        str(indemnisation.salaries), str(indemnisation.heures))


def deposer_une_indemnisation(acteur: Acteur, demande: Demande, heures: int) -> Indemnisation:
    """A compensation request on the first month of the authorised period,
    entered, saved, signed and sent."""
    indemnisation = Indemnisation(debut=demande.debut, fin=demande.debut + timedelta(days=29),
                                  salaries=demande.salaries, heures=heures)
    saisir_une_indemnisation(acteur, demande, indemnisation)
    acteur.pages.saisie_indemnisation.enregistrer()
    page = acteur.pages.indemnisation
    page.attendre_texte(textes.INDEMNISATION_ENREGISTREE)
    indemnisation.numero = page.numero()
    page.signer().certifier_et_signer()
    page.attendre_texte(textes.INDEMNISATION_ENVOYEE)
    return indemnisation


def ouvrir_l_indemnisation(acteur: Acteur, demande: Demande, indemnisation: Indemnisation) -> None:
    ouvrir_la_demande(acteur, demande)
    acteur.pages.demande.ouvrir_indemnisation(indemnisation.numero_enregistre)


def instruire_l_indemnisation(acteur: Acteur, indemnisation: Indemnisation) -> None:
    acteur.pages.a_instruire.ouvrir_depuis_l_espace()
    acteur.pages.a_instruire.ouvrir_indemnisation(indemnisation.numero_enregistre)


def valider_l_indemnisation(acteur: Acteur, indemnisation: Indemnisation) -> None:
    instruire_l_indemnisation(acteur, indemnisation)
    acteur.pages.instruction_indemnisation.valider()
    acteur.pages.instruction_indemnisation.attendre_decision()


def invalider_l_indemnisation(acteur: Acteur, indemnisation: Indemnisation, motif: str) -> None:
    instruire_l_indemnisation(acteur, indemnisation)
    acteur.pages.instruction_indemnisation.invalider(motif)
    acteur.pages.instruction_indemnisation.attendre_decision()


# --- bords-connexion ---


def se_connecter_avec_un_mot_de_passe_vide(acteur: Acteur) -> None:
    """« MON ESPACE PERSONNEL » with its user name and no password."""
    se_connecter(acteur, mot_de_passe="")
    acteur.pages.accueil.attendre_erreur()


def ouvrir_la_deconnexion_sans_etre_connecte(acteur: Acteur) -> None:
    """What « Déconnexion » opens, by its address, with no session open
    (the browser's session, if the site keeps anything in it, ends)."""
    acteur.pages.espace.ouvrir_deconnexion()
    acteur.pages.accueil.attendre()


def reprendre_dans_un_nouveau_navigateur(acteur: Acteur, autre: Acteur) -> None:
    """The same person goes on in another browser (``autre``'s own browser
    context: none of the first one's cookies)."""
    acteur.page_principale = autre.page_principale
    acteur.fenetres.clear()
    acteur.pages.accueil.ouvrir()


def demander_avec(acteur: Acteur, recuperation: str, qui: str, resultat: str) -> None:
    """Step 1 of a recovery (``recuperation``: "mot de passe" or
    "identifiant"), from its page: ``qui`` (a user name or an address) and
    the operation's result (``resultat``: "juste", "faux" or "vide"),
    « Continuer »; it then looks at the window where the rest happens."""
    page = acteur.pages.mot_de_passe_oublie if recuperation == "mot de passe" else acteur.pages.identifiant_oublie
    acteur.passer_a_la_fenetre(page.demander(qui, resultat=resultat))


def recevoir_un_nouveau_mot_de_passe_et_se_connecter(acteur: Acteur) -> None:
    """RST-04/RST-05: the lost-password flow with the right answer, the new
    password read in the mail, the login with it: the change page."""
    recuperer_son_mot_de_passe_avec(acteur, acteur.sa_reponse)
    lire_son_nouveau_mot_de_passe(acteur)
    se_connecter_pour_la_premiere_fois(acteur)


def ouvrir_le_changement_du_mot_de_passe(acteur: Acteur) -> None:
    """Logged in (not the subject: the fastest way), « Changement du mot de
    passe pour <identifiant> » opened from its space by its address."""
    se_connecter_par_programme(acteur)
    page = acteur.pages.changement(acteur.son_compte.identifiant)
    page.ouvrir()
    page.attendre()


# --- bords-procedure ---------------------------------------------------------------------------


def envoyer_la_demande_saisie(acteur: Acteur, sauf=(), valeurs: dict[str, str] | None = None) -> dict[str, str]:
    """Step 2 filled in (every field but ``sauf``, or ``valeurs`` as given)
    and « ENVOYER » clicked; returns what was typed."""
    saisies = renseigner_le_formulaire(acteur, sauf=sauf, valeurs=valeurs)
    envoyer_le_formulaire(acteur)
    return saisies


def ecrire_une_adresse_dans_chaque_champ(acteur: Acteur, champs: list[str], coller: bool) -> dict[str, str]:
    """ACC-07: an address of the person to contact pasted (``coller``) or
    typed by hand in each field; returns what was written where."""
    contact = acteur.son_inscription.contact
    adresses = {}
    for champ in champs:
        adresse = donnees.courriel(contact.prenom, contact.nom, "colle" if coller else "tape")
        (coller_dans_un_champ if coller else saisir_un_champ)(acteur, champ, adresse)
        adresses[champ] = adresse
    return adresses



def faire_d_un_nouvel_utilisateur_la_personne_referente(acteur: Acteur, nouvel: Acteur) -> NouvelUtilisateur:
    """ACC-08: from the Fiche établissement, the referent person (``acteur``)
    has a further user added, who reads its identifier and password in its
    mail (``nouvel``: that person), then hands it the role of person to contact."""
    ouvrir_la_fiche(acteur)
    ajout = nouvel.memoire["ajout"] = demander_l_ajout_d_un_utilisateur(acteur)
    recevoir_ses_identifiants(nouvel, personne=ajout.personne)
    ajout.identifiant = nouvel.son_compte.identifiant
    changer_de_personne_referente(acteur, nouvel)
    return ajout


def envoyer_la_demande_sans_la_limite_de_la_page(acteur: Acteur, champ: str, texte: str) -> str:
    """ACC-04 on the server: the field's limit removed from the page (as with
    developer tools), the whole form filled in with ``texte`` in ``champ``,
    « ENVOYER »; returns what the field held when sent."""
    acteur.pages.creation.retirer_la_limite(champ)
    valeurs = valeurs_formulaire(acteur.son_inscription)
    valeurs[champ] = texte
    acteur.pages.creation.renseigner(valeurs)
    envoye = acteur.pages.creation.valeur(champ)
    acteur.pages.creation.envoyer()
    return envoye


def envoyer_la_demande_avec_une_ville_ajoutee(acteur: Acteur, ville: str, champs: dict[str, str] | None = None,
                                              sauf: Iterable[str] = ()) -> None:
    """ACC-03, ACC-05 on the server: the form filled in (``champs`` over the
    employer's values, leaving out ``sauf``), then ``ville`` put into the
    « Ville » list and chosen by hand (as with developer tools), « ENVOYER »."""
    valeurs = valeurs_formulaire(acteur.son_inscription) | (champs or {})
    acteur.pages.creation.renseigner(valeurs, sauf=sauf)
    acteur.pages.creation.ajouter_une_ville(ville)
    acteur.pages.creation.envoyer()


def reprendre_sa_demande(acteur: Acteur) -> None:
    """From the home page, « CRÉER MON ESPACE », the same SIRET validated again."""
    cliquer_creer_mon_espace(acteur)
    renseigner_le_siret(acteur)
    valider_l_etape_1(acteur)


def prendre_le_compte(acteur: Acteur, compte: Compte, inscription: Inscription) -> None:
    """ENR-07: a Tiers déclarant logs in with the account of one of its
    establishments (one account per establishment)."""
    acteur.compte, acteur.inscription = compte, inscription
    se_connecter_par_programme(acteur)


def ouvrir_la_demande_par_son_adresse(acteur: Acteur, demande: Demande, pour: str = "consulter") -> None:
    acteur.pages.demande.ouvrir_par_son_adresse(demande.numero_enregistre, pour)
