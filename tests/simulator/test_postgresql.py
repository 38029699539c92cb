"""The same rules on PostgreSQL (SIM_DATABASE_URL=postgresql+psycopg://…): a
throwaway cluster of the machine's PostgreSQL server binaries, one database per
test. The tests imported below run here again with that database (the
`config` fixture is overridden); skipped where PostgreSQL or psycopg is absent."""
import glob
import os
import shutil
import subprocess
import tempfile
import uuid
from pathlib import Path

import pytest

from harness.services import free_port

psycopg = pytest.importorskip("psycopg", reason="pip install .[postgres]")
INITDB = sorted(glob.glob("/usr/lib/postgresql/*/bin/initdb")) or ([shutil.which("initdb")] if shutil.which("initdb") else [])
if not INITDB:
    pytest.skip("serveur PostgreSQL absent (apt-get install postgresql)", allow_module_level=True)

# Re-run on PostgreSQL: the races, the lockout clock, reset, the full first connection
from .test_concurrence import (serveur, test_inscriptions_concurrentes_d_un_meme_siret,  # noqa: E402,F401
                               test_LCK_05_tentatives_concurrentes_ne_depassent_pas_la_limite)
from .test_connexion import (test_LCK_03_deverrouillage_apres_30_minutes,  # noqa: E402,F401
                             test_PWD_08_retour_a_la_connexion_nouveau_valide_ancien_refuse,
                             test_UD_02_changement_puis_question_secrete_puis_connexion)
from .test_controle import test_SIM_01_reset_efface_tout  # noqa: E402,F401
from .test_inscription import (test_ACC_09_ACC_10_trois_courriels_a_la_personne_a_contacter,  # noqa: E402,F401
                               test_ACC_11_etablissement_deja_connu_de_l_asp, test_ENR_02_code_a_usage_unique)
from .test_recuperation import test_RST_04_RST_05_nouveau_mot_de_passe_par_courriel_puis_changement  # noqa: E402,F401,E501


@pytest.fixture(scope="module")
def cluster():
    binaires = Path(INITDB[-1]).parent
    racine = Path(tempfile.mkdtemp(prefix="sim-pg-"))
    racine.chmod(0o755)
    donnees = racine / "donnees"
    donnees.mkdir()
    en_tant_que = []
    if os.geteuid() == 0:  # PostgreSQL refuses to run as root
        shutil.chown(donnees, "postgres")
        shutil.chown(racine, "postgres")
        en_tant_que = ["runuser", "-u", "postgres", "--"]
    port = free_port()

    def lancer(*argv):
        subprocess.run([*en_tant_que, *argv], check=True, capture_output=True, timeout=120)

    lancer(str(binaires / "initdb"), "-D", str(donnees), "-U", "postgres", "--auth=trust", "-E", "UTF8")
    lancer(str(binaires / "pg_ctl"), "-D", str(donnees), "-l", str(racine / "journal"), "-w", "start",
           "-o", f"-p {port} -k {racine} -c listen_addresses=127.0.0.1 -c fsync=off")
    try:
        yield f"postgresql+psycopg://postgres@127.0.0.1:{port}"
    finally:
        lancer(str(binaires / "pg_ctl"), "-D", str(donnees), "-m", "immediate", "stop")
        shutil.rmtree(racine, ignore_errors=True)


@pytest.fixture
def config(cluster):
    base = f"b{uuid.uuid4().hex[:12]}"
    with psycopg.connect(f"{cluster.replace('+psycopg', '')}/postgres", autocommit=True) as connexion:
        connexion.execute(f"CREATE DATABASE {base}")
    return {"TESTING": True, "DATABASE_URL": f"{cluster}/{base}", "CONTROL": True,
            "MAIL_WORKER": False, "SECRET_KEY": "tests"}
