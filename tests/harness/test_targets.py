"""Targets: loading targets.yaml, choosing a target, what it lacks, and the
pre-flight check against a port where nothing listens."""
import socket
import textwrap
from pathlib import Path

import pytest

from harness import targets
from harness.targets import Target, TargetError

from .conftest import pages_fixes


def write(tmp_path, text):
    path = tmp_path / "targets.yaml"
    path.write_text(textwrap.dedent(text), encoding="utf-8")
    return path


def refus_de_staging(tmp_path, declaration: str) -> tuple[Path, str]:
    """A targets.yaml whose target « staging » carries ``declaration`` (one
    line of YAML) beside its base_url: its path and the message of its refusal."""
    path = write(tmp_path, "targets:\n  simulateur:\n    embedded: true\n  staging:\n"
                           "    base_url: https://staging.exemple.fr\n"
                           + textwrap.indent(declaration, "  "))
    with pytest.raises(TargetError) as error:
        targets.resolve_target("staging", path=path, environ={})
    return path, str(error.value)


# --- the project's own file ------------------------------------------------------

def test_the_default_target_is_the_embedded_simulator_with_every_capability():
    t = targets.resolve_target(environ={})
    assert t.name == "simulateur"
    assert t.embedded and t.base_url is None
    assert (t.captcha, t.courriel, t.horloge, t.controle) == ("controle", "embarque", "controle", True)
    assert t.mailpit_url is None  # the harness starts its own
    assert targets.missing_capabilities(t, {"captcha", "courriel", "horloge", "controle"}) == []


def test_staging_reads_its_url_and_fixed_code_from_the_environment():
    env = {"STAGING_URL": "https://staging.exemple.fr/", "STAGING_CAPTCHA_CODE": "K7P2Q"}
    t = targets.resolve_target("staging", environ=env)
    assert t.base_url == "https://staging.exemple.fr"
    assert (t.captcha, t.captcha_code) == ("fixe", "K7P2Q")
    assert t.courriel is None and t.horloge is None and not t.controle and not t.embedded


def test_an_unset_variable_is_named_with_the_target_and_the_key():
    with pytest.raises(TargetError) as error:
        targets.resolve_target("staging", environ={"STAGING_CAPTCHA_CODE": "x"})
    message = str(error.value)
    assert "« staging »" in message and "« base_url »" in message and "STAGING_URL" in message


def test_a_variable_default_applies_and_an_empty_value_means_nothing():
    t = targets.resolve_target("simulateur-externe", environ={})
    assert t.base_url == "http://127.0.0.1:5000"
    assert t.courriel is None
    t = targets.resolve_target("simulateur-externe", environ={"MAILPIT_URL": "http://127.0.0.1:8025"})
    assert t.courriel == t.mailpit_url == "http://127.0.0.1:8025"


def test_an_unknown_target_name_suggests_the_close_one():
    with pytest.raises(TargetError, match="« stagin » inconnue .*« staging »"):
        targets.resolve_target("stagin", environ={})


# --- --base-url ------------------------------------------------------------------

def test_base_url_alone_gives_a_target_that_allows_nothing():
    for name in (None, "simulateur"):  # the embedded default cannot move elsewhere
        t = targets.resolve_target(name, "http://127.0.0.1:5001/", environ={})
        assert t.name == t.base_url == "http://127.0.0.1:5001"
        assert not t.embedded
        assert (t.captcha, t.courriel, t.horloge, t.controle) == (None, None, None, False)


def test_base_url_with_a_mailpit_url_allows_reading_mail_only():
    t = targets.resolve_target(None, "http://127.0.0.1:5001", "http://127.0.0.1:8025/", environ={})
    assert t.mailpit_url == "http://127.0.0.1:8025"
    assert targets.missing_capabilities(t, {"courriel"}) == []
    assert len(targets.missing_capabilities(t, {"captcha", "horloge", "controle"})) == 3


def test_base_url_with_a_named_target_keeps_its_capabilities():
    env = {"STAGING_URL": "https://staging.exemple.fr", "STAGING_CAPTCHA_CODE": "K7P2Q"}
    t = targets.resolve_target("staging", "https://autre.exemple.fr", environ=env)
    assert t.name == "staging" and t.base_url == "https://autre.exemple.fr"
    assert t.captcha == "fixe"


def test_a_base_url_that_is_not_a_url_is_refused():
    with pytest.raises(TargetError, match="--base-url"):
        targets.resolve_target(None, "127.0.0.1:5001", environ={})


# --- validation of the file --------------------------------------------------------

