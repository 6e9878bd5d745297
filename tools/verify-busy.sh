#!/usr/bin/env bash
# Runs the README's test command while two CPU hogs keep both cores busy, the way a shared machine does.
# Usage: tools/verify-busy.sh [extra Maven arguments]
set -euo pipefail
cd "$(dirname "$0")/.."
hogs=()
stop_hogs() { for pid in "${hogs[@]}"; do kill "$pid" 2>/dev/null || true; done; }
trap stop_hogs EXIT
for _ in 1 2; do
  sha256sum /dev/zero &
  hogs+=($!)
done
start=$(date +%s)
./mvnw -B verify "$@"
echo "verify beside ${#hogs[@]} CPU hogs: $(( $(date +%s) - start )) s"
