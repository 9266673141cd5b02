#!/bin/sh
# torch for the course's virtual environment: PyTorch's CPU build, the pin of pyproject.toml.
#
#   sh scripts/install_torch.sh .venv/bin/python
#   TORCH_INDEX=https://download.pytorch.org/whl/cu126 sh scripts/install_torch.sh .venv/bin/python
#
# On Linux, PyPI's torch wheel is the CUDA build (gigabytes of CUDA libraries a machine
# without a GPU never uses), so torch comes from PyTorch's CPU index, or from the index
# TORCH_INDEX names (a CUDA build). When TORCH_INDEX is not set, a wheel of the pinned
# torch already on this machine's pip paths (find-links, a local index) is used first.
set -eu
PYTHON="$1"
PIN="$(sed -n 's/^ *"\(torch==[^"]*\)".*/\1/p' pyproject.toml)"
[ -n "$PIN" ] || { echo "pyproject.toml pins no torch==..." >&2; exit 1; }
INSTALLED='import importlib.metadata as m, sys; sys.exit(m.version("torch").split("+")[0] != sys.argv[1])'
if "$PYTHON" -c "$INSTALLED" "${PIN#torch==}" 2>/dev/null; then
    echo "$PIN: already installed"
    exit 0
fi
WHEELS="$(mktemp -d)"
trap 'rm -rf "$WHEELS"' EXIT
if [ -z "${TORCH_INDEX:-}" ] && "$PYTHON" -m pip download --quiet --no-index --no-deps --dest "$WHEELS" "$PIN" 2>/dev/null; then
    echo "$PIN: installing the wheel found on this machine (and the packages it needs)..."
    "$PYTHON" -m pip install --quiet "$WHEELS"/torch-*.whl
    exit 0
fi
INDEX="${TORCH_INDEX:-https://download.pytorch.org/whl/cpu}"
echo "$PIN: downloading it from $INDEX (a few hundred MB, once)..."
"$PYTHON" -m pip install --index-url "$INDEX" "$PIN"
