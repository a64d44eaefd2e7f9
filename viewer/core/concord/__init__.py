"""The parallel concordance: keyword-in-context lines with the aligned translation of each, translation
candidates learned from the library's aligned sentences, and cross-language search through them."""
