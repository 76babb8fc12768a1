"""rubric-check: score 法治政府建设年度报告 against a YAML rubric and explain the gaps."""

__version__ = "0.1.0"
