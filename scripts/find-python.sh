#!/usr/bin/env bash
# Print the path of a working Python 3.10 (Rasa 3.6 refuses 3.11+). pyenv shims can exist for a version
# that is not selected, so every candidate is actually run before it is trusted.
set -euo pipefail
candidates=()
[ -n "${PYTHON310:-}" ] && candidates+=("$PYTHON310")
candidates+=(python3.10)
if command -v pyenv >/dev/null 2>&1; then
  root=$(pyenv root)
  for dir in "$root"/versions/3.10*/bin; do candidates+=("$dir/python3.10"); done
fi
candidates+=("$HOME/.pyenv/versions/"3.10*/bin/python3.10 /usr/local/bin/python3.10 /usr/bin/python3.10)
for py in "${candidates[@]}"; do
  if "$py" -c 'import sys; assert sys.version_info[:2] == (3, 10)' >/dev/null 2>&1; then
    command -v "$py" 2>/dev/null || echo "$py"
    exit 0
  fi
done
echo "careerbot needs Python 3.10 (Rasa 3.6 does not run on 3.11+). Install it, e.g. 'pyenv install 3.10.13', or set PYTHON310=/path/to/python3.10." >&2
exit 1
