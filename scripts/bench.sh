#!/usr/bin/env bash
# The scale benchmark (see README, "Performance"): generates corpora of about
# 3, 30 and 300 MB from a fixed seed under target/bench/, and measures
# `provlint corpus index` and `provlint check` (a 5,000-word draft) as whole
# processes against `rg -F` and a naive scan, in the same run. Writes
# docs/bench/results.{md,json} and docs/bench/check-time.svg.
#
#   scripts/bench.sh                 # 3, 30 and 300 MB (about 10 minutes on 2 cores)
#   scripts/bench.sh --sizes 1,3     # a quick run
#
# Needs ripgrep (Debian: apt-get install ripgrep). Not part of .ci/run.
set -euo pipefail
cd "$(dirname "$0")/.."
command -v rg >/dev/null || { echo "bench: rg (ripgrep) is needed: apt-get install ripgrep" >&2; exit 2; }
cargo build --release --locked --bin provlint --example bench
exec target/release/examples/bench run "$@"
