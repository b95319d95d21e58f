"""Option parsing shared by the command-line modules."""

from __future__ import annotations

import datetime as dt

import click


def iso_date(ctx: click.Context, param: click.Parameter, value: str | None) -> dt.date | None:
    """A click callback turning ``YYYY-MM-DD`` into a date, with an error naming the bad value."""
    if value is None:
        return None
    try:
        return dt.date.fromisoformat(value)
    except ValueError:
        raise click.BadParameter(f"{value!r} is not a date in the form YYYY-MM-DD") from None
