"""The read layer: documents in, tidy tables out.

Bytes are decoded (:mod:`~civstat.read.decode`), each format yields blocks
(:mod:`~civstat.read.formats` and one module per format), layouts and the interpreter turn
blocks into task records (:mod:`~civstat.read.layouts`, :mod:`~civstat.read.interpret`),
and :mod:`~civstat.read.reader` and :mod:`~civstat.read.folder` assemble them into
:class:`civstat.Plans`. Imports only the top-level modules (plans, schema, errors, paths).
"""
