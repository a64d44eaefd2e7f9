"""Bilingual Corpus Viewer: search and read a Norwegian/English research corpus."""

__version__ = "0.1.0"
