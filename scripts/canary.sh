#!/usr/bin/env bash
# Prints the canary's per-rule table: findings, right, wrong, precision and
# findings per 1,000 words on the real articles in tests/canary/texts, as
# reviewed in tests/canary/review/. The test behind it (tests/canary.rs) also
# lists every finding that is new, gone or unreviewed.
#   scripts/canary.sh            the table (and the test's verdict)
#   scripts/canary.sh --update   rewrite the review files first, keeping verdicts
#   CANARY_ONLY=quote scripts/canary.sh   one rule family (or several: quote,figure)
set -uo pipefail
cd "$(dirname "$0")/.."
if [ "${1:-}" = "--update" ]; then
  export CANARY_UPDATE=1
fi
cargo test --release --quiet --test canary -- --nocapture 2>&1 |
  sed -n '/^canary: /,$p'
