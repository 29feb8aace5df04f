"""``python -m civstat`` runs the command line."""

from civstat.cli import main

main()
