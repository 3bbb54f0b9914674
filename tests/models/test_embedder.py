import torch

from embedlab.models import build_embedder, load_embedder


def test_checkpoint_round_trip_rebuilds_the_same_model():
    torch.manual_seed(0)
    model = build_embedder({"name": "small_cnn", "width": 4, "embedding_dim": 8}, "monotonic", [1, 8, 8]).eval()
    checkpoint = {"architecture": model.architecture, "model": model.state_dict()}
    rebuilt = load_embedder(checkpoint).eval()
    x = torch.rand(3, 1, 8, 8)
    assert torch.equal(model(x), rebuilt(x))


def test_architecture_drops_weight_loading_options():
    model = build_embedder({"name": "resnet18", "weights_path": None, "pretrained": False}, "none", [3, 8, 8])
    assert model.architecture["encoder"] == {"name": "resnet18"}


def test_embed_is_l2_normalised():
    model = build_embedder({"name": "small_cnn", "width": 4}, "linear", [1, 8, 8]).eval()
    norms = model.embed(torch.rand(5, 1, 8, 8)).norm(dim=1)
    assert torch.allclose(norms, torch.ones(5), atol=1e-6)


def test_load_encoder_takes_only_the_encoder_weights():
    torch.manual_seed(0)
    pretrained = build_embedder({"name": "small_cnn", "width": 4}, "none", [1, 8, 8])
    model = build_embedder({"name": "small_cnn", "width": 4}, "monotonic", [1, 8, 8])
    head_before = model.head.hidden.weight.clone()
    model.load_encoder({"model": pretrained.state_dict()})
    assert all(torch.equal(a, b) for a, b in zip(model.encoder.state_dict().values(), pretrained.encoder.state_dict().values()))
    assert torch.equal(model.head.hidden.weight, head_before)
