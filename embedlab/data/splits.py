"""Split protocols: seeded, stratified train / validation / test, with optional class
subsets, a low-data regime and holdout (never-trained) classes.

Indices always refer to the loader's sample order, so a saved split can be reused.
"""

import numpy as np
from sklearn.model_selection import train_test_split

from embedlab.data.prepared import SPLITS
from embedlab.errors import ConfigError, DataError


def make_split(raw, prepare, seed):
    """Return {split name: sorted int64 indices} following the ``prepare`` params."""
    labels = raw.labels
    classes = np.unique(labels)
    if prepare.num_classes is not None:
        if prepare.num_classes > len(classes):
            raise ConfigError("prepare.num_classes", prepare.num_classes, f"at most {len(classes)} (classes in the dataset)")
        classes = classes[: prepare.num_classes]
    unknown = sorted(set(prepare.holdout_classes) - set(classes.tolist()))
    if unknown:
        raise ConfigError("prepare.holdout_classes", prepare.holdout_classes, f"class ids among {classes.tolist()}")
    holdout_classes = np.array(prepare.holdout_classes, dtype=np.int64)
    seen = np.setdiff1d(classes, holdout_classes)
    if len(seen) < 2:
        raise ConfigError("prepare.holdout_classes", prepare.holdout_classes, "at least two classes left for training")

    used = np.flatnonzero(np.isin(labels, seen))
    rng = np.random.default_rng(seed)
    if raw.official_test is not None:
        test = used[raw.official_test[used]]
        rest = used[~raw.official_test[used]]
    else:
        rest, test = _stratified(used, labels, prepare.test_fraction, rng)
    if raw.official_val is not None:
        train, val = rest[~raw.official_val[rest]], rest[raw.official_val[rest]]
    else:
        train, val = _stratified(rest, labels, prepare.val_fraction, rng)
    if prepare.samples_per_class is not None:
        train = _per_class(train, labels, prepare.samples_per_class, rng)
    holdout = np.flatnonzero(np.isin(labels, holdout_classes))
    return {name: np.sort(idx).astype(np.int64) for name, idx in zip(SPLITS, (train, val, test, holdout))}


def _stratified(indices, labels, fraction, rng):
    seed = int(rng.integers(2**31))
    try:
        return train_test_split(indices, test_size=fraction, stratify=labels[indices], random_state=seed)
    except ValueError as error:
        raise DataError(f"cannot make a stratified split of {len(indices)} samples with fraction {fraction}: {error}") from None


def _per_class(indices, labels, count, rng):
    chosen = []
    for label in np.unique(labels[indices]):
        members = indices[labels[indices] == label]
        if len(members) < count:
            raise ConfigError("prepare.samples_per_class", count, f"at most {len(members)} (training samples of class {label})")
        chosen.append(rng.choice(members, size=count, replace=False))
    return np.concatenate(chosen)
