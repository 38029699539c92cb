"""ENR (step 1: SIRET, security code, CGU) and ACC (step 2: the creation
form, the mails that follow). Here registration *is* the subject: the
employer goes through the site's pages in its own browser."""
from __future__ import annotations

from pytest_bdd import given, parsers, then, when

from acteurs import questions as q
from acteurs import taches
from fixtures import donnees
from pages import textes
from steps import exige

#: A security code that no display shows (the codes have 6 characters).
CODE_ERRONE = "0000000"

#: ENR-06: SIRETs that are not 14 digits with a valid Luhn key.
SIRETS_INVALIDES = {
    "dont la clé de contrôle est fausse": donnees.siret_cle_fausse,
    "de 13 chiffres": lambda: donnees.siret_valide()[:13],
    "de 15 chiffres": lambda: donnees.siret_valide() + "0",
    "contenant des lettres": lambda: donnees.siret_valide()[:10] + "ABCD",
}


def _confirmation(champ: str) -> str:
    """« Courriel établissement » → « Confirmer courriel établissement »."""
    return f"Confirmer {champ[0].lower()}{champ[1:]}"


# --- step 1 -----------------------------------------------------------------------------------


@given("il a cliqué sur « CRÉER MON ESPACE » depuis la page d'accueil")
def a_clique_creer_mon_espace(acteur):
    taches.cliquer_creer_mon_espace(acteur)


@given("il a validé son SIRET à l'étape 1")
@exige("captcha")
def a_valide_son_siret(acteur):
    taches.passer_l_etape_1(acteur)


@given("un compte a déjà été demandé pour ce SIRET par une autre personne")
@exige("captcha")
def compte_deja_demande(distribution, acteur):
    """Another person of the same establishment registered it first, in
    their own browser."""
    autre = distribution["autre personne"]
    autre.inscription = donnees.inscription(siret=acteur.inscription.siret)
    taches.demander_la_creation(autre)


@when("il valide son SIRET, le code de sécurité recopié et les CGU acceptées")
@exige("captcha")
def valide_siret_code_cgu(acteur):
    taches.renseigner_le_siret(acteur)
    taches.valider_l_etape_1(acteur)


@when("il valide son SIRET avec un code de sécurité erroné")
def valide_code_errone(acteur):
    taches.renseigner_le_siret(acteur, code=CODE_ERRONE)
    taches.valider_l_etape_1(acteur)


@when("il valide son SIRET et le code de sécurité recopié, sans cocher les CGU")
@exige("captcha")
def valide_sans_cgu(acteur):
    taches.renseigner_le_siret(acteur, cgu=False)
    taches.valider_l_etape_1(acteur)


@when("il valide son SIRET et les CGU acceptées, sans recopier le code de sécurité")
def valide_sans_code(acteur):
    taches.renseigner_le_siret(acteur, code="")
    taches.valider_l_etape_1(acteur)


@when("il valide le code de sécurité recopié et les CGU acceptées, sans SIRET")
@exige("captcha")
def valide_sans_siret(acteur):
    taches.renseigner_le_siret(acteur, siret="")
    taches.valider_l_etape_1(acteur)


@when(parsers.parse("il valide un SIRET {sorte}, le code de sécurité recopié et les CGU acceptées"))
@exige("captcha")
def valide_siret_invalide(acteur, sorte):
    taches.renseigner_le_siret(acteur, SIRETS_INVALIDES[sorte]())
    taches.valider_l_etape_1(acteur)


@then("l'image du code de sécurité s'affiche")
def image_du_code_affichee(acteur):
    assert q.image_du_code_lisible(acteur), "l'image « Code de sécurité » ne s'est pas chargée"


@then("la case des conditions générales d'utilisation n'est pas cochée d'avance")
def cgu_pas_cochees_d_avance(acteur):
    assert not q.cgu_cochees_a_l_affichage(acteur), \
        "la case « J'accepte les conditions générales d'utilisation * » arrive déjà cochée"


