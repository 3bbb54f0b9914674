import pytest
import torch

from embedlab.data.augment import AUGMENTATIONS
from embedlab.errors import ConfigError
from embedlab.registry import Spec


def build(name, size=16, **options):
    return AUGMENTATIONS.build(Spec(name, options), "augment", size)


def image(channels, size=16, seed=0):
    generator = torch.Generator().manual_seed(seed)
    return torch.randint(0, 256, (channels, size, size), dtype=torch.uint8, generator=generator)


@pytest.mark.parametrize("name", ["none", "basic", "trivialaugment", "simclr"])
@pytest.mark.parametrize("channels", [1, 3])
def test_every_augmentation_gives_a_float_image_of_the_same_shape(name, channels):
    out = build(name)(image(channels))
    assert out.dtype == torch.float32 and out.shape == (channels, 16, 16)
    assert 0 <= out.min() and out.max() <= 1


@pytest.mark.parametrize("name", ["trivialaugment", "simclr"])
def test_strong_augmentations_draw_a_different_view_each_call(name):
    torch.manual_seed(0)
    transform, picture = build(name), image(3)
    views = [transform(picture) for _ in range(4)]
    assert not all(torch.equal(views[0], v) for v in views[1:])


def test_trivialaugment_erasing_probability():
    always, never = (build("trivialaugment", erasing=p) for p in (1.0, 0.0))
    assert type(never.transforms[-3]).__name__ == "TrivialAugmentWide" and never.transforms[-1].p == 0.0
    for seed in range(3):  # the same draws up to the erasing step, then a patch differs
        views = []
        for transform in (always, never):
            torch.manual_seed(seed)
            views.append(transform(image(3)))
        assert not torch.equal(*views)


def test_simclr_blur_is_optional():
    names = [type(step).__name__ for step in build("simclr", blur=True).transforms]
    assert names.count("RandomApply") == 2
    assert [type(step).__name__ for step in build("simclr").transforms].count("RandomApply") == 1


@pytest.mark.parametrize("options, key", [({"erasing": 1.5}, "augment.erasing"), ({"min_scale": 0}, "augment.min_scale")])
def test_out_of_range_options_name_the_key(options, key):
    name = "trivialaugment" if "erasing" in options else "simclr"
    with pytest.raises(ConfigError, match=key):
        build(name, **options)
