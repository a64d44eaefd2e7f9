"""Saved searches: a named query with its filters and mode, kept in the user data folder."""
