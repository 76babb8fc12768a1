"""Output formats. Each has a lifecycle: start(rubric) → report(result) per file → stop(summary)."""
