"""The results store: what every run scored, reviewers' overrides, and what copy detection compares.

One job per module: ``location`` (which store), ``connection`` (SQLite or PostgreSQL behind one small
interface), ``migrations`` (schema versions), ``records`` (writing a run), ``recorder`` (the writer as
a batch output), ``overrides``, ``history`` and ``priors`` (reading back).
"""
