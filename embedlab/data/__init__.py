"""Datasets, split protocols, augmentation and loaders."""
