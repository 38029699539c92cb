"""The harness's HTTP clients share the process's one TLS context
(``session_http.contexte_tls``): httpx makes a new one for every client,
reading the CA bundle (70–170 ms a client, bench/RESULTS.md), even for plain
HTTP — ten times per LCK-05 scenario before. Sessions stay separate: each
client keeps its own cookies and connections."""
from __future__ import annotations

import ast
from pathlib import Path

import httpx

from harness.clients.connexions_simultanees import ConnexionsSimultanees
from harness.clients.session_http import contexte_tls

RACINE = Path(__file__).resolve().parents[2]

#: Clients made once per run, not per scenario: their own TLS context costs once.
UNE_FOIS_PAR_SESSION = {
    "harness/targets.py": "vérification d'une cible au démarrage",
    "harness/prioritaires.py": "--verify-base-url, une fois au démarrage",
    "harness/audit/capture.py": "un client par processus pour l'audit",
}
APPELS = {"Client", "AsyncClient", "get", "post", "put", "delete", "head", "request", "stream"}


def _clients_sans_contexte_partage(source: str, nom: str) -> list[str]:
    fautes = []
    for noeud in ast.walk(ast.parse(source)):
        if not (isinstance(noeud, ast.Call) and isinstance(noeud.func, ast.Attribute)
                and isinstance(noeud.func.value, ast.Name) and noeud.func.value.id == "httpx"
                and noeud.func.attr in APPELS):
            continue
        verify = next((k.value for k in noeud.keywords if k.arg == "verify"), None)
        partage = (isinstance(verify, ast.Call) and isinstance(verify.func, ast.Name)
                   and verify.func.id == "contexte_tls")
        if not partage:
            fautes.append(f"{nom}:{noeud.lineno} httpx.{noeud.func.attr}(…)")
    return fautes


def test_every_client_made_per_scenario_shares_the_process_tls_context():
    fichiers = [f for dossier in ("harness", "acteurs", "pages", "steps")
                for f in sorted((RACINE / dossier).rglob("*.py"))
                if "mutation" not in f.relative_to(RACINE).parts]
    assert any(f.name == "connexions_simultanees.py" for f in fichiers)
    fautes = [faute for f in fichiers if str(f.relative_to(RACINE)) not in UNE_FOIS_PAR_SESSION
              for faute in _clients_sans_contexte_partage(f.read_text(encoding="utf-8"),
                                                          str(f.relative_to(RACINE)))]
    assert not fautes, ("clients HTTP qui refont un contexte TLS (passer verify=contexte_tls(…)) :\n"
                        + "\n".join(fautes))


def test_the_rule_sees_a_client_with_its_own_tls_context():
    source = ("import httpx\nc = httpx.Client(timeout=2)\nd = httpx.get('u')\n"
              "e = httpx.Client(verify=contexte_tls())\nf = httpx.Client(verify=True)\n")
    assert _clients_sans_contexte_partage(source, "essai.py") == [
        "essai.py:2 httpx.Client(…)", "essai.py:3 httpx.get(…)", "essai.py:5 httpx.Client(…)"]


def test_one_tls_context_per_process_and_per_verification():
    assert contexte_tls() is contexte_tls() and contexte_tls(False) is contexte_tls(False)
    assert contexte_tls() is not contexte_tls(False)


def test_simultaneous_logins_post_the_real_form_from_separate_sessions(simulateur):
    """LCK-05's clients on the real simulator: the right password opens the
    space (a redirect), then ten wrong ones at once lock the account, so the
    right one is refused (the page again, 200)."""
    compte = httpx.post(simulateur + "/_sim/comptes", json={"profil": "Etablissement"}, timeout=30).json()
    connexions = ConnexionsSimultanees(simulateur)
    assert connexions.envoyer(compte["identifiant"], compte["mot_de_passe"], 1) == [302]
    assert connexions.envoyer(compte["identifiant"], "Mauvais.mdp1", 10) == [200] * 10
    assert connexions.envoyer(compte["identifiant"], compte["mot_de_passe"], 1) == [200]
