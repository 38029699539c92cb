"""First connection and password policy (PWD-01..08), logging out (OUT-01..02),
lockout (LCK-01..04; LCK-05 in test_concurrence.py), agents (UD-01..04)."""
import html
import re

from simulator import messages as m

from .conftest import NOUVEAU_MDP, compte, courriels, entre_crochets, identifiants_recus


def _inscrit_sans_premiere_connexion(app, nav):
    nav.inscrire()
    return identifiants_recus(app, "jean.dupont@example.org")


# --- HOME-01: the login block -------------------------------------------------------------
def test_HOME_01_bloc_de_connexion(nav):
    nav.get("/")
    page = html.unescape(nav.page)
    assert "<h2>MON ESPACE PERSONNEL</h2>" in page
    assert '<label for="utilisateur">Utilisateur :</label>' in page
    assert '<label for="mot_de_passe">Mot de passe :</label>' in page
    assert '<button type="reset">Annuler</button>' in page  # clears the fields
    assert '<button type="submit">Connexion</button>' in page
    assert ">J'ai oublié mon identifiant</a>" in page and ">J'ai oublié mon mot de passe</a>" in page


def test_connexion_inconnue_ou_vide(nav):
    nav.connecter("personne", "Mauvais.mdp1")
    assert nav.alertes() == m.IDENTIFIANTS_INCORRECTS
    nav.connecter("", "")
    assert nav.alertes() == m.CHAMPS_CONNEXION_VIDES
    assert nav.champ("utilisateur") == ""


# --- PWD ------------------------------------------------------------------------------------
def test_PWD_01_premiere_connexion_impose_le_changement(app, nav):
    identifiant, provisoire = _inscrit_sans_premiere_connexion(app, nav)
    nav.connecter(identifiant, provisoire)
    assert nav.chemin == "/mot-de-passe/changement"
    for autre in ("/espace", "/etablissement", "/", "/inscription/siret", "/mot-de-passe/oubli"):
        nav.get(autre)
        assert nav.chemin == "/mot-de-passe/changement", autre
    # Déconnexion stays possible
    nav.get("/deconnexion")
    assert nav.chemin == "/" and m.DECONNEXION_FAITE in nav.statuts()


def test_PWD_07_page_de_changement(app, nav):
    identifiant, provisoire = _inscrit_sans_premiere_connexion(app, nav)
    nav.connecter(identifiant, provisoire)
    page = html.unescape(nav.page)
    assert f"<h2>Changement du mot de passe pour {identifiant}</h2>" in page
    for libelle in ("Entrez l'ancien mot de passe :", "Entrez le nouveau mot de passe :",
                    "Confirmez le nouveau mot de passe :"):
        assert re.search(r'<label for="\w+">%s</label>' % re.escape(libelle), page)
    assert '<input type="submit" value="Changement du mot de passe">' in page
    assert m.INFO_MOT_DE_PASSE in nav.texte()


def test_PWD_07_ancien_mot_de_passe_faux_ou_confirmation_differente(app, nav):
    identifiant, provisoire = _inscrit_sans_premiere_connexion(app, nav)
    nav.connecter(identifiant, provisoire)
    nav.changer_mot_de_passe("Faux.mdp12", NOUVEAU_MDP)
    assert nav.chemin == "/mot-de-passe/changement" and m.ANCIEN_MDP_INCORRECT in nav.alertes()
    nav.changer_mot_de_passe(provisoire, NOUVEAU_MDP, "Autre.mdp12")
    assert m.CONFIRMATION_DIFFERENTE in nav.alertes()
    nav.changer_mot_de_passe(provisoire, "", "")
    assert m.CHAMPS_OBLIGATOIRES in nav.alertes()
    assert compte(app, identifiant).changement_requis