@pytest.mark.parametrize("declaration, words", [
    ("  horloge: oui\n", ["« horloge »", "'oui'"]),
    ("  captcha: lecture\n", ["« captcha »", "'lecture'"]),
    ("  captcha: fixe\n", ["« captcha_code »"]),
    ("  horlogue: controle\n", ["« horlogue » inconnue", "« horloge »"]),
    ("  controle: oui\n", ["« controle »", "true ou false"]),
    ("  courriel: embarque\n", ["« courriel »", "embarque"]),
])
def test_a_bad_key_is_named(tmp_path, declaration, words):
    _, message = refus_de_staging(tmp_path, declaration)
    assert "« staging »" in message
    for word in words:
        assert word in message


def test_a_site_target_needs_a_base_url_and_an_embedded_one_has_none(tmp_path):
    path = write(tmp_path, """\
        targets:
          simulateur: {embedded: true}
          recette: {captcha: controle}
        """)
    with pytest.raises(TargetError, match="« recette » : clé « base_url » manquante"):
        targets.load_targets(path)
    path = write(tmp_path, """\
        targets:
          simulateur: {embedded: true, base_url: "http://x"}
        """)
    with pytest.raises(TargetError, match="« simulateur » : clé « base_url » : une cible embarquée"):
        targets.load_targets(path)


def test_the_file_needs_a_targets_section_and_a_declared_default(tmp_path):
    with pytest.raises(TargetError, match="« targets: »"):
        targets.load_targets(write(tmp_path, "cibles: {}\n"))
    with pytest.raises(TargetError, match="« default » : la cible « prod »"):
        targets.load_targets(write(tmp_path, "default: prod\ntargets:\n  a: {embedded: true}\n"))
    with pytest.raises(TargetError, match="« defaut » inconnue"):
        targets.load_targets(write(tmp_path, "defaut: a\ntargets:\n  a: {embedded: true}\n"))


# --- accounts: comptes and pool ---------------------------------------------------

def test_comptes_defaults_to_controle_for_the_embedded_target_and_inscription_otherwise():
    assert targets.resolve_target(environ={}).comptes == "controle"
    env = {"STAGING_URL": "https://s.exemple.fr", "STAGING_CAPTCHA_CODE": "K"}
    assert targets.resolve_target("staging", environ=env).comptes == "inscription"
    assert targets.resolve_target(None, "https://x.exemple.fr", environ={}).comptes == "inscription"


def test_a_pool_target_reads_its_file_from_the_environment(tmp_path):
    path = write(tmp_path, """\
        targets:
          simulateur: {embedded: true, controle: true}
          staging:
            base_url: https://s.exemple.fr
            comptes: pool
            pool: "${AP_POOL_FILE}"
        """)
    t = targets.resolve_target("staging", path=path, environ={"AP_POOL_FILE": "/srv/comptes.pool.yaml"})
    assert (t.comptes, t.pool) == ("pool", Path("/srv/comptes.pool.yaml"))
    relative = targets.resolve_target("staging", path=path, environ={"AP_POOL_FILE": "c.pool.yaml"})
    assert relative.pool == tmp_path / "c.pool.yaml"
    with pytest.raises(TargetError, match="« staging » : clé « pool » : la variable d'environnement AP_POOL_FILE"):
        targets.resolve_target("staging", path=path, environ={})


@pytest.mark.parametrize("declaration, words", [
    ("  comptes: pool\n", ["clé « pool » :", "requis quand comptes vaut « pool »"]),
    ("  pool: a.pool.yaml\n", ["clé « pool » :", "n'a de sens qu'avec comptes: pool"]),
    ("  comptes: annuaire\n", ["clé « comptes » :", "'annuaire' invalide", "controle, pool, inscription"]),
    ("  comptes: controle\n", ["clé « comptes » :", "controle: true"]),
    ("  compte: pool\n", ["clé « compte » inconnue", "vouliez-vous dire « comptes »"]),
])
def test_a_bad_accounts_declaration_is_named(tmp_path, declaration, words):
    path, message = refus_de_staging(tmp_path, declaration)
    assert f"{path} : cible « staging » : " in message
    for word in words:
        assert word in message, message


def pool_file(tmp_path, consommables):
    path = tmp_path / "comptes.pool.yaml"
    path.write_text("comptes:\n" + "".join(
        f"  - {{identifiant: c{i}, mot_de_passe: x, profil: Etablissement, consommable: {str(c).lower()}}}\n"
        for i, c in enumerate(consommables)), encoding="utf-8")
    targets.pool_has_consumable.cache_clear()
    return path


@pytest.mark.parametrize("target, compte, consommable", [
    (Target(name="t", base_url="https://t", comptes="controle", controle=True), None, None),
    (Target(name="t", base_url="https://t", comptes="inscription", captcha="fixe",
            captcha_code="K", courriel="https://mail"), None, None),
    (Target(name="t", base_url="https://t", comptes="inscription", captcha="fixe", captcha_code="K"),
     "ne fournit pas de compte", "ne fournit pas de compte"),
    (Target(name="t", base_url="https://t", comptes="inscription"),
     "ne fournit pas de compte", "ne fournit pas de compte"),
])
def test_when_compte_and_compte_consommable_are_met(target, compte, consommable):
    """CONTRACT.md: compte is met by controle, pool, or inscription with captcha
    and courriel; compte_consommable by controle, inscription, or a pool holding
    consumable accounts."""
    for need, expected in (("compte", compte), ("compte_consommable", consommable)):
        reasons = targets.missing_capabilities(target, {need})
        assert (reasons == []) if expected is None else (expected in reasons[0]), (need, reasons)


