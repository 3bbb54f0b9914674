import numpy as np
import pytest

from embedlab.errors import DataError
from embedlab.metrics import EvalContext
from embedlab.metrics.neighbours import nearest


def test_leave_one_out_drops_each_row_itself():
    points = np.array([[0.0], [1.0], [3.0], [7.0]])
    assert nearest(points, points, 2, exclude_self=True).tolist() == [[1, 2], [0, 2], [1, 0], [2, 1]]


def test_leave_one_out_with_duplicates_keeps_k_others():
    points = np.zeros((3, 2), dtype=np.float32)  # all at one spot: self may rank anywhere among the ties
    indices = nearest(points, points, 2, exclude_self=True)
    assert all(sorted(row) == sorted({0, 1, 2} - {i}) for i, row in enumerate(indices.tolist()))


def test_too_many_neighbours_is_a_one_line_error():
    with pytest.raises(DataError, match="k=4 neighbours asked for, but only 3 embeddings"):
        nearest(np.zeros((4, 2)), np.zeros((1, 2)), 4, exclude_self=True)


def test_open_set_context_searches_among_the_others(clusters):
    points, labels = clusters
    context = EvalContext.open_set(points, labels)
    neighbours = context.neighbours(5)
    assert not (neighbours == np.arange(len(points))[:, None]).any()
    assert (labels[neighbours] == labels[:, None]).all()
