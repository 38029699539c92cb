"""Real mail and real persistence (SIM-02): the outbox, sent over SMTP to a real
Mailpit, kept while Mailpit is down and sent once it is back, not twice when no
process dies (across a crash it is at least once: test_courriels_crash.py); and a
simulator restart that loses nothing. The simulator runs as
`python -m simulator serve` (waitress + mail worker), as the harness runs it."""
import time

import httpx
import pytest
from sqlalchemy import create_engine, select

from harness.attente import attendre_sans_echec
from harness.mailpit import Mailpit
from harness.services import ServiceError, find_mailpit, mailpit_process, running, simulator_process
from simulator import messages as m
from simulator.courriels import Facteur
from simulator.db import base
from simulator.models import Courriel

from .conftest import NOUVEAU_MDP, SIRET_GUIDE, Navigateur, entre_crochets

try:
    find_mailpit()
except ServiceError as absent:  # pragma: no cover - the setup installs it
    pytest.skip(str(absent), allow_module_level=True)

CONTACT = "jean.dupont@example.org"
SUJETS = [m.SUJET_IDENTIFIANT, m.SUJET_MOT_DE_PASSE, m.SUJET_HABILITATION]


@pytest.fixture
def boite(mailpit_service):
    client = Mailpit(mailpit_service.url)
    yield client
    client.close()


def attendre(condition, delai=20.0):
    """Whether ``condition()`` holds within ``delai`` s (the deadline only catches a hang)."""
    return bool(attendre_sans_echec(condition, delai))


def sujets(boite, adresse) -> list[str]:
    """The subjects received, sorted (Mailpit orders by a timestamp that mails
    sent in the same millisecond share): each once, none missing."""
    return sorted(r.subject for r in boite.messages(adresse))


def en_attente(fichier_db) -> list[Courriel]:
    engine = create_engine(f"sqlite:///{fichier_db}")
    try:
        with engine.connect() as connexion:
            return list(connexion.execute(select(Courriel.sujet, Courriel.tentatives)
                                          .where(Courriel.envoye_le.is_(None))))
    finally:
        engine.dispose()


def test_SIM_02_le_facteur_envoie_par_smtp(app, nav, mailpit_service, boite):
    nav.inscrire()
    facteur = Facteur(base(app).fabrique, "127.0.0.1", mailpit_service.smtp_port,
                      "ne-pas-repondre@asp-public.fr")
    assert facteur.tournee() == 3
    assert facteur.tournee() == 0  # nothing twice
    assert sujets(boite, CONTACT) == sorted(SUJETS)
    recus = sorted(boite.messages(CONTACT), key=lambda r: SUJETS.index(r.subject))
    assert {r.from_ for r in recus} == {"ne-pas-repondre@asp-public.fr"}
    assert entre_crochets(recus[0].text, "Identifiant") == "jdupont"
    assert "Bonjour Jean Dupont" in recus[0].text and "Agence de services et de paiement" in recus[0].text


def test_SIM_02_panne_smtp_puis_reprise_sans_perte_ni_doublon(tmp_path, mailpit_service, boite):
    simulateur = simulator_process(tmp_path / "simulateur", mailpit_service.smtp_port)
    with running(simulateur), httpx.Client(base_url=simulateur.url, timeout=30) as client:
        nav = Navigateur(client)
        # Mailpit works: a first account's mail goes through
        nav.inscrire(SIRET_GUIDE)
        boite.wait_for(CONTACT, m.SUJET_HABILITATION)
        # Mailpit stops; an account created meanwhile gets nothing… yet
        mailpit_service.stop()
        nav.inscrire("73282932000074", nom="Martin", prenom="Paul",
                     courriel="paul.martin@example.org", confirmation_courriel="paul.martin@example.org")
        assert nav.chemin == "/inscription/demande-enregistree"
        fichier_db = tmp_path / "simulateur" / "simulateur.db"
        assert attendre(lambda: any(t >= 2 for _, t in en_attente(fichier_db)))  # retried
        assert sorted(s for s, _ in en_attente(fichier_db)) == sorted(SUJETS)
        # Mailpit is back: the 3 mails arrive, once each
        mailpit_service.start()
        boite.wait_for("paul.martin@example.org", m.SUJET_HABILITATION, timeout=30)
        assert attendre(lambda: en_attente(fichier_db) == [])
        time.sleep(2)  # a few more rounds of the worker
        assert sujets(boite, "paul.martin@example.org") == sorted(SUJETS)
        assert sujets(boite, CONTACT) == sorted(SUJETS)
    journal = (tmp_path / "simulateur" / "simulateur.log").read_text(encoding="utf-8")
    assert journal.count("courriel envoyé") == 6
    assert "injoignable" in journal and "de nouveau joignable" in journal
    assert '"GET /inscription/siret" 200' in journal  # one line per request


