"""Stage pretrain: the encoder, trained without a head (or loaded pre-trained), once;
both the baseline and the model fine-tune from models/pretrain/best.pt."""

from embedlab.config import load_params
from embedlab.errors import one_line_errors
from embedlab.pipeline import pretrain
from embedlab.training import distributed
from embedlab.training.runtime import start


@one_line_errors
def main():
    params = load_params()
    if not distributed.relaunch(params.pretrain.nproc_per_node, ["stages.pretrain"]):
        pretrain(params, start(params))


if __name__ == "__main__":
    main()
