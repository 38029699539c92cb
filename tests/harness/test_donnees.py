"""The test data (fixtures/donnees.py): valid and unique SIRETs, real postal
codes known to the simulator, mailboxes that scenarios can share a Mailpit
with, and passwords that break exactly the clause they are meant to."""
from __future__ import annotations

import csv
import re
import unicodedata
from pathlib import Path

import pytest
from faker import Faker
from stdnum.fr import siret

from fixtures import donnees
from harness import rules

CODES_POSTAUX = Path(__file__).resolve().parents[2] / "simulator" / "data" / "codes_postaux.csv"


def test_faker_fr_fr_donne_des_siret_valides_mais_avec_des_espaces():
    f = Faker("fr_FR")
    tires = [f.siret() for _ in range(200)]
    assert all(" " in s for s in tires)
    assert all(siret.is_valid(s.replace(" ", "")) for s in tires)


def test_les_siret_tires_sont_valides_et_uniques():
    tires = [donnees.siret_valide() for _ in range(2000)]
    assert all(re.fullmatch(r"\d{14}", s) and siret.is_valid(s) for s in tires)
    assert len(set(tires)) == len(tires)


def test_un_siret_a_cle_fausse_est_invalide():
    assert not any(siret.is_valid(donnees.siret_cle_fausse()) for _ in range(200))


def test_l_exemple_du_guide_est_un_siret_valide():
    assert siret.is_valid("13000637200010")


@pytest.mark.skipif(not CODES_POSTAUX.exists(), reason="données du simulateur absentes")
def test_les_communes_sont_connues_du_simulateur():
    with CODES_POSTAUX.open(encoding="utf-8", newline="") as f:
        connues = {(r["code_postal"], r["nom_commune"]) for r in csv.DictReader(f, delimiter=";")}
    inconnues = [c for c in donnees.COMMUNES if c not in connues]
    assert not inconnues, inconnues
    cp, ville = donnees.CODE_POSTAL_PLUSIEURS_COMMUNES
    assert (cp, ville) in connues and sum(1 for c, _ in connues if c == cp) > 1


def test_les_adresses_mail_sont_uniques_ascii_et_sans_plus():
    adresses = [donnees.inscription().contact.courriel for _ in range(500)]
    adresses += [donnees.inscription().etablissement.courriel for _ in range(500)]
    assert len(set(adresses)) == len(adresses)
    for a in adresses:
        assert "+" not in a and a.isascii() and re.fullmatch(r"[a-z0-9.\-]+@[a-z0-9.\-]+\.[a-z]+", a), a


def test_les_adresses_respectent_les_limites_du_guide():
    for _ in range(300):
        a = donnees.inscription().etablissement.adresse
        assert 0 < len(a.libelle_voie) <= donnees.LIMITE_LIBELLE_VOIE
        assert len(a.complement) <= donnees.LIMITE_COMPLEMENT_ADRESSE
        assert (a.code_postal, a.ville) in donnees.COMMUNES


def test_la_reponse_secrete_a_plus_de_4_caracteres_des_majuscules_et_une_espace():
    for _ in range(200):
        r = donnees.reponse_secrete()
        assert len(r) > 4 and " " in r and r != r.lower()


def test_une_personne_ajoutee_ne_porte_aucun_nom_deja_liste():
    """Faker fr_FR draws among a few hundred names: the person added to an
    establishment must not bear one its Fiche lists already (a fresh-clone
    run drew « Allard » for the new user of Anne Allard's establishment, and
    « aucun utilisateur n'est ajouté » found her own name)."""
    deja = " ".join(donnees.faker.unique.last_name() for _ in range(300))
    donnees.faker.unique.clear()
    for _ in range(200):
        assert donnees.personne(hors_de=deja).nom not in deja


def test_prenom_nom_comme_en_haut_a_droite():
    p = donnees.Personne(nom="Le Bihan", prenom="Jean Éric", courriel="x", telephone="y")
    assert p.prenom_nom == "jean-eric.le-bihan"


# --- the password policy, as the guide states it (PWD-02..06) -------------------------

def clauses_enfreintes(mot: str, identifiant: str = "identifiant.sans.rapport1") -> set[str]:
    accent = any(unicodedata.combining(c) for ch in mot for c in unicodedata.normalize("NFD", ch))
    enfreintes = set()
    if len(mot) < 8:
        enfreintes.add("PWD-02")
    if not any(c.isdigit() for c in mot):
        enfreintes.add("PWD-03")
    if not any(not c.isalnum() and not c.isspace() for c in mot):
        enfreintes.add("PWD-04")
    if mot.lower() == identifiant.lower():
        enfreintes.add("PWD-05")
    if accent:
        enfreintes.add("PWD-06")
    return enfreintes


def test_un_mot_de_passe_tire_respecte_toutes_les_clauses():
    for _ in range(500):
        assert clauses_enfreintes(donnees.mot_de_passe_valide()) == set()


def test_chaque_exemple_de_mot_de_passe_n_enfreint_que_sa_clause():
    """The Exemples of premiere_connexion.feature: in a refusal block, one
    clause broken each, the one of the rule ID that tags the block; in an
    acceptance block (the other side of the limits), none."""
    doc = rules.parse_feature(rules.FEATURES / "premiere_connexion.feature")
    vus: set[str] = set()
    for sc, _ in rules.iter_scenarios(doc):
        for ex in sc.get("examples") or []:
            entete = [c["value"] for c in ex["tableHeader"]["cells"]]
            if "mot de passe" not in entete:
                continue
            regle = {t["name"].lstrip("@") for t in ex["tags"]} & {f"PWD-0{i}" for i in range(2, 7)}
            if "est accepté" in sc["name"]:
                regle = set()   # the other side of each limit: a password that breaks nothing
            for ligne in ex["tableBody"]:
                mot = ligne["cells"][entete.index("mot de passe")]["value"]
                assert clauses_enfreintes(mot) == regle, (mot, regle)
                vus |= regle
    assert vus == {"PWD-02", "PWD-03", "PWD-04", "PWD-06"}   # each clause refused somewhere


def test_l_identifiant_d_agent_respecte_les_autres_clauses():
    """PWD-05 is proven with an agent whose identifier, used as a password,
    breaks that clause alone."""
    for _ in range(200):
        ident = donnees.identifiant_agent("UD")
        assert clauses_enfreintes(ident, identifiant=ident) == {"PWD-05"}, ident
