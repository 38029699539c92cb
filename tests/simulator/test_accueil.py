"""The home page (HOME-01..03, PROC texts), its links, security headers."""
import html
import re
import subprocess
import sys
from pathlib import Path

import pytest

GUIDE = Path(__file__).resolve().parents[3] / "shared" / "spec" / "000_d0cdc77102afbbcd.txt"
RACINE = Path(__file__).resolve().parents[2]


def test_HOME_02_premiere_connexion_et_contrat_de_prestation(nav):
    nav.get("/")
    texte = nav.texte()
    assert "MA PREMIÈRE CONNEXION" in texte
    assert ("Pour accéder à vos services en ligne, vous devez d'abord créer un espace pour l'entreprise "
            "que vous représentez. Pour cela, munissez-vous au préalable de votre SIRET avant de commencer "
            "la procédure.") in texte
    assert "Vous êtes EXPERT-COMPTABLE et vous représentez un établissement ?" in texte
    page = html.unescape(nav.page)
    assert re.search(r'<a class="bouton" href="/inscription/siret">CRÉER MON ESPACE</a>', page)
    lien = re.search(r'<a class="bouton" href="([^"]+)">CONTRAT DE PRESTATION</a>', page).group(1)
    nav.get(lien)
    assert nav.reponse.status_code == 200 and "Tiers Déclarant" in nav.texte()


def test_HOME_03_aide_simulation_et_pied_de_page(nav):
    nav.get("/")
    texte = nav.texte()
    assert "BESOIN D'AIDE ?" in texte
    assert "Consultez notre base documentaire ou contactez le support technique." in texte
    assert ("Estimez le montant remboursé par l'État au titre d'une période d'activité partielle "
            "des salariés") in texte
    page = html.unescape(nav.page)
    for lien in ("Simulation de l'indemnisation de l'employeur en cas d'activité partielle",
                 "Mentions légales", "Conditions générales d'utilisation",
                 "Contacter le support technique", "Base documentaire"):
        cible = re.search(r'<a href="([^"]+)">%s</a>' % re.escape(lien), page)
        assert cible, lien
        assert nav.client.get(cible.group(1)).status_code == 200, lien


def test_HOME_PROC_textes_de_presentation(nav):
    nav.get("/")
    texte = nav.texte()
    assert "Préservez l'emploi de vos salariés" in texte
    assert "Faites vos démarches en ligne" in texte
    assert ("L'activité partielle est un outil de prévention des licenciements économiques qui permet de "
            "maintenir les salariés dans l'emploi") in texte
    # PROC-01..03
    assert ("L'entreprise formule une demande d'autorisation préalable à l'unité départementale (UD) de son "
            "département qui l'instruit et autorise, dans un délai de 15 jours maximum, le recours à "
            "l'activité partielle.") in texte
    assert ("À réception de la décision d'autorisation, l'entreprise peut formuler une demande "
            "d'indemnisation, instruite par l'unité départementale (UD) et mise en paiement par l'agence "
            "de services et de paiement (ASP).") in texte


