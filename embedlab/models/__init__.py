"""Encoders, heads, and the embedder that joins them."""

from embedlab.models.embedder import Embedder, build_embedder, load_embedder
from embedlab.models.encoders import ENCODERS
from embedlab.models.heads import HEADS

__all__ = ["ENCODERS", "HEADS", "Embedder", "build_embedder", "load_embedder"]
