"""Resumes (seed [P]): documents, sections and their items, defaults, copies, preferences."""