@then(parsers.parse("le bouton qui donne un nouveau code porte l'info-bulle « {texte} »"))
def info_bulle_nouveau_code(acteur, texte):
    assert q.info_bulle_nouveau_code(acteur) == texte


@given("il a relevé le code de sécurité affiché")
@exige("captcha")
def releve_le_code(acteur):
    acteur.memoire["code relevé"] = taches.relever_le_code(acteur)


@given("un autre visiteur a ouvert à son tour la page « Veuillez indiquer votre numéro de Siret »")
def autre_visiteur_sur_la_page_siret(distribution):
    """ENR-02: another person, in their own browser, gets a code of their
    own; the code shown to the first one must stay valid."""
    taches.cliquer_creer_mon_espace(distribution["autre visiteur"])


@when("il demande un nouveau code de sécurité")
@given("il a demandé un nouveau code de sécurité")
def demande_un_nouveau_code(acteur):
    acteur.memoire["image avant"] = q.image_du_code(acteur)
    taches.demander_un_nouveau_code(acteur)


@then("un autre code de sécurité s'affiche")
def autre_code(acteur):
    assert q.image_du_code(acteur) != acteur.memoire["image avant"], "le code de sécurité affiché n'a pas changé"


@when("il valide son SIRET avec l'ancien code de sécurité recopié")
@when("il valide son SIRET avec le code de sécurité relevé")
def valide_ancien_code(acteur):
    taches.renseigner_le_siret(acteur, code=acteur.memoire["code relevé"]["code"])
    taches.valider_l_etape_1(acteur)


@given("il a renseigné son SIRET, recopié le code de sécurité et accepté les CGU")
@exige("captcha")
def a_renseigne_siret(acteur):
    taches.renseigner_le_siret(acteur)


@given("il a abandonné l'étape 1 par « ANNULER »")
@exige("captcha")
def a_abandonne_l_etape_1(acteur):
    taches.renseigner_le_siret(acteur)
    taches.annuler_l_etape_1(acteur)
    taches.ouvrir_l_accueil(acteur)


@given("il a renseigné tous les champs")
def a_renseigne_tous(acteur):
    taches.renseigner_le_formulaire(acteur)


@given("il a abandonné le formulaire par « ANNULER »")
def a_abandonne_le_formulaire(acteur):
    taches.renseigner_le_formulaire(acteur)
    taches.annuler_le_formulaire(acteur)
    taches.ouvrir_l_accueil(acteur)


@when("il reprend sa demande avec le même SIRET")
@exige("captcha")
def reprend_sa_demande(acteur):
    taches.cliquer_creer_mon_espace(acteur)
    taches.renseigner_le_siret(acteur)
    taches.valider_l_etape_1(acteur)


@then(parsers.parse("sa demande est refusée et la page « {titre} » reste affichée"))
@then(parsers.parse("sa demande est refusée et le formulaire « {titre} » reste affiché"))
def refusee_la_page_reste(acteur, titre):
    assert q.une_erreur_s_affiche(acteur)
    assert q.titre_toujours_affiche(acteur, titre), f"la page « {titre} » n'est plus affichée ({q.url(acteur)})"


@then(parsers.parse("la page « {titre} » reste affichée"))
def la_page_reste(acteur, titre):
    assert q.titre_toujours_affiche(acteur, titre), f"la page « {titre} » n'est plus affichée ({q.url(acteur)})"


@then(parsers.parse("le formulaire « {titre} » s'affiche"))
def formulaire_affiche(acteur, titre):
    assert q.titre_affiche(acteur, titre), f"« {titre} » n'est pas le titre de la page ({q.url(acteur)})"


# --- step 2: the form -------------------------------------------------------------------------


@then("le champ « N° de Siret » affiche le SIRET validé à l'étape 1")
def siret_affiche(acteur):
    assert q.valeur_du_champ(acteur, "N° de Siret") == acteur.inscription.siret


@then(parsers.parse("le champ « {champ} » n'est pas modifiable"))
def champ_non_modifiable(acteur, champ):
    assert not q.champ_modifiable(acteur, champ), f"le champ « {champ} » est modifiable"


