"""Use cases: take plain values, do the work in one transaction, and commit."""
