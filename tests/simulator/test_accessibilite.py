"""The simulator's pages and the RGAA checks axe-core cannot make (issue 14,
docs/audit.md): landmarks and a skip link, a distinct title per page, every
error message tied to its field (aria-invalid + aria-describedby), and
``autocomplete`` on the identity fields. Pages are rendered through Flask's
test client, error states included."""
from html.parser import HTMLParser

import pytest

from simulator import messages as m

from .conftest import formulaire_valide, inscrit  # noqa: F401 (fixture)


class _Page(HTMLParser):
    """Every element with its attributes and its own text, in order."""

    VIDES = {"input", "img", "br", "meta", "link", "hr"}

    def __init__(self, source: str):
        super().__init__(convert_charrefs=True)
        self.elements = []  # [tag, attrs, text]
        self._pile = []
        self.titre = ""
        self._dans_titre = False
        self.feed(source)
        self.par_id = {e[1]["id"]: e for e in self.elements if "id" in e[1]}

    def handle_starttag(self, tag, attrs):
        element = [tag, {k: (v or "") for k, v in attrs}, ""]
        self.elements.append(element)
        self._dans_titre = tag == "title"
        if tag not in self.VIDES:
            self._pile.append(element)

    def handle_endtag(self, tag):
        self._dans_titre = False
        while self._pile:
            if self._pile.pop()[0] == tag:
                break

    def handle_data(self, data):
        if self._dans_titre:
            self.titre += data
        for element in self._pile:
            element[2] += data

    def avec(self, **attrs):
        return [e for e in self.elements if all(e[1].get(k) == v for k, v in attrs.items())]

    def champs(self):
        return [e for e in self.elements if e[0] in ("input", "select", "textarea")
                and e[1].get("type") not in ("hidden", "submit", "button", "reset")]


def _verifier_structure(page: _Page):
    """Landmarks (RGAA 12.6), skip link (12.7), title (8.5)."""
    for role in ("banner", "navigation", "main", "contentinfo"):
        assert page.avec(role=role), f"pas de région role={role}"
    premier = next(e for e in page.elements if e[0] == "a" and "href" in e[1])
    assert premier[1]["href"] == "#contenu" and premier[2].strip() == "Aller au contenu"
    assert page.par_id["contenu"][1].get("role") == "main"
    assert page.titre.strip()


def _verifier_erreurs(page: _Page):
    """Every error message is pointed to by a field that says it is invalid,
    and every invalid field points to existing messages (RGAA 11.10)."""
    messages = [e for e in page.elements if e[1].get("id", "").startswith("erreur-")]
    assert messages, "aucun message d'erreur sur la page"
    invalides = [e for e in page.champs() if e[1].get("aria-invalid") == "true"]
    assert invalides, "aucun champ signalé en erreur"
    decrits = set()
    for champ in invalides:
        ids = champ[1].get("aria-describedby", "").split()
        assert ids, f"{champ[1].get('id')} : aria-invalid sans aria-describedby"
        for i in ids:
            assert i in page.par_id and page.par_id[i][2].strip(), f"{i} : message absent"
        decrits.update(ids)
    for message in messages:
        assert message[1]["id"] in decrits, f"message relié à aucun champ : {message[2].strip()}"
    return {e[1]["id"]: set(e[1].get("aria-describedby", "").split()) for e in invalides}


def _page(nav) -> _Page:
    return _Page(nav.page)


PAGES_SANS_COMPTE = ["/", "/inscription/siret", "/mot-de-passe/oubli", "/identifiant/oubli",
                     "/mentions-legales"]


@pytest.mark.parametrize("chemin", PAGES_SANS_COMPTE)
def test_regions_lien_d_evitement_et_titre(nav, chemin):
    nav.get(chemin)
    if nav.reponse.status_code == 404:
        pytest.skip(f"{chemin} n'existe pas")
    _verifier_structure(_page(nav))


def test_un_titre_distinct_par_page(nav):
    titres = {}
    for chemin in ("/", "/inscription/siret", "/mot-de-passe/oubli", "/identifiant/oubli"):
        nav.get(chemin)
        titres[chemin] = _page(nav).titre.strip()
    assert len(set(titres.values())) == len(titres), titres


def test_la_connexion_refusee_relie_le_message_aux_deux_champs(nav):
    nav.connecter("personne", "Mauvais.mdp1")
    page = _page(nav)
    _verifier_structure(page)
    assert page.titre.startswith("Erreur : ")
    relies = _verifier_erreurs(page)
    assert relies == {"utilisateur": {"erreur-1"}, "mot_de_passe": {"erreur-1"}}
    assert page.par_id["erreur-1"][2].strip() == m.IDENTIFIANTS_INCORRECTS


def test_sans_erreur_aucun_champ_n_est_signale(nav):
    nav.get("/")
    assert not [e for e in _page(nav).champs() if "aria-invalid" in e[1]]


def test_siret_invalide_et_cgu_non_cochees(nav):
    nav.etape_siret("123", cgu=False)
    page = _page(nav)
    relies = _verifier_erreurs(page)
    assert "siret" in relies and "cgu" in relies
    assert not relies["siret"] & relies["cgu"]  # each its own message


def test_creation_de_compte_chaque_erreur_sur_son_champ(nav):
    nav.etape_siret("13000637200010")
    assert nav.chemin == "/inscription/compte", nav.alertes()
    donnees = formulaire_valide(courriel="pas-un-courriel", confirmation_courriel="pas-un-courriel",
                                telephone="abc", nom="")
    nav.post("/inscription/compte", {**donnees, "envoyer": "ENVOYER"})
    page = _page(nav)
    relies = _verifier_erreurs(page)
    assert {"courriel", "telephone", "nom"} <= set(relies)
    assert "prenom" not in relies and "denomination" not in relies
    # the required-but-empty message goes to the empty required field only
    obligatoires = next(e[1]["id"] for e in page.elements
                        if e[1].get("id", "").startswith("erreur-") and "obligatoires" in e[2])
    assert [c for c, ids in relies.items() if obligatoires in ids] == ["nom"]


def test_changement_du_mot_de_passe_erreurs_reliees(app, nav, inscrit):  # noqa: F811
    identifiant, provisoire = inscrit
    nav.connecter(identifiant, provisoire)
    nav.changer_mot_de_passe("Faux.mdp1", "court", "autre")
    relies = _verifier_erreurs(_page(nav))
    assert {"ancien", "nouveau", "confirmation"} <= set(relies)


IDENTITE = {
    "denomination": "organization", "libelle_voie": "address-line1",
    "complement_adresse": "address-line2", "code_postal": "postal-code",
    "ville": "address-level2", "courriel_etablissement": "work email",
    "telephone_fixe": "work tel", "fax": "fax tel", "nom": "family-name",
    "prenom": "given-name", "telephone": "tel", "courriel": "email",
}


def test_autocomplete_des_champs_d_identite(nav):
    nav.etape_siret("13000637200010")
    page = _page(nav)
    for nom, valeur in IDENTITE.items():
        champ = page.par_id[nom]
        assert champ[1].get("autocomplete") == valeur, nom
    # ACC-07: the confirmations are typed by hand
    assert page.par_id["confirmation_courriel"][1].get("autocomplete") == "off"
    nav.get("/")
    page = _page(nav)
    assert page.par_id["utilisateur"][1]["autocomplete"] == "username"
    assert page.par_id["mot_de_passe"][1]["autocomplete"] == "current-password"
