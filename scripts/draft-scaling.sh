#!/usr/bin/env bash
# How a check's time and peak memory grow with the draft (issue 16: a draft
# of N bytes costs at most a small constant times N in memory, and no worse
# than N log N in time). Builds drafts of 0.25 to 8 MB from the canary's real
# articles (repeated, so every rule has work to do), checks each against the
# shipped corpus with a warm cache, and prints time and peak memory with
# their ratios to the smallest draft's, measured in the same run. A
# benchmark, not a test: run it by hand.
#   scripts/draft-scaling.sh              drafts of real paragraphs
#   scripts/draft-scaling.sh --one-line   the same text as a single line (a
#                                         paragraph's worst case: one block)
set -euo pipefail
one_line=0
if [ "${1:-}" = --one-line ]; then one_line=1; fi
cd "$(dirname "$0")/.."
cargo build --release --locked --bin provlint >/dev/null 2>&1
bin="$PWD/target/release/provlint"
dir="target/draft-scaling"
mkdir -p "$dir"
cat tests/canary/texts/*.md > "$dir/one.md"
"$bin" corpus index >/dev/null 2>&1 || true
printf '%8s %10s %10s %10s %10s %10s\n' MB seconds x-time MB-rss x-rss rss/draft
base_t=""; base_m=""
for quarter_mb in 1 2 4 8 16 32; do
  f="$dir/draft-$quarter_mb.md"
  # Copies of the canary's articles, each copy's footnote labels its own
  # (a real document does not define [^1] thirty times), cut at a line end.
  python3 - "$dir/one.md" "$f" $((quarter_mb * 262144)) $one_line <<'PY'
import re, sys
one, out, target = open(sys.argv[1]).read(), sys.argv[2], int(sys.argv[3])
if sys.argv[4] == "1":
    one = one.replace("\n", " ")
parts, size, k = [], 0, 0
while size < target:
    copy = re.sub(r"\[\^([^\]]+)\]", lambda m: f"[^c{k}-{m.group(1)}]", one)
    parts.append(copy)
    size += len(copy.encode())
    k += 1
text = "".join(parts).encode()[:target]
end = text.rfind(b"\n") + 1 if sys.argv[4] != "1" else len(text.decode("utf-8", "ignore").encode())
open(out, "wb").write(text[:end])
PY
  /usr/bin/time -o "$dir/time" -f '%e %M' "$bin" check "$f" --format json >/dev/null 2>&1 || true
  out=$(tail -1 "$dir/time")
  t=${out% *}; kb=${out#* }
  mb=$(python3 -c "print(round($(stat -c %s "$f")/1048576, 2))")
  rss=$(python3 -c "print(round($kb/1024, 1))")
  if [ -z "$base_t" ]; then base_t=$t; base_m=$rss; fi
  python3 -c "
t, m, bt, bm, mb = $t, $rss, $base_t, $base_m, $mb
print(f'{mb:8} {t:10.2f} {t/bt:10.1f} {m:10.1f} {m/bm:10.1f} {m/mb:10.1f}')"
done
