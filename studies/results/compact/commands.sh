# study compact: in a copy of the repository whose params.yaml has
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
dvc exp run --queue -n matryoshka-s0 -S ~matryoshka_dims -S '+matryoshka_dims=[8, 16, 32, 64, 128]' -S base.seed=0 retrieval@baseline
dvc exp run --queue -n matryoshka-s1 -S ~matryoshka_dims -S '+matryoshka_dims=[8, 16, 32, 64, 128]' -S base.seed=1 retrieval@baseline
dvc exp run --queue -n matryoshka-s2 -S ~matryoshka_dims -S '+matryoshka_dims=[8, 16, 32, 64, 128]' -S base.seed=2 retrieval@baseline
dvc exp run --run-all -j 1
