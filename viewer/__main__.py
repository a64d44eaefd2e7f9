"""`python -m viewer` runs the command-line interface (the desktop app without a command)."""

from viewer.cli import main

raise SystemExit(main())
