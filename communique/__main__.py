from communique.cli import cli

cli()