def test_PWD_02_a_06_politique_appliquee_par_la_page(app, nav):
    identifiant, provisoire = _inscrit_sans_premiere_connexion(app, nav)
    nav.connecter(identifiant, provisoire)
    cas = {"Ab1.xyz": m.MDP_TROP_COURT, "Abcdefg.h": m.MDP_SANS_CHIFFRE,
           "Abcdefg12": m.MDP_SANS_SPECIAL, "Abcdéfg.1": m.MDP_ACCENTS}
    for mot, message in cas.items():
        nav.changer_mot_de_passe(provisoire, mot)
        assert message in nav.alertes(), mot
    nav.changer_mot_de_passe(provisoire, identifiant)
    assert m.MDP_EGAL_IDENTIFIANT in nav.alertes()
    assert compte(app, identifiant).changement_requis


def test_PWD_08_retour_a_la_connexion_nouveau_valide_ancien_refuse(app, nav):
    identifiant, provisoire = _inscrit_sans_premiere_connexion(app, nav)
    nav.connecter(identifiant, provisoire)
    nav.changer_mot_de_passe(provisoire, NOUVEAU_MDP)
    assert nav.chemin == "/"
    assert m.MOT_DE_PASSE_MODIFIE in nav.statuts()
    assert "MON ESPACE PERSONNEL" in nav.texte()
    nav.get("/espace")
    assert nav.chemin == "/"  # logged out
    nav.connecter(identifiant, provisoire)
    assert m.IDENTIFIANTS_INCORRECTS in nav.alertes()
    nav.connecter(identifiant, NOUVEAU_MDP)
    assert nav.chemin == "/espace"


def test_PWD_changement_volontaire_une_fois_connecte(app, nav, inscrit):
    identifiant, mdp = inscrit
    nav.connecter(identifiant, mdp)
    nav.get("/espace")
    assert 'href="/mot-de-passe/changement"' in nav.page
    nav.changer_mot_de_passe(mdp, "Encore.mdp3")
    assert nav.chemin == "/" and m.MOT_DE_PASSE_MODIFIE in nav.statuts()
    nav.connecter(identifiant, "Encore.mdp3")
    assert nav.chemin == "/espace"


# --- OUT ------------------------------------------------------------------------------------
def test_OUT_01_prenom_nom_en_haut_a_droite_puis_deconnexion(app, nav, inscrit):
    nav.connecter(*inscrit)
    assert nav.chemin == "/espace"
    assert re.search(r'<button type="button" id="bouton-utilisateur"[^>]*>jean\.dupont</button>', nav.page)
    assert '<a href="/deconnexion">Déconnexion</a>' in nav.page
    for page in ("/etablissement", "/mot-de-passe/changement", "/"):
        nav.get(page)
        assert ">jean.dupont</button>" in nav.page, page
    nav.get("/deconnexion")
    assert nav.chemin == "/" and m.DECONNEXION_FAITE in nav.statuts()
    assert "jean.dupont" not in nav.page


def test_OUT_02_page_protegee_apres_deconnexion(app, nav, inscrit):
    nav.connecter(*inscrit)
    reponse = nav.client.get("/espace")
    assert reponse.headers["Cache-Control"] == "no-store"  # the back button shows nothing
    nav.get("/deconnexion")
    for page in ("/espace", "/etablissement", "/mot-de-passe/changement", "/question-secrete"):
        nav.get(page)
        assert nav.chemin == "/", page
        assert m.CONNEXION_REQUISE in nav.statuts()


def test_session_renouvelee_a_la_connexion(app, nav, inscrit):
    nav.get("/")
    avant = nav.client.get_cookie("session_ap").value
    nav.post("/connexion", {"utilisateur": inscrit[0], "mot_de_passe": inscrit[1]})
    apres = nav.client.get_cookie("session_ap").value
    assert apres != avant
    # the old id is worth nothing
    nav.client.set_cookie("session_ap", avant)
    assert nav.client.get("/espace").status_code == 302
    cookie = nav.reponse.history[0].headers["Set-Cookie"]
    assert "HttpOnly" in cookie and "SameSite=Lax" in cookie


