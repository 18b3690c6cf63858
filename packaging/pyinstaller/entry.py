"""The bundle's entry point: the same `reviewdesk` command line (no subcommand opens the window)."""
from __future__ import annotations

import sys

from reviewdesk.cli.main import main

if __name__ == "__main__":
    sys.exit(main())
