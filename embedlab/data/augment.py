"""Training augmentations (torchvision transforms v2) on uint8 C x H x W tensors.

A builder takes the image size positionally and returns a transform that ends in a
float tensor in [0, 1]. Each call of the transform draws one view; a loss that needs
several views of an image (its ``views``) gets independent draws. Evaluation never
augments (:func:`to_float`). torchvision is imported inside the builders so that
checking params does not pay for its import.
"""

from typing import Annotated

from pydantic import Field

from embedlab.registry import Registry

AUGMENTATIONS = Registry("augment")
Probability = Annotated[float, Field(ge=0, le=1)]


def to_float(image):
    """uint8 [0, 255] -> float32 [0, 1]."""
    return image.float().div_(255)


def crop_padding(image_size):
    """Zero padding on each side before the random crop back to ``image_size``."""
    return max(1, image_size // 8)


def _crop_flip(image_size, flip):
    from torchvision.transforms import v2

    steps = [v2.RandomCrop(image_size, padding=crop_padding(image_size))]
    return [*steps, v2.RandomHorizontalFlip()] if flip else steps


@AUGMENTATIONS.register("none")
def none(image_size):
    return to_float


@AUGMENTATIONS.register("basic")
def basic(image_size, *, flip: bool = True):
    """Random crop after padding by 1/8 of the side (and a horizontal flip, unless
    ``flip: false``, for images such as digits where a mirror changes the class)."""
    from torchvision.transforms import v2

    return v2.Compose([*_crop_flip(image_size, flip), to_float])


@AUGMENTATIONS.register("trivialaugment")
def trivialaugment(image_size, *, flip: bool = True, erasing: Probability = 0.25):
    """MonoCon's recipe: ``basic``'s crop (and flip), TrivialAugmentWide (one random
    operation of random strength per image), then RandomErasing with probability
    ``erasing``."""
    from torchvision.transforms import v2

    return v2.Compose([*_crop_flip(image_size, flip), v2.TrivialAugmentWide(), to_float, v2.RandomErasing(p=erasing)])


@AUGMENTATIONS.register("simclr")
def simclr(image_size, *, min_scale: Annotated[float, Field(gt=0, le=1)] = 0.08, jitter: Annotated[float, Field(ge=0)] = 0.5,
           blur: bool = False):
    """One strong view as in SimCLR (Chen et al. 2020): a random resized crop (area
    from ``min_scale`` of the image), a flip, colour jitter of strength ``jitter``
    (p=0.8; SimCLR uses 0.5 on CIFAR, 1.0 on ImageNet), grayscale (p=0.2) and, with
    ``blur``, a Gaussian blur of about a tenth of the side (p=0.5; SimCLR blurs
    ImageNet-size images, not CIFAR)."""
    from torchvision.transforms import v2

    strength = [0.8 * jitter] * 3 + [0.2 * jitter]
    steps = [
        v2.RandomResizedCrop(image_size, scale=(min_scale, 1.0), antialias=True),
        v2.RandomHorizontalFlip(),
        v2.RandomApply([v2.ColorJitter(*strength)], p=0.8),
        v2.RandomGrayscale(p=0.2),
    ]
    if blur:
        steps.append(v2.RandomApply([v2.GaussianBlur(2 * max(1, image_size // 20) + 1, sigma=(0.1, 2.0))], p=0.5))
    return v2.Compose([*steps, to_float])
