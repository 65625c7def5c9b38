"""Domain-agnostic services every function stands on: config, db, cache, storage, events, http, auth."""