# --- LCK ------------------------------------------------------------------------------------
def test_LCK_01_LCK_02_trois_erreurs_verrouillent(app, nav, inscrit):
    identifiant, mdp = inscrit
    for _ in range(2):
        nav.connecter(identifiant, "Mauvais.mdp1")
        assert nav.alertes() == m.IDENTIFIANTS_INCORRECTS
    nav.connecter(identifiant, "Mauvais.mdp1")
    assert nav.alertes() == m.COMPTE_VERROUILLE
    nav.connecter(identifiant, mdp)  # LCK-02: even the right password
    assert nav.alertes() == m.COMPTE_VERROUILLE
    assert nav.client.get("/espace").status_code == 302
    assert compte(app, identifiant).echecs == 3


def test_LCK_03_deverrouillage_apres_30_minutes(app, nav, inscrit):
    identifiant, mdp = inscrit
    nav.verrouiller(identifiant)
    nav.avancer_horloge(29 * 60)
    nav.connecter(identifiant, mdp)
    assert nav.alertes() == m.COMPTE_VERROUILLE
    nav.avancer_horloge(60)
    nav.connecter(identifiant, mdp)
    assert nav.chemin == "/espace"
    assert compte(app, identifiant).echecs == 0


def test_LCK_03_apres_deverrouillage_le_compte_repart_de_zero(app, nav, inscrit):
    identifiant, mdp = inscrit
    nav.verrouiller(identifiant)
    nav.avancer_horloge(30 * 60)
    nav.connecter(identifiant, "Mauvais.mdp1")
    assert nav.alertes() == m.IDENTIFIANTS_INCORRECTS  # 1 of 3, not locked again at once
    nav.connecter(identifiant, mdp)
    assert nav.chemin == "/espace"


def test_LCK_04_une_connexion_reussie_remet_le_compte_a_zero(app, nav, inscrit):
    identifiant, mdp = inscrit
    for _ in range(2):
        nav.connecter(identifiant, "Mauvais.mdp1")
    nav.connecter(identifiant, mdp)
    assert nav.chemin == "/espace"
    nav.get("/deconnexion")
    for _ in range(2):
        nav.connecter(identifiant, "Mauvais.mdp1")
        assert nav.alertes() == m.IDENTIFIANTS_INCORRECTS
    nav.connecter(identifiant, mdp)
    assert nav.chemin == "/espace"


# --- UD -------------------------------------------------------------------------------------
def _agent(nav, identifiant="ud.correze", courriel="paul.martin@travail.gouv.fr"):
    reponse = nav.client.post("/_sim/agents", json={
        "profil": "UD", "identifiant": identifiant, "nom": "Martin", "prenom": "Paul",
        "courriel": courriel})
    assert reponse.status_code == 201, reponse.get_json()
    return reponse.get_json()["identifiant"]


def test_UD_01_agent_cree_par_l_assistance_recoit_3_courriels(app, nav):
    assert _agent(nav) == "ud.correze"
    recus = courriels(app, "paul.martin@travail.gouv.fr")
    assert [c.sujet for c in recus] == [m.SUJET_IDENTIFIANT, m.SUJET_MOT_DE_PASSE, m.SUJET_HABILITATION]
    assert entre_crochets(recus[0].corps, "Identifiant") == "ud.correze"
    assert "profil UD" in recus[2].corps


def test_UD_01_pas_d_auto_inscription_pour_un_agent(nav):
    """Only the Assistance creates agents: no public page does."""
    nav.get("/")
    assert "agent" not in nav.texte().lower()
    assert nav.client.post("/agents", data={}).status_code == 404


