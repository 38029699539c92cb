"""Unit tests of the rules as plain functions (simulator/regles.py)."""
from datetime import datetime, timedelta

import pytest

from simulator import messages as m
from simulator import regles


# --- ENR-06 ----------------------------------------------------------------------
@pytest.mark.parametrize("saisie", ["13000637200010", "130 006 372 00010", " 13000637200010 "])
def test_ENR_06_siret_valide(saisie):
    assert regles.siret_normalise(saisie) == "13000637200010"


@pytest.mark.parametrize("saisie", ["", "1300063720001", "130006372000100", "13000637200011",
                                    "1300063720001A", "abcdefghijklmn", "١٣٠٠٠٦٣٧٢٠٠٠١٠"])
def test_ENR_06_siret_invalide(saisie):
    assert regles.siret_normalise(saisie) is None


# --- PWD-02..06 ------------------------------------------------------------------
def test_PWD_02_au_moins_8_caracteres():
    assert m.MDP_TROP_COURT in regles.erreurs_mot_de_passe("Ab1.xyz", "jdupont")
    assert m.MDP_TROP_COURT not in regles.erreurs_mot_de_passe("Ab1.xyzw", "jdupont")


def test_PWD_03_au_moins_un_chiffre():
    assert m.MDP_SANS_CHIFFRE in regles.erreurs_mot_de_passe("Abcdefg.h", "jdupont")
    assert regles.erreurs_mot_de_passe("Abcdefg.1", "jdupont") == []


@pytest.mark.parametrize("special", list(".,?!%#") + ["-", "@", "*"])
def test_PWD_04_au_moins_un_caractere_special(special):
    assert m.MDP_SANS_SPECIAL in regles.erreurs_mot_de_passe("Abcdefg12", "jdupont")
    assert regles.erreurs_mot_de_passe("Abcdefg1" + special, "jdupont") == []


def test_PWD_05_different_de_l_identifiant():
    assert m.MDP_EGAL_IDENTIFIANT in regles.erreurs_mot_de_passe("jdupont.1", "jdupont.1")
    assert m.MDP_EGAL_IDENTIFIANT in regles.erreurs_mot_de_passe("JDupont.1", "jdupont.1")
    assert m.MDP_EGAL_IDENTIFIANT not in regles.erreurs_mot_de_passe("jdupont.12", "jdupont.1")


@pytest.mark.parametrize("accentue", ["é", "è", "à", "ç", "ï", "Ô", "ñ"])
def test_PWD_06_pas_de_caracteres_accentues(accentue):
    assert regles.erreurs_mot_de_passe(f"Abcdef1.{accentue}", "jdupont") == [m.MDP_ACCENTS]


def test_PWD_un_message_par_clause_non_respectee():
    assert regles.erreurs_mot_de_passe("é", "é") == [
        m.MDP_TROP_COURT, m.MDP_SANS_CHIFFRE, m.MDP_SANS_SPECIAL, m.MDP_EGAL_IDENTIFIANT, m.MDP_ACCENTS]


def test_PWD_02_06_le_premier_mot_de_passe_genere_respecte_la_politique():
    for _ in range(200):
        mot = regles.generer_mot_de_passe("jdupont")
        assert regles.erreurs_mot_de_passe(mot, "jdupont") == []
        assert "[" not in mot and "]" not in mot  # ACC-12: it stands between brackets


# --- UD-03, UD-04 ------------------------------------------------------------------
def test_UD_03_reponse_de_plus_de_4_caracteres():
    assert not regles.reponse_secrete_valide("Tull")
    assert regles.reponse_secrete_valide("Tulle")
    assert regles.reponse_secrete_valide("a b c")  # spaces count


def test_UD_04_comparaison_exacte_par_argon2():
    hache = regles.hacher("Ville de Tulle")
    assert hache.startswith("$argon2")
    assert regles.verifier(hache, "Ville de Tulle")
    for autre in ("ville de Tulle", "Ville de Tulle ", "Ville  de Tulle", "VILLE DE TULLE", ""):
        assert not regles.verifier(hache, autre)
    assert not regles.verifier(None, "x") and not regles.verifier("pas un hash", "x")


# --- LCK-01, LCK-03 ----------------------------------------------------------------
def test_LCK_03_verrouille_jusqu_a_30_minutes_pile():
    debut = datetime(2024, 1, 1, 12, 0)
    fin = debut + regles.DUREE_VERROUILLAGE
    assert regles.DUREE_VERROUILLAGE == timedelta(minutes=30)
    assert regles.ECHECS_AVANT_VERROUILLAGE == 3  # LCK-01
    assert regles.est_verrouille(fin, debut + timedelta(minutes=29, seconds=59))
    assert not regles.est_verrouille(fin, fin)
    assert not regles.est_verrouille(None, debut)


# --- Readable identifiers, prenom.nom (OUT-01) -----------------------------------------
def test_identifiant_lisible_sans_accents():
    assert regles.base_identifiant("Jean", "Dupont") == "jdupont"
    assert regles.base_identifiant("Élodie", "Lefèvre-Dubœuf") == "elefevreduboeuf"
    assert regles.base_identifiant("", "") == "utilisateur"


def test_identifiant_unique_par_suffixe():
    assert regles.premier_identifiant_libre("jdupont", set()) == "jdupont"
    assert regles.premier_identifiant_libre("jdupont", {"jdupont"}) == "jdupont2"
    assert regles.premier_identifiant_libre("jdupont", {"jdupont", "jdupont2"}) == "jdupont3"


def test_OUT_01_prenom_nom_en_minuscules_ascii():
    assert regles.prenom_nom("Jean", "Dupont") == "jean.dupont"
    assert regles.prenom_nom("Jean Pierre", "Le Bœuf") == "jean-pierre.le-boeuf"
    assert regles.prenom_nom("Hélène", "Müller") == "helene.muller"
