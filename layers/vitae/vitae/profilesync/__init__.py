"""Profile sync: a candidate's public history from GitHub (and a LinkedIn data export) into their profile."""
