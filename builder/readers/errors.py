"""The one exception every reader raises for a file that cannot be an article."""


class ReadError(Exception):
    """The file (or feed entry) cannot be read as an article; the message says why."""
