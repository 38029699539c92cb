"""ENR (step 1: SIRET, security code, CGU) and ACC (step 2: the creation
form, the mails that follow)."""
from __future__ import annotations

from pytest_bdd import given, parsers, then, when

from fixtures import donnees
from pages.courriels import (SUJET_HABILITATION, SUJET_IDENTIFIANT, SUJET_MOT_DE_PASSE,
                             SUJETS_CREATION)
from steps import exige
from steps.parcours import (attendre_demande_enregistree, compte_de, demander_creation,
                            ouvrir_etape_1, recevoir_identifiants, se_connecter_a_son_espace,
                            valeurs_formulaire, valider_siret)

#: A security code that no display shows (the codes have 6 characters).
CODE_ERRONE = "0000000"

#: ENR-06: SIRETs that are not 14 digits with a valid Luhn key.
SIRETS_INVALIDES = {
    "dont la clé de contrôle est fausse": donnees.siret_cle_fausse,
    "de 13 chiffres": lambda: donnees.siret_valide()[:13],
    "de 15 chiffres": lambda: donnees.siret_valide() + "0",
    "contenant des lettres": lambda: donnees.siret_valide()[:10] + "ABCD",
}


# --- step 1 -----------------------------------------------------------------------------------


@given("il a cliqué sur « CRÉER MON ESPACE » depuis la page d'accueil")
def a_clique_creer_mon_espace(pages):
    ouvrir_etape_1(pages)


@given("il a validé son SIRET à l'étape 1")
@exige("captcha")
def a_valide_son_siret(pages, inscription):
    ouvrir_etape_1(pages)
    valider_siret(pages, inscription.siret)


@given("un compte a déjà été demandé pour ce SIRET par une autre personne")
@exige("captcha")
def compte_deja_demande(pages, inscription):
    demander_creation(pages, donnees.inscription(siret=inscription.siret))
    ouvrir_etape_1(pages)


@when("il renseigne son SIRET, recopie le code de sécurité et accepte les CGU")
@exige("captcha")
def renseigne_siret_code_cgu(pages, inscription):
    pages.siret.renseigner(inscription.siret)


@when("il renseigne son SIRET, un code de sécurité erroné et accepte les CGU")
def renseigne_code_errone(pages, inscription):
    pages.siret.renseigner(inscription.siret, code=CODE_ERRONE)


@when("il renseigne son SIRET et recopie le code de sécurité, sans cocher les CGU")
@exige("captcha")
def renseigne_sans_cgu(pages, inscription):
    pages.siret.renseigner(inscription.siret, cgu=False)


@when(parsers.parse("il renseigne un SIRET {sorte}, recopie le code de sécurité et accepte les CGU"))
@exige("captcha")
def renseigne_siret_invalide(pages, sorte):
    pages.siret.renseigner(SIRETS_INVALIDES[sorte]())


@then(parsers.parse("le bouton qui donne un nouveau code porte l'info-bulle « {texte} »"))
def info_bulle_nouveau_code(pages, texte):
    assert pages.siret.info_bulle_nouveau_code() == texte


@when("il relève le code de sécurité affiché", target_fixture="ancien_code")
@exige("captcha")
def releve_le_code(pages):
    return {"id": pages.siret.id_code(), "code": pages.siret.lire_code()}


@when("il demande un nouveau code de sécurité")
def demande_un_nouveau_code(pages):
    pages.siret.demander_un_nouveau_code()


@then("un autre code de sécurité s'affiche")
def autre_code(pages, ancien_code):
    assert pages.siret.id_code() != ancien_code["id"], "le code de sécurité affiché n'a pas changé"


@when("il renseigne son SIRET, recopie l'ancien code de sécurité et accepte les CGU")
@when("il renseigne son SIRET, recopie le code de sécurité relevé et accepte les CGU")
def renseigne_ancien_code(pages, inscription, ancien_code):
    pages.siret.renseigner(inscription.siret, code=ancien_code["code"])


@when("il reprend sa demande avec le même SIRET")
@exige("captcha")
def reprend_sa_demande(pages, inscription):
    ouvrir_etape_1(pages)
    pages.siret.renseigner(inscription.siret)
    pages.siret.valider()


