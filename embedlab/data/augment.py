"""Training augmentations (torchvision transforms v2) on uint8 C x H x W tensors.

A builder takes the image size positionally and returns a transform that ends in a
float tensor in [0, 1]. Evaluation never augments (:func:`to_float`). torchvision is
imported inside the builders so that checking params does not pay for its import.
"""

from embedlab.registry import Registry

AUGMENTATIONS = Registry("augment")


def to_float(image):
    """uint8 [0, 255] -> float32 [0, 1]."""
    return image.float().div_(255)


@AUGMENTATIONS.register("none")
def none(image_size):
    return to_float


@AUGMENTATIONS.register("basic")
def basic(image_size, *, flip: bool = True):
    """Random crop after padding by 1/8 of the side (and a horizontal flip, unless
    ``flip: false``, for images such as digits where a mirror changes the class)."""
    from torchvision.transforms import v2

    steps = [v2.RandomCrop(image_size, padding=max(1, image_size // 8))]
    if flip:
        steps.append(v2.RandomHorizontalFlip())
    return v2.Compose([*steps, to_float])
