# werkruimte — twee commando's: `make demo` en `make test`.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed

.PHONY: demo test lint typecheck chromium qgis pytest benchmark demo-data notebooks clean

$(STAMP): pyproject.toml
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e ".[dev,scale]"
	touch $(STAMP)

demo: $(STAMP)
	$(BIN)/werkruimte kansenkaart --kaart maps/kansenkaart.html

test: $(STAMP) lint typecheck chromium qgis pytest

# De browsertest van de kansenkaart gebruikt Debians chromium; installeer die als hij ontbreekt.
chromium:
	@command -v chromium >/dev/null 2>&1 || { \
	  echo "chromium ontbreekt: installeren via apt-get"; \
	  (apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium >/dev/null) \
	  || echo "let op: chromium kon niet worden geïnstalleerd; de browsertest faalt in CI"; }

# De QGIS-test (tests/test_qgis.py) opent werkruimte.qgz in een echte QGIS 3.22 met de
# systeem-python; installeer Debians python3-qgis als die ontbreekt.
qgis:
	@/usr/bin/python3 -c "import qgis.core" >/dev/null 2>&1 || { \
	  echo "python3-qgis ontbreekt: installeren via apt-get"; \
	  (apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq python3-qgis >/dev/null) \
	  || echo "let op: python3-qgis kon niet worden geïnstalleerd; de QGIS-test wordt overgeslagen"; }

lint: $(STAMP)
	$(BIN)/ruff check werkruimte tests benchmarks tools notebooks
	$(BIN)/ruff format --check werkruimte tests benchmarks tools notebooks

# De notebooks zijn losse scripts (notebooks/*.py), geen pakket: een tweede aanroep.
typecheck: $(STAMP)
	$(BIN)/mypy werkruimte
	$(BIN)/mypy notebooks/*.py

# Bouw notebooks/*.ipynb opnieuw uit hun jupytext-bron notebooks/*.py.
notebooks: $(STAMP)
	$(BIN)/python notebooks/_bouw.py

pytest: $(STAMP)
	$(BIN)/python -m pytest -n 2 -q

benchmark: $(STAMP)
	$(BIN)/python benchmarks/run_all.py

# De fictieve demoregio opnieuw maken (tools/demodata, geen deel van het pakket) in
# werkruimte/demo/data: de pakketgegevens die load_demo() en `make demo` lezen.
demo-data: $(STAMP)
	$(BIN)/python -m tools.demodata --out werkruimte/demo/data

clean:
	rm -rf $(VENV) output .pytest_cache .mypy_cache .ruff_cache
