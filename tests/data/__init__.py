"""Tests of the dataset: the loader, name resolution and fidelity to the OPIIEC card."""
