"""communique: diplomatic news into records analysts can query and trust."""

from __future__ import annotations

__version__ = "0.1.0"
