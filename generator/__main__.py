"""`python -m generator` runs the `playbook` command."""

import sys

from .cli import main

sys.exit(main())
