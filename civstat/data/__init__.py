"""Reference tables shipped with civstat (CSV files read through importlib.resources).

Data, not code: read by :mod:`civstat.read.reference` and the analyses; edit a file to teach civstat a word.
"""
