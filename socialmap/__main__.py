"""``python -m socialmap`` runs the command line."""

from socialmap.cli import cli

if __name__ == "__main__":
    cli()
