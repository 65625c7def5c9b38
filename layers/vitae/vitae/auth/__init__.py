"""Sign-in (seed [G]): OAuth with Google, GitHub and LinkedIn, sessions, refresh token rotation."""
