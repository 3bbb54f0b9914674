# study monocon: in a copy of the repository whose params.yaml has
#   dataset: fashion_mnist
#   encoder: {embedding_dim: 128, name: small_cnn, width: 16}
#   prepare.samples_per_class: 200
#   prepare.val_fraction: 0.05
#   pretrain.epochs: 6
#   pretrain.batch_size: 64
#   train.epochs: 25
#   train.batch_size: 64
#   warmup.epochs: 2
#   train.patience: 5
#   evaluate.metrics: [{k: 5, name: knn}, compactness, robustness, {k: 5, ks: [1], name: accuracy_at_d}]
#   retrieval.dims: [4, 8, 16, 32, 64]
dvc exp run --queue -n monotonic-s0 -S head=monotonic -S base.seed=0 compare
dvc exp run --queue -n monotonic-s1 -S head=monotonic -S base.seed=1 compare
dvc exp run --queue -n monotonic-s2 -S head=monotonic -S base.seed=2 compare
dvc exp run --queue -n mlp-s0 -S head=mlp -S base.seed=0 compare
dvc exp run --queue -n mlp-s1 -S head=mlp -S base.seed=1 compare
dvc exp run --queue -n mlp-s2 -S head=mlp -S base.seed=2 compare
dvc exp run --run-all -j 1
