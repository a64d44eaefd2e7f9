"""Subcommand groups of the command-line interface, one module each (see viewer.cli.COMMAND_MODULES)."""
