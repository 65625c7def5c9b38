"""Users (seed [U]): accounts, profiles, avatars, statistics, quotas and user events."""
