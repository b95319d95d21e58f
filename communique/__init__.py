"""communique: diplomatic news into records analysts can query and trust.

Example::

    >>> import communique
    >>> analysis = communique.extract("Vladimir Putin met Kassym-Jomart Tokayev in Astana.")
"""

from __future__ import annotations

__version__ = "0.1.0"

from .errors import CommuniqueError
from .extract import Pipeline, extract
from .records import Actor, Analysis, Article, Event, Evidence, Quote, Role

__all__ = ["Analysis", "Article", "Actor", "CommuniqueError", "Event", "Evidence", "Pipeline", "Quote", "Role", "extract"]
