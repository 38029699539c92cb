"""Account creation: ENR-01..08 (SIRET, security code, terms) and ACC-01..12
(the creation form, the 3 mails)."""
import html
import re
from datetime import datetime
from pathlib import Path

import pytest
from sqlalchemy import func, select
from sqlalchemy.exc import IntegrityError

from simulator import messages as m
from simulator.db import base
from simulator.models import CodeSecurite, Compte, Etablissement

from .conftest import (SIRET_GUIDE, courriels, entre_crochets, formulaire_valide,
                       identifiants_recus, siret_valide)

GABARITS = Path(__file__).resolve().parents[2] / "simulator" / "templates"
SCRIPT = Path(__file__).resolve().parents[2] / "simulator" / "static" / "site.js"


def nombre(app, modele) -> int:
    with base(app).fabrique() as db:
        return db.scalar(select(func.count()).select_from(modele))


# --- ENR ----------------------------------------------------------------------------------
def test_ENR_01_creer_mon_espace_ouvre_la_page_du_siret(nav):
    nav.get("/")
    assert 'href="/inscription/siret">CRÉER MON ESPACE</a>' in nav.page
    nav.get("/inscription/siret")
    page = nav.page
    assert "<h2>Veuillez indiquer votre numéro de Siret</h2>" in page
    for libelle in ("N° de Siret* :", "Recopier le code ci-contre* :"):
        assert re.search(r'<label for="\w+">%s</label>' % re.escape(libelle), page.replace("&#39;", "'"))
    # the checkbox's label, its text exactly the guide's once its link is read as text
    label = re.search(r'<label for="cgu">(.*?)</label>', html.unescape(page), re.S).group(1)
    assert re.sub(r"<[^>]+>", "", label) == "J'accepte les conditions générales d'utilisation *"
    assert "<legend>Contrôle de sécurité :</legend>" in page
    assert re.search(r'<img [^>]*src="/captcha/[\w-]+\.png" alt="Code de sécurité"', page)
    assert 'type="submit" name="valider" value="VALIDER"' in page
    assert 'type="submit" name="annuler" value="ANNULER"' in page


def test_ENR_01_les_cgu_sont_un_lien_du_libelle_qui_s_ouvre_a_part(nav):
    """The guide: « J'accepte les [conditions générales d'utilisation] * »; the
    terms open in a new window, so that what was typed on this page stays."""
    nav.get("/inscription/siret")
    label = re.search(r'<label for="cgu">(.*?)</label>', html.unescape(nav.page), re.S).group(1)
    lien = re.fullmatch(r"J'accepte les <a ([^>]*)>conditions générales d'utilisation</a> \*", label)
    assert lien, label
    attributs = dict(re.findall(r'(\w+)="([^"]*)"', lien.group(1)))
    assert attributs == {"href": "/conditions-generales-d-utilisation", "target": "_blank", "rel": "noopener"}
    cgu = nav.client.get(attributs["href"])
    assert cgu.status_code == 200 and "Conditions générales d'utilisation" in cgu.get_data(as_text=True)


def test_ENR_01_image_du_code_de_securite_est_un_png(nav):
    nav.get("/inscription/siret")
    image = nav.client.get(f"/captcha/{nav.champ('code_id')}.png")
    assert image.status_code == 200 and image.mimetype == "image/png"
    assert image.data.startswith(b"\x89PNG")
    assert nav.client.get("/captcha/inconnu.png").status_code == 404


def test_ENR_02_code_faux_refuse_et_formulaire_garde(app, nav):
    nav.etape_siret(SIRET_GUIDE, code="zzzzzz")
    assert nav.chemin == "/inscription/siret"
    assert m.CODE_SECURITE_INCORRECT in nav.alertes()
    assert nav.champ("siret") == SIRET_GUIDE
    assert nombre(app, Etablissement) == 0


