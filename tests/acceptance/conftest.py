import pytest


@pytest.fixture(autouse=True)
def _sur_un_profil(profile):
    """Every scenario runs once per selected browser profile ([ie11-win7])."""
