"""`python -m generator` runs the `playbook` command."""

import sys

from generator.launch import main

sys.exit(main())
