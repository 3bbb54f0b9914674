"""The retrieval table of one role: every index kind at every dimension (the full one,
the role's 99%-variance dimension, and fixed compact ones), measured against exact
search at the full dimension."""

from functools import partial

from embedlab.retrieval.compact import compact, truncation
from embedlab.retrieval.indexes import INDEXES
from embedlab.retrieval.measure import build, code_size, disk_size, exact_neighbours, quality, speed

TIMED = ("build_s", "qps1", "qps")  # the columns that differ from run to run


def dimensions(full_dim, dim99, fixed):
    """[(label, d)]: ``full``, ``dim99``, then ``d<d>`` for each fixed d narrower than the embedding."""
    return [("full", full_dim), ("dim99", dim99), *((f"d{d}", d) for d in fixed if d < full_dim)]


def retrieval_table(gallery, query, labels, specs, dims, nested_dims, timing):
    """One row per (index, dimension). ``labels``: (gallery labels, query labels);
    ``specs``: [(params key, Spec)] of the index kinds; ``dims``: :func:`dimensions`."""
    truth = exact_neighbours(gallery, query)
    how = truncation(nested_dims)
    rows = []
    for key, spec in specs:
        for label, dim in dims:
            index, build_s = build(partial(_index, spec, key, dim, label, gallery, how), gallery)
            rows.append({"index": spec.name, "dims": label, "dim": dim, "truncation": "none" if label == "full" else how,
                         "bytes": code_size(index), "disk": disk_size(index),
                         **quality(index, query, labels[1], labels[0], truth),
                         "build_s": build_s, **speed(index, query, timing)})
    return rows


def _index(spec, key, dim, label, gallery, how):
    index = INDEXES.build(spec, key, dim)
    return index if label == "full" else compact(index, gallery, how)
