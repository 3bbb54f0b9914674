#!/bin/sh
# Every study in priority order, one after the other, on this CPU (one thread each):
#   nohup sh studies/run_offline.sh > studies/work/run.log 2>&1 &
# Each study script copies the repository, queues its runs and runs them (dvc exp run --run-all -j 1).
export OMP_NUM_THREADS=1
for study in "$@"; do
    echo "== $study $(date -u +%H:%M:%S)"
    python -m "studies.$study" || echo "== $study failed"
done
echo "== done $(date -u +%H:%M:%S)"
