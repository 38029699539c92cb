"""`python -m simulator serve --host H --port P`: the simulator under waitress,
with the mail worker. `python -m simulator --help` lists the configuration."""
import argparse
import logging
import signal

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
    args = parser.parse_args(argv)

    import waitress

    from . import create_app, facteur
    logging.basicConfig(level=logging.INFO, format="%(asctime)s %(name)s %(message)s")
    options = {cle: valeur for cle, valeur in (
        ("DATABASE_URL", args.database_url), ("SMTP_HOST", args.smtp_host),
        ("SMTP_PORT", args.smtp_port), ("CONTROL", args.control or None)) if valeur is not None}
    app = create_app(options)
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
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