def test_ENR_02_code_a_usage_unique(nav):
    nav.get("/inscription/siret")
    code_id, code = nav.champ("code_id"), nav.code_affiche()
    donnees = {"siret": SIRET_GUIDE, "code_id": code_id, "code": "faux", "cgu": "1", "valider": "VALIDER"}
    nav.post("/inscription/siret", donnees)
    assert m.CODE_SECURITE_INCORRECT in nav.alertes()
    # the right code, but it was used up by the wrong attempt
    nav.post("/inscription/siret", {**donnees, "code": code})
    assert nav.chemin == "/inscription/siret" and m.CODE_SECURITE_INCORRECT in nav.alertes()
    assert nav.client.get(f"/_sim/captcha/{code_id}").status_code == 404


def test_ENR_02_code_expire_apres_10_minutes(nav):
    nav.get("/inscription/siret")
    code = nav.code_affiche()
    code_id = nav.champ("code_id")
    nav.avancer_horloge(10 * 60)
    assert nav.client.get(f"/captcha/{code_id}.png").status_code == 404
    nav.post("/inscription/siret", {"siret": SIRET_GUIDE, "code_id": code_id, "code": code,
                                    "cgu": "1", "valider": "VALIDER"})
    assert m.CODE_SECURITE_INCORRECT in nav.alertes()


def test_ENR_02_image_d_un_code_inconnu_introuvable(nav):
    """No picture for a code that no page showed (404, not an error page)."""
    assert nav.client.get("/captcha/inconnu.png").status_code == 404


def test_ENR_02_code_insensible_a_la_casse_et_aux_espaces(nav):
    nav.get("/inscription/siret")
    code = nav.code_affiche()
    nav.post("/inscription/siret", {"siret": SIRET_GUIDE, "code_id": nav.champ("code_id"),
                                    "code": f" {code.upper()} ", "cgu": "1", "valider": "VALIDER"})
    assert nav.chemin == "/inscription/compte"


def test_ENR_03_nouveau_code_avec_info_bulle_et_ancien_invalide(nav):
    nav.get("/inscription/siret")
    assert ('name="nouveau_code" value="Obtenir un nouveau code" title="'
            + m.INFO_BULLE_NOUVEAU_CODE.replace("'", "&#39;") + '"') in nav.page
    ancien_id, ancien_code = nav.champ("code_id"), nav.code_affiche()
    # works without JS: a submit that keeps the SIRET typed
    nav.post("/inscription/siret", {"siret": SIRET_GUIDE, "code_id": ancien_id, "code": "",
                                    "nouveau_code": "Obtenir un nouveau code"})
    assert nav.chemin == "/inscription/siret" and nav.alertes() == ""
    assert nav.champ("siret") == SIRET_GUIDE
    nouvel_id = nav.champ("code_id")
    assert nouvel_id != ancien_id
    assert nav.client.get(f"/_sim/captcha/{ancien_id}").status_code == 404
    nav.post("/inscription/siret", {"siret": SIRET_GUIDE, "code_id": ancien_id, "code": ancien_code,
                                    "cgu": "1", "valider": "VALIDER"})
    assert m.CODE_SECURITE_INCORRECT in nav.alertes()


def test_ENR_03_un_code_par_affichage(nav):
    nav.get("/inscription/siret")
    premier = nav.champ("code_id")
    nav.get("/inscription/siret")
    assert nav.champ("code_id") != premier


def test_ENR_04_cgu_obligatoires(app, nav):
    nav.etape_siret(SIRET_GUIDE, cgu=False)
    assert nav.chemin == "/inscription/siret"
    assert m.CGU_NON_ACCEPTEES == ("N'oubliez pas de cocher les conditions générales d'utilisation "
                                   "avant de valider votre demande.")
    assert m.CGU_NON_ACCEPTEES in nav.alertes()


def test_ENR_05_siret_deja_inscrit(app, nav, autre_nav):
    nav.inscrire()
    autre_nav.etape_siret(SIRET_GUIDE)
    assert autre_nav.chemin == "/inscription/siret"
    assert "Vous devez contacter l'utilisateur qui a déjà été créé pour ce SIRET." in autre_nav.alertes()
    assert nombre(app, Etablissement) == 1