@then("le formulaire présente les champs obligatoires, marqués d'un * :")
def champs_obligatoires(acteur, datatable):
    absents = q.elements_absents(acteur, [("champ", f"{champ}* :") for (champ,) in datatable])
    assert not absents, "champs obligatoires absents ou sans * : " + ", ".join(absents)


@then("il présente les champs facultatifs, sans * :")
def champs_facultatifs(acteur, datatable):
    absents = q.elements_absents(acteur, [("champ", f"{champ} :") for (champ,) in datatable])
    assert not absents, "champs facultatifs absents (ou marqués *) : " + ", ".join(absents)


@when("il envoie sa demande avec les champs obligatoires, et eux seuls")
def envoie_obligatoires(acteur):
    taches.renseigner_le_formulaire(acteur, facultatifs=False)
    taches.envoyer_le_formulaire(acteur)


def _sans(acteur, champ: str) -> dict:
    """The form's fields but ``champ`` (and the town with the postal code)."""
    if champ == "Ville":  # a postal code with several communes: nothing is chosen by default
        adresse = acteur.inscription.etablissement.adresse
        adresse.code_postal, adresse.ville = donnees.CODE_POSTAL_PLUSIEURS_COMMUNES
    return {"sauf": {champ} | ({"Ville"} if champ == "Code postal" else set())}


@when(parsers.parse("il envoie sa demande avec tous les champs sauf « {champ} »"))
def envoie_tous_sauf(acteur, champ):
    acteur.memoire["saisies"] = taches.envoyer_la_demande_saisie(acteur, **_sans(acteur, champ))


@given(parsers.parse("il a envoyé sa demande avec tous les champs sauf « {champ} », qui a été refusée"))
def a_envoye_tous_sauf(acteur, champ):
    envoie_tous_sauf(acteur, champ)
    assert q.une_erreur_s_affiche(acteur)


@then("les champs renseignés ont gardé ce qu'il avait saisi")
def champs_gardes(acteur):
    saisies = acteur.memoire["saisies"]
    perdus = {c: (v, q.valeur_du_champ(acteur, c)) for c, v in saisies.items() if q.valeur_du_champ(acteur, c) != v}
    assert not perdus, "champs qui n'ont pas gardé la saisie (saisi, affiché) : " + repr(perdus)


@when(parsers.parse("il renseigne aussi « {champ} » et renvoie sa demande"))
def renseigne_aussi(acteur, champ):
    valeurs = taches.valeurs_formulaire(acteur.inscription)
    taches.saisir_un_champ(acteur, champ, valeurs[champ])
    if champ == "Code postal":
        taches.saisir_un_champ(acteur, "Ville", valeurs["Ville"])
    taches.envoyer_le_formulaire(acteur)


@when(parsers.parse("il tape {n:d} caractères dans le champ « {champ} »"))
def tape_n_caracteres(acteur, n, champ):
    texte = ("Chemin des Vignes de la Croix Rousse " * 3)[:n]
    taches.taper_dans_un_champ(acteur, champ, texte)
    acteur.memoire["tapés"] = texte


@then(parsers.parse("le champ « {champ} » contient les {n:d} premiers caractères tapés"))
def contient_les_premiers(acteur, champ, n):
    attendu = acteur.memoire["tapés"][:n]
    assert q.valeur_du_champ(acteur, champ) == attendu, f"« {q.valeur_du_champ(acteur, champ)} » au lieu de « {attendu} »"


@then(parsers.parse("la liste « Ville » indique « {texte} »"))
def ville_indique(acteur, texte):
    assert q.villes_proposees(acteur) == [texte]


@when(parsers.parse("il saisit le code postal {code_postal}"))
def saisit_code_postal(acteur, code_postal):
    taches.saisir_un_champ(acteur, "Code postal", code_postal)


