# study text: in a copy of the repository whose params.yaml has
#   encoder: {name: minilm}
#   loss: {name: supcon, temperature: 0.05}
#   pretrain.epochs: 0
#   augment: none
#   dataset: {name: stsb, pairs_min_score: 4}
#   train.epochs: 3
#   warmup.epochs: 1
#   train.batch_size: 64
#   train.lr: 0.0002
dvc exp run --queue -n monotonic-s0 -S head=monotonic -S base.seed=0 compare
dvc exp run --queue -n monotonic-s1 -S head=monotonic -S base.seed=1 compare
dvc exp run --queue -n monotonic-s2 -S head=monotonic -S base.seed=2 compare
dvc exp run --queue -n mlp-s0 -S head=mlp -S base.seed=0 compare
dvc exp run --queue -n mlp-s1 -S head=mlp -S base.seed=1 compare
dvc exp run --queue -n mlp-s2 -S head=mlp -S base.seed=2 compare
dvc exp run --run-all -j 1
