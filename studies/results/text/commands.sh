# study text: in a copy of the repository whose params.yaml has
#   encoder: {name: minilm}
#   loss: {name: supcon, temperature: 0.05}
#   pretrain.epochs: 0
#   augment: none
#   evaluate.metrics: [stsb_spearman, compactness, robustness]
#   evaluate.dynamics_samples: 500
#   dataset: {name: stsb, pairs_min_score: 4}
#   train.epochs: 2
#   warmup.epochs: 1
#   train.batch_size: 64
#   train.lr: 0.0002
#   pretrain.eval_gallery_size: 1000
#   train.eval_gallery_size: 1000
dvc exp run --queue -n monotonic-s0 -S head=monotonic -S base.seed=0 compare
dvc exp run --queue -n monotonic-s1 -S head=monotonic -S base.seed=1 compare
dvc exp run --queue -n monotonic-s2 -S head=monotonic -S base.seed=2 compare
dvc exp run --run-all -j 1
