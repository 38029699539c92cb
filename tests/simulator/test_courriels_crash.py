"""Mail after a crash (issue 11, items 3, 4, 6): delivery at least once with a
stable Message-ID, read exactly once by the harness's reader; a mail claimed
before it is sent; a mail refused for good given up, visibly; transient
refusals retried; bodies redacted once sent. Real Mailpit, real SIGKILL."""
import os
import signal
import smtplib
from email.message import EmailMessage

import httpx
import pytest
from sqlalchemy import create_engine, select
from sqlalchemy.exc import IntegrityError

from harness.attente import attendre_sans_echec
from harness.mailpit import Mailpit
from harness.services import ServiceError, find_mailpit, free_port, mailpit_process, running, simulator_process
from simulator import courriels as service
from simulator import horloge
from simulator.courriels import Facteur
from simulator.db import base
from simulator.models import Courriel, EnvoiCourriel

from .conftest import courriels

try:
    find_mailpit()
except ServiceError as absent:  # pragma: no cover - the setup installs it
    pytest.skip(str(absent), allow_module_level=True)

EXPEDITEUR = "ne-pas-repondre@asp-public.fr"
AGENTS = 8  # 3 mails each: 24 mails


def attendre(condition, delai=60.0):
    """Whether ``condition()`` holds within ``delai`` s (the deadline only catches a hang)."""
    return bool(attendre_sans_echec(condition, delai))


def _tous_les_message_ids(boite: Mailpit) -> list[str]:
    """Every copy Mailpit holds, duplicates included (the raw API, not the reader)."""
    r = boite.http.get("/api/v1/messages", params={"limit": 1000})
    r.raise_for_status()
    return [m["MessageID"] for m in r.json().get("messages") or []]


def _outbox(fichier_db) -> list[tuple[str, str, object]]:
    engine = create_engine(f"sqlite:///{fichier_db}")
    try:
        with engine.connect() as connexion:
            return list(connexion.execute(select(Courriel.message_id, Courriel.destinataire,
                                                 Courriel.envoye_le).order_by(Courriel.id)))
    finally:
        engine.dispose()


def _creer_agents(client, n):
    for i in range(n):
        r = client.post("/_sim/agents", json={"profil": "UD", "identifiant": f"ud.crash{i}", "nom": "Crash",
                                              "prenom": "Agent", "courriel": f"agent{i}@example.org"})
        assert r.status_code == 201, r.text


def test_un_arret_brutal_pendant_l_envoi_ne_perd_rien_et_le_lecteur_lit_chaque_courriel_une_fois(tmp_path):
    mailpit = mailpit_process(tmp_path / "mailpit")
    dossier = tmp_path / "simulateur"
    simulateur = simulator_process(dossier, mailpit.smtp_port)
    fichier_db = dossier / "simulateur.db"
    boite = Mailpit(mailpit.url)
    try:
        with running(simulateur), httpx.Client(base_url=simulateur.url, timeout=30) as client:
            _creer_agents(client, AGENTS)  # Mailpit is down: everything waits in the outbox
            attendus = {mid.strip("<>"): dest for mid, dest, _ in _outbox(fichier_db)}  # Mailpit drops <>
            assert len(attendus) == 3 * AGENTS
            mailpit.start()
            # kill the simulator (waitress + its mail worker) as soon as the first mails arrive
            assert attendre(lambda: len(_tous_les_message_ids(boite)) >= 1)
            os.killpg(simulateur.popen.pid, signal.SIGKILL)
            simulateur.popen.wait(timeout=30)
            simulateur.popen = None
        relance = simulator_process(dossier, mailpit.smtp_port, port=simulateur.port)
        with running(relance), httpx.Client(base_url=relance.url, timeout=30) as client:
            # a mail claimed by the killed process is sent again once its claim lapses
            assert client.post("/_sim/clock", json={
                "advance_seconds": int(service.BAIL.total_seconds()) + 1}).status_code == 200
            assert attendre(lambda: all(envoye for _, _, envoye in _outbox(fichier_db))), _outbox(fichier_db)
            assert client.get("/_sim/courriels").json()["en_attente"] == 0
        recus = _tous_les_message_ids(boite)
        assert set(attendus) <= set(recus)  # every mail arrived, at least once
        for adresse in set(attendus.values()):
            lus = boite.messages(adresse)
            assert sorted(r.message_id for r in lus) == sorted(
                mid for mid, dest in attendus.items() if dest == adresse)  # each read exactly once
        print(f"copies reçues : {len(recus)} pour {len(attendus)} courriels")
    finally:
        boite.close()
        mailpit.stop()