@then(parsers.parse("sa demande est refusée et la page « {titre} » reste affichée"))
def refusee_la_page_reste(pages, titre):
    pages.page.attendre_erreur()
    assert pages.page.presente("titre", titre), f"la page « {titre} » n'est plus affichée ({pages.ui.url})"


@then(parsers.parse("sa demande est refusée et le formulaire « {titre} » reste affiché"))
def refusee_le_formulaire_reste(pages, titre):
    refusee_la_page_reste(pages, titre)


@then(parsers.parse("la page « {titre} » reste affichée"))
def la_page_reste(pages, titre):
    assert pages.page.presente("titre", titre), f"la page « {titre} » n'est plus affichée ({pages.ui.url})"


@then(parsers.parse("le formulaire « {titre} » s'affiche"))
def formulaire_affiche(pages, titre):
    pages.ui.wait_for_text(titre)
    assert pages.page.presente("titre", titre), f"« {titre} » n'est pas le titre de la page ({pages.ui.url})"


# --- step 2: the form -------------------------------------------------------------------------


@then("le champ « N° de Siret » affiche le SIRET validé à l'étape 1")
def siret_affiche(pages, inscription):
    assert pages.creation.valeur("N° de Siret") == inscription.siret


@then(parsers.parse("le champ « {champ} » n'est pas modifiable"))
def champ_non_modifiable(pages, champ):
    assert not pages.creation.modifiable(champ), f"le champ « {champ} » est modifiable"


@then("le formulaire présente les champs obligatoires, marqués d'un * :")
def champs_obligatoires(pages, datatable):
    absents = [champ for (champ,) in datatable if not pages.creation.presente("champ", f"{champ}* :")]
    assert not absents, "champs obligatoires absents ou sans * : " + ", ".join(absents)


@then("il présente les champs facultatifs, sans * :")
def champs_facultatifs(pages, datatable):
    absents = [champ for (champ,) in datatable if not pages.creation.presente("champ", f"{champ} :")]
    assert not absents, "champs facultatifs absents (ou marqués *) : " + ", ".join(absents)


@when("il renseigne les champs obligatoires, et eux seuls")
def renseigne_obligatoires(pages, inscription):
    pages.creation.renseigner(valeurs_formulaire(inscription, facultatifs=False))


@when("il renseigne tous les champs")
def renseigne_tous(pages, inscription):
    pages.creation.renseigner(valeurs_formulaire(inscription))


@when(parsers.parse("il renseigne tous les champs sauf « {champ} »"), target_fixture="saisies")
def renseigne_tous_sauf(pages, inscription, champ):
    if champ == "Ville":  # a postal code with several communes: nothing is chosen by default
        inscription.etablissement.adresse.code_postal, inscription.etablissement.adresse.ville = \
            donnees.CODE_POSTAL_PLUSIEURS_COMMUNES
    valeurs = valeurs_formulaire(inscription)
    sauf = {champ} | ({"Ville"} if champ == "Code postal" else set())
    pages.creation.renseigner(valeurs, sauf=sauf)
    return {c: v for c, v in valeurs.items() if c not in sauf and v != ""}


@then("les champs renseignés ont gardé ce qu'il avait saisi")
def champs_gardes(pages, saisies):
    perdus = {c: (v, pages.creation.valeur(c)) for c, v in saisies.items() if pages.creation.valeur(c) != v}
    assert not perdus, "champs qui n'ont pas gardé la saisie (saisi, affiché) : " + repr(perdus)


@when(parsers.parse("il renseigne aussi « {champ} » et clique sur « ENVOYER »"))
def renseigne_aussi(pages, inscription, champ):
    valeurs = valeurs_formulaire(inscription)
    pages.creation.saisir(champ, valeurs[champ])
    if champ == "Code postal":
        pages.creation.saisir("Ville", valeurs["Ville"])
    pages.creation.envoyer()


@when(parsers.parse("il tape {n:d} caractères dans le champ « {champ} »"), target_fixture="tapes")
def tape_n_caracteres(pages, n, champ):
    texte = ("Chemin des Vignes de la Croix Rousse " * 3)[:n]
    pages.creation.taper(champ, texte)
    return texte


@then(parsers.parse("le champ « {champ} » contient les {n:d} premiers caractères tapés"))
def contient_les_premiers(pages, champ, n, tapes):
    assert pages.creation.valeur(champ) == tapes[:n], \
        f"« {pages.creation.valeur(champ)} » au lieu de « {tapes[:n]} »"


