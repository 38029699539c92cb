"""browsers.yaml: the documented matrix (NAV-01..04), its checks at load,
the environment overrides and the selection of profiles."""
from __future__ import annotations

import re

from pathlib import Path

import pytest
import yaml

from harness import profiles
from harness.profiles import DEFAULT_PATH, ProfileError


@pytest.fixture(scope="module")
def matrix():
    return profiles.load(environ={})


# --- the shipped matrix is the guide's -----------------------------------------

def test_every_browser_of_the_guide_is_a_profile(matrix):
    assert matrix.ids() == [
        "ie7-winxp", "ie8-winxp", "ie8-win7", "ie9-win7", "ie10-win7", "ie11-win7",
        "firefox-3.6.10-winxp", "firefox-17.0.7-winxp", "firefox-24.5-win7",
        "firefox-25-win7", "firefox-45.8-win7",
        "safari-6.0-mac", "firefox-15.0-mac", "chrome"]
    by_rule = {}
    for p in matrix:
        by_rule.setdefault(p.rule, []).append(p.version)
    assert by_rule == {"NAV-01": ["7", "8", "8", "9", "10", "11"],
                       "NAV-02": ["3.6.10", "17.0.7", "24.5", "25", "45.8"],
                       "NAV-03": ["6.0", "15.0"], "NAV-04": ["57"]}


def test_engines_follow_the_browser_family(matrix):
    family_engine = {"ie": "chromium", "firefox": "firefox", "safari": "webkit",
                     "chrome": "chromium"}
    for p in matrix:
        family = re.match(r"[a-z]+", p.id).group()
        assert p.engine == family_engine[family], p.id


def test_only_chrome_cannot_sign(matrix):
    """NAV-04: data entry but no signature in Google Chrome."""
    assert [p.id for p in matrix if not p.signature_possible] == ["chrome"]
    assert matrix.profile("chrome").support == "saisie_sans_signature"


def test_user_agents_are_of_the_browser_and_its_os(matrix):
    nt = {"Windows XP SP3": "Windows NT 5.1", "Windows 7": "Windows NT 6.1"}
    for p in matrix:
        ua = p.user_agent
        if p.os in nt:
            assert nt[p.os] in ua, p.id
        else:
            assert "Mac OS X 10" in ua and "Macintosh" in ua, p.id
        if p.id.startswith("ie"):
            token = "Trident/7.0; rv:11.0" if p.version == "11" else f"MSIE {p.version}.0;"
            assert token in ua, p.id
        elif p.id.startswith("firefox"):
            major = p.version.split(".")[0]
            shown = p.version if major == "3" else f"{major}.0"  # Firefox 4+: major only
            assert ua.endswith(f"Firefox/{shown}"), p.id
        elif p.id.startswith("safari"):
            assert "Version/6.0 Safari/" in ua
        else:
            assert re.search(r"Chrome/57\.\d", ua)


def test_ie9_and_later_never_on_xp(matrix):
    for p in matrix:
        if p.id.startswith("ie") and int(p.version) >= 9:
            assert p.os == "Windows 7", p.id


def test_window_sizes_of_the_era(matrix):
    era_sizes = {(1024, 768), (1280, 800), (1280, 1024), (1366, 768)}
    for p in matrix:
        assert (p.viewport.width, p.viewport.height) in era_sizes, p.id
        if "XP" in p.os:
            assert p.viewport.width == 1024, p.id


def test_engines_section(matrix):
    assert matrix.engines["chromium"].kind == "playwright"
    assert matrix.engines["firefox"].channel == "moz-firefox"
    webkit = matrix.engines["webkit"]
    assert (webkit.kind, webkit.driver, webkit.xvfb) == ("webdriver", "/usr/bin/WebKitWebDriver", "own")
    assert webkit.executable.endswith("/MiniBrowser")
    assert not any(e.remote for e in matrix.engines.values())


# --- a mistake names the file, the profile and the key ----------------------------

def shipped() -> dict:
    return yaml.safe_load(DEFAULT_PATH.read_text(encoding="utf-8"))


def first_profile(data) -> dict:
    return data["profiles"][0]


def broken(edit):
    data = shipped()
    edit(data)
    return data


