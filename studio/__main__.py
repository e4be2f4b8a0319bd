"""``python -m studio`` is the ``mesh-studio`` command."""

import sys

from studio.cli import main

sys.exit(main())
