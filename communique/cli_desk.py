"""The ``communique serve`` command: the analyst's desk (web pages and JSON API) over a store."""

from __future__ import annotations

import ipaddress
import secrets
from pathlib import Path
from typing import TYPE_CHECKING

import click

from .cli_store import db_option

if TYPE_CHECKING:
    from .extract import Pipeline


def _loopback(host: str) -> bool:
    if host == "localhost":
        return True
    try:
        return ipaddress.ip_address(host).is_loopback
    except ValueError:
        return False


def register(cli: click.Group) -> None:
    """Add ``serve`` to the command group."""

    @cli.command("serve")
    @db_option
    @click.option("--host", default="127.0.0.1", show_default=True, help="Address to listen on.")
    @click.option("--port", default=8000, show_default=True, type=click.IntRange(0, 65535), help="Port to listen on.")
    @click.option("--allow-writes", is_flag=True,
                  help="Allow analyze-and-store and ingest over HTTP (needs the bearer token).")
    @click.option("--token", envvar="COMMUNIQUE_TOKEN",
                  help="Bearer token for writes (env COMMUNIQUE_TOKEN); generated and printed when not set.")
    @click.option("--max-body", default=2 * 1024 * 1024, show_default=True, type=click.IntRange(1),
                  help="Largest request body accepted, in bytes.")
    @click.option("--data-dir", default="communique-data", show_default=True,
                  type=click.Path(file_okay=False, path_type=Path), help="Where stored uploads are kept.")
    @click.option("--model", help="spaCy model for the analyze page (default: best installed).")
    def serve_cmd(db: str, host: str, port: int, allow_writes: bool, token: str | None, max_body: int,
                  data_dir: Path, model: str | None) -> None:
        """Serve the analyst's desk: web pages and the JSON API (/api/) over a store.

        Read-only unless --allow-writes; stop it with Ctrl-C.

        Example:

            communique serve --db sqlite:///corpus.db --port 8000
        """
        try:
            import uvicorn

            from .api import DeskSettings, create_app
        except ImportError as exc:
            raise click.ClickException("the desk needs the web extra: pip install 'communique[web]'") from exc
        from .cli_store import _store

        if allow_writes and not token:
            token = secrets.token_urlsafe(24)
            click.echo(f"writes allowed; bearer token for this run: {token}", err=True)
        if not _loopback(host):
            click.echo(f"warning: listening on {host}, reachable from other machines; the desk has no TLS", err=True)

        def pipeline() -> Pipeline:
            from .extract import Pipeline

            return Pipeline(model=model)

        settings = DeskSettings(allow_writes=allow_writes, token=token if allow_writes else None, max_body=max_body,
                                data_dir=data_dir, analyzer_factory=pipeline)
        with _store(db) as store:
            app = create_app(store, settings)
            shown = f"[{host}]" if ":" in host else host
            click.echo(f"communique desk at http://{shown}:{port}/ (JSON under /api/; Ctrl-C stops it)", err=True)
            uvicorn.run(app, host=host, port=port, log_level="warning")
