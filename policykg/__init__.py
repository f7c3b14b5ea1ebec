"""PolicyKG: a cross-city knowledge graph of Chinese local IP policy plans."""

__version__ = "0.1.0"