@then(parsers.parse("la liste « Ville » propose « {premiere} » et « {seconde} »"))
def ville_propose(acteur, premiere, seconde):
    options = q.villes_proposees(acteur, attendre=seconde)
    assert premiere in options and seconde in options, f"villes proposées : {options}"


@then(parsers.parse("il peut y choisir « {ville} »"))
def peut_choisir(acteur, ville):
    taches.choisir_la_ville(acteur, ville)
    assert q.valeur_du_champ(acteur, "Ville") == ville


def _confirmation_differente(acteur, champ: str) -> dict:
    """The whole form, the confirmation of ``champ`` one letter off."""
    valeurs = taches.valeurs_formulaire(acteur.inscription)
    valeurs[_confirmation(champ)] = "x" + valeurs[champ]
    return {"valeurs": valeurs}


@when(parsers.parse("il envoie sa demande, la confirmation de « {champ} » différant d'une lettre"))
def envoie_confirmation_differente(acteur, champ):
    taches.envoyer_la_demande_saisie(acteur, **_confirmation_differente(acteur, champ))


@given(parsers.parse("sa demande a été refusée, la confirmation de « {champ} » différant d'une lettre"))
def refusee_confirmation_differente(acteur, champ):
    envoie_confirmation_differente(acteur, champ)
    assert q.une_erreur_s_affiche(acteur)


@when(parsers.parse("il corrige la confirmation de « {champ} » et renvoie sa demande"))
def corrige_confirmation(acteur, champ):
    valeurs = taches.valeurs_formulaire(acteur.inscription)
    taches.saisir_un_champ(acteur, _confirmation(champ), valeurs[champ])
    taches.envoyer_le_formulaire(acteur)


@when("il colle une adresse mail dans chacun des champs :")
def colle_adresses(acteur, datatable):
    acteur.memoire["adresses écrites"] = taches.ecrire_une_adresse_dans_chaque_champ(
        acteur, [champ for (champ,) in datatable], coller=True)


@then("ces champs restent vides")
def champs_vides(acteur):
    remplis = {c: q.valeur_du_champ(acteur, c) for c in acteur.memoire["adresses écrites"] if q.valeur_du_champ(acteur, c)}
    assert not remplis, f"le collage n'a pas été bloqué : {remplis}"


@when(parsers.parse("il tape à la main une adresse mail dans chacun des champs :"))
def tape_adresses(acteur, datatable):
    acteur.memoire["adresses écrites"] = taches.ecrire_une_adresse_dans_chaque_champ(
        acteur, [champ for (champ,) in datatable], coller=False)


@then("ces champs contiennent les adresses tapées")
def champs_contiennent(acteur):
    adresses = acteur.memoire["adresses écrites"]
    assert {c: q.valeur_du_champ(acteur, c) for c in adresses} == adresses


@when("il envoie sa demande complète")
def envoie_sa_demande(acteur):
    taches.renseigner_le_formulaire(acteur)
    taches.envoyer_le_formulaire(acteur)
    taches.attendre_la_demande_enregistree(acteur)


@when(parsers.parse("il envoie sa demande complète avec la réponse secrète « {reponse} »"))
def envoie_sa_demande_avec_la_reponse(acteur, reponse):
    taches.envoyer_le_formulaire_avec(acteur, {"Réponse": reponse})


@when("il envoie à son tour sa demande complète")
def envoie_a_son_tour(acteur):
    """ENR-05 on step 2: sent after the SIRET got its account meanwhile (no
    wait for « demande enregistrée »: the refusal is what is awaited)."""
    taches.renseigner_le_formulaire(acteur)
    taches.envoyer_le_formulaire(acteur)


@given("il a envoyé sa demande complète")
def a_envoye_sa_demande(acteur):
    envoie_sa_demande(acteur)


# --- the mails (ACC-09, ACC-10, ACC-12) ------------------------------------------------------------


@then("la personne à contacter reçoit 3 mails de l'ASP : son identifiant de connexion, "
      "son mot de passe de connexion et la confirmation de son habilitation")
