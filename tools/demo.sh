#!/usr/bin/env bash
# Builds everything, builds the demo archive (assets/demo) into a site and serves it on 127.0.0.1.
# Usage: tools/demo.sh [posts-dir]   (port: FOLIO_PORT, default 8000)
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$ROOT"
POSTS="${1:-assets/demo/_posts}"
PORT="${FOLIO_PORT:-8000}"
SITE="build/demo-site"

tools/bootstrap.sh
cmake --preset native >/dev/null && cmake --build --preset native
cmake --preset web >/dev/null && cmake --build --preset web
build/native/src/tool/folio build "$POSTS" -o "$SITE" --app-dir build/web/app --report build/demo-report.json
echo
exec build/native/src/tool/folio serve "$SITE" --port "$PORT"
