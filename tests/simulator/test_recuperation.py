"""Lost password (RST-01..06), lost identifier (IDR-01..04), the Assistance (SUP-01)."""
import html
import re

from simulator import messages as m

from .conftest import NOUVEAU_MDP, compte, courriels, entre_crochets, identifiants_recus, siret_valide

OPERATION = re.compile(r"Veuillez résoudre l'opération suivante : (\d) \+ (\d) =")


def resultat(nav) -> str:
    a, b = OPERATION.search(nav.texte()).groups()
    return str(int(a) + int(b))


def demander_mot_de_passe(nav, utilisateur, juste=True):
    nav.get("/mot-de-passe/oubli")
    calcul = resultat(nav) if juste else str(int(resultat(nav)) + 1)
    return nav.post("/mot-de-passe/oubli", {"utilisateur": utilisateur, "resultat": calcul})


def demander_identifiant(nav, courriel, juste=True):
    nav.get("/identifiant/oubli")
    calcul = resultat(nav) if juste else str(int(resultat(nav)) + 1)
    return nav.post("/identifiant/oubli", {"courriel": courriel, "resultat": calcul})


MON_COMPTE = "Mon Compte - J'ai oublié mon mot de passe"


def titre(nav) -> str:
    return html.unescape(re.search(r"<title>(.*?)</title>", nav.page, re.S).group(1)).strip()


def assistance_affichee(nav):
    """SUP-01: the channels exactly as the guide gives them."""
    texte = nav.texte()
    return ("contact-ap@asp-public.fr" in texte
            and "Soit au 0820 722 111 Service 0,15 € / appel + prix appel pour la Métropole." in texte
            and "Soit au 0821 401 400 Service 0,15 € / appel + prix appel pour les DOM." in texte)


# --- RST ------------------------------------------------------------------------------------
def test_RST_01_page_utilisateur_et_operation(nav):
    nav.get("/")
    nav.get("/mot-de-passe/oubli")
    page = html.unescape(nav.page)
    assert "<h2>Mon Compte</h2>" in page and "<h3>J'ai oublié mon mot de passe</h3>" in page
    assert '<label for="utilisateur">Utilisateur :</label>' in page
    assert re.search(r'<label for="resultat">Veuillez résoudre l\'opération suivante : \d \+ \d =</label>', page)
    assert '<input type="submit" value="Continuer">' in page


def test_RST_01_resultat_faux_refuse(app, nav, inscrit):
    demander_mot_de_passe(nav, inscrit[0], juste=False)
    assert nav.chemin == "/mot-de-passe/oubli"
    assert m.OPERATION_INCORRECTE in nav.alertes()
    assert nav.champ("utilisateur") == inscrit[0]
    nav.get("/mot-de-passe/oubli/question")
    assert nav.chemin == "/mot-de-passe/oubli"  # step 2 not reached


def test_RST_01_operation_a_usage_unique(app, nav, inscrit):
    nav.get("/mot-de-passe/oubli")
    juste = resultat(nav)
    nav.post("/mot-de-passe/oubli", {"utilisateur": "inconnu", "resultat": juste})
    assert m.UTILISATEUR_INCONNU in nav.alertes()
    # replaying the first operation's result against the new operation may only pass by chance
    nouvelle = resultat(nav)
    nav.post("/mot-de-passe/oubli", {"utilisateur": inscrit[0], "resultat": nouvelle})
    assert nav.chemin == "/mot-de-passe/oubli/question"


def test_RST_02_question_secrete_affichee(app, nav, inscrit):
    demander_mot_de_passe(nav, inscrit[0])
    assert nav.chemin == "/mot-de-passe/oubli/question"
    assert "Question secrète ville de résidence" in nav.texte()
    assert '<label for="reponse">Réponse secrète</label>' in nav.page
    assert '<input type="submit" value="Valider">' in nav.page