@then(parsers.parse("la liste « Ville » indique « {texte} »"))
def ville_indique(pages, texte):
    assert pages.creation.villes_proposees() == [texte]


@when(parsers.parse("il saisit le code postal {code_postal}"))
def saisit_code_postal(pages, code_postal):
    pages.creation.saisir("Code postal", code_postal)


@then(parsers.parse("la liste « Ville » propose « {premiere} » et « {seconde} »"))
def ville_propose(pages, premiere, seconde):
    options = pages.creation.attendre_villes(seconde)
    assert premiere in options and seconde in options, f"villes proposées : {options}"


@then(parsers.parse("il peut y choisir « {ville} »"))
def peut_choisir(pages, ville):
    pages.creation.choisir_ville(ville)
    assert pages.creation.valeur("Ville") == ville


@when(parsers.parse("il renseigne tous les champs, la confirmation de « {champ} » différant d'une lettre"))
def confirmation_differente(pages, inscription, champ):
    valeurs = valeurs_formulaire(inscription)
    valeurs[f"Confirmer {champ[0].lower()}{champ[1:]}"] = "x" + valeurs[champ]
    pages.creation.renseigner(valeurs)


@when(parsers.parse("il corrige la confirmation de « {champ} » et clique sur « ENVOYER »"))
def corrige_confirmation(pages, inscription, champ):
    valeurs = valeurs_formulaire(inscription)
    pages.creation.saisir(f"Confirmer {champ[0].lower()}{champ[1:]}", valeurs[champ])
    pages.creation.envoyer()


@when("il colle une adresse mail dans chacun des champs :", target_fixture="adresses_collees")
def colle_adresses(pages, inscription, datatable):
    adresses = {}
    for (champ,) in datatable:
        adresse = donnees.courriel(inscription.contact.prenom, inscription.contact.nom, "colle")
        pages.creation.coller(champ, adresse)
        adresses[champ] = adresse
    return adresses


@then("ces champs restent vides")
def champs_vides(pages, adresses_collees):
    remplis = {c: pages.creation.valeur(c) for c in adresses_collees if pages.creation.valeur(c)}
    assert not remplis, f"le collage n'a pas été bloqué : {remplis}"


@when("il tape ces adresses à la main")
def tape_les_adresses(pages, adresses_collees):
    for champ, adresse in adresses_collees.items():
        pages.creation.saisir(champ, adresse)


@then("ces champs contiennent les adresses tapées")
def champs_contiennent(pages, adresses_collees):
    lus = {c: pages.creation.valeur(c) for c in adresses_collees}
    assert lus == adresses_collees


@when("il envoie sa demande complète")
def envoie_sa_demande(pages, inscription):
    pages.creation.renseigner(valeurs_formulaire(inscription))
    pages.creation.envoyer()
    attendre_demande_enregistree(pages)


# --- the mails (ACC-09, ACC-10, ACC-12) ------------------------------------------------------------


@then("la personne à contacter reçoit 3 mails de l'ASP : son identifiant de connexion, "
      "son mot de passe de connexion et la confirmation de son habilitation")
@exige("courriel")
def trois_mails(boite, inscription):
    for sujet in SUJETS_CREATION:
        boite.attendre(inscription.contact.courriel, sujet)


@then("l'identifiant et le mot de passe y figurent entre crochets")
@exige("courriel")
def entre_crochets(boite, inscription):
    adresse = inscription.contact.courriel
    assert boite.identifiant(adresse) and boite.mot_de_passe(adresse)


@then("les mails de l'ASP sont adressés à la personne à contacter, et non à l'adresse mail de l'établissement",
      target_fixture="compte")
@exige("courriel")
def mails_a_la_personne_a_contacter(boite, inscription):
    for sujet in SUJETS_CREATION:
        boite.attendre(inscription.contact.courriel, sujet)
    assert boite.nombre(inscription.etablissement.courriel) == 0, \
        f"l'adresse de l'établissement a reçu : {boite.sujets(inscription.etablissement.courriel)}"
    return recevoir_identifiants(boite, compte_de(inscription))


@when("la personne à contacter se connecte à son espace")
def personne_se_connecte(pages, compte):
    from steps.parcours import premiere_connexion

    premiere_connexion(pages, compte)
    se_connecter_a_son_espace(pages, compte)


