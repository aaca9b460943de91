"""briefbot: briefs a Discord channel on a news article with a local transformer model."""

__version__ = "0.1.0"
