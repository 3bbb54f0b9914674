"""Encoders: image -> feature vector of width ``num_features``.

Every builder takes the number of input channels positionally; its keyword-only
parameters are the options a user sets in params (``encoder: {name: ..., ...}``).
torchvision is imported inside the builders: importing it costs seconds, and stages
that never build a torchvision model should not pay that. Options that only say where weights come from are listed in ``WEIGHT_OPTIONS`` and
are dropped from the architecture stored in checkpoints (weights travel in the
checkpoint itself).
"""

import urllib.error
from pathlib import Path

import torch
from pydantic import PositiveInt
from torch import nn

from embedlab.errors import DataError
from embedlab.registry import Registry

ENCODERS = Registry("encoder")
WEIGHT_OPTIONS = ("pretrained", "weights_path")
IMAGENET_MEAN = (0.485, 0.456, 0.406)
IMAGENET_STD = (0.229, 0.224, 0.225)


class Encoder(nn.Module):
    """Scales the input as the body expects, repeats grayscale for RGB bodies, runs the body."""

    def __init__(self, body, num_features, in_channels, body_channels=3, mean=(0.5,), std=(0.5,)):
        super().__init__()
        self.body = body
        self.num_features = num_features
        self.repeat = body_channels // in_channels if in_channels != body_channels else 1
        self.register_buffer("mean", torch.tensor(mean).view(1, -1, 1, 1), persistent=False)
        self.register_buffer("std", torch.tensor(std).view(1, -1, 1, 1), persistent=False)

    def forward(self, x):
        if self.repeat > 1:
            x = x.repeat(1, self.repeat, 1, 1)
        return self.body((x - self.mean) / self.std)


def _conv_block(cin, cout):
    return nn.Sequential(
        nn.Conv2d(cin, cout, 3, padding=1, bias=False),
        nn.BatchNorm2d(cout),
        nn.ReLU(inplace=True),
        nn.Conv2d(cout, cout, 3, padding=1, bias=False),
        nn.BatchNorm2d(cout),
        nn.ReLU(inplace=True),
    )


@ENCODERS.register("small_cnn")
def small_cnn(in_channels, *, width: PositiveInt = 32, embedding_dim: PositiveInt = 128):
    """Three conv blocks (width, 2x, 4x), two 2x2 poolings, global average pooling and a
    linear layer: sized for 8x8 to 32x32 inputs (digits, MNIST, CIFAR)."""
    body = nn.Sequential(
        _conv_block(in_channels, width),
        nn.MaxPool2d(2),
        _conv_block(width, 2 * width),
        nn.MaxPool2d(2),
        _conv_block(2 * width, 4 * width),
        nn.AdaptiveAvgPool2d(1),
        nn.Flatten(),
        nn.Linear(4 * width, embedding_dim),
    )
    return Encoder(body, embedding_dim, in_channels, body_channels=in_channels, mean=(0.5,) * in_channels, std=(0.5,) * in_channels)


def _resnet(factory, weights_enum, in_channels, pretrained, weights_path, cifar_stem):
    """A torchvision ResNet without its classifier. ImageNet weights load before the CIFAR
    stem (3x3 stride-1 conv1, no max-pool) replaces the original one, as MonoCon does."""
    net = factory(weights=None)
    _load_weights(net, weights_enum, pretrained, weights_path)
    if cifar_stem:
        net.conv1 = nn.Conv2d(3, 64, kernel_size=3, stride=1, padding=1, bias=False)
        net.maxpool = nn.Identity()
    num_features = net.fc.in_features
    net.fc = nn.Identity()
    return Encoder(net, num_features, in_channels, mean=IMAGENET_MEAN, std=IMAGENET_STD)


def _load_weights(net, weights_enum, pretrained, weights_path):
    if weights_path is not None:
        net.load_state_dict(load_state_dict(weights_path))
    elif pretrained:
        net.load_state_dict(_download(weights_enum))


def load_state_dict(path):
    """A local weights file: a state dict, loaded with ``weights_only=True``."""
    path = Path(path)
    if not path.is_file():
        raise DataError(f"encoder weights_path {str(path)!r} does not exist")
    try:
        state = torch.load(path, map_location="cpu", weights_only=True)
    except Exception as error:  # torch raises many types for a bad file
        raise DataError(f"encoder weights_path {str(path)!r} is not a PyTorch weights file ({type(error).__name__})") from None
    return state.get("state_dict", state) if isinstance(state, dict) else state


def _download(weights_enum):
    """torchvision's weights API; offline it fails with where to put the file by hand."""
    try:
        return weights_enum.get_state_dict(progress=True, check_hash=True)
    except (urllib.error.URLError, OSError) as error:
        target = Path(torch.hub.get_dir()) / "checkpoints" / Path(weights_enum.url).name
        raise DataError(
            f"could not download {weights_enum} from {weights_enum.url} ({error.__class__.__name__}); "
            f"place the file at {target} or set the encoder's weights_path"
        ) from None


@ENCODERS.register("resnet18")
def resnet18(in_channels, *, pretrained: bool = False, weights_path: str | None = None, cifar_stem: bool = True):
    import torchvision.models as tvm

    return _resnet(tvm.resnet18, tvm.ResNet18_Weights.DEFAULT, in_channels, pretrained, weights_path, cifar_stem)


@ENCODERS.register("resnet34")
def resnet34(in_channels, *, pretrained: bool = False, weights_path: str | None = None, cifar_stem: bool = True):
    import torchvision.models as tvm

    return _resnet(tvm.resnet34, tvm.ResNet34_Weights.DEFAULT, in_channels, pretrained, weights_path, cifar_stem)
