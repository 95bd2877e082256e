"""`python -m competency_hub.cli` runs the command line, as the installed `competency-hub` does."""

from .main import main

raise SystemExit(main())
