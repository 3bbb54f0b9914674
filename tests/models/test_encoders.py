import urllib.error

import pytest
import torch

from embedlab.errors import DataError
from embedlab.models.encoders import ENCODERS
from embedlab.registry import Spec


@pytest.mark.parametrize("size, channels", [(8, 1), (28, 1), (32, 3)])
def test_small_cnn_handles_8_to_32_pixel_inputs(size, channels):
    encoder = ENCODERS.build(Spec("small_cnn", {"width": 8, "embedding_dim": 16}), "encoder", channels)
    assert encoder(torch.rand(2, channels, size, size)).shape == (2, 16)
    assert encoder.num_features == 16


def test_resnet18_cifar_stem_replaces_conv1_and_maxpool():
    encoder = ENCODERS.build(Spec("resnet18", {"cifar_stem": True}), "encoder", 3)
    assert encoder.body.conv1.kernel_size == (3, 3) and encoder.body.conv1.stride == (1, 1)
    assert isinstance(encoder.body.maxpool, torch.nn.Identity)
    assert encoder(torch.rand(2, 3, 32, 32)).shape == (2, 512)


def test_rgb_encoder_accepts_grayscale_by_repeating_the_channel():
    encoder = ENCODERS.build(Spec("resnet18"), "encoder", 1).eval()
    gray = torch.rand(1, 1, 16, 16)
    with torch.no_grad():
        assert torch.allclose(encoder(gray), encoder.body((gray.repeat(1, 3, 1, 1) - encoder.mean) / encoder.std))


def test_pretrained_weights_offline_fail_with_one_line(monkeypatch):
    import torchvision.models as tvm

    def offline(*args, **kwargs):
        raise urllib.error.URLError("no network")

    monkeypatch.setattr(tvm.ResNet18_Weights.DEFAULT.__class__, "get_state_dict", offline)
    with pytest.raises(DataError) as raised:
        ENCODERS.build(Spec("resnet18", {"pretrained": True}), "encoder", 3)
    message = str(raised.value)
    assert "\n" not in message and "resnet18-" in message and "weights_path" in message


def test_local_weights_file_is_loaded(tmp_path):
    import torchvision.models as tvm

    torch.manual_seed(3)
    source = tvm.resnet18()
    torch.save(source.state_dict(), tmp_path / "weights.pt")
    encoder = ENCODERS.build(Spec("resnet18", {"weights_path": str(tmp_path / "weights.pt"), "cifar_stem": False}), "encoder", 3)
    assert torch.equal(encoder.body.layer4[1].conv2.weight, source.layer4[1].conv2.weight)


def test_a_weights_file_that_is_not_one_fails_clearly(tmp_path):
    (tmp_path / "bad.pt").write_text("not a checkpoint")
    with pytest.raises(DataError, match="not a PyTorch weights file"):
        ENCODERS.build(Spec("resnet18", {"weights_path": str(tmp_path / "bad.pt")}), "encoder", 3)
