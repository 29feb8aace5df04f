"""The analyse layer: questions asked of the tables the read layer made.

Workload, continuity across years, themes and keywords, numeric targets and how they
moved, progress reports and where each task stands. Imports the read layer and the
top-level modules, never the report layer or the command line.
"""
