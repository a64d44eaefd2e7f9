"""Bookmarks: the store, its schema and migrations, filtering and export."""
