"""``python -m mpp_migration``: the ``mpp-migration`` command."""

import sys

from mpp_migration.cli import main

if __name__ == "__main__":
    sys.exit(main())
