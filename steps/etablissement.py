"""ACC-08, ACC-09: the « Fiche établissement »: the referent person requests
further users, and may hand the role of person to contact to one of them;
nobody's name, first name or e-mail can be edited there. The further user
is a person of its own, with its own browser and mailbox."""
from __future__ import annotations

import re

from pytest_bdd import given, parsers, then, when

from acteurs import questions as q
from acteurs import taches
from pages import textes
from steps import exige
from steps.commun import obtenir_un_etablissement


#: The address a person noted, to type it in later (ACC-08, OUT-02).
ADRESSE_NOTEE = "adresse notée"


def _nouvel_utilisateur(distribution):
    return distribution["nouvel utilisateur"]


@when("elle demande l'ajout d'un utilisateur dans la « Fiche établissement »")
def demande_l_ajout_dans_la_fiche(distribution, acteur):
    taches.ouvrir_la_fiche(acteur)
    demande_l_ajout(distribution, acteur)


@when("elle demande l'ajout d'un utilisateur dans la « Fiche établissement », sans indiquer son adresse mail")
def demande_l_ajout_sans_courriel_dans_la_fiche(distribution, acteur):
    taches.ouvrir_la_fiche(acteur)
    demande_l_ajout_sans_courriel(distribution, acteur)


@when(parsers.parse("elle demande l'ajout d'un utilisateur dans la « Fiche établissement », "
                    "avec « {valeur} » pour « {champ} »"))
def demande_l_ajout_avec(distribution, acteur, valeur, champ):
    """A value the form refuses; an e-mail is typed twice, the same."""
    avec = {champ: valeur, **({"Confirmer courriel": valeur} if champ == "Courriel" else {})}
    taches.ouvrir_la_fiche(acteur)
    _nouvel_utilisateur(distribution).memoire["ajout"] = taches.demander_l_ajout_d_un_utilisateur(acteur, avec=avec)


@then(parsers.parse("sa demande d'ajout est refusée pour le champ « {champ} »"))
def ajout_refuse_pour_le_champ(acteur, champ):
    assert q.erreur_contient(acteur, f"« {champ} »"), (
        f"aucun message d'erreur sur « {champ} » ; messages affichés : « {q.messages(acteur)} »")


def demande_l_ajout(distribution, acteur):
    _nouvel_utilisateur(distribution).memoire["ajout"] = taches.demander_l_ajout_d_un_utilisateur(acteur)


def demande_l_ajout_sans_courriel(distribution, acteur):
    _nouvel_utilisateur(distribution).memoire["ajout"] = taches.demander_l_ajout_d_un_utilisateur(
        acteur, sans=("Courriel", "Confirmer courriel"))


def _recevoir_ses_identifiants(nouvel) -> None:
    ajout = nouvel.memoire["ajout"]
    taches.recevoir_ses_identifiants(nouvel, personne=ajout.personne)
    ajout.identifiant = nouvel.compte.identifiant


@then("le nouvel utilisateur reçoit 3 mails de l'ASP : son identifiant de connexion, son mot de passe de connexion "
      "et la confirmation de son habilitation")
@exige("courriel")
def nouvel_utilisateur_recoit_ses_mails(distribution):
    nouvel = _nouvel_utilisateur(distribution)
    for sujet in textes.SUJETS_CREATION:
        assert q.courriel_recu(nouvel, sujet, adresse=nouvel.memoire["ajout"].personne.courriel)
    _recevoir_ses_identifiants(nouvel)


@then("le nouvel utilisateur, une fois connecté, trouve l'établissement dans sa Fiche établissement, "
      "sans pouvoir y ajouter d'utilisateur")
def nouvel_utilisateur_connecte(distribution, acteur):
    nouvel = distribution.entre_en_scene(_nouvel_utilisateur(distribution))
    taches.faire_sa_premiere_connexion(nouvel, question=True)  # its own secret question, at its first connection
    taches.se_connecter_a_son_espace(nouvel)
    taches.ouvrir_la_fiche(nouvel)
    assert acteur.inscription.etablissement.denomination in q.texte_de_la_page(nouvel), \
        "l'établissement n'est pas dans sa fiche"
    assert not q.ajout_propose(nouvel), "« Ajouter un utilisateur » est proposé à un autre que la personne référente"


@given("elle a fait ajouter un deuxième utilisateur à l'établissement")
@exige("courriel")
def a_fait_ajouter(distribution, acteur):
    taches.ouvrir_la_fiche(acteur)
    demande_l_ajout(distribution, acteur)
    _recevoir_ses_identifiants(_nouvel_utilisateur(distribution))


@given("elle a désigné ce deuxième utilisateur comme nouvelle personne référente")
@when("elle désigne ce deuxième utilisateur comme nouvelle personne référente")
@exige("compte_consommable")
def designe_nouvelle_referente(distribution, acteur):
    taches.changer_de_personne_referente(acteur, _nouvel_utilisateur(distribution))


@when("le deuxième utilisateur, à son tour, la désigne comme personne référente")
@exige("compte_consommable")
def deuxieme_la_redesigne(distribution, acteur):
    nouvel = distribution.entre_en_scene(_nouvel_utilisateur(distribution))
    taches.faire_sa_premiere_connexion(nouvel, question=True)
    taches.se_connecter_a_son_espace(nouvel)
    taches.changer_de_personne_referente(nouvel, acteur)


