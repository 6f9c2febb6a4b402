"""readerapp: a keyboard-first desktop reading list for daily arXiv paper digests."""

__version__ = "0.1.0"
APP_NAME = "readerapp"
