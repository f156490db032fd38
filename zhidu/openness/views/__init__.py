"""R11 pages: publications and the sheet (common.py), assessments (assessments.py), branches (units.py)."""
