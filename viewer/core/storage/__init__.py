"""Opening SQLite stores of user data safely: checks, versioned migrations, salvage of a damaged file."""
