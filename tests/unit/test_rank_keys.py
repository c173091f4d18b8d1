"""rank_keys: one sortable integer per move, whatever the size of the costs (a model file may
give weights up to their bound: the keys must not wrap around in 64 bits)."""

from __future__ import annotations

import numpy as np
from hypothesis import given
from hypothesis import strategies as st

from esante_cli.stability import rank_keys

moves = st.lists(
    st.tuples(st.booleans(), st.integers(0, 1000), st.integers(0, 2**61)), min_size=1, max_size=30
)


@given(moves)
def test_keys_order_moves_as_the_rule_does(rows):
    """Downgrades last, then closer first, then lower cost: the keys sort as the tuples do,
    for costs far beyond what 64-bit products can hold."""
    down = np.array([r[0] for r in rows])
    coverage = np.array([r[1] for r in rows])
    units = np.array([r[2] for r in rows], dtype=np.int64)
    keys = rank_keys(down, coverage, units)
    assert keys.dtype == np.int64 and (keys >= 0).all()
    want = [(d, -c, u) for d, c, u in rows]
    for i in range(len(rows)):
        for j in range(len(rows)):
            assert (keys[i] < keys[j]) == (want[i] < want[j])
            assert (keys[i] == keys[j]) == (want[i] == want[j])
    assert int(keys.max()) * 4 < 2**63  # room for the tiers recommend adds
