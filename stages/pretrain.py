"""Stage pretrain: the encoder, trained without a head (or loaded pre-trained), once;
both the baseline and the model fine-tune from models/pretrain/best.pt."""

from embedlab.config import load_params
from embedlab.errors import one_line_errors
from embedlab.models import build_embedder
from embedlab.paths import MODELS, PREPARED
from embedlab.pipeline import start, train, training_data
from embedlab.training.checkpoint import save_checkpoint

SECTIONS = ("base", "encoder", "loss", "augment", "pretrain")


@one_line_errors
def main():
    params = load_params()
    device = start(params)
    data, meta = training_data(params)
    model = build_embedder(params.encoder, "none", meta["image_shape"][0], load_weights=True)
    if params.pretrain.epochs == 0:
        save_checkpoint(MODELS / "pretrain" / "best.pt", {"architecture": model.architecture, "model": model.state_dict()})
        print("pretrain.epochs is 0: the encoder's initial weights are the pretrained checkpoint")
        return
    train(params, "pretrain", model, data, params.pretrain, device, sections=SECTIONS, inputs=[PREPARED / "split.json"])


if __name__ == "__main__":
    main()