def test_ENR_05_siret_inscrit_entre_les_deux_etapes(app, nav, autre_nav):
    autre_nav.etape_siret(SIRET_GUIDE)  # passes step 1 first
    nav.inscrire()
    autre_nav.post("/inscription/compte", {**formulaire_valide(courriel="x@example.org",
                                                               confirmation_courriel="x@example.org"),
                                           "envoyer": "ENVOYER"})
    assert m.SIRET_EXISTANT in autre_nav.alertes()
    assert nombre(app, Etablissement) == 1 and nombre(app, Compte) == 1


def test_ACC_10_creation_sans_identifiant_libre_dit_de_recommencer(app, nav, monkeypatch):
    """When every try lost its identifier to simultaneous creations (here: no
    try at all), the form comes back with a French message, nothing created,
    never a 500; sent again, it creates the account."""
    from simulator import comptes
    monkeypatch.setattr(comptes, "ESSAIS_IDENTIFIANT", 0)
    r = nav.inscrire()
    assert r.status_code == 200 and nav.chemin == "/inscription/compte"
    assert m.CREATION_A_RECOMMENCER in nav.alertes()
    assert nombre(app, Etablissement) == 0 and nombre(app, Compte) == 0
    assert nav.champ("nom") == "Dupont"  # what was typed is kept
    monkeypatch.undo()
    nav.post("/inscription/compte", {**formulaire_valide(), "envoyer": "ENVOYER"})
    assert nav.chemin == "/inscription/demande-enregistree"


def _compte_en_base(identifiant: str, nom: str | None = "Dupont") -> Compte:
    """A bare account row, written straight to the database (nom=None: a
    broken row, which the database refuses)."""
    return Compte(identifiant=identifiant, mot_de_passe_hash="x", profil="Etablissement", nom=nom,
                  prenom="Jean", courriel="j@example.org", changement_requis=True, echecs=0,
                  habilite_ap=True, cree_le=datetime(2026, 1, 1))


def test_ACC_10_identifiants_en_ordre_puis_au_hasard_parmi_les_libres(app):
    """The first tries take the first free identifier (jdupont, jdupont2…);
    later ones, after a concurrent creation took it, one of more and more
    free ones, so that simultaneous creations of one name spread out."""
    from simulator import comptes
    with base(app).fabrique() as db:
        db.add_all([_compte_en_base(i) for i in ("jdupont", "jdupont2", "jdupont4")])
        db.commit()
        assert {comptes.identifiant_libre(db, "jdupont", essai) for essai in range(comptes.ESSAIS_EN_ORDRE)
                for _ in range(5)} == {"jdupont3"}
        tard = {comptes.identifiant_libre(db, "jdupont", comptes.ESSAIS_IDENTIFIANT - 1) for _ in range(200)}
        assert len(tard) > 1
        assert tard <= {"jdupont3", *(f"jdupont{n}" for n in range(5, 200))}


def test_ACC_10_seul_un_identifiant_pris_fait_recommencer(app):
    """A creation is tried again only when its identifier was taken (a unique
    value); a broken row (here NOT NULL, a bug) is raised at once, not read
    as « trop de créations simultanées » after every try."""
    from simulator import comptes

    with base(app).fabrique() as db:
        db.add(_compte_en_base("jdupont"))
        db.commit()
        essais = []

        def creer(essai, identifiants=("jdupont", "jdupont", "jdupont2")):
            essais.append(essai)
            db.add(_compte_en_base(identifiants[essai]))
            db.commit()
            return essai

        assert comptes.avec_identifiant_libre(db, creer) == 2 and essais == [0, 1, 2]

        def creer_sans_nom(essai):
            essais.append(essai)
            db.add(_compte_en_base("jdupont9", nom=None))
            db.commit()

        essais.clear()
        with pytest.raises(IntegrityError, match="NOT NULL"):
            comptes.avec_identifiant_libre(db, creer_sans_nom)
        assert essais == [0]


