"""Configuration: the SIM_* environment variables, overridden by create_app(config).

See `python -m simulator --help` and docs/architecture.md for the list.
"""
import os
import secrets

AIDE = """\
Configuration (environment variables; command-line options override them):
  SIM_DATABASE_URL   SQLAlchemy URL (default sqlite:///<instance>/simulateur.db;
                     PostgreSQL: postgresql+psycopg://user:pass@host/base)
  SIM_SMTP_HOST      SMTP server host (default 127.0.0.1)
  SIM_SMTP_PORT      SMTP server port (default 1025, Mailpit's)
  SIM_MAIL_FROM      sender of every mail (default ne-pas-repondre@asp-public.fr)
  SIM_CONTROL        1 turns on the test-control interface /_sim/ (CONTROL_API.md),
                     loopback clients only; default 0 (every /_sim/ path is 404)
  SIM_SECRET_KEY     Flask secret (default: random at each start)
  SIM_HACHAGE        cost of the argon2 password hashes: production (default,
                     OWASP minimum) or minimal (argon2-cffi's cheapest
                     parameters, for a simulator that only serves tests: the
                     harness's embedded stack sets it)
  SIM_COUVERTURE     data file of coverage.py: the served simulator records
                     which scenario (POST /_sim/couverture) runs which line
                     (make mutation; off by default)
"""


def depuis_environnement(env=None) -> dict:
    """The configuration read from the environment (SIM_*)."""
    env = os.environ if env is None else env
    return {
        "DATABASE_URL": env.get("SIM_DATABASE_URL") or None,
        "SMTP_HOST": env.get("SIM_SMTP_HOST", "127.0.0.1"),
        "SMTP_PORT": int(env.get("SIM_SMTP_PORT", "1025")),
        "MAIL_FROM": env.get("SIM_MAIL_FROM", "ne-pas-repondre@asp-public.fr"),
        "CONTROL": env.get("SIM_CONTROL", "0") == "1",
        "SECRET_KEY": env.get("SIM_SECRET_KEY") or secrets.token_hex(32),
        "HACHAGE": env.get("SIM_HACHAGE") or "production",
        # The mail worker starts with the first request (flask run) or at
        # `python -m simulator serve`; tests turn it off and read the outbox.
        "MAIL_WORKER": True,
        # Flask / Flask-WTF settings
        "WTF_CSRF_TIME_LIMIT": None,  # no wall-clock expiry: only the simulator clock tells time
        "MAX_CONTENT_LENGTH": 64 * 1024,
        "SESSION_COOKIE_NAME": "session_ap",
        "SESSION_COOKIE_HTTPONLY": True,
        "SESSION_COOKIE_SAMESITE": "Lax",
    }
