"""R12 pages: plans and sessions (plans.py), self-study notes (notes.py)."""
