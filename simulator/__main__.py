"""`python -m simulator serve --host H --port P`: the simulator under waitress,
with the mail worker. `python -m simulator --help` lists the configuration."""
import argparse
import ipaddress
import logging
import os
import signal
import sys

from .config import AIDE


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(
        prog="python -m simulator",
        description="Simulateur de référence de l'extranet Activité Partielle.",
        epilog=AIDE, formatter_class=argparse.RawDescriptionHelpFormatter)
    commandes = parser.add_subparsers(dest="commande", required=True)
    serve = commandes.add_parser(
        "serve", help="serve the simulator with waitress and run the mail worker",
        epilog=AIDE, formatter_class=argparse.RawDescriptionHelpFormatter)
    serve.add_argument("--host", default="127.0.0.1")
    serve.add_argument("--port", type=int, default=8000)
    serve.add_argument("--threads", type=int, default=8)
    serve.add_argument("--database-url", help="overrides SIM_DATABASE_URL")
    serve.add_argument("--smtp-host", help="overrides SIM_SMTP_HOST")
    serve.add_argument("--smtp-port", type=int, help="overrides SIM_SMTP_PORT")
    serve.add_argument("--control", action="store_true", help="same as SIM_CONTROL=1")
    serve.add_argument("--exposer-controle", action="store_true",
                       help="start even though --host is not a loopback address while control mode "
                            "is on (the control interface still answers loopback clients only)")
    args = parser.parse_args(argv)
    controle = args.control or os.environ.get("SIM_CONTROL", "0") == "1"
    if controle and not _boucle_locale(args.host):
        if not args.exposer_controle:
            print(f"Refus de démarrer : le mode contrôle (--control ou SIM_CONTROL=1) est réservé à une "
                  f"écoute sur la boucle locale, et --host {args.host} ne l'est pas. Utilisez "
                  f"--host 127.0.0.1, ou ajoutez --exposer-controle si c'est voulu.", file=sys.stderr)
            return 2
        logging.basicConfig(level=logging.INFO, format="%(asctime)s %(name)s %(message)s")
        logging.getLogger("simulator").warning(
            "ATTENTION : mode contrôle actif sur %s, une adresse non locale (--exposer-controle). "
            "L'interface /_sim/ ne répond qu'aux clients de la boucle locale, mais tout mandataire "
            "(proxy) local la rend joignable de l'extérieur.", args.host)

    import waitress

    from . import couverture
    couverture.demarrer()  # SIM_COUVERTURE (make mutation): before the app's modules run
    from . import create_app, facteur
    logging.basicConfig(level=logging.INFO, format="%(asctime)s %(name)s %(message)s")
    options = {cle: valeur for cle, valeur in (
        ("DATABASE_URL", args.database_url), ("SMTP_HOST", args.smtp_host),
        ("SMTP_PORT", args.smtp_port), ("CONTROL", args.control or None)) if valeur is not None}
    try:
        app = create_app(options)
    except ValueError as erreur:  # a configuration value it cannot use
        print(f"Refus de démarrer : {erreur}", file=sys.stderr)
        return 2
    facteur(app).demarrer()

    def arreter(_signal, _frame):
        raise KeyboardInterrupt
    signal.signal(signal.SIGTERM, arreter)
    try:
        waitress.serve(app, host=args.host, port=args.port, threads=args.threads,
                       ident="simulateur-activite-partielle")
    except KeyboardInterrupt:
        pass
    finally:
        facteur(app).arreter()
        couverture.arreter()
    return 0


def _boucle_locale(hote: str) -> bool:
    """Whether a --host value listens on the loopback only."""
    if hote == "localhost":
        return True
    try:
        return ipaddress.ip_address(hote.strip("[]")).is_loopback
    except ValueError:  # a host name: it may resolve to anything
        return False


if __name__ == "__main__":
    raise SystemExit(main())
