# study matryoshka_relic: in a copy of the repository whose params.yaml has
#   pretrain.epochs: 0
#   train.lr: 0.002
#   warmup.epochs: 1
#   loss: {alpha: 1.0, gamma: 0.9, max_scale: 5.0, name: relic}
#   evaluate.metrics: [{k: 5, name: knn}, linear_probe, {k: 5, ks: [1], name: accuracy_at_d}]
#   dataset: digits
#   train.epochs: 30
dvc exp run --queue -n nested-s0 -S ~matryoshka_dims -S '+matryoshka_dims=[8, 16, 32, 64, 128]' -S base.seed=0 evaluate@baseline
dvc exp run --queue -n nested-s1 -S ~matryoshka_dims -S '+matryoshka_dims=[8, 16, 32, 64, 128]' -S base.seed=1 evaluate@baseline
dvc exp run --queue -n nested-s2 -S ~matryoshka_dims -S '+matryoshka_dims=[8, 16, 32, 64, 128]' -S base.seed=2 evaluate@baseline
dvc exp run --queue -n flat-s0 -S ~matryoshka_dims -S '+matryoshka_dims=[]' -S base.seed=0 evaluate@baseline
dvc exp run --queue -n flat-s1 -S ~matryoshka_dims -S '+matryoshka_dims=[]' -S base.seed=1 evaluate@baseline
dvc exp run --queue -n flat-s2 -S ~matryoshka_dims -S '+matryoshka_dims=[]' -S base.seed=2 evaluate@baseline
dvc exp run --run-all -j 1
