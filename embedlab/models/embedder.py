"""The embedder: an encoder followed by a head, rebuilt from its checkpoint by name."""

from torch import nn
from torch.nn import functional as F

from embedlab.models import text  # noqa: F401  (fill the registry with the text encoders)
from embedlab.models.encoders import ENCODERS, WEIGHT_OPTIONS
from embedlab.models.heads import HEADS
from embedlab.registry import Spec


class Embedder(nn.Module):
    """``forward`` returns the raw head output; ``embed`` the L2-normalised embedding."""

    def __init__(self, encoder, head, architecture):
        super().__init__()
        self.encoder = encoder
        self.head = head
        self.architecture = architecture

    @property
    def dim(self):
        return self.encoder.num_features

    def forward(self, x):
        return self.head(self.encoder(x))

    def embed(self, x):
        return F.normalize(self(x), dim=1)

    def load_encoder(self, checkpoint):
        """Take the encoder weights of another embedder's checkpoint (e.g. the pretrained one)."""
        prefix = "encoder."
        state = {k[len(prefix) :]: v for k, v in checkpoint["model"].items() if k.startswith(prefix)}
        self.encoder.load_state_dict(state)


def build_embedder(encoder, head, input_shape, load_weights=False):
    """Build from params values (names or ``{name, **options}``).

    With ``load_weights`` the encoder's pretrained / weights_path options are honoured;
    otherwise they are dropped, since the weights will come from a checkpoint.
    """
    encoder_spec = Spec.parse(encoder, "encoder")
    architecture_spec = Spec(encoder_spec.name, {k: v for k, v in encoder_spec.kwargs.items() if k not in WEIGHT_OPTIONS})
    encoder_module = ENCODERS.build(encoder_spec if load_weights else architecture_spec, "encoder", input_shape)
    head_spec = Spec.parse(head, "head")
    head_module = HEADS.build(head_spec, "head", encoder_module.num_features)
    architecture = {"encoder": architecture_spec.to_params(), "head": head_spec.to_params(), "input_shape": list(input_shape)}
    return Embedder(encoder_module, head_module, architecture)


def load_embedder(checkpoint):
    """Rebuild an :class:`Embedder` from a checkpoint dict written by the trainer."""
    architecture = checkpoint["architecture"]
    model = build_embedder(architecture["encoder"], architecture["head"], architecture["input_shape"])
    model.load_state_dict(checkpoint["model"])
    return model
