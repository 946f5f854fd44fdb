"""Stage 1, load: the only stage that reads the project's files."""