def _envoyer(port, message_id, destinataire="lecteur@example.org", sujet="Un seul"):
    msg = EmailMessage()
    msg["From"], msg["To"], msg["Subject"], msg["Message-ID"] = EXPEDITEUR, destinataire, sujet, message_id
    msg.set_content("corps")
    with smtplib.SMTP("127.0.0.1", port, timeout=10) as smtp:
        smtp.send_message(msg)


def test_le_lecteur_compte_un_message_id_une_fois(mailpit_service):
    boite = Mailpit(mailpit_service.url)
    try:
        _envoyer(mailpit_service.smtp_port, "<double@activitepartielle.simulateur>")
        _envoyer(mailpit_service.smtp_port, "<double@activitepartielle.simulateur>")
        _envoyer(mailpit_service.smtp_port, "<autre@activitepartielle.simulateur>")
        assert attendre(lambda: len(_tous_les_message_ids(boite)) == 3)
        lus = boite.messages("lecteur@example.org")
        assert sorted(r.message_id for r in lus) == ["autre@activitepartielle.simulateur",
                                                     "double@activitepartielle.simulateur"]
        assert boite.wait_for("lecteur@example.org", "Un seul", count=2).message_id
        with pytest.raises(AssertionError):
            boite.wait_for("lecteur@example.org", "Un seul", count=3, timeout=1)
    finally:
        boite.close()


def _facteur(app, port):
    return Facteur(base(app).fabrique, "127.0.0.1", port, EXPEDITEUR)


def _agent(nav, i=0, courriel=None):
    r = nav.client.post("/_sim/agents", json={"profil": "UD", "identifiant": f"ud.agent{i}", "nom": "A",
                                              "prenom": "B", "courriel": courriel or f"agent{i}@example.org"})
    assert r.status_code == 201, r.get_json()


def test_un_courriel_reserve_par_un_autre_facteur_n_est_pas_envoye_deux_fois(app, nav, mailpit_service):
    _agent(nav)
    premier = courriels(app)[0]
    with base(app).fabrique() as db:  # another worker claimed the first mail, and died
        assert _facteur(app, mailpit_service.smtp_port)._reserver(db, premier.id)
    assert _facteur(app, mailpit_service.smtp_port).tournee() == 2
    assert _facteur(app, mailpit_service.smtp_port).tournee() == 0  # still claimed
    with base(app).fabrique() as db:
        horloge.avancer(db, int(service.BAIL.total_seconds()) + 1)
    assert _facteur(app, mailpit_service.smtp_port).tournee() == 1  # the claim lapsed: sent, at least once
    boite = Mailpit(mailpit_service.url)
    assert len(boite.messages("agent0@example.org")) == 3
    boite.close()


def test_une_reservation_cassee_n_est_pas_prise_pour_celle_d_un_autre_facteur(app):
    """Only a claim another worker created first means « held elsewhere »; a
    broken one (here a mail that does not exist: foreign key) is raised, for
    the round to stop and log it, instead of leaving the mail silently unsent."""
    with base(app).fabrique() as db:
        with pytest.raises(IntegrityError, match="FOREIGN KEY"):
            _facteur(app, free_port())._reserver(db, 999_999)


