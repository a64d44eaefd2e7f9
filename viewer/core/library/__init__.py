"""The user's collections: the registry, importers per format and the document cache."""