@exige("courriel")
def trois_mails(acteur):
    for sujet in textes.SUJETS_CREATION:
        assert q.courriel_recu(acteur, sujet)


@then("l'identifiant et le mot de passe y figurent entre crochets")
@exige("courriel")
def entre_crochets(acteur):
    assert q.valeur_entre_crochets(acteur, textes.SUJET_IDENTIFIANT, textes.LIBELLE_IDENTIFIANT)
    assert q.valeur_entre_crochets(acteur, textes.SUJET_MOT_DE_PASSE, textes.LIBELLE_MOT_DE_PASSE)


@then("les mails de l'ASP sont adressés à la personne à contacter, et non à l'adresse mail de l'établissement")
@exige("courriel")
def mails_a_la_personne_a_contacter(acteur):
    for sujet in textes.SUJETS_CREATION:
        assert q.courriel_recu(acteur, sujet)
    adresse_etablissement = acteur.inscription.etablissement.courriel
    assert q.nombre_de_courriels(acteur, adresse_etablissement) == 0, \
        f"l'adresse de l'établissement a reçu : {q.sujets_recus(acteur, adresse_etablissement)}"


@exige("courriel", "compte_consommable")
def personne_se_connecte(acteur):
    taches.recevoir_ses_identifiants(acteur)
    taches.faire_sa_premiere_connexion(acteur)
    taches.se_connecter_a_son_espace(acteur)


@given("la personne à contacter s'est connectée à son espace")
@exige("courriel", "compte_consommable")
def personne_s_est_connectee(acteur):
    personne_se_connecte(acteur)


@when("elle ouvre la « Fiche établissement »")
def ouvre_fiche(acteur):
    taches.ouvrir_la_fiche(acteur)


@then("la partie « Compte principal utilisateur (Personne à contacter) » présente ses nom, prénom et adresse mail")
def fiche_presente_la_personne(acteur):
    partie = q.partie_personne_a_contacter(acteur)
    p = acteur.inscription.contact
    absents = [v for v in (p.nom, p.prenom, p.courriel) if v not in partie]
    assert not absents, f"absents de la partie « Compte principal utilisateur » : {absents}"


@then("ils ne sont pas modifiables")
def pas_modifiables(acteur):
    modifiables = q.champs_modifiables_de_la_personne_a_contacter(acteur)
    assert not modifiables, f"champs modifiables : {modifiables}"


# --- ENR-07: a Tiers déclarant, one account per establishment ---------------------------------------


@given("il est Tiers déclarant et gère aussi un deuxième établissement")
def tiers_declarant(acteur):
    acteur.memoire["deuxième établissement"] = donnees.inscription(contact=acteur.inscription.contact)


@when("il envoie la demande du premier établissement en s'indiquant comme personne à contacter")
def envoie_premier(acteur):
    envoie_sa_demande(acteur)


@when("il répète cette étape pour le deuxième établissement, avec la même adresse mail")
@exige("captcha")
def repete_pour_le_deuxieme(acteur):
    taches.demander_la_creation(acteur, acteur.memoire["deuxième établissement"], facultatifs=True)


@then("il reçoit, pour chacun des deux établissements, son identifiant, son mot de passe "
      "et la confirmation de son habilitation")
@exige("courriel")
def recoit_pour_chacun(acteur):
    for sujet in textes.SUJETS_CREATION:
        assert q.courriel_recu(acteur, sujet, rang=2)
    habilitations = " ".join(m.text for m in q.courriels(acteur, textes.SUJET_HABILITATION))
    for siret in (acteur.inscription.siret, acteur.memoire["deuxième établissement"].siret):
        assert siret in habilitations, f"aucune confirmation d'habilitation ne cite le SIRET {siret}"
    acteur.memoire["identifiants"] = [
        q.valeur_entre_crochets(acteur, textes.SUJET_IDENTIFIANT, textes.LIBELLE_IDENTIFIANT, rang) for rang in (1, 2)]


@then("chaque établissement a son propre compte, avec son propre identifiant")
def propre_compte(acteur):
    identifiants = acteur.memoire["identifiants"]
    assert len(set(identifiants)) == 2, f"identifiants : {identifiants}"


