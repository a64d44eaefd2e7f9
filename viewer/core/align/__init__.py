"""Bilingual text: splitting bilingual fields, sentence alignment, the lexicon and TMX."""
