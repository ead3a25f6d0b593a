#!/usr/bin/env bash
# Runs every fuzz target (fuzz/fuzz_targets/) for a while, one after the
# other, on the nightly toolchain with cargo-fuzz, and prints each run's
# executions, coverage and crashes. Crashes are written to
# fuzz/artifacts/<target>/; keep each as a regression test by copying it to
# fuzz/minimized/<target>/ (tests/fuzz_replay.rs runs every kept input).
# scripts/fuzz-minimize.sh TARGET refreshes fuzz/minimized/<target>/.
#   scripts/fuzz.sh               600 s per target
#   scripts/fuzz.sh 30            a smoke run: 30 s per target
#   scripts/fuzz.sh 600 config    some targets only
set -uo pipefail
cd "$(dirname "$0")/../fuzz"
seconds="${1:-600}"
shift || true
targets=("$@")
if [ ${#targets[@]} -eq 0 ]; then
  targets=(config manifest baseline keyed reader cache draft)
fi
cargo +nightly fuzz build -O >/dev/null 2>&1 || { echo "fuzz build failed (needs nightly and cargo-fuzz)"; exit 2; }
printf '%-10s %12s %10s %8s %8s %8s\n' target executions exec/s cov ft crashes
for t in "${targets[@]}"; do
  mkdir -p "corpus/$t" "artifacts/$t"
  before=$(ls "artifacts/$t" | wc -l)
  # Drafts run through every check: short inputs keep the runs many.
  extra=()
  if [ "$t" = draft ] || [ "$t" = reader ]; then extra=(-max_len=4096); fi
  log="target/fuzz-$t.log"
  # New inputs go to corpus/<t> (not committed); minimized/<t> and seeds/<t>
  # are the committed inputs that tests/fuzz_replay.rs also runs.
  mkdir -p "minimized/$t"
  cargo +nightly fuzz run -O "$t" "corpus/$t" "minimized/$t" "seeds/$t" -- \
    -max_total_time="$seconds" -print_final_stats=1 "${extra[@]}" >"$log" 2>&1
  runs=$(grep -o 'stat::number_of_executed_units: *[0-9]*' "$log" | grep -o '[0-9]*$' | tail -1)
  speed=$(grep -o 'stat::average_exec_per_sec: *[0-9]*' "$log" | grep -o '[0-9]*$' | tail -1)
  cov=$(grep -o 'cov: [0-9]*' "$log" | tail -1 | grep -o '[0-9]*')
  ft=$(grep -o 'ft: [0-9]*' "$log" | tail -1 | grep -o '[0-9]*')
  after=$(ls "artifacts/$t" | wc -l)
  printf '%-10s %12s %10s %8s %8s %8s\n' "$t" "${runs:-?}" "${speed:-?}" "${cov:-?}" "${ft:-?}" "$((after - before))"
done
