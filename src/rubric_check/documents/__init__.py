"""Reading report files into a normalised, outlined Document (no rubric knowledge here)."""
