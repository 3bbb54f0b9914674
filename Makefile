# `make repro` and `make test` each create the virtual environment when it is missing
# (or when the pinned requirements changed), and the offline template of `dvc plots show`
# (from the installed vl-convert-python), then run the pipeline or the tests.

PYTHON ?= python3.11
VENV := .venv
BIN := $(CURDIR)/$(VENV)/bin
STAMP := $(VENV)/.installed
RUN := PATH="$(BIN):$$PATH"
DVC_TEMPLATE := .dvc/plots/offline.html

.PHONY: setup repro test bench clean-venv

setup: $(STAMP) $(DVC_TEMPLATE)

$(STAMP): requirements.txt constraints.txt pyproject.toml
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet -r requirements.txt -c constraints.txt
	$(BIN)/pip install --quiet --no-deps -e .
	touch $@

$(DVC_TEMPLATE): $(STAMP) embedlab/plots/dvc_template.py
	$(RUN) python -m embedlab.plots.dvc_template $@

repro: setup
	$(RUN) dvc repro

# One pytest-xdist worker more than there are CPUs, one thread each: the slow tests wait
# on DVC, git and subprocesses (a CI run with 2 workers used 67% of the 2 CPUs).
TEST_WORKERS ?= $(shell echo $$(( $$(nproc) + 1 )))

test: setup
	$(RUN) OMP_NUM_THREADS=1 pytest -n $(TEST_WORKERS) --dist loadfile --durations=25

bench: setup
	$(RUN) python bench/repro_time.py

clean-venv:
	rm -rf $(VENV)