def test_RST_02_continuer_ouvre_la_nouvelle_fenetre_mon_compte(app, nav, inscrit):
    """« Cliquez sur Continuer. Dans une nouvelle fenêtre, renseignez la réponse
    à votre question secrète et validez. »: the step-1 form targets the window
    « Mon Compte »; every later page is that window's (its title, « Fermer »
    closing it); each step its own title (RGAA 8.6)."""
    nav.get("/mot-de-passe/oubli")
    assert titre(nav) == MON_COMPTE
    assert re.search(r'<form method="post" action="/mot-de-passe/oubli" target="mon_compte" '
                     r'data-nouvelle-fenetre="1">', nav.page)
    demander_mot_de_passe(nav, inscrit[0])
    assert nav.chemin == "/mot-de-passe/oubli/question"
    assert titre(nav) == f"{MON_COMPTE} - Question secrète" and 'target="' not in nav.page
    nav.post(nav.chemin, {"reponse": "Tulle Corrèze"})
    assert titre(nav) == f"{MON_COMPTE} - Procédure terminée" and 'data-fermer="1">Fermer</a>' in nav.page
    # a refusal of step 1 is shown in the new window too, its form staying there
    demander_mot_de_passe(nav, inscrit[0], juste=False)
    # the window's title, with the « Erreur : » every page with an error starts with (RGAA 8.6)
    assert titre(nav) == f"Erreur : {MON_COMPTE}" and 'target="' not in nav.page
    assert m.OPERATION_INCORRECTE in nav.alertes()


def test_chaque_etape_a_son_titre(app, nav, inscrit):
    """RGAA 8.6: the steps of both procedures, refusals included, are told
    apart by their titles (the window's pages once all read « Mon Compte »)."""
    tous = set()
    for demander, valeur, procedure in ((demander_mot_de_passe, inscrit[0], "mon mot de passe"),
                                        (demander_identifiant, "jean.dupont@example.org", "mon identifiant")):
        titres = []
        for reponse in ("Tulle Corrèze", "Brive"):
            demander(nav, valeur)
            titres.append(titre(nav))
            nav.post(nav.chemin, {"reponse": reponse})
            titres.append(titre(nav))
        debut = f"Mon Compte - J'ai oublié {procedure} - "
        assert titres == [debut + "Question secrète", debut + "Procédure terminée",
                          debut + "Question secrète", debut + "Contacter l'Assistance"], titres
        tous |= set(titres)
    assert len(tous) == 6, tous


def test_IDR_reste_dans_la_fenetre(app, nav, inscrit):
    """The guide opens no new window for the lost identifier."""
    nav.get("/identifiant/oubli")
    assert 'target="' not in nav.page
    demander_identifiant(nav, "jean.dupont@example.org")
    nav.post(nav.chemin, {"reponse": "Tulle Corrèze"})
    assert m.PROCEDURE_TERMINEE in nav.statuts()
    assert '<a class="bouton" role="button" href="/">Fermer</a>' in nav.page


def test_RST_03_mauvaise_reponse(app, nav, inscrit):
    demander_mot_de_passe(nav, inscrit[0])
    nav.post(nav.chemin, {"reponse": "tulle corrèze"})  # UD-04: case counts
    assert nav.alertes() == "Cette réponse est incorrecte. Nous ne pouvons pas vous envoyer un nouveau mot de passe."
    assert assistance_affichee(nav)
    assert [c for c in courriels(app) if c.sujet == m.SUJET_NOUVEAU_MOT_DE_PASSE] == []
    # the procedure is over: the right answer now goes nowhere
    nav.post("/mot-de-passe/oubli/question", {"reponse": "Tulle Corrèze"})
    assert nav.chemin == "/mot-de-passe/oubli"
    assert [c for c in courriels(app) if c.sujet == m.SUJET_NOUVEAU_MOT_DE_PASSE] == []


