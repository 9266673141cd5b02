"""What the student reads of an exercise before writing it: the stubs (``stubs``).

``scripts/make_stubs.py`` writes this repository's ``exercises/`` with them, the site
shows them, and ``python -m grader release`` writes the student edition's.
"""