def test_ENR_06_siret_invalide(app, nav):
    for saisie in ("1300063720001", "13000637200011", "abcdefghijklmn"):
        nav.etape_siret(saisie)
        assert nav.chemin == "/inscription/siret"
        assert m.SIRET_INVALIDE in nav.alertes()
    nav.etape_siret("")
    assert m.CHAMPS_OBLIGATOIRES in nav.alertes()


def test_ENR_06_siret_du_guide_accepte(nav):
    nav.etape_siret("130 006 372 00010")
    assert nav.chemin == "/inscription/compte"
    assert 'id="siret" value="13000637200010" readonly' in nav.page


def test_ENR_07_un_compte_par_siret_y_compris_pour_un_tiers(app, nav):
    """A Tiers déclarant repeats the creation for each establishment: one
    account each, with its own identifier, even with the same contact."""
    nav.inscrire(siret_valide(1), denomination="Établissement A")
    nav.inscrire(siret_valide(2), denomination="Établissement B")
    assert nombre(app, Etablissement) == 2 and nombre(app, Compte) == 2
    identifiants = [entre_crochets(c.corps, "Identifiant") for c in courriels(app)
                    if c.sujet == m.SUJET_IDENTIFIANT]
    assert identifiants == ["jdupont", "jdupont2"]


def test_ENR_08_annuler_ne_cree_rien(app, nav):
    nav.get("/inscription/siret")
    nav.post("/inscription/siret", {"siret": SIRET_GUIDE, "code_id": nav.champ("code_id"),
                                    "code": nav.code_affiche(), "cgu": "1", "annuler": "ANNULER"})
    assert nav.chemin == "/"
    assert nombre(app, Etablissement) == 0 and nombre(app, CodeSecurite) == 0
    # step 2 as well
    nav.etape_siret(SIRET_GUIDE)
    nav.post("/inscription/compte", {**formulaire_valide(), "annuler": "ANNULER"})
    assert nav.chemin == "/"
    assert nombre(app, Etablissement) == 0 and nombre(app, Compte) == 0 and courriels(app) == []
    nav.get("/inscription/compte")
    assert nav.chemin == "/inscription/siret"  # the SIRET of step 1 is forgotten


# --- ACC ----------------------------------------------------------------------------------
def test_ACC_01_siret_affiche_non_modifiable_et_pris_de_la_session(app, nav):
    nav.etape_siret(SIRET_GUIDE)
    assert "<h2>Création de compte d'accès à l'extranet Activité Partielle</h2>" in html.unescape(nav.page)
    assert '<input type="text" id="siret" value="13000637200010" readonly>' in nav.page
    nav.post("/inscription/compte", {**formulaire_valide(), "siret": siret_valide(7),
                                     "envoyer": "ENVOYER"})
    with base(app).fabrique() as db:
        assert db.scalars(select(Etablissement.siret)).all() == [SIRET_GUIDE]


def test_ACC_01_formulaire_sans_etape_1_renvoie_a_l_etape_1(nav):
    nav.get("/inscription/compte")
    assert nav.chemin == "/inscription/siret"


def test_ACC_02_libelles_du_formulaire(nav):
    nav.etape_siret(SIRET_GUIDE)
    page = html.unescape(nav.page)
    for libelle in ("Dénomination de l'établissement* :", "N° de Siret :", "Numéro de voie :",
                    "Extension de voie :", "Libellé de la voie* :", "Type de voie :",
                    "Complément d'adresse :", "Code postal* :", "Ville* :",
                    "Courriel établissement* :", "Confirmer courriel établissement* :",
                    "Téléphone fixe* :", "Fax :", "Nom* :", "Prénom* :", "Téléphone* :",
                    "Courriel* :", "Confirmer courriel* :", "Question secrète* :", "Réponse* :"):
        assert re.search(r'<label for="\w+">%s</label>' % re.escape(libelle), page), libelle
    assert 'value="ENVOYER"' in page and 'value="ANNULER"' in page


