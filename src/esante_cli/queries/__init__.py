"""Queries: pure functions from a dataset to typed results. They never print."""
