"""Stage 5, output: the only stage that writes: docs folders, MkDocs, factsheets, open data, offline zip."""