@when("elle ouvre la « Fiche établissement »")
def ouvre_fiche(pages):
    pages.page.cliquer("Fiche établissement")
    pages.page.attendre_texte("Compte principal utilisateur (Personne à contacter)")


@then("la partie « Compte principal utilisateur (Personne à contacter) » présente ses nom, prénom et adresse mail")
def fiche_presente_la_personne(pages, inscription):
    texte = pages.page.texte()
    partie = texte.split("Compte principal utilisateur (Personne à contacter)", 1)[1]
    p = inscription.contact
    absents = [v for v in (p.nom, p.prenom, p.courriel) if v not in partie]
    assert not absents, f"absents de la partie « Compte principal utilisateur » : {absents}"


@then("ils ne sont pas modifiables")
def pas_modifiables(pages):
    champs = [f"{n}{s}" for n in ("Nom", "Prénom", "Courriel") for s in ("", " :", "* :")]
    modifiables = [c for c in champs if pages.ui.is_visible(label=c) and pages.ui.is_editable(label=c)]
    assert not modifiables, f"champs modifiables : {modifiables}"


# --- ENR-07: a Tiers déclarant, one account per establishment ---------------------------------------


@given("il est Tiers déclarant et gère aussi un deuxième établissement", target_fixture="deuxieme")
def tiers_declarant(inscription):
    return donnees.inscription(contact=inscription.contact)


@when("il envoie la demande du premier établissement en s'indiquant comme personne à contacter")
def envoie_premier(pages, inscription):
    envoie_sa_demande(pages, inscription)


@when("il répète cette étape pour le deuxième établissement, avec la même adresse mail")
@exige("captcha")
def repete_pour_le_deuxieme(pages, deuxieme):
    demander_creation(pages, deuxieme, facultatifs=True)


@then("il reçoit, pour chacun des deux établissements, son identifiant, son mot de passe "
      "et la confirmation de son habilitation", target_fixture="identifiants_tiers")
@exige("courriel")
def recoit_pour_chacun(boite, inscription, deuxieme):
    adresse = inscription.contact.courriel
    for sujet in SUJETS_CREATION:
        boite.attendre(adresse, sujet, rang=2)
    habilitations = " ".join(m.text for m in boite.mailpit.messages(adresse, SUJET_HABILITATION))
    for siret in (inscription.siret, deuxieme.siret):
        assert siret in habilitations, f"aucune confirmation d'habilitation ne cite le SIRET {siret}"
    return [boite.identifiant(adresse, rang) for rang in (1, 2)]


@then("chaque établissement a son propre compte, avec son propre identifiant")
def propre_compte(identifiants_tiers):
    assert len(set(identifiants_tiers)) == 2, f"identifiants : {identifiants_tiers}"


# --- ACC-11: an identity of another ASP extranet -------------------------------------------------------


@given("l'établissement a déjà un accès à l'extranet SYLAé de l'ASP", target_fixture="acces_asp")
@exige("controle")
def acces_sylae(control, inscription):
    acces = {"identifiant": f"sylae{donnees.suffixe(8)}", "mot_de_passe": donnees.mot_de_passe_valide()}
    control.create_asp_account(siret=inscription.siret, application="SYLAé",
                               identifiant=acces["identifiant"], mot_de_passe=acces["mot_de_passe"],
                               courriel=inscription.contact.courriel)
    return acces


@then("la personne à contacter ne reçoit que la confirmation de son habilitation, "
      "sans nouvel identifiant ni mot de passe")
@exige("courriel")
def que_l_habilitation(boite, inscription):
    adresse = inscription.contact.courriel
    boite.attendre(adresse, SUJET_HABILITATION)
    recus = boite.sujets(adresse)
    assert SUJET_IDENTIFIANT not in recus and SUJET_MOT_DE_PASSE not in recus, f"reçus : {recus}"


@then("elle se connecte à l'extranet Activité Partielle avec ses identifiant et mot de passe de SYLAé")
def se_connecte_avec_sylae(pages, inscription, acces_asp):
    compte = compte_de(inscription)
    compte.identifiant, compte.mot_de_passe = acces_asp["identifiant"], acces_asp["mot_de_passe"]
    se_connecter_a_son_espace(pages, compte)
