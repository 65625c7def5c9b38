"""Applications (seed [G]): a user's tracked job applications, their status history and figures."""