OBLIGATOIRES = ("denomination", "libelle_voie", "code_postal", "ville", "courriel_etablissement",
                "confirmation_courriel_etablissement", "telephone_fixe", "nom", "prenom",
                "telephone", "courriel", "confirmation_courriel", "question_secrete",
                "reponse_secrete")
FACULTATIFS = ("numero_voie", "extension_voie", "type_voie", "complement_adresse", "fax")


def test_ACC_02_ACC_03_chaque_champ_obligatoire_manquant(app, nav):
    nav.etape_siret(SIRET_GUIDE)
    for champ in OBLIGATOIRES:
        nav.post("/inscription/compte", {**formulaire_valide(**{champ: "  "}), "envoyer": "ENVOYER"})
        assert nav.chemin == "/inscription/compte", champ
        assert m.CHAMPS_OBLIGATOIRES in nav.alertes(), champ
    assert nombre(app, Compte) == 0 and courriels(app) == []


def test_ACC_02_champs_facultatifs(app, nav):
    nav.etape_siret(SIRET_GUIDE)
    nav.post("/inscription/compte", {**formulaire_valide(**{c: "" for c in FACULTATIFS}),
                                     "envoyer": "ENVOYER"})
    assert nav.chemin == "/inscription/demande-enregistree", nav.alertes()


def test_ACC_03_message_exact_et_saisie_conservee(app, nav):
    nav.etape_siret(SIRET_GUIDE)
    nav.post("/inscription/compte", {**formulaire_valide(nom=""), "envoyer": "ENVOYER"})
    assert nav.alertes() == "Tous les champs obligatoires (marqués d'un *) ne sont pas renseignés."
    assert nav.champ("denomination") == "Boulangerie Dupont"
    assert nav.champ("courriel") == "jean.dupont@example.org"
    assert nav.champ("reponse_secrete") == "Tulle Corrèze"
    assert '<option value="Tulle" selected>Tulle</option>' in nav.page
    assert nombre(app, Compte) == 0


def test_ACC_04_longueurs_28_et_38(app, nav):
    nav.etape_siret(SIRET_GUIDE)
    assert re.search(r'id="libelle_voie"[^>]*maxlength="28"', nav.page)
    assert re.search(r'id="complement_adresse"[^>]*maxlength="38"', nav.page)
    nav.post("/inscription/compte", {**formulaire_valide(libelle_voie="x" * 29,
                                                         complement_adresse="y" * 39),
                                     "envoyer": "ENVOYER"})
    assert "Le champ « Libellé de la voie » est limité à 28 caractères." in nav.alertes()
    assert "Le champ « Complément d'adresse » est limité à 38 caractères." in nav.alertes()
    assert nombre(app, Compte) == 0
    nav.post("/inscription/compte", {**formulaire_valide(libelle_voie="x" * 28,
                                                         complement_adresse="y" * 38),
                                     "envoyer": "ENVOYER"})
    assert nav.chemin == "/inscription/demande-enregistree", nav.alertes()