def test_a_pool_meets_compte_consommable_only_with_a_consumable_account(tmp_path):
    sans = Target(name="staging", base_url="https://t", comptes="pool", pool=pool_file(tmp_path, [False]))
    assert targets.missing_capabilities(sans, {"compte"}) == []
    assert targets.missing_capabilities(sans, {"compte", "compte_consommable"}) == [
        "la cible « staging » n'a aucun compte consommable dans son fichier de comptes "
        "(consommable: true) : ce scénario change le compte pour de bon"]
    avec = Target(name="staging", base_url="https://t", comptes="pool",
                  pool=pool_file(tmp_path, [False, True]))
    assert targets.missing_capabilities(avec, {"compte_consommable"}) == []


# --- what a scenario needs ---------------------------------------------------------

def test_missing_capabilities_gives_one_french_reason_per_missing_tag():
    staging = Target(name="staging", base_url="https://s.exemple.fr", captcha="fixe", captcha_code="X")
    tags = {"LCK-03", "LCK", "horloge", "captcha", "@courriel", "controle"}
    assert targets.missing_capabilities(staging, tags) == [
        "la cible « staging » ne permet pas de lire les courriels",
        "la cible « staging » ne permet pas d'avancer l'horloge",
        "la cible « staging » n'a pas d'interface de contrôle (création d'agents et de comptes ASP)",
    ]
    bare = Target(name="staging", base_url="https://s.exemple.fr")
    assert targets.missing_capabilities(bare, {"captcha"}) == [
        "la cible « staging » ne permet pas de lire le code de sécurité"]
    assert targets.missing_capabilities(bare, {"LCK-01", "LCK"}) == []
    assert targets.skip_reason(bare, {"LCK-01"}) is None
    assert targets.skip_reason(bare, {"captcha", "horloge"}).count(";") == 1


# --- pre-flight --------------------------------------------------------------------

def closed_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]  # nothing listens once closed


def test_preflight_on_a_closed_port_gives_one_clear_error():
    port = closed_port()
    t = targets.resolve_target(None, f"http://127.0.0.1:{port}", environ={})
    with pytest.raises(TargetError) as error:
        targets.preflight(t, timeout=2)
    message = str(error.value)
    assert message.startswith(f"La cible « http://127.0.0.1:{port} » n'est pas joignable")
    assert f"le site http://127.0.0.1:{port} ne répond pas" in message
    assert "Aucun scénario n'a été lancé." in message


@pytest.fixture(scope="module")
def site(servir_http):
    """A site that answers its home page, but has no control interface."""
    return servir_http(pages_fixes({"/": ("text/plain", "ok")}))


def test_preflight_passes_for_a_site_that_answers(site):
    targets.preflight(targets.resolve_target(None, site, environ={}), timeout=2)


def test_preflight_names_a_declared_control_interface_that_is_absent(site):
    t = Target(name="externe", base_url=site, captcha="controle", horloge="controle", controle=True)
    with pytest.raises(TargetError, match=r"/_sim/health ne répond pas \(HTTP 404\).*SIM_CONTROL=1"):
        targets.preflight(t, timeout=2)


def test_preflight_names_a_declared_mailpit_that_does_not_answer(site):
    port = closed_port()
    t = Target(name="recette", base_url=site, courriel=f"http://127.0.0.1:{port}")
    with pytest.raises(TargetError, match=f"Mailpit http://127.0.0.1:{port} ne répond pas"):
        targets.preflight(t, timeout=2)


def test_an_embedded_target_is_checked_only_once_it_has_its_url():
    targets.preflight(targets.resolve_target(environ={}))  # nothing to reach yet


def test_a_real_simulator_without_control_mode(tmp_path):
    """The issue's case: a second simulator started without control mode.
    Given by --base-url, it answers and every control-bound tag is skipped;
    declared as a target with control, the pre-flight says what is wrong."""
    from harness import services
    sim = services.simulator_process(tmp_path, smtp_port=services.free_port(), control=False)
    with services.running(sim):
        bare = targets.resolve_target(None, sim.url, environ={})
        targets.preflight(bare, timeout=5)
        assert len(targets.missing_capabilities(bare, {"captcha", "horloge", "controle"})) == 3
        declared = targets.resolve_target("simulateur-externe", sim.url, environ={})
        with pytest.raises(TargetError, match=r"/_sim/health ne répond pas \(HTTP 404\)"):
            targets.preflight(declared, timeout=5)
