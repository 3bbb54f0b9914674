"""The published experiments as multi-seed DVC experiment queues (see studies/RESULTS.md)."""