def test_UD_01_commande_flask_pour_une_personne(app):
    resultat = app.test_cli_runner().invoke(args=[
        "creer-agent", "--profil", "DIRECCTE", "--identifiant", "direccte.nouvelle-aquitaine",
        "--nom", "Durand", "--prenom", "Léa", "--courriel", "lea.durand@travail.gouv.fr"])
    assert resultat.exit_code == 0, resultat.output
    assert len(courriels(app, "lea.durand@travail.gouv.fr")) == 3
    encore = app.test_cli_runner().invoke(args=[
        "creer-agent", "--profil", "DIRECCTE", "--identifiant", "direccte.nouvelle-aquitaine",
        "--nom", "X", "--prenom", "Y", "--courriel", "y@x.fr"])
    assert encore.exit_code != 0 and "existe déjà" in encore.output


def test_UD_02_changement_puis_question_secrete_puis_connexion(app, nav):
    _agent(nav)
    identifiant, provisoire = identifiants_recus(app, "paul.martin@travail.gouv.fr")
    nav.connecter(identifiant, provisoire)
    assert nav.chemin == "/mot-de-passe/changement"
    nav.changer_mot_de_passe(provisoire, NOUVEAU_MDP)
    assert nav.chemin == "/question-secrete"
    page = html.unescape(nav.page)
    assert "<h2>Positionnement de la question secrète pour ud.correze</h2>" in page
    assert '<label for="question">Entrez la question secrète :</label>' in page
    assert '<label for="reponse">Entrez la réponse :</label>' in page
    assert '<input type="submit" value="Envoyer">' in page
    # nothing else before the question is set
    nav.get("/espace")
    assert nav.chemin == "/question-secrete"
    nav.post("/question-secrete", {"question": "ville de résidence", "reponse": "Tulle 19"})
    assert nav.chemin == "/" and m.QUESTION_ENREGISTREE in nav.statuts()
    nav.connecter(identifiant, NOUVEAU_MDP)
    assert nav.chemin == "/espace"
    assert ">paul.martin</button>" in nav.page


def test_UD_02_question_exigee_meme_apres_reconnexion(app, nav):
    _agent(nav)
    identifiant, provisoire = identifiants_recus(app, "paul.martin@travail.gouv.fr")
    nav.connecter(identifiant, provisoire)
    nav.changer_mot_de_passe(provisoire, NOUVEAU_MDP)
    nav.get("/deconnexion")
    nav.connecter(identifiant, NOUVEAU_MDP)
    assert nav.chemin == "/question-secrete"


def test_UD_03_reponse_de_plus_de_4_caracteres(app, nav):
    _agent(nav)
    identifiant, provisoire = identifiants_recus(app, "paul.martin@travail.gouv.fr")
    nav.connecter(identifiant, provisoire)
    nav.changer_mot_de_passe(provisoire, NOUVEAU_MDP)
    assert m.REPONSE_TROP_COURTE in nav.texte()  # the guide's information
    nav.post("/question-secrete", {"question": "ville de résidence", "reponse": "Tull"})
    assert nav.chemin == "/question-secrete" and m.REPONSE_TROP_COURTE in nav.alertes()
    assert nav.champ("question") == "ville de résidence"
    nav.post("/question-secrete", {"question": "", "reponse": "Tulle"})
    assert m.CHAMPS_OBLIGATOIRES in nav.alertes()
    assert compte(app, identifiant).question_secrete is None
    nav.post("/question-secrete", {"question": "ville de résidence", "reponse": "Tulle"})
    assert nav.chemin == "/"


def test_UD_04_reponse_enregistree_telle_que_saisie(app, nav):
    _agent(nav)
    identifiant, provisoire = identifiants_recus(app, "paul.martin@travail.gouv.fr")
    nav.connecter(identifiant, provisoire)
    nav.changer_mot_de_passe(provisoire, NOUVEAU_MDP)
    assert "La réponse à la question secrète doit être saisie avec les caractères exacts" in nav.texte()
    nav.post("/question-secrete", {"question": "ville de résidence", "reponse": " Tulle Ville "})
    from simulator import regles
    hache = compte(app, identifiant).reponse_secrete_hash
    assert regles.verifier(hache, " Tulle Ville ")
    assert not regles.verifier(hache, "Tulle Ville") and not regles.verifier(hache, " tulle ville ")
