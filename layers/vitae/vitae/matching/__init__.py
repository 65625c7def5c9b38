"""Matching (seed [D]): requirement texts, resume texts and processings of one against the other."""