def test_le_corps_d_un_courriel_envoye_est_efface(app, nav, mailpit_service):
    _agent(nav)
    assert any("Mot de passe : [" in c.corps for c in courriels(app))  # readable while pending
    assert _facteur(app, mailpit_service.smtp_port).tournee() == 3
    assert {c.corps for c in courriels(app)} == {service.CORPS_EFFACE}
    boite = Mailpit(mailpit_service.url)
    assert any("Mot de passe : [" in r.text for r in boite.messages("agent0@example.org"))  # delivered whole
    boite.close()


def test_un_courriel_refuse_definitivement_est_abandonne_visiblement(app, nav, tmp_path, caplog):
    filtrant = mailpit_process(tmp_path / "mailpit-filtrant")
    filtrant.argv += ["--smtp-allowed-recipients", r"@example\.org$"]
    with running(filtrant):
        _agent(nav, 0, "agent@refuse.test")
        _agent(nav, 1)
        facteur = _facteur(app, filtrant.smtp_port)
        assert facteur.tournee() == 3
        for _ in range(service.REFUS_MAXIMUM - 1):
            with base(app).fabrique() as db:
                horloge.avancer(db, int(service.ATTENTE_APRES_REFUS[1].total_seconds()))
            assert facteur.tournee() == 0
        etat = nav.client.get("/_sim/courriels").get_json()
        assert etat["abandonnes"] == 3 and etat["en_attente"] == 0 and etat["envoyes"] == 3
        assert {a["destinataire"] for a in etat["courriels_abandonnes"]} == {"agent@refuse.test"}
        assert all(a["refus_definitifs"] == service.REFUS_MAXIMUM for a in etat["courriels_abandonnes"])
        assert "courriel abandonné" in caplog.text
        with base(app).fabrique() as db:  # never tried again
            horloge.avancer(db, 86400)
        with base(app).fabrique() as db:
            tentatives = [c.tentatives for c in db.scalars(select(Courriel).where(
                Courriel.destinataire == "agent@refuse.test"))]
        assert facteur.tournee() == 0
        with base(app).fabrique() as db:
            assert [c.tentatives for c in db.scalars(select(Courriel).where(
                Courriel.destinataire == "agent@refuse.test"))] == tentatives


def test_un_refus_temporaire_est_reessaye_avec_un_delai_croissant(app, nav, caplog):
    """A transient refusal (SMTP 4xx) is never given up; the next try waits longer each time."""
    from smtplib import SMTPRecipientsRefused
    _agent(nav)
    facteur = _facteur(app, free_port())
    premier = courriels(app)[0]
    attentes = []
    with base(app).fabrique() as db:
        for _ in range(service.REFUS_MAXIMUM + 2):
            courant = db.get(Courriel, premier.id)
            assert facteur._reserver(db, premier.id)
            facteur._noter_refus(db, courant, SMTPRecipientsRefused({courant.destinataire: (451, b"plus tard")}))
            envoi = db.get(EnvoiCourriel, premier.id)
            db.refresh(envoi)
            attentes.append(envoi.prochain_essai - horloge.maintenant(db))
            assert envoi.abandonne_le is None and envoi.refus_definitifs == 0
            horloge.avancer(db, int(service.ATTENTE_APRES_REFUS[1].total_seconds()))
    assert attentes == sorted(attentes) and attentes[0] < attentes[-1]


def test_serveur_injoignable_attente_croissante_bornee(app, nav):
    _agent(nav)
    facteur = _facteur(app, free_port())  # nothing listens there
    attentes = []
    for _ in range(6):
        facteur.tournee()
        attentes.append(facteur._attente)
    assert attentes == sorted(attentes) and attentes[-1] == service.ATTENTE_MAXIMALE_PANNE
    assert nav.client.get("/_sim/courriels").get_json()["en_attente"] == 3  # kept, never given up
