"""The report layer: what people read, made from the analyses.

Charts (:mod:`~civstat.report.plots`), the sentences and tables the notebooks print
(:mod:`~civstat.report.sentences`, :mod:`~civstat.report.tables`), notebooks run into
pages (:mod:`~civstat.report.notebooks`, :mod:`~civstat.report.pages`), the Word briefing,
the analyst's workbook and the progress templates. Imports the layers before it, never
the command line.
"""
