"""Maintenance tools of the repository (not installed): the catalogues of messages."""
