"""`python -m generator` runs the `playbook` command."""

import sys

from generator.cli import main

sys.exit(main())
