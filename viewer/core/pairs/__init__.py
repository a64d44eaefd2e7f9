"""Pairs of documents that translate each other: finding them, their scores and statuses, the store."""
