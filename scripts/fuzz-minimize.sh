#!/usr/bin/env bash
# Refreshes fuzz/minimized/<target>/: the smallest set of inputs from the
# corpus the fuzz runs grew (fuzz/corpus/<target>/, not committed) that
# reaches coverage the seeds (fuzz/seeds/<target>/) do not. The seeds and
# this set are committed and replayed on stable by tests/fuzz_replay.rs.
#   scripts/fuzz-minimize.sh draft reader
#   scripts/fuzz-minimize.sh --set-cover config
# --set-cover uses libFuzzer's -set_cover_merge=1: a smaller set (about half
# the files), but its last step took most of an hour on 30,000 inputs.
# Without it, -merge=1 (what `cargo fuzz cmin` does).
set -euo pipefail
cd "$(dirname "$0")/../fuzz"
merge=-merge=1
if [ "${1:-}" = --set-cover ]; then merge=-set_cover_merge=1; shift; fi
for t in "$@"; do
  cargo +nightly fuzz build -O "$t" >/dev/null 2>&1 || { echo "fuzz build failed (needs nightly and cargo-fuzz)"; exit 2; }
  bin="target/x86_64-unknown-linux-gnu/release/$t"
  work=$(mktemp -d)
  # Merging into a copy of the seeds keeps only what adds to their coverage.
  cp "seeds/$t/"* "$work/"
  before=$(ls "$work" | wc -l)
  extra=()
  if [ "$t" = draft ] || [ "$t" = reader ]; then extra=(-max_len=4096); fi
  mkdir -p "corpus/$t" "minimized/$t"
  "$bin" "$merge" "${extra[@]}" "$work" "corpus/$t" "minimized/$t" >"target/merge-$t.log" 2>&1
  rm -f "minimized/$t/"*
  for f in "$work"/*; do
    s="seeds/$t/$(basename "$f")"
    if [ -e "$s" ] && cmp -s "$f" "$s"; then continue; fi
    cp "$f" "minimized/$t/"
  done
  rm -rf "$work"
  echo "$t: $(ls "corpus/$t" | wc -l) inputs grown, $before seeds, $(ls "minimized/$t" | wc -l) kept"
done
