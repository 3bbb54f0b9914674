# study contrastive_vs_ce: in a copy of the repository whose params.yaml has
#   dataset: fashion_mnist
#   encoder: {embedding_dim: 128, name: small_cnn, width: 16}
#   prepare.samples_per_class: 200
#   prepare.val_fraction: 0.02
#   pretrain.epochs: 0
#   pretrain.batch_size: 64
#   train.epochs: 10
#   train.batch_size: 64
#   warmup.epochs: 1
#   train.lr: 0.002
#   loss: {name: triplet}
#   evaluate.metrics: [{k: 5, name: knn}, nmi, kmeans_accuracy]
dvc exp run --queue -n 200-10-triplet-s0 -S prepare.samples_per_class=200 -S train.epochs=10 -S loss.name=triplet -S base.seed=0 evaluate@baseline
dvc exp run --queue -n 200-10-triplet-s1 -S prepare.samples_per_class=200 -S train.epochs=10 -S loss.name=triplet -S base.seed=1 evaluate@baseline
dvc exp run --queue -n 200-10-triplet-s2 -S prepare.samples_per_class=200 -S train.epochs=10 -S loss.name=triplet -S base.seed=2 evaluate@baseline
dvc exp run --queue -n 200-10-ce-s0 -S prepare.samples_per_class=200 -S train.epochs=10 -S loss.name=ce -S base.seed=0 evaluate@baseline
dvc exp run --queue -n 200-10-ce-s1 -S prepare.samples_per_class=200 -S train.epochs=10 -S loss.name=ce -S base.seed=1 evaluate@baseline
dvc exp run --queue -n 200-10-ce-s2 -S prepare.samples_per_class=200 -S train.epochs=10 -S loss.name=ce -S base.seed=2 evaluate@baseline
dvc exp run --queue -n 15-40-triplet-s0 -S prepare.samples_per_class=15 -S train.epochs=40 -S loss.name=triplet -S base.seed=0 evaluate@baseline
dvc exp run --queue -n 15-40-triplet-s1 -S prepare.samples_per_class=15 -S train.epochs=40 -S loss.name=triplet -S base.seed=1 evaluate@baseline
dvc exp run --queue -n 15-40-triplet-s2 -S prepare.samples_per_class=15 -S train.epochs=40 -S loss.name=triplet -S base.seed=2 evaluate@baseline
dvc exp run --queue -n 15-40-ce-s0 -S prepare.samples_per_class=15 -S train.epochs=40 -S loss.name=ce -S base.seed=0 evaluate@baseline
dvc exp run --queue -n 15-40-ce-s1 -S prepare.samples_per_class=15 -S train.epochs=40 -S loss.name=ce -S base.seed=1 evaluate@baseline
dvc exp run --queue -n 15-40-ce-s2 -S prepare.samples_per_class=15 -S train.epochs=40 -S loss.name=ce -S base.seed=2 evaluate@baseline
dvc exp run --run-all -j 1
