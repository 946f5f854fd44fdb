"""Maintainers' commands around the pipeline: serve, new, report, diff, link check, rule docs."""