def test_RST_04_RST_05_nouveau_mot_de_passe_par_courriel_puis_changement(app, nav, inscrit):
    identifiant, ancien = inscrit
    demander_mot_de_passe(nav, identifiant)
    nav.post(nav.chemin, {"reponse": "Tulle Corrèze"})
    assert m.PROCEDURE_TERMINEE in nav.statuts()
    assert '<a class="bouton" role="button" href="/" data-fermer="1">Fermer</a>' in nav.page  # RST-02
    mail = [c for c in courriels(app) if c.sujet == m.SUJET_NOUVEAU_MOT_DE_PASSE]
    assert len(mail) == 1 and mail[0].destinataire == "jean.dupont@example.org"
    nouveau = entre_crochets(mail[0].corps, "Mot de passe")
    nav.connecter(identifiant, ancien)
    assert m.IDENTIFIANTS_INCORRECTS in nav.alertes()
    nav.connecter(identifiant, nouveau)
    assert nav.chemin == "/mot-de-passe/changement"  # RST-05
    nav.get("/espace")
    assert nav.chemin == "/mot-de-passe/changement"
    nav.changer_mot_de_passe(nouveau, "Apres.reset1")
    assert nav.chemin == "/"
    nav.connecter(identifiant, "Apres.reset1")
    assert nav.chemin == "/espace"


def test_RST_04_le_nouveau_mot_de_passe_deverrouille(app, nav, inscrit):
    identifiant, _ = inscrit
    nav.verrouiller(identifiant)
    demander_mot_de_passe(nav, identifiant)
    nav.post(nav.chemin, {"reponse": "Tulle Corrèze"})
    nouveau = entre_crochets(courriels(app)[-1].corps, "Mot de passe")
    nav.connecter(identifiant, nouveau)
    assert nav.chemin == "/mot-de-passe/changement"


def test_RST_06_utilisateur_jamais_connecte(app, nav):
    nav.inscrire()
    identifiant, _ = identifiants_recus(app, "jean.dupont@example.org")
    demander_mot_de_passe(nav, identifiant)
    assert nav.alertes() == m.SECRETS_NON_RENSEIGNES
    assert m.SECRETS_NON_RENSEIGNES == (
        "L'ensemble des secrets (question/réponse secrètes) n'étant pas renseigné pour votre compte "
        "utilisateur, merci de bien vouloir prendre contact avec le support spécifique de votre application")
    assert assistance_affichee(nav)


def test_RST_06_agent_qui_n_a_pas_fini_sa_premiere_connexion(app, nav):
    nav.client.post("/_sim/agents", json={"profil": "DGEFP", "identifiant": "dgefp.paris",
                                          "nom": "Roux", "prenom": "Anne", "courriel": "anne@x.gouv.fr"})
    demander_mot_de_passe(nav, "dgefp.paris")
    assert nav.alertes() == m.SECRETS_NON_RENSEIGNES


def test_RST_utilisateur_inconnu(nav):
    demander_mot_de_passe(nav, "personne")
    assert nav.alertes() == m.UTILISATEUR_INCONNU


# --- IDR ------------------------------------------------------------------------------------
def test_IDR_01_page_courriel_et_operation(nav):
    nav.get("/identifiant/oubli")
    page = html.unescape(nav.page)
    assert "<h3>J'ai oublié mon identifiant</h3>" in page
    assert '<label for="courriel">Courriel</label>' in page
    assert re.search(r"Veuillez résoudre l'opération suivante : \d \+ \d =</label>", page)
    assert '<input type="submit" value="Continuer">' in page


def test_IDR_01_resultat_faux_refuse(app, nav, inscrit):
    demander_identifiant(nav, "jean.dupont@example.org", juste=False)
    assert m.OPERATION_INCORRECTE in nav.alertes() and nav.chemin == "/identifiant/oubli"


def test_IDR_01_courriel_inconnu(nav):
    demander_identifiant(nav, "inconnu@example.org")
    assert nav.alertes() == m.COURRIEL_INCONNU


