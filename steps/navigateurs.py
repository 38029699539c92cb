"""NAV-01..04: the browser of the run is one the guide supports, and the
site is usable with it."""
from __future__ import annotations

from pytest_bdd import given, then

from acteurs import questions as q


@given("le navigateur de la recette")
def navigateur_de_la_recette(acteur):
    """The scenario's person, with the browser of the run's profile."""


def _regle_du_profil(profile, catalogue):
    assert profile.rule in catalogue.rules, (
        f"le profil {profile.id} ne dit pas de quelle règle NAV du guide il relève (rule: {profile.rule!r})")
    regle = catalogue.rules[profile.rule]
    assert regle.group == "NAV" and regle.browsers, f"{profile.rule} n'est pas une règle de navigateur du catalogue"
    return regle


def _liste(valeur) -> list[str]:
    return [] if valeur is None else [valeur] if isinstance(valeur, str) else list(valeur)


@then("il figure parmi les navigateurs et systèmes d'exploitation que le guide prend en charge")
def navigateur_pris_en_charge(profile, catalogue):
    regle = _regle_du_profil(profile, catalogue)
    attendu = regle.browsers
    famille, majeure = q.famille_et_version(profile.user_agent)
    problemes = []
    if profile.support != attendu["support"]:
        problemes.append(f"niveau « {profile.support} » au lieu de « {attendu['support']} »")
    if famille not in _liste(attendu["navigateur"]):
        problemes.append(f"navigateur « {famille} » hors de {_liste(attendu['navigateur'])}")
    if attendu["versions"] is not None and profile.version not in _liste(attendu["versions"]):
        problemes.append(f"version « {profile.version} » hors de {_liste(attendu['versions'])}")
    if majeure and profile.version.split(".")[0] != majeure:
        problemes.append(f"l'identification annonce la version {majeure}, le profil {profile.version}")
    if attendu["os"] is not None and not any(profile.os.startswith(o) for o in _liste(attendu["os"])):
        problemes.append(f"système « {profile.os} » hors de {_liste(attendu['os'])}")
    assert not problemes, f"profil {profile.id} ({profile.rule}) : " + " ; ".join(problemes)


@then("le site reçoit l'identification de ce navigateur")
def identification_recue(acteur, profile):
    vue = q.identification_du_navigateur(acteur)
    assert vue == profile.user_agent, f"la page voit « {vue} » au lieu de « {profile.user_agent} »"


@then("le navigateur est Google Chrome, où le guide annonce la saisie possible mais pas la signature")
def navigateur_chrome(profile, catalogue):
    regle = _regle_du_profil(profile, catalogue)
    famille, _ = q.famille_et_version(profile.user_agent)
    assert regle.id == "NAV-04" and famille == "Chrome", f"le profil {profile.id} n'est pas Google Chrome"
    assert profile.support == "saisie_sans_signature" and not profile.signature_possible
