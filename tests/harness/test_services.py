"""The real Mailpit, started by the harness, and the thin client over its API."""
import smtplib
import socket
import sqlite3
from contextlib import closing
from email.message import EmailMessage

import argon2
import httpx
import pytest

from harness import services
from harness.mailpit import Mailpit, MailNotReceived

from .conftest import pages_fixes


def send(smtp_port, to, subject, body="Bonjour"):
    msg = EmailMessage()
    msg["From"] = "ne-pas-repondre@asp-public.fr"
    msg["To"] = to
    msg["Subject"] = subject
    msg.set_content(body)
    with smtplib.SMTP("127.0.0.1", smtp_port, timeout=5) as s:
        s.send_message(msg)


@pytest.fixture(scope="module")
def mailpit_service(tmp_path_factory):
    mp = services.mailpit_process(tmp_path_factory.mktemp("mailpit"))
    with services.running(mp):
        yield mp


@pytest.fixture
def client(mailpit_service):
    c = Mailpit(mailpit_service.url)
    yield c
    c.close()


def test_mail_sent_over_smtp_is_read_over_the_api(mailpit_service, client):
    send(mailpit_service.smtp_port, "alice@exemple.test", "Activité Partielle - Test", "Identifiant : [adupont]")
    m = client.wait_for("alice@exemple.test", "Activité Partielle - Test", timeout=5)
    assert m.subject == "Activité Partielle - Test"
    assert "Identifiant : [adupont]" in m.text
    assert m.to == ("alice@exemple.test",)


def test_recipient_is_matched_exactly_not_as_a_substring(mailpit_service, client):
    send(mailpit_service.smtp_port, "malice@exemple.test", "Pour Malice")
    client.wait_for("malice@exemple.test", timeout=5)
    assert [m.subject for m in client.messages("lice@exemple.test")] == []


def test_waiting_in_vain_names_the_address_and_the_subject(client):
    with pytest.raises(MailNotReceived) as e:
        client.wait_for("personne@exemple.test", "Sujet attendu", timeout=0.5)
    assert "personne@exemple.test" in str(e.value)
    assert "« Sujet attendu »" in str(e.value)


def test_mails_that_arrived_late_ones_given_their_delay_together(mailpit_service, client):
    """BoiteAuxLettres.arrives: of the subjects, those whose mail came, one
    arriving late (after the question) included, in the order asked."""
    import threading

    from harness.clients.courriels import BoiteAuxLettres

    boite = BoiteAuxLettres(client)
    send(mailpit_service.smtp_port, "arrives@exemple.test", "Venu")
    threading.Timer(0.5, send, (mailpit_service.smtp_port, "arrives@exemple.test", "En retard")).start()
    # both come: no wait past the late one's arrival (30 s: a hang only)
    assert boite.arrives("arrives@exemple.test", ("En retard", "Venu"), delai=30) == ["En retard", "Venu"]
    assert boite.arrives("arrives@exemple.test", ("Jamais", "Venu", "Non plus"), delai=0.5) == ["Venu"]


def test_a_mail_that_must_not_come_is_looked_for_once_the_outbox_is_empty(mailpit_service, client, tmp_path,
                                                                          monkeypatch):
    """With the control interface, a check that no mail came ends as soon as
    the site's outbox is empty (GET /_sim/courriels), not after its whole
    delay; a mail the site queued before the check is still seen."""
    from harness.clients.courriels import BoiteAuxLettres
    from harness.control import Control
    from pages import textes

    monkeypatch.setenv("MAILPIT_SMTP", f"127.0.0.1:{mailpit_service.smtp_port}")
    with services.embedded_stack(tmp_path, mailpit_url=mailpit_service.url) as (sim_url, _):
        control = Control(sim_url)
        lectures = []

        def file_vide() -> bool:
            lectures.append(control.file_de_courriels_vide())
            return lectures[-1]

        boite = BoiteAuxLettres(client, file_vide=file_vide)
        compte = httpx.post(sim_url + "/_sim/comptes", timeout=30,
                            json={"profil": "Etablissement", "envoyer_courriels": True}).json()
        # asked at once: the mail is queued, sent by the mail worker a moment later
        assert not boite.aucun(compte["courriel"], textes.SUJET_IDENTIFIANT, delai=60)
        assert control.file_de_courriels_vide()
        lectures.clear()
        assert boite.aucun(compte["courriel"], "Jamais envoyé", delai=5)
        assert lectures == [True]  # read once, not polled for 5 s
        assert boite.arrives(compte["courriel"], (textes.SUJET_IDENTIFIANT, "Jamais envoyé"),
                             delai=5) == [textes.SUJET_IDENTIFIANT]
        assert lectures == [True, True]
        control.close()