def test_ACC_05_ville_selon_le_code_postal(app, nav):
    assert nav.client.get("/communes?code_postal=19000").get_json() == [
        {"nom": "Les Angles-sur-Corrèze"}, {"nom": "Tulle"}]
    assert nav.client.get("/communes?code_postal=75001").get_json() == [
        {"nom": "Paris 1er Arrondissement"}]
    assert nav.client.get("/communes?code_postal=00000").get_json() == []
    assert nav.client.get("/communes").get_json() == []
    nav.etape_siret(SIRET_GUIDE)
    assert re.search(r'<select id="ville" name="ville"[^>]*>\s*<option value="">veuillez saisir un '
                     r'code postal</option>\s*</select>', nav.page)
    # without JS: "Rechercher" fills the list, keeping what was typed
    nav.post("/inscription/compte", {**formulaire_valide(ville=""), "rechercher": "Rechercher"})
    assert nav.alertes() == ""
    assert '<option value="Tulle">Tulle</option>' in nav.page
    assert nav.champ("denomination") == "Boulangerie Dupont"
    # a Ville that is not a commune of the postal code is refused
    nav.post("/inscription/compte", {**formulaire_valide(ville="Brive-la-Gaillarde"), "envoyer": "ENVOYER"})
    assert m.VILLE_INVALIDE in nav.alertes()
    nav.post("/inscription/compte", {**formulaire_valide(code_postal="1900"), "envoyer": "ENVOYER"})
    assert m.CODE_POSTAL_INVALIDE in nav.alertes()
    nav.post("/inscription/compte", {**formulaire_valide(code_postal="00000"), "envoyer": "ENVOYER"})
    assert m.CODE_POSTAL_INCONNU in nav.alertes()
    assert nombre(app, Compte) == 0


def test_ACC_05_script_remplit_la_ville_a_5_chiffres():
    script = SCRIPT.read_text(encoding="utf-8")
    assert "'/communes?code_postal=' + encodeURIComponent(code)" in script
    assert r"/^\d{5}$/.test(code)" in script
    assert "new XMLHttpRequest()" in script


def test_ACC_06_courriels_confirmes(app, nav):
    nav.etape_siret(SIRET_GUIDE)
    nav.post("/inscription/compte", {**formulaire_valide(confirmation_courriel="jean.dupond@example.org"),
                                     "envoyer": "ENVOYER"})
    assert "Le champ « Courriel » et sa confirmation ne sont pas identiques." in nav.alertes()
    nav.post("/inscription/compte", {**formulaire_valide(confirmation_courriel_etablissement="autre@x.fr"),
                                     "envoyer": "ENVOYER"})
    assert "Le champ « Courriel établissement » et sa confirmation ne sont pas identiques." in nav.alertes()
    nav.post("/inscription/compte", {**formulaire_valide(courriel="pas-un-courriel",
                                                         confirmation_courriel="pas-un-courriel"),
                                     "envoyer": "ENVOYER"})
    assert "Le champ « Courriel » n'est pas une adresse de courriel valide." in nav.alertes()
    assert nombre(app, Compte) == 0


def test_ACC_07_copier_coller_interdit_dans_les_4_courriels(nav):
    nav.etape_siret(SIRET_GUIDE)
    assert "Le copier/coller est interdit." in nav.texte()
    sans_coller = re.findall(r'id="(\w+)"[^>]*class="sans-coller"', nav.page)
    assert sorted(sans_coller) == sorted(["courriel_etablissement", "confirmation_courriel_etablissement",
                                          "courriel", "confirmation_courriel"])
    script = SCRIPT.read_text(encoding="utf-8")
    assert "parClasse('sans-coller', 'input')" in script
    assert "ecouter(sansColler[i], 'paste', empecher)" in script
    assert "evenement.preventDefault()" in script


def test_ACC_12_coller_permis_sur_la_connexion(nav):
    nav.get("/")
    formulaire = nav.page.split('action="/connexion"')[1].split("</form>")[0]
    assert "sans-coller" not in formulaire


def test_ACC_07_scripts_es5_dans_des_fichiers_statiques():
    """CSP without inline scripts: no <script> body, no on* attribute in the
    templates; the one script is plain ES5."""
    for gabarit in GABARITS.glob("*.html"):
        texte = gabarit.read_text(encoding="utf-8")
        assert not re.search(r"<script(?![^>]*\bsrc=)", texte), gabarit.name
        assert not re.search(r"\son[a-z]+=", texte), gabarit.name
    script = SCRIPT.read_text(encoding="utf-8")
    for moderne in ("=>", "let ", "const ", "`", "class ", "fetch(", "async ", "?."):
        assert moderne not in script, moderne