def test_redemarrage_sans_perte(tmp_path, mailpit_service, boite):
    """SQLite file by default: a restart keeps accounts, passwords, lockout, clock."""
    dossier = tmp_path / "simulateur"
    simulateur = simulator_process(dossier, mailpit_service.smtp_port)
    with running(simulateur), httpx.Client(base_url=simulateur.url, timeout=30) as client:
        nav = Navigateur(client)
        nav.inscrire(SIRET_GUIDE)
        identifiant = entre_crochets(boite.wait_for(CONTACT, m.SUJET_IDENTIFIANT).text, "Identifiant")
        provisoire = entre_crochets(boite.wait_for(CONTACT, m.SUJET_MOT_DE_PASSE).text, "Mot de passe")
        nav.connecter(identifiant, provisoire)
        nav.changer_mot_de_passe(provisoire, NOUVEAU_MDP)
        assert nav.chemin == "/"
        nav.connecter(identifiant, "Mauvais.mdp1")
        client.post("/_sim/clock", json={"advance_seconds": 600})
    redemarre = simulator_process(dossier, mailpit_service.smtp_port, port=simulateur.port)
    with running(redemarre), httpx.Client(base_url=redemarre.url, timeout=30) as client:
        assert client.get("/_sim/clock").json()["offset_seconds"] == 600
        nav = Navigateur(client)
        nav.connecter(identifiant, "Mauvais.mdp1")
        nav.connecter(identifiant, "Mauvais.mdp1")
        assert nav.alertes() == m.COMPTE_VERROUILLE  # the 1st failure was kept: 3 in all
        client.post("/_sim/clock", json={"advance_seconds": 1800})
        nav.connecter(identifiant, NOUVEAU_MDP)
        assert nav.chemin == "/espace" and "jean.dupont" in nav.page
        nav.etape_siret(SIRET_GUIDE)
        assert m.SIRET_EXISTANT in nav.alertes()
        time.sleep(1)
        assert sujets(boite, CONTACT) == sorted(SUJETS)  # nothing re-sent


def test_SIM_02_un_courriel_refuse_ne_bloque_pas_les_autres(app, nav, tmp_path):
    service = mailpit_process(tmp_path / "mailpit-filtrant")
    service.argv += ["--smtp-allowed-recipients", r"@example\.org$"]
    with running(service):
        boite = Mailpit(service.url)
        nav.client.post("/_sim/agents", json={"profil": "UD", "identifiant": "ud.refuse", "nom": "R",
                                              "prenom": "R", "courriel": "agent@refuse.test"})
        nav.inscrire()
        facteur = Facteur(base(app).fabrique, "127.0.0.1", service.smtp_port, "ne-pas-repondre@asp-public.fr")
        assert facteur.tournee() == 3
        assert sujets(boite, CONTACT) == sorted(SUJETS)
        with base(app).fabrique() as db:
            refuses = db.scalars(select(Courriel).where(Courriel.envoye_le.is_(None))).all()
        assert [c.destinataire for c in refuses] == ["agent@refuse.test"] * 3  # kept, not lost
        assert all(c.tentatives == 1 and c.derniere_erreur for c in refuses)
        boite.close()
