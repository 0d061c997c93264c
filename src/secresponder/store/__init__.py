"""The SQLite workspace: connection, numbered migrations and repositories."""
