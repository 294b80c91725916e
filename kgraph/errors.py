"""Typed errors. The library raises these; the CLI turns them into one-line messages and exit codes."""


class KgraphError(Exception):
    """Base class for every error kgraph reports to users."""

    exit_code = 1


class InputError(KgraphError):
    """An article, file or argument could not be read or understood."""

    exit_code = 2


class OntologyError(KgraphError):
    """An ontology file is missing, malformed or inconsistent."""

    exit_code = 2


class ModelError(KgraphError):
    """The spaCy model could not be loaded (a bad --model is a usage error)."""

    exit_code = 2


class QueryError(KgraphError):
    """A SPARQL query is malformed or failed."""

    exit_code = 2


class StoreError(KgraphError):
    """A store, output file or remote endpoint could not be read or written."""


class StoreLockedError(StoreError):
    """Another writer holds the store (and kept it past the time the caller would wait)."""


class WorkerError(KgraphError):
    """A worker process of a parallel build died (killed, out of memory, a crash in native code)."""


class ExtractorError(KgraphError):
    """An extractor plug-in is malformed: a rule name used twice or unknown, an entry point that fails to load."""


class DeadlineError(KgraphError):
    """Work given a time-out (``kgraph query --timeout``) did not finish within it."""