def test_IDR_02_IDR_03_question_puis_identifiant_par_courriel(app, nav, inscrit):
    demander_identifiant(nav, "Jean.Dupont@example.org")  # e-mail case does not matter
    assert nav.chemin == "/identifiant/oubli/question"
    assert "Question secrète ville de résidence" in nav.texte()
    assert '<label for="reponse">Réponse secrète</label>' in nav.page
    nav.post(nav.chemin, {"reponse": "Tulle Corrèze"})
    assert nav.statuts() == "Procédure terminée, merci de vérifier votre boîte aux lettres."
    assert "Fermer" in nav.texte()
    mail = courriels(app)[-1]
    assert mail.sujet == m.SUJET_IDENTIFIANT and mail.destinataire == "jean.dupont@example.org"
    assert entre_crochets(mail.corps, "Identifiant") == inscrit[0]


def test_IDR_03_tiers_declarant_recoit_ses_identifiants(app, nav):
    """Several establishments with one contact e-mail (ENR-07): each identifier
    whose secret answer matches is sent."""
    for n in (1, 2):
        nav.inscrire(siret_valide(n))
    ids = [entre_crochets(c.corps, "Identifiant") for c in courriels(app) if c.sujet == m.SUJET_IDENTIFIANT]
    mots = [entre_crochets(c.corps, "Mot de passe") for c in courriels(app) if c.sujet == m.SUJET_MOT_DE_PASSE]
    for identifiant, provisoire in zip(ids, mots):  # first connection of both
        nav.connecter(identifiant, provisoire)
        nav.changer_mot_de_passe(provisoire, NOUVEAU_MDP)
    demander_identifiant(nav, "jean.dupont@example.org")
    nav.post(nav.chemin, {"reponse": "Tulle Corrèze"})
    corps = courriels(app)[-1].corps
    assert "Identifiant : [jdupont]" in corps and "Identifiant : [jdupont2]" in corps


def test_IDR_04_mauvaise_ou_absente_reponse(app, nav, inscrit):
    for reponse in ("Brive", ""):
        demander_identifiant(nav, "jean.dupont@example.org")
        nav.post(nav.chemin, {"reponse": reponse})
        assert nav.alertes() == m.REPONSE_INCORRECTE_IDENTIFIANT
        assert "Vous devez contacter l'Assistance" in nav.texte()
        assert assistance_affichee(nav)
    assert [c for c in courriels(app) if c.sujet == m.SUJET_IDENTIFIANT][-1].corps.count("[") == 1  # creation only


def test_IDR_jamais_connecte(app, nav):
    nav.inscrire()
    demander_identifiant(nav, "jean.dupont@example.org")
    assert nav.alertes() == m.SECRETS_NON_RENSEIGNES


def test_procedures_separees(app, nav, inscrit):
    """A lost-identifier procedure does not open the lost-password question."""
    demander_identifiant(nav, "jean.dupont@example.org")
    nav.get("/mot-de-passe/oubli/question")
    assert nav.chemin == "/mot-de-passe/oubli"


# --- SUP ------------------------------------------------------------------------------------
def test_SUP_01_canaux_de_l_assistance(nav):
    nav.get("/support")
    assert assistance_affichee(nav)
    assert 'href="mailto:contact-ap@asp-public.fr"' in nav.page
    assert (m.ASSISTANCE_COURRIEL, m.ASSISTANCE_TEL_METROPOLE, m.ASSISTANCE_TEL_DOM, m.ASSISTANCE_TARIF) == (
        "contact-ap@asp-public.fr", "0820 722 111", "0821 401 400", "Service 0,15 € / appel + prix appel")


def test_SUP_01_apres_inscription(nav):
    nav.inscrire()
    assert assistance_affichee(nav)


def test_compte_non_modifie_par_une_procedure_ratee(app, nav, inscrit):
    avant = compte(app, inscrit[0]).mot_de_passe_hash
    demander_mot_de_passe(nav, inscrit[0])
    nav.post(nav.chemin, {"reponse": "faux"})
    assert compte(app, inscrit[0]).mot_de_passe_hash == avant