@pytest.mark.parametrize("pages", [{}, {"/_sim/courriels": ("text/html", "<html>Accueil</html>")}],
                         ids=["absent", "page HTML"])
def test_a_target_that_does_not_say_its_outbox_is_empty_keeps_the_whole_delay(servir_http, pages):
    from harness.control import Control

    control = Control(servir_http(pages_fixes(pages)))
    assert control.file_de_courriels_vide() is False
    control.close()


def test_delete_for_one_address_keeps_the_others(mailpit_service, client):
    send(mailpit_service.smtp_port, "efface@exemple.test", "A")
    send(mailpit_service.smtp_port, "garde@exemple.test", "B")
    client.wait_for("efface@exemple.test", timeout=5)
    client.wait_for("garde@exemple.test", timeout=5)
    client.delete_for("efface@exemple.test")
    assert client.messages("efface@exemple.test") == []
    assert len(client.messages("garde@exemple.test")) == 1


def test_stopping_a_service_frees_its_port(tmp_path):
    mp = services.mailpit_process(tmp_path)
    with services.running(mp):
        assert httpx.get(mp.url + "/readyz").status_code == 200
    assert not mp.running
    with pytest.raises(httpx.ConnectError):
        httpx.get(mp.url + "/readyz", timeout=1)


def test_a_missing_mailpit_says_what_to_install(monkeypatch, tmp_path):
    monkeypatch.setenv("MAILPIT_BIN", str(tmp_path / "absent"))
    monkeypatch.setenv("PATH", str(tmp_path))
    monkeypatch.setenv("GOPATH", str(tmp_path))
    with pytest.raises(services.ServiceError, match="go install github.com/axllent/mailpit@v1.33.1"):
        services.find_mailpit()


def test_a_service_that_dies_at_start_is_reported(tmp_path):
    p = services.Process(name="Faux service", argv=["false"], health_url="http://127.0.0.1:9/")
    with pytest.raises(services.ServiceError, match="Faux service s'est arrêté au démarrage"):
        p.start(timeout=5)


def test_a_simulator_that_cannot_start_says_why(tmp_path):
    """Its last lines come with the error: here the port it was given is taken."""
    with socket.socket() as occupant:
        occupant.bind(("127.0.0.1", services.free_port()))
        occupant.listen()
        sim = services.simulator_process(tmp_path, smtp_port=services.free_port(),
                                         port=occupant.getsockname()[1])
        with pytest.raises(services.ServiceError) as erreur:
            sim.start(timeout=60)
    assert "Le simulateur s'est arrêté au démarrage" in str(erreur.value)
    assert "Address already in use" in str(erreur.value)
    assert str(tmp_path / "simulateur.log") in str(erreur.value)


def test_ports_are_chosen_where_no_outgoing_connection_takes_them():
    ephemeres = services._ports_ephemeres()
    ports = {services.free_port() for _ in range(20)}
    assert not ports & set(ephemeres), sorted(ports & set(ephemeres))
    assert len(ports) > 1  # chosen at random, not one fixed port