def test_ACC_08_personne_a_contacter_non_modifiable(app, nav, inscrit):
    nav.connecter(*inscrit)
    nav.get("/etablissement")
    assert "Compte principal utilisateur (Personne à contacter)" in nav.texte()
    fiche = nav.page.split("Compte principal utilisateur")[1]
    assert "<dd>Dupont</dd>" in fiche and "<dd>Jean</dd>" in fiche
    assert "<dd>jean.dupont@example.org</dd>" in fiche
    assert "<input" not in nav.page and "<form" not in nav.page.split('id="contenu"')[1]
    assert nav.client.post("/etablissement", data={"csrf_token": nav.jeton, "nom": "Autre"}).status_code == 405


def test_ACC_09_ACC_10_trois_courriels_a_la_personne_a_contacter(app, nav):
    nav.inscrire()
    assert nav.chemin == "/inscription/demande-enregistree"
    assert m.DEMANDE_ENREGISTREE in nav.statuts()
    assert "3 mails de l'ASP" in nav.statuts()
    recus = courriels(app)
    assert [c.sujet for c in recus] == [m.SUJET_IDENTIFIANT, m.SUJET_MOT_DE_PASSE, m.SUJET_HABILITATION]
    assert {c.destinataire for c in recus} == {"jean.dupont@example.org"}  # not the establishment's


def test_ACC_10_courriel_d_habilitation_nomme_l_etablissement(app, nav):
    nav.inscrire()
    habilitation = courriels(app)[2]
    assert "Boulangerie Dupont" in habilitation.corps and SIRET_GUIDE in habilitation.corps


def test_ACC_11_etablissement_deja_connu_de_l_asp(app, nav):
    nav.client.post("/_sim/asp-accounts", json={
        "siret": SIRET_GUIDE, "application": "SYLAé", "identifiant": "sylae.dupont",
        "mot_de_passe": "Sylae.mdp1", "courriel": "paie@boulangerie-dupont.fr"})
    nav.inscrire()
    assert "les mails d'identifiant et de mot de passe ne seront pas renvoyés" in nav.statuts()
    recus = courriels(app)
    assert [c.sujet for c in recus] == [m.SUJET_HABILITATION]
    assert "[sylae.dupont]" in recus[0].corps
    # the same credentials serve, with no forced change
    nav.connecter("sylae.dupont", "Sylae.mdp1")
    assert nav.chemin == "/espace"
    assert "jean.dupont" in nav.page  # the person to contact is the user
    # a change applies to the ASP identity itself (there is only one)
    nav.changer_mot_de_passe("Sylae.mdp1", "Commun.mdp2")
    nav.connecter("sylae.dupont", "Sylae.mdp1")
    assert m.IDENTIFIANTS_INCORRECTS in nav.alertes()
    nav.connecter("sylae.dupont", "Commun.mdp2")
    assert nav.chemin == "/espace"
    with base(app).fabrique() as db:
        assert db.scalar(select(func.count()).select_from(Compte)) == 1


def test_ACC_11_identite_asp_sans_inscription_ap_non_habilitee(app, nav):
    nav.client.post("/_sim/asp-accounts", json={
        "siret": SIRET_GUIDE, "application": "APEA", "identifiant": "apea.x",
        "mot_de_passe": "Apea.mdp12", "courriel": "x@example.org"})
    nav.connecter("apea.x", "Apea.mdp12")
    assert m.NON_HABILITE in nav.alertes()
    assert nav.client.get("/espace").status_code == 302  # not logged in


def test_ACC_12_identifiants_entre_crochets(app, nav):
    nav.inscrire()
    identifiant, mot_de_passe = identifiants_recus(app, "jean.dupont@example.org")
    assert identifiant == "jdupont"
    assert "Identifiant : [jdupont]" in courriels(app)[0].corps
    assert f"Mot de passe : [{mot_de_passe}]" in courriels(app)[1].corps
    assert "sans les crochets" in courriels(app)[0].corps
