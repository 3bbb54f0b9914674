"""embedlab: a DVC pipeline for learning compact, high-quality embeddings."""
