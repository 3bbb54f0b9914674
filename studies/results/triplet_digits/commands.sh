# study triplet_digits: in a copy of the repository whose params.yaml has
#   pretrain.epochs: 0
#   train.lr: 0.002
#   warmup.epochs: 1
#   prepare.num_classes: 5
#   evaluate.metrics: [{k: 5, name: knn}]
#   loss: {distance: squared_euclidean, miner: none, name: triplet}
#   dataset: digits
#   train.epochs: 30
dvc exp run --queue -n 2-s0 -S encoder.embedding_dim=2 -S base.seed=0 evaluate@baseline
dvc exp run --queue -n 2-s1 -S encoder.embedding_dim=2 -S base.seed=1 evaluate@baseline
dvc exp run --queue -n 2-s2 -S encoder.embedding_dim=2 -S base.seed=2 evaluate@baseline
dvc exp run --queue -n 3-s0 -S encoder.embedding_dim=3 -S base.seed=0 evaluate@baseline
dvc exp run --queue -n 3-s1 -S encoder.embedding_dim=3 -S base.seed=1 evaluate@baseline
dvc exp run --queue -n 3-s2 -S encoder.embedding_dim=3 -S base.seed=2 evaluate@baseline
dvc exp run --run-all -j 1
