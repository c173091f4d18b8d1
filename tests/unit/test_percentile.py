"""The cost interval's percentiles are numpy's, to the last bit (computed without
``np.percentile``, which imports ``numpy.ma`` through ``np.unique``)."""

from __future__ import annotations

import numpy as np
from hypothesis import given, settings
from hypothesis import strategies as st

from esante_cli.stability import _percentile, interval

values = st.lists(
    st.one_of(st.integers(0, 60_000), st.floats(0, 1e5, allow_nan=False)), min_size=1, max_size=300
)


@settings(max_examples=300, deadline=None)
@given(values, st.sampled_from([5, 95, 0, 100, 50, 37.5]))
def test_same_as_numpy(xs, q):
    v = np.asarray(xs, dtype=float)
    assert _percentile(np.sort(v), q) == float(np.percentile(v, q))


def test_interval_in_costs():
    units = np.array([[1000, 2000, 3000, 4000, 10_000]])
    low, high = np.percentile(units.astype(float), [5, 95])
    assert interval(units) == [round(low / 1000, 3), round(high / 1000, 3)]
