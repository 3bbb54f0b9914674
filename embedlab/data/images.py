"""Photos of varying size -> one uint8 N x S x S x 3 array, for datasets stored as image
files (Oxford pets, an image folder)."""

import numpy as np


def square(image, size):
    """Scale a PIL image so its shorter side is ``size`` and centre-crop it to a square
    (no distortion of the aspect ratio, unlike a plain resize)."""
    from PIL import Image, ImageOps

    return ImageOps.fit(image.convert("RGB"), (size, size), method=Image.Resampling.BICUBIC)


def image_arrays(dataset, size):
    """``(images, labels)`` of a torchvision dataset that yields ``(PIL image, label)``."""
    images = np.empty((len(dataset), size, size, 3), np.uint8)
    labels = np.empty(len(dataset), np.int64)
    for index in range(len(dataset)):
        image, labels[index] = dataset[index]
        images[index] = np.asarray(square(image, size))
    return images, labels
