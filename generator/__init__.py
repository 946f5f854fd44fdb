"""grensroutes: sourced YAML roadmaps → validated → a four-language static site."""

__version__ = "0.1.0"
