"""Shared vocabularies of the layer: data, no I/O, nothing heavy at import.

`vitae.taxonomy.skills` is the one skills list (with synonyms and abbreviations) that the CV parser
(`vitae.cvparse`) and the matching score (`vitae.matching.scoring`) both read.
"""
