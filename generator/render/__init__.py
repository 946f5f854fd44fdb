"""Stage 4, render: the model and labels become pages in memory; nothing is read or written here."""