def test_smtp_of_an_existing_mailpit():
    assert services.smtp_of("http://mailpit:8025", environ={}) == ("mailpit", 1025)
    assert services.smtp_of("http://x:8025", environ={"MAILPIT_SMTP": "127.0.0.1:2525"}) == ("127.0.0.1", 2525)


def test_embedded_simulator_sends_to_an_existing_mailpit(mailpit_service, client, tmp_path, monkeypatch):
    """As in users' CI, where Mailpit is a service container: only the
    simulator is started, and its mail arrives in that Mailpit."""
    monkeypatch.setenv("MAILPIT_SMTP", f"127.0.0.1:{mailpit_service.smtp_port}")
    with services.embedded_stack(tmp_path, mailpit_url=mailpit_service.url) as (sim_url, mail_url):
        assert mail_url == mailpit_service.url
        r = httpx.post(sim_url + "/_sim/agents", json={
            "profil": "UD", "identifiant": "ud.correze", "nom": "Martin",
            "prenom": "Léa", "courriel": "lea.martin@exemple.test"})
        assert r.status_code == 201
        client.wait_for("lea.martin@exemple.test", count=3, timeout=15)


def test_services_end_with_a_killed_harness(tmp_path):
    """Ctrl+C runs the teardown; even a SIGKILLed harness leaves no Mailpit
    behind (the child asks the kernel to end it with its parent)."""
    import os
    import signal
    import subprocess
    import sys
    import time

    script = (
        "import sys, time\n"
        "from pathlib import Path\n"
        "from harness import services\n"
        f"mp = services.mailpit_process(Path({str(tmp_path)!r})).start()\n"
        "print(mp.url, mp.popen.pid, flush=True)\n"
        "time.sleep(60)\n"
    )
    harness = subprocess.Popen([sys.executable, "-c", script], stdout=subprocess.PIPE, text=True,
                               cwd=services.ROOT)
    url, pid = harness.stdout.readline().split()
    assert httpx.get(url + "/readyz").status_code == 200
    harness.send_signal(signal.SIGKILL)
    harness.wait()
    deadline = time.monotonic() + 10
    while time.monotonic() < deadline:
        try:
            os.kill(int(pid), 0)
        except ProcessLookupError:
            break
        # a zombie until reaped by init: its port is what matters
        try:
            httpx.get(url + "/readyz", timeout=0.5)
        except httpx.HTTPError:
            break
        time.sleep(0.1)
    with pytest.raises(httpx.HTTPError):
        httpx.get(url + "/readyz", timeout=1)


def _cout_argon2(hache: str) -> tuple[int, int, int]:
    p = argon2.extract_parameters(hache)
    return p.time_cost, p.memory_cost, p.parallelism


def test_the_embedded_simulator_hashes_at_argon2s_cheapest_cost(mailpit_service, tmp_path):
    """Every seeded account and every browser login pays a hash: the embedded
    stack asks for argon2-cffi's cheapest parameters (SIM_HACHAGE=minimal),
    read back from the hash the simulator stored; a simulator started on its
    own keeps production's (tests/simulator/test_hachage.py)."""
    cheapest = argon2.profiles.CHEAPEST
    with services.embedded_stack(tmp_path, mailpit_url=mailpit_service.url) as (sim_url, _):
        r = httpx.post(sim_url + "/_sim/comptes", json={"profil": "Etablissement"}, timeout=30)
        assert r.status_code == 201, r.text
        identifiant = r.json()["identifiant"]
        with closing(sqlite3.connect(tmp_path / "simulateur" / "simulateur.db")) as base:
            hashes = base.execute("SELECT mot_de_passe_hash, reponse_secrete_hash FROM compte "
                                  "WHERE identifiant = ?", (identifiant,)).fetchone()
    assert hashes and all(h.startswith("$argon2id$") for h in hashes)
    assert {_cout_argon2(h) for h in hashes} == {
        (cheapest.time_cost, cheapest.memory_cost, cheapest.parallelism)}
    assert (cheapest.time_cost, cheapest.memory_cost) != (2, 19456)  # production's: they differ
