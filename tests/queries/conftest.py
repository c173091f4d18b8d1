"""Fixtures of the query tests: the small hand-checkable datasets of ``tests/fixtures``."""

from __future__ import annotations

from pathlib import Path

import pytest

from esante_cli.dataset import Dataset, load_dataset

FIXTURES = Path(__file__).resolve().parent.parent / "fixtures"


@pytest.fixture(scope="session")
def chain() -> Dataset:
    """Five jobs a..e on two competences (alpha, beta), one level apart, with three declared
    moves: a -> c, b -> d, a -> e. The job levels (alpha, beta) are
    a (1, 1) card, b (2, 1), c (2, 2), d (3, 2), e (3, 3) estimates."""
    return load_dataset(FIXTURES / "chain")


@pytest.fixture(scope="session")
def cross() -> Dataset:
    """Three jobs on the same two competences, no declared move: p (3, 1) card, q (2, 2) and
    r (3, 3) estimates. A route p -> q -> r must keep alpha 3 from p."""
    return load_dataset(FIXTURES / "cross")


@pytest.fixture(scope="session")
def island() -> Dataset:
    """Three jobs: x (1, 1), z (1, 2) and y (4, 4), which no move reaches."""
    return load_dataset(FIXTURES / "island")


@pytest.fixture(scope="session")
def real() -> Dataset:
    """The bundled dataset."""
    return load_dataset(Path(__file__).resolve().parents[2] / "data")
