"""Profile sync (DESIGN.md 6): outside sources (a LinkedIn data export) read into plain data for the profile merge."""
