"""``python -m grader``: see ``grader.cli``."""

import os
import sys

from grader.cli import main

if __name__ == "__main__":
    # A name that is not UTF-8 (a GBK-named folder) is printed escaped, not as a traceback.
    sys.stdout.reconfigure(errors="backslashreplace")
    sys.stderr.reconfigure(errors="backslashreplace")
    code = main()
    sys.stdout.flush()
    sys.stderr.flush()
    # Nothing is left to clean up (workers die with the grader), and torch's
    # interpreter teardown would add half a second to every check.
    os._exit(code)
