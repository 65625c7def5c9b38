"""Profile sync (seed [G], DESIGN.md 6): outside sources (GitHub, a LinkedIn data export) read into
plain data for the profile merge."""
