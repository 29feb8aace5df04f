"""Reference tables shipped with civstat (CSV files read through importlib.resources)."""