@then("la partie « Compte principal utilisateur (Personne à contacter) » la présente à nouveau")
def la_presente_a_nouveau(distribution, acteur):
    nouvel = _nouvel_utilisateur(distribution)
    partie = q.partie_personne_a_contacter(nouvel)
    assert acteur.son_compte.courriel in partie, f"« {acteur.son_compte.courriel} » n'y figure pas ({partie})"
    assert nouvel.son_compte.courriel not in partie, "le deuxième utilisateur y figure encore"


@then("chacune figure une seule fois parmi les utilisateurs de l'établissement")
def chacune_une_seule_fois(distribution, acteur):
    nouvel = _nouvel_utilisateur(distribution)
    liste = q.utilisateurs_de_l_etablissement(nouvel)
    fois = {a.son_compte.identifiant: len(re.findall(rf"(?<![\w.]){re.escape(a.son_compte.identifiant)}(?![\w.])", liste))
            for a in (acteur, nouvel)}
    assert all(n == 1 for n in fois.values()), f"identifiants et nombre de fois où ils figurent : {fois} ({liste})"


@then("la partie « Compte principal utilisateur (Personne à contacter) » présente le deuxième utilisateur")
def presente_le_deuxieme(distribution, acteur):
    partie = q.partie_personne_a_contacter(acteur)
    p = _nouvel_utilisateur(distribution).memoire["ajout"].personne
    absents = [v for v in (p.nom, p.prenom, p.courriel) if v not in partie]
    assert not absents, f"absents de la partie « Compte principal utilisateur » : {absents} ({partie})"
    assert acteur.compte.courriel not in partie, "l'ancienne personne référente y figure encore"


@then("le nom, le prénom et l'adresse mail de la personne à contacter ne sont pas modifiables")
def pas_modifiables(acteur):
    modifiables = q.champs_modifiables_de_la_personne_a_contacter(acteur)
    assert not modifiables, f"champs modifiables : {modifiables}"


@then("le deuxième utilisateur est avisé par mail qu'il est désormais la personne à contacter")
@exige("courriel")
def deuxieme_avise(distribution, acteur):
    nouvel = _nouvel_utilisateur(distribution)
    message = q.courriel_recu(nouvel, textes.SUJET_PERSONNE_A_CONTACTER)
    assert acteur.compte.siret in message.text, message.text


@then("l'ancienne personne référente ne peut plus ajouter d'utilisateur ni changer de personne référente")
def ancienne_sans_pouvoirs(acteur):
    assert not q.ajout_propose(acteur), "« Ajouter un utilisateur » est encore proposé"
    assert not q.changement_de_referente_propose(acteur), "« Changer de personne référente » est encore proposé"


# --- the form's address typed in by whoever may not use it (ACC-08 on the server) --------------


@given("elle a noté l'adresse du formulaire « Ajouter un utilisateur à un établissement »")
@given("il a noté l'adresse de son formulaire « Ajouter un utilisateur à un établissement »")
def note_l_adresse_du_formulaire(acteur):
    acteur.memoire[ADRESSE_NOTEE] = taches.ouvrir_le_formulaire_d_ajout(acteur)


@given("il a noté l'adresse de sa Fiche établissement")
def note_l_adresse_de_la_fiche(acteur):
    taches.ouvrir_la_fiche(acteur)
    acteur.memoire[ADRESSE_NOTEE] = q.url(acteur)


@given("un autre établissement inscrit, dont la personne référente a noté l'adresse de son formulaire "
       "« Ajouter un utilisateur à un établissement »")
@exige("compte")
def autre_etablissement_note_l_adresse(distribution, acteur):
    autre = distribution["autre établissement"]
    obtenir_un_etablissement(distribution, autre, "connecte")
    taches.se_connecter_par_programme(autre)
    acteur.memoire[ADRESSE_NOTEE] = taches.ouvrir_le_formulaire_d_ajout(autre)


@when("elle ouvre cette adresse dans son navigateur")
@when("il rouvre cette adresse dans son navigateur")
def ouvre_l_adresse_notee(distribution, acteur):
    distribution.entre_en_scene(acteur)
    taches.ouvrir_l_adresse(acteur, acteur.memoire[ADRESSE_NOTEE])


@then("la page lui dit qu'elle n'y a pas accès, sans le formulaire « Ajouter un utilisateur à un établissement »")
def acces_refuse_sans_formulaire(acteur):
    _refus_sans_formulaire(acteur, textes.ACCES_REFUSE)


@then("la page lui dit qu'elle n'existe pas, sans le formulaire « Ajouter un utilisateur à un établissement »")
def page_inexistante_sans_formulaire(acteur):
    _refus_sans_formulaire(acteur, textes.PAGE_INEXISTANTE)


def _refus_sans_formulaire(acteur, message: str) -> None:
    assert q.erreur_contient(acteur, message), f"« {message} » attendu ; messages affichés : « {q.messages(acteur)} »"
    assert not q.formulaire_d_ajout_affiche(acteur), "le formulaire d'ajout s'affiche"


@then("aucun utilisateur n'est ajouté à l'établissement")
def aucun_utilisateur(distribution, acteur):
    assert q.formulaire_d_ajout_affiche(acteur), "le formulaire d'ajout n'est plus affiché"
    taches.ouvrir_la_fiche(acteur)
    nom = _nouvel_utilisateur(distribution).memoire["ajout"].personne.nom
    assert nom not in q.utilisateurs_de_l_etablissement(acteur), "l'utilisateur a été ajouté"
