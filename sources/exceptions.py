"""Errors of importing: transient ones are retried, permanent ones are shown."""


class ImportFailed(Exception):
    """An article could not be imported; the message is shown to the user."""


class TransientImportError(ImportFailed):
    """A failure worth retrying: a timeout, a 5xx, a dropped connection."""


class PermanentImportError(ImportFailed):
    """A failure that retrying cannot fix: bad input, a 404, a refused URL."""


class UnsafeURL(PermanentImportError):
    """A URL that points somewhere factcheck must never connect to."""
