"""``python -m civstat`` runs the command line.

Top level, above every layer, like :mod:`civstat.cli`.
"""

from civstat.cli import main

main()
