"""``python -m grader``: see ``grader.cli``."""

import os
import sys

from grader.cli import main

if __name__ == "__main__":
    code = main()
    sys.stdout.flush()
    sys.stderr.flush()
    # Nothing is left to clean up (workers die with the grader), and torch's
    # interpreter teardown would add half a second to every check.
    os._exit(code)
