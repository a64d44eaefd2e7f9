"""The pure-Python core: corpus, language, alignment, index, bookmarks. Never imports Qt."""
