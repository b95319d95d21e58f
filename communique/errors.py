"""Errors raised by communique.

Every error carries a short stable code (``[C0xx]``) so that batch logs can be grepped, and says
what went wrong, with which input, and what usually fixes it::

    CommuniqueError
    ├── InputError          an input cannot be read or is not an article we analyse (source, problem)
    │   ├── EmptyInputError
    │   ├── BinaryInputError
    │   ├── TooLargeError
    │   ├── NoArticleTextError
    │   ├── UnsupportedLanguageError
    │   ├── FetchError
    │   └── TimeBudgetError  the analysis took longer than COMMUNIQUE_TIME_BUDGET
    ├── ModelError          no spaCy model can be loaded
    ├── KnowledgeBaseError  the knowledge base is missing or malformed
    ├── SettingsError       a setting has a value of the wrong type
    ├── StoreError          the store cannot be opened or used (url, problem)
    │   ├── NotFoundError   an actor, article or pair the store does not hold
    │   ├── StoreReadOnlyError  the database or its folder cannot be written
    │   └── StoreFullError      the disk (or the database's size limit) is full
    ├── WorkerLostError     a batch worker died mid-chunk; a re-run finishes the job
    ├── OutputError         a batch folder cannot be written: full disk, read-only (path, problem)
    ├── QueryError          a query parameter is malformed (parameter, problem)
    └── EvaluationError     a gold file cannot be read or scored
"""

from __future__ import annotations


class CommuniqueError(Exception):
    """Root of every error communique raises on purpose."""

    code = "C000"

    def __init__(self, message: str) -> None:
        super().__init__(f"[{self.code}] {message}")
        self.message = message


class InputError(CommuniqueError):
    """An input cannot be analysed; ``source`` names it and ``problem`` says why."""

    code = "C010"

    def __init__(self, source: str, problem: str) -> None:
        self.source = source
        self.problem = problem
        super().__init__(f"{source}: {problem}")


class EmptyInputError(InputError):
    code = "C011"


class BinaryInputError(InputError):
    code = "C012"


class TooLargeError(InputError):
    code = "C013"


class NoArticleTextError(InputError):
    code = "C014"


class UnsupportedLanguageError(InputError):
    code = "C015"

    def __init__(self, source: str, problem: str, language: str | None = None) -> None:
        self.language = language
        super().__init__(source, problem)


class FetchError(InputError):
    code = "C016"


class TimeBudgetError(InputError):
    """The analysis of one article ran past the time budget (``COMMUNIQUE_TIME_BUDGET``)."""

    code = "C017"

    def __init__(self, source: str, budget: float) -> None:
        self.budget = budget
        super().__init__(
            source,
            f"the analysis took longer than the time budget of {budget:g} s and was stopped; split the text into "
            "its articles, or raise COMMUNIQUE_TIME_BUDGET",
        )


class ModelError(CommuniqueError):
    code = "C020"


class KnowledgeBaseError(CommuniqueError):
    code = "C030"


class SettingsError(CommuniqueError):
    code = "C040"


class EvaluationError(CommuniqueError):
    code = "C050"

    def __init__(self, path: str, problem: str) -> None:
        self.path = path
        self.problem = problem
        super().__init__(f"{path}: {problem}")


class StoreError(CommuniqueError):
    """The store at ``url`` cannot be opened or used; ``problem`` says why."""

    code = "C060"

    def __init__(self, url: str, problem: str) -> None:
        self.url = url
        self.problem = problem
        super().__init__(f"{url}: {problem}")


class WorkerLostError(CommuniqueError):
    """A batch worker died (killed, out of memory) while analysing a chunk; finished chunks are kept."""

    code = "C072"


class OutputError(CommuniqueError):
    """The batch folder file at ``path`` cannot be written (a full disk, a read-only folder); ``problem`` says why."""

    code = "C073"

    def __init__(self, path: str, problem: str) -> None:
        self.path = path
        self.problem = problem
        super().__init__(f"{path}: {problem}")


class NotFoundError(StoreError):
    """The store holds no record by that name or id (an HTTP 404 at the web edge)."""

    code = "C061"


class QueryError(CommuniqueError):
    """A query parameter is malformed; ``parameter`` names it and ``problem`` says why."""

    code = "C071"

    def __init__(self, parameter: str, problem: str) -> None:
        self.parameter = parameter
        self.problem = problem
        super().__init__(f"{parameter}: {problem}")


class StoreReadOnlyError(StoreError):
    code = "C062"


class StoreFullError(StoreError):
    code = "C063"
