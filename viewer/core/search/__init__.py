"""Full-text search: analysis, the query language, snippets, the Whoosh index and its cache."""
