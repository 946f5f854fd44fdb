"""Stage 3, resolve: validated documents become the typed model."""