P = "profil « ie7-winxp »"
CASES = {
    "unknown key": (lambda d: first_profile(d).update({"user-agent": "x"}),
                    [P, "clé « user-agent » inconnue", "vouliez-vous dire « user_agent »"]),
    "missing key": (lambda d: first_profile(d).pop("support"),
                    [P, "clé « support » manquante"]),
    "bad engine": (lambda d: first_profile(d).update({"engine": "trident"}),
                   [P, "clé « engine »", "'trident'", "chromium, firefox, webkit"]),
    "duplicate id": (lambda d: d["profiles"][1].update({"id": "ie7-winxp"}),
                     [P, "identifiant en double"]),
    "viewport width as text": (lambda d: first_profile(d)["viewport"].update({"width": "1024"}),
                               [P, "clé « viewport.width »", "nombre entier"]),
    "viewport too small": (lambda d: first_profile(d)["viewport"].update({"height": 0}),
                           [P, "clé « viewport.height »", "au moins 200"]),
    "viewport missing height": (lambda d: first_profile(d)["viewport"].pop("height"),
                                [P, "clé « viewport.height » manquante"]),
    "viewport not a mapping": (lambda d: first_profile(d).update({"viewport": "1024x768"}),
                               [P, "clé « viewport »", "dictionnaire"]),
    "version not quoted": (lambda d: d["profiles"][11].update({"version": 6.0}),
                           ["profil « safari-6.0-mac »", "clé « version »", "entre guillemets"]),
    "bad support level": (lambda d: first_profile(d).update({"support": "partiel"}),
                          [P, "clé « support »", "supporte, saisie_sans_signature"]),
    "bad id": (lambda d: first_profile(d).update({"id": "IE 7"}), ["profil « IE 7 »", "clé « id »"]),
    "bad rule": (lambda d: first_profile(d).update({"rule": "nav1"}), [P, "clé « rule »"]),
    "three-digit rule": (lambda d: first_profile(d).update({"rule": "NAV-100", "version": 7}),
                         [P, "clé « version »"]),   # NAV-100 itself is accepted: one RULE_ID
    "empty browserslist": (lambda d: first_profile(d).update({"browserslist": " "}),
                           [P, "clé « browserslist »", "texte non vide"]),
    "engine without settings": (lambda d: d["engines"].pop("webkit"),
                                ["profil « safari-6.0-mac »", "clé « engine »", "« webkit »"]),
    "unknown engine key": (lambda d: d["engines"]["chromium"].update({"exe": "/x"}),
                           ["moteur « chromium »", "clé « exe » inconnue"]),
    "bad engine kind": (lambda d: d["engines"]["webkit"].update({"kind": "selenium"}),
                        ["moteur « webkit »", "clé « kind »", "playwright, webdriver"]),
    "grid on playwright": (lambda d: d["engines"]["chromium"].update({"grid_url": "http://g"}),
                           ["moteur « chromium »", "grid_url"]),
    "lookup on webdriver": (lambda d: d["engines"]["webkit"].update({"lookup": "dom"}),
                            ["moteur « webkit »", "lookup", "dom.js"]),
    "spare session on playwright": (lambda d: d["engines"]["chromium"].update({"spare_session": True}),
                                    ["moteur « chromium »", "spare_session", "kind: webdriver"]),
    "bad lookup": (lambda d: d["engines"]["firefox"].update({"lookup": "xpath"}),
                   ["moteur « firefox »", "clé « lookup »", "playwright", "dom"]),
    "unknown engine name": (lambda d: d["engines"].update({"trident": {"kind": "playwright"}}),
                            ["moteur « trident »", "nom inconnu"]),
    "unknown top-level key": (lambda d: d.update({"profile": []}),
                              ["clé « profile » inconnue", "vouliez-vous dire « profiles »"]),
    "no profiles": (lambda d: d.update({"profiles": []}), ["clé « profiles »", "vide"]),
}


@pytest.mark.parametrize("case", CASES)
def test_a_mistake_is_named(case, tmp_path):
    edit, expected = CASES[case]
    path = tmp_path / "navigateurs.yaml"
    path.write_text(yaml.safe_dump(broken(edit), allow_unicode=True), encoding="utf-8")
    with pytest.raises(ProfileError) as error:
        profiles.load(path, environ={})
    message = str(error.value)
    assert str(path) in message
    for part in expected:
        assert part in message, message


def test_not_yaml_is_named(tmp_path):
    path = tmp_path / "b.yaml"
    path.write_text("profiles: [\n", encoding="utf-8")
    with pytest.raises(ProfileError, match="YAML invalide"):
        profiles.load(path, environ={})


def test_a_user_adds_a_profile_without_code(tmp_path):
    data = shipped()
    data["profiles"].append({
        "id": "edge-win10", "label": "Edge — Windows 10", "os": "Windows 10",
        "version": "18", "engine": "chromium", "support": "supporte",
        "user_agent": "Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 "
                      "(KHTML, like Gecko) Chrome/70.0.3538.102 Safari/537.36 Edge/18.18363",
        "viewport": {"width": 1920, "height": 1080}})  # no rule: not in the guide
    path = tmp_path / "b.yaml"
    path.write_text(yaml.safe_dump(data, allow_unicode=True), encoding="utf-8")
    edge = profiles.load(path, environ={}).profile("edge-win10")
    assert (edge.engine, edge.viewport.width, edge.rule) == ("chromium", 1920, None)


