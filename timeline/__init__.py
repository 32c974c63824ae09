"""timeline: turn news reports about one diplomatic process into one sourced chronology."""

__version__ = "0.1.0"
