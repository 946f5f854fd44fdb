"""Stage 2, validate: every check, as diagnostics; nothing is read or written here."""
