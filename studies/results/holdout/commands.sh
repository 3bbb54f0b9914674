# study holdout: in a copy of the repository whose params.yaml has
#   pretrain.epochs: 0
#   train.lr: 0.002
#   warmup.epochs: 1
#   evaluate.metrics: [precision_at_1, r_precision, map_at_r, {k: 5, name: knn}]
#   dataset: digits
#   prepare.holdout_classes: [7, 8, 9]
#   train.epochs: 40
#   train.patience: 5
dvc exp run --queue -n mix-s0 -S ~loss -S '+loss=[{name: supcon, temperature: 0.1, weight: 1}, {name: multisimilarity, weight: 3}]' -S base.seed=0 evaluate@baseline
dvc exp run --queue -n mix-s1 -S ~loss -S '+loss=[{name: supcon, temperature: 0.1, weight: 1}, {name: multisimilarity, weight: 3}]' -S base.seed=1 evaluate@baseline
dvc exp run --queue -n mix-s2 -S ~loss -S '+loss=[{name: supcon, temperature: 0.1, weight: 1}, {name: multisimilarity, weight: 3}]' -S base.seed=2 evaluate@baseline
dvc exp run --queue -n supcon-s0 -S ~loss -S '+loss={name: supcon, temperature: 0.1}' -S base.seed=0 evaluate@baseline
dvc exp run --queue -n supcon-s1 -S ~loss -S '+loss={name: supcon, temperature: 0.1}' -S base.seed=1 evaluate@baseline
dvc exp run --queue -n supcon-s2 -S ~loss -S '+loss={name: supcon, temperature: 0.1}' -S base.seed=2 evaluate@baseline
dvc exp run --queue -n multisimilarity-s0 -S ~loss -S '+loss={name: multisimilarity}' -S base.seed=0 evaluate@baseline
dvc exp run --queue -n multisimilarity-s1 -S ~loss -S '+loss={name: multisimilarity}' -S base.seed=1 evaluate@baseline
dvc exp run --queue -n multisimilarity-s2 -S ~loss -S '+loss={name: multisimilarity}' -S base.seed=2 evaluate@baseline
dvc exp run --run-all -j 1
