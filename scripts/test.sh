#!/usr/bin/env bash
# `npm test`: everything CI runs, in order, never skipping a suite.
#   system packages → npm ci (when node_modules is missing or stale) → typecheck → lint →
#   content check → vitest node, dom, e2e → benchmark smoke (about 5 s per benchmark).
# Every step runs even after an earlier one failed (so one run shows every problem); the exit
# status is non-zero if anything failed. The last line is the summary: `N passed, N failed`,
# counting each vitest test and each non-vitest step (typecheck, lint, content, bench) as one.
set -uo pipefail
cd "$(dirname "$0")/.."

export CI="${CI:-true}"
export DOTENV_CONFIG_QUIET=true
export FORCE_COLOR="${FORCE_COLOR:-0}"
# The machine's npm config warns on every call about "nodedir"; hide only that line.
npm_quiet() { npm "$@" 2> >(grep -v 'Unknown user config "nodedir"' >&2); }
npx_quiet() { npx "$@" 2> >(grep -v 'Unknown user config "nodedir"' >&2); }

start_all=$(date +%s)
REPORT_DIR=$(mktemp -d "${TMPDIR:-/tmp}/harbour-test-XXXXXX")
trap 'rm -rf "$REPORT_DIR"' EXIT

declare -a SUMMARY=()
steps_passed=0
steps_failed=0
tests_passed=0
tests_failed=0
tests_skipped=0

step() { # step NAME COMMAND... : runs a non-vitest step and records it
  local name=$1; shift
  local t0=$(date +%s)
  echo
  echo "━━ $name"
  if "$@"; then
    steps_passed=$((steps_passed + 1)); SUMMARY+=("ok    $name ($(( $(date +%s) - t0 )) s)")
  else
    steps_failed=$((steps_failed + 1)); SUMMARY+=("FAIL  $name ($(( $(date +%s) - t0 )) s)")
  fi
}

vitest_project() { # vitest_project NAME : runs one vitest project, counts its tests
  local name=$1
  local json="$REPORT_DIR/vitest-$name.json"
  local t0=$(date +%s)
  echo
  echo "━━ vitest --project $name"
  npx vitest run --project "$name" --reporter=default --reporter=json --outputFile.json="$json" \
    2> >(grep -v 'Unknown user config "nodedir"' >&2)
  local rc=$?
  local counts
  if [[ -s $json ]]; then
    counts=$(node -e '
      const r = JSON.parse(require("fs").readFileSync(process.argv[1], "utf8"));
      const files = r.testResults ?? [];
      // A file that failed to load has no assertions but a failed status: count it as one failure.
      const broken = files.filter((f) => f.status === "failed" && (f.assertionResults ?? []).length === 0).length;
      console.log(r.numPassedTests ?? 0, (r.numFailedTests ?? 0) + broken, (r.numPendingTests ?? 0) + (r.numTodoTests ?? 0), files.length);
    ' "$json")
  else
    counts="0 1 0 0"
  fi
  read -r p f s nfiles <<<"$counts"
  if [[ $rc -ne 0 && $f -eq 0 ]]; then f=1; fi # vitest failed without a failing test (e.g. no test files)
  tests_passed=$((tests_passed + p)); tests_failed=$((tests_failed + f)); tests_skipped=$((tests_skipped + s))
  local status="ok   "
  if [[ $f -gt 0 || $s -gt 0 || $rc -ne 0 ]]; then status="FAIL "; fi
  SUMMARY+=("$status vitest $name: $p passed, $f failed, $s skipped in $nfiles files ($(( $(date +%s) - t0 )) s)")
}

echo "━━ system packages"
if ! bash scripts/setup-system.sh; then
  echo "npm test: system packages are missing; see the command above." >&2
  echo "0 passed, 1 failed"
  exit 1
fi

echo "━━ node modules"
stale=$(node -e '
  const fs = require("fs");
  try {
    const want = JSON.parse(fs.readFileSync("package-lock.json", "utf8")).packages ?? {};
    const have = JSON.parse(fs.readFileSync("node_modules/.package-lock.json", "utf8")).packages ?? {};
    const diff = Object.entries(want).filter(([p, v]) => p !== "" && !v.optional && (!have[p] || have[p].version !== v.version));
    console.log(diff.length ? diff.slice(0, 3).map(([p]) => p).join(" ") : "");
  } catch { console.log("node_modules missing"); }
')
if [[ -n $stale ]]; then
  echo "node_modules is missing or stale ($stale…): npm ci"
  if ! npm_quiet ci --no-audit --no-fund; then
    echo "npm test: npm ci failed" >&2
    echo "0 passed, 1 failed"
    exit 1
  fi
else
  echo "node_modules matches package-lock.json"
fi

step "typecheck (tsc --noEmit)" npx_quiet tsc --noEmit
step "lint (eslint .)" npx_quiet eslint .
step "content check" npm_quiet run --silent content:check
vitest_project node
vitest_project dom
vitest_project e2e
step "benchmark smoke (npm run bench -- --smoke)" npm_quiet run --silent bench -- --smoke

elapsed=$(( $(date +%s) - start_all ))
echo
echo "━━ summary ($(( elapsed / 60 )) min $(( elapsed % 60 )) s)"
printf '  %s\n' "${SUMMARY[@]}"
if [[ $tests_skipped -gt 0 ]]; then
  echo "  $tests_skipped tests did not run (skipped, or a hook or file before them failed): counted as failures, since npm test never skips."
fi
passed=$((tests_passed + steps_passed))
failed=$((tests_failed + tests_skipped + steps_failed))
echo "(each vitest test counts as one, and each other step — typecheck, lint, content, bench — as one)"
echo "$passed passed, $failed failed"
[[ $failed -eq 0 ]]
