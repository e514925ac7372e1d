#!/usr/bin/env bash
# Runs every test: native unit and CLI tests (ctest), the same under ASan+UBSan, then the browser tests on the demo site.
# Warnings are errors here. Ends with one summary line.
set -uo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$ROOT"
set -e
tools/bootstrap.sh
cmake --preset native-ci >/dev/null
cmake --build --preset native-ci
cmake --preset web-ci >/dev/null
cmake --build --preset web-ci
set +e

ctest_log=$(mktemp)
ctest --preset native-ci 2>&1 | tee "$ctest_log"
ctest_rc=${PIPESTATUS[0]}
read -r unit_failed unit_total < <(sed -n 's/.*tests passed, \([0-9]*\) tests\? failed out of \([0-9]*\).*/\1 \2/p' "$ctest_log" | tail -1)
unit_failed=${unit_failed:-0}; unit_total=${unit_total:-0}
if [ "$ctest_rc" != 0 ] && [ "$unit_failed" = 0 ]; then unit_failed=1; fi  # ctest itself failed

# The same tests once more under AddressSanitizer and UBSan (Debug).
asan_log=$(mktemp)
if cmake --preset asan >/dev/null && cmake --build --preset asan; then
  ctest --preset asan 2>&1 | tee "$asan_log"
  asan_rc=${PIPESTATUS[0]}
else
  echo "asan build failed" | tee "$asan_log"
  asan_rc=1
fi
read -r asan_failed asan_total < <(sed -n 's/.*tests passed, \([0-9]*\) tests\? failed out of \([0-9]*\).*/\1 \2/p' "$asan_log" | tail -1)
asan_failed=${asan_failed:-0}; asan_total=${asan_total:-0}
if [ "$asan_rc" != 0 ] && [ "$asan_failed" = 0 ]; then asan_failed=1; fi  # the build or ctest itself failed

site=build/test-site
browser_log=$(mktemp)
if build/native-ci/src/tool/folio build assets/demo/_posts -o "$site" --app-dir build/web-ci/app \
     --report build/test-site-report.json; then
  timeout 900 node tests/browser/test_app.mjs "$site" test-results build/native-ci/src/tool/folio 2>&1 | tee "$browser_log"
  browser_rc=${PIPESTATUS[0]}
else
  echo "browser tests: 0 passed, 1 failed (folio build of the demo failed)" | tee "$browser_log"
  browser_rc=1
fi
read -r b_passed b_failed < <(sed -n 's/^browser tests: \([0-9]*\) passed, \([0-9]*\) failed$/\1 \2/p' "$browser_log" | tail -1)
b_passed=${b_passed:-0}; b_failed=${b_failed:-1}
if [ "$browser_rc" != 0 ] && [ "$b_failed" = 0 ]; then b_failed=1; fi

asan_passed=$(( asan_total - asan_failed )); [ "$asan_passed" -ge 0 ] || asan_passed=0
passed=$(( unit_total - unit_failed + asan_passed + b_passed ))
failed=$(( unit_failed + asan_failed + b_failed ))
echo "folio tests: $passed passed, $failed failed (ctest: $((unit_total - unit_failed))/$unit_total, asan: $asan_passed/$((asan_passed + asan_failed)), browser: $b_passed/$((b_passed + b_failed)))"
[ "$failed" = 0 ]
