"""Opening SQLite stores of user data safely: a store describes itself with a frozen `spec.StoreSpec`
and opens with `fallback.open_store` (checks, migrations, salvage of a damaged file or write-ahead
log, `wal`, `pages`/`recover` for what SQLite refuses, `text` for text that is not UTF-8)."""
