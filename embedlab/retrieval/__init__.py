"""Retrieval: what compact embeddings buy at search time. faiss index kinds by name
(:mod:`embedlab.retrieval.indexes`), built at the full dimension and at compact ones
(:mod:`embedlab.retrieval.compact`), measured (:mod:`embedlab.retrieval.measure`)."""

from embedlab.retrieval.indexes import INDEXES

__all__ = ["INDEXES"]