@pytest.mark.skipif(not GUIDE.exists(), reason="guide absent")
def test_textes_du_guide_cites_dans_les_gabarits():
    """The guide's sentences the pages show are copied character for character."""
    guide = GUIDE.read_text(encoding="utf-8")
    gabarits = "\n".join(p.read_text(encoding="utf-8") for p in (RACINE / "simulator" / "templates").glob("*.html"))
    phrases = [
        "En cas de difficultés pour recopier le code de sécurité proposé, vous pouvez en obtenir un nouveau en cliquant sur ce bouton.",
        "Veuillez saisir le numéro de Siret de l'établissement pour lequel vous demandez une création de compte :",
        "Vous devez saisir manuellement les 2 champs relatifs à l'adresse mail. Le copier/coller est interdit.",
        "Une fois votre demande validée, vous recevrez, sous 48h au maximum, 3 mails de l'ASP contenant votre identifiant de connexion, votre mot de passe de connexion ainsi qu'une confirmation de la création de votre habilitation.",
        "Le mot de passe doit être différent de l'identifiant et comporter 8 caractères minimum dont 1 chiffre et 1 caractère spécial minimum (exemples: .,?!%#). Les caractères accentués ne sont pas autorisés.",
        "La réponse à votre question secrète doit comporter plus de 4 caractères.",
        "La réponse à la question secrète doit être saisie avec les caractères exacts (minuscules, majuscules, espaces)",
        "Procédure terminée, merci de vérifier votre boîte aux lettres.",
        "Service 0,15 € / appel + prix appel pour la Métropole.",
        "Service 0,15 € / appel + prix appel pour les DOM.",
        "Dans le cas où l'établissement a déjà un accès aux sites extranet gérés par l'ASP tels que SYLAé, APEA ou d'autres sites, les mails d'identifiant et de mot de passe ne seront pas renvoyés à l'établissement car il s'agit des mêmes identifiant et mot de passe.",
        "Pour info : En cas de changement de mot de passe, la modification s'applique à tous les sites extranet gérés par l'ASP.",
        "Préservez l'emploi de vos salariés",
        "Estimez le montant remboursé par l'État au titre d'une période d'activité partielle des salariés",
    ]
    for phrase in phrases:
        assert phrase in guide, f"pas dans le guide : {phrase}"
        assert phrase in gabarits, f"pas dans les gabarits : {phrase}"


def test_entetes_de_securite(nav):
    for chemin in ("/", "/inscription/siret", "/page-inexistante"):
        reponse = nav.client.get(chemin)
        csp = reponse.headers["Content-Security-Policy"]
        assert "script-src 'self'" in csp and "unsafe-inline" not in csp and "frame-ancestors 'none'" in csp
        assert reponse.headers["X-Frame-Options"] == "DENY"
        assert reponse.headers["X-Content-Type-Options"] == "nosniff"
        assert reponse.headers["Referrer-Policy"] == "same-origin"


def test_page_inexistante_en_francais(nav):
    nav.get("/nulle-part")
    assert nav.reponse.status_code == 404 and "Cette page n'existe pas." in nav.alertes()


def test_aide_de_la_ligne_de_commande():
    sortie = subprocess.run([sys.executable, "-m", "simulator", "serve", "--help"], cwd=RACINE,
                            capture_output=True, text=True, timeout=60)
    assert sortie.returncode == 0
    for mot in ("SIM_DATABASE_URL", "SIM_SMTP_HOST", "SIM_SMTP_PORT", "SIM_CONTROL", "--host", "--port"):
        assert mot in sortie.stdout, mot
    assert "SIM_CONTROL" in subprocess.run([sys.executable, "-m", "simulator", "--help"], cwd=RACINE,
                                           capture_output=True, text=True, timeout=60).stdout


@pytest.mark.parametrize("agent", [
    "Mozilla/4.0 (compatible; MSIE 7.0; Windows NT 5.1)",                      # NAV-01
    "Mozilla/5.0 (Windows NT 6.1; Trident/7.0; rv:11.0) like Gecko",           # NAV-01
    "Mozilla/5.0 (Windows NT 6.1; rv:1.9.2.10) Gecko/20100914 Firefox/3.6.10",  # NAV-02
    "Mozilla/5.0 (Macintosh; Intel Mac OS X 10_8_2) AppleWebKit/536.26.17 (KHTML, like Gecko) "
    "Version/6.0.2 Safari/536.26.17",                                          # NAV-03
    "Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/120.0 Safari/537.36",
])
def test_NAV_aucun_navigateur_documente_n_est_bloque(nav, agent):
    nav.client.environ_base["HTTP_USER_AGENT"] = agent
    nav.get("/")
    assert nav.reponse.status_code == 200 and "MON ESPACE PERSONNEL" in nav.texte()
    nav.etape_siret("13000637200010")
    assert nav.chemin == "/inscription/compte"