# --- ACC-11: an identity of another ASP extranet -------------------------------------------------------


@given("l'établissement a déjà un accès à l'extranet SYLAé de l'ASP")
@exige("controle")
def acces_sylae(acteur, control):
    acteur.memoire["accès SYLAé"] = taches.avoir_un_acces_sylae(acteur, control)


@then("la personne à contacter ne reçoit que la confirmation de son habilitation, "
      "sans nouvel identifiant ni mot de passe")
@exige("courriel")
def que_l_habilitation(acteur):
    assert q.courriel_recu(acteur, textes.SUJET_HABILITATION)
    recus = q.sujets_recus(acteur)
    assert textes.SUJET_IDENTIFIANT not in recus and textes.SUJET_MOT_DE_PASSE not in recus, f"reçus : {recus}"


@then("elle se connecte à l'extranet Activité Partielle avec ses identifiant et mot de passe de SYLAé")
def se_connecte_avec_sylae(acteur):
    taches.se_connecter_avec_son_acces_sylae(acteur, acteur.memoire["accès SYLAé"])


@given("il se sert de ses identifiant et mot de passe de SYLAé")
def se_sert_de_sylae(acteur):
    """The SYLAé identity becomes the one it types (what follows: wrong passwords)."""
    taches.prendre_son_acces_sylae(acteur, acteur.memoire["accès SYLAé"])


# --- bords-procedure: ACC-04 on the server ----------------------------------------------------------


@when(parsers.parse("il envoie sa demande complète, « {champ} » de {n:d} caractères, la limite de la page "
                    "retirée comme avec les outils de développement du navigateur"))
def envoie_sans_la_limite_de_la_page(acteur, champ, n):
    texte = ("Chemin des Vignes de la Croix Rousse " * 3)[:n]
    assert len(texte) == n and texte == texte.strip(), f"texte de {n} caractères mal formé : « {texte} »"
    envoye = taches.envoyer_la_demande_sans_la_limite_de_la_page(acteur, champ, texte)
    assert envoye == texte, f"le champ « {champ} » n'a pas gardé les {n} caractères tapés : « {envoye} »"


@then("aucun compte n'est créé pour lui : l'ASP ne lui envoie aucun mail")
@exige("courriel")
def aucun_compte_pour_lui(acteur):
    assert q.aucun_courriel(acteur, textes.SUJET_HABILITATION) and not q.sujets_recus(acteur), \
        f"l'ASP lui a écrit : {q.sujets_recus(acteur)}"


@when("il envoie sa demande complète sans « Code postal », sa ville ajoutée à la liste comme avec "
      "les outils de développement du navigateur")
def envoie_une_ville_sans_code_postal(acteur):
    taches.envoyer_la_demande_avec_une_ville_ajoutee(acteur, acteur.son_inscription.etablissement.adresse.ville,
                                                     sauf=("Code postal", "Ville"))


@when(parsers.parse("il envoie sa demande complète, code postal {code_postal}, la ville « {ville} » "
                    "ajoutée à la liste comme avec les outils de développement du navigateur"))
def envoie_une_autre_ville(acteur, code_postal, ville):
    commune = dict(donnees.COMMUNES)[code_postal]  # chosen first from the page's list, then replaced
    taches.envoyer_la_demande_avec_une_ville_ajoutee(acteur, ville, {"Code postal": code_postal, "Ville": commune})


@then("aucun compte n'est créé : l'ASP n'envoie aucun mail, et le même SIRET reprend sa demande")
@exige("captcha", "courriel")
def aucun_compte_cree(acteur):
    assert q.aucun_courriel(acteur, textes.SUJET_HABILITATION), f"l'ASP a écrit : {q.sujets_recus(acteur)}"
    taches.reprendre_sa_demande(acteur)
    assert q.titre_affiche(acteur, textes.TITRE_CREATION), "le même SIRET ne reprend pas sa demande"