# --- environment overrides ------------------------------------------------------

def test_engine_overrides_move_profiles_to_another_engine():
    m = profiles.load(environ={"HARNESS_ENGINE_OVERRIDES": "ie*=firefox, chrome=webkit"})
    assert {p.engine for p in m if p.id.startswith("ie")} == {"firefox"}
    assert m.profile("chrome").engine == "webkit"
    assert m.profile("safari-6.0-mac").engine == "webkit"


@pytest.mark.parametrize("spec, expected", [
    ("ie*", "profil-ou-motif=moteur"),
    ("ie*=trident", "profil-ou-motif=moteur"),
    ("opera*=chromium", "ne correspond à aucun profil"),
])
def test_bad_engine_overrides_are_named(spec, expected):
    with pytest.raises(ProfileError, match="HARNESS_ENGINE_OVERRIDES") as error:
        profiles.load(environ={"HARNESS_ENGINE_OVERRIDES": spec})
    assert expected in str(error.value)


def test_engine_settings_from_the_environment():
    m = profiles.load(environ={"HARNESS_CHROMIUM_WS_ENDPOINT": "ws://grid:3000/",
                               "HARNESS_CHROMIUM_EXECUTABLE": "",
                               "HARNESS_FIREFOX_HEADLESS": "false",
                               "HARNESS_WEBKIT_GRID_URL": "http://grid:4444",
                               "HARNESS_WEBKIT_DRIVER_LOG": "/tmp/webkitwebdriver.log"})
    assert m.engines["chromium"].ws_endpoint == "ws://grid:3000/"
    assert m.engines["webkit"].driver_log == "/tmp/webkitwebdriver.log"
    assert m.engines["chromium"].executable is None
    assert m.engines["firefox"].headless is False
    assert m.engines["webkit"].remote
    assert profiles.load(environ={"HARNESS_FIREFOX_RECYCLE_AFTER": "7"}).engines["firefox"].recycle_after == 7
    with pytest.raises(ProfileError, match="HARNESS_FIREFOX_RECYCLE_AFTER : un nombre entier positif"):
        profiles.load(environ={"HARNESS_FIREFOX_RECYCLE_AFTER": "beaucoup"})


def test_unknown_engine_variable_is_named():
    with pytest.raises(ProfileError, match="HARNESS_WEBKIT_GRIDURL.*vouliez-vous dire « grid_url »"):
        profiles.load(environ={"HARNESS_WEBKIT_GRIDURL": "http://grid:4444"})


# --- selection ------------------------------------------------------------------

def test_select_by_ids_globs_and_engines(matrix):
    assert [p.id for p in profiles.select(matrix, ids="ie11-win7,safari*")] == \
        ["ie11-win7", "safari-6.0-mac"]
    assert [p.id for p in profiles.select(matrix, engines=["webkit"])] == ["safari-6.0-mac"]
    assert [p.id for p in profiles.select(matrix, ids="ie*", engines="firefox")] == []
    assert len(profiles.select(matrix, everything=True)) == 14


def test_default_selection_is_one_profile_per_engine(matrix):
    assert [p.id for p in profiles.select(matrix)] == \
        ["ie7-winxp", "firefox-3.6.10-winxp", "safari-6.0-mac"]


def test_selecting_an_unknown_profile_is_an_error(matrix):
    with pytest.raises(ProfileError, match="vouliez-vous dire « ie11-win7 »"):
        profiles.select(matrix, ids="ie11-win8")
    with pytest.raises(ProfileError, match="moteur « trident » inconnu"):
        profiles.select(matrix, engines="trident")
    with pytest.raises(ProfileError, match="aucun profil « opera »"):
        matrix.profile("opera")


def test_a_profile_may_carry_its_browserslist_query(tmp_path):
    data = shipped()
    first_profile(data)["browserslist"] = "ie 7"
    path = tmp_path / "b.yaml"
    path.write_text(yaml.safe_dump(data, allow_unicode=True), encoding="utf-8")
    assert profiles.load(path, environ={}).profile("ie7-winxp").browserslist == "ie 7"


def test_one_did_you_mean_for_the_whole_project():
    """difflib's suggestion is written once (harness.schemas.suggest)."""
    import harness

    root = Path(harness.__file__).parent
    users = [p.relative_to(root).as_posix() for p in root.rglob("*.py")
             if "get_close_matches" in p.read_text(encoding="utf-8")]
    assert users == ["schemas.py"]
