#!/usr/bin/env bash
# Regenerate constraints.txt: install jejak with every extra into a scratch virtualenv at the
# newest versions pyproject.toml allows, and write down what was installed. Run the test suite
# (bash scripts/test.sh) afterwards: constraints.txt is the promise that these versions pass.
set -euo pipefail
cd "$(dirname "$0")/.."
py="${PYTHON:-python3}"
scratch="$(mktemp -d)"
trap 'rm -rf "$scratch"' EXIT
"$py" -m venv "$scratch/venv"
"$scratch/venv/bin/python" -m pip install --quiet --upgrade pip
"$scratch/venv/bin/python" -m pip install --quiet ".[test]"
{
  echo "# The versions the test suite passed with: scripts/setup-venv.sh, .ci/run and the README install with"
  echo "# 'pip install -c constraints.txt', so a fresh machine gets exactly these. Regenerate with"
  echo "# 'bash scripts/lock.sh' after changing a dependency in pyproject.toml, then run the tests."
  "$scratch/venv/bin/python" -m pip freeze --all --exclude jejak --exclude setuptools --exclude wheel | LC_ALL=C sort -f
} > constraints.txt
echo "wrote constraints.txt ($(grep -vc '^#' constraints.txt) pins)" >&2
