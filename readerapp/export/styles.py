"""The citation-key styles (a tiny module: the command line lists them without loading the
BibTeX machinery)."""

STYLES = ("arxiv", "short", "bbt")
