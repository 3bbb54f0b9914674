"""Stage train: fine-tune from the pretrained encoder, as the baseline (no head) or as
the model (encoder + the head named by ``head``), with the same recipe and budget."""

import argparse

from embedlab.config import load_params
from embedlab.errors import one_line_errors
from embedlab.paths import ROLES
from embedlab.pipeline import fine_tune
from embedlab.training import distributed
from embedlab.training.runtime import start


@one_line_errors
def main(role):
    params = load_params()
    if not distributed.relaunch(params.train.nproc_per_node, ["stages.train", role]):
        fine_tune(params, role, start(params))


if __name__ == "__main__":
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("role", choices=ROLES)
    main(parser.parse_args().role)
