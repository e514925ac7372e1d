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

# Runs one ctest preset (its output to the terminal) and prints "<passed> <failed>";
# a run that fails without a count of failures counts as one failure.
run_ctest() {
  local log rc failed total passed
  log=$(mktemp)
  ctest --preset "$1" 2>&1 | tee "$log" >&2
  rc=${PIPESTATUS[0]}
  read -r failed total < <(sed -n 's/.*tests passed, \([0-9]*\) tests\? failed out of \([0-9]*\).*/\1 \2/p' "$log" | tail -1)
  failed=${failed:-0}; total=${total:-0}
  if [ "$rc" != 0 ] && [ "$failed" = 0 ]; then failed=1; fi
  passed=$(( total - failed )); [ "$passed" -ge 0 ] || passed=0
  echo "$passed $failed"
}

read -r unit_passed unit_failed < <(run_ctest native-ci)
# The same tests once more under AddressSanitizer and UBSan (Debug).
if cmake --preset asan >/dev/null && cmake --build --preset asan; then
  read -r asan_passed asan_failed < <(run_ctest asan)
else
  echo "asan build failed"
  asan_passed=0; asan_failed=1
fi

site=build/test-site
browser_log=$(mktemp)
if build/native-ci/src/tool/folio build assets/demo/_posts -o "$site" --app-dir build/web-ci/app \
     --report build/test-site-report.json; then
  timeout 900 node tests/browser/test_app.mjs "$site" test-results build/native-ci/src/tool/folio 2>&1 | tee "$browser_log"
  browser_rc=${PIPESTATUS[0]}
  # Offline: the single file from file://, the folder picker, the service worker under a sub-path.
  if build/native-ci/src/tool/folio build assets/demo/_posts --single-file build/test-single.html \
       --app-dir build/web-ci/app -q; then
    timeout 600 node tests/browser/test_offline.mjs "$site" build/test-single.html test-results \
      build/native-ci/src/tool/folio build/web-ci/app 2>&1 | tee -a "$browser_log"
    [ "${PIPESTATUS[0]}" = 0 ] || browser_rc=1
  else
    echo "browser tests: 0 passed, 1 failed (folio build --single-file of the demo failed)" | tee -a "$browser_log"
    browser_rc=1
  fi
  # Reading like a web page: the text layer (select, copy, find) at dpr 1 and 2, roles for assistive technology.
  timeout 600 node tests/browser/test_reading.mjs "$site" test-results build/native-ci/src/tool/folio 2>&1 | tee -a "$browser_log"
  [ "${PIPESTATUS[0]}" = 0 ] || browser_rc=1
  # A quiet page: no frames while idle (CPU measured), and it wakes for input, fetches and the page.
  timeout 300 node tests/browser/test_idle.mjs "$site" test-results 2>&1 | tee -a "$browser_log"
  [ "${PIPESTATUS[0]}" = 0 ] || browser_rc=1
  # Fonts in slices: the first screen waits for the first slices only; later ones come when shown.
  timeout 600 node tests/browser/test_font_slices.mjs assets/demo/_posts build/web-ci/app build/native-ci/src/tool/folio \
    test-results 2>&1 | tee -a "$browser_log"
  [ "${PIPESTATUS[0]}" = 0 ] || browser_rc=1
  # The interface in the reader's language (zh-CN, zh-TW, en-US, the toolbar switch) and the phone layout.
  timeout 300 node tests/browser/test_language.mjs "$site" test-results 2>&1 | tee -a "$browser_log"
  [ "${PIPESTATUS[0]}" = 0 ] || browser_rc=1
  # The design: WCAG AA contrast of every colour pair in both themes, the reader's measure and line height.
  timeout 300 node tests/browser/test_design.mjs "$site" test-results build/native-ci/src/tool/folio 2>&1 | tee -a "$browser_log"
  [ "${PIPESTATUS[0]}" = 0 ] || browser_rc=1
  # On this day, per-source statistics, export (the downloads' contents) and saved searches.
  timeout 600 node tests/browser/test_features.mjs "$site" test-results build/native-ci/src/tool/folio 2>&1 | tee -a "$browser_log"
  [ "${PIPESTATUS[0]}" = 0 ] || browser_rc=1
  # Related coverage: "Also in", compare, one row per story, on a small archive of one story in three copies.
  timeout 300 node tests/browser/test_related.mjs tests/fixtures/related/_posts build/web-ci/app build/native-ci/src/tool/folio \
    test-results 2>&1 | tee -a "$browser_log"
  [ "${PIPESTATUS[0]}" = 0 ] || browser_rc=1
else
  echo "browser tests: 0 passed, 1 failed (folio build of the demo failed)" | tee "$browser_log"
  browser_rc=1
fi
# Every browser test file prints one summary line; they add up.
read -r b_passed b_failed < <(sed -n 's/^browser tests: \([0-9]*\) passed, \([0-9]*\) failed$/\1 \2/p' "$browser_log" |
                              awk '{ p += $1; f += $2; n++ } END { if (n) print p, f }')
b_passed=${b_passed:-0}; b_failed=${b_failed:-1}
if [ "$browser_rc" != 0 ] && [ "$b_failed" = 0 ]; then b_failed=1; fi

passed=$(( unit_passed + asan_passed + b_passed ))
failed=$(( unit_failed + asan_failed + b_failed ))
echo "folio tests: $passed passed, $failed failed (ctest: $unit_passed/$((unit_passed + unit_failed)), asan: $asan_passed/$((asan_passed + asan_failed)), browser: $b_passed/$((b_passed + b_failed)))"
[ "$failed" = 0 ]
