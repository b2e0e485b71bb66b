#!/usr/bin/env bash
# Ingest benchmark (issue 6's target: >= 2 MB/s on 2 cores, peak memory < 1 GB).
#
# Ingests CORPUS into a fresh store RUNS times with `--jobs 2` and prints, per run, the wall and
# CPU seconds, the peak resident memory and the end-to-end MB/s (corpus bytes / wall time,
# start-up and closing the store included), then the median and the best run.
#
#   scripts/bench-ingest.sh [CORPUS] [RUNS]
#
# CORPUS defaults to ../shared/data/news-corpus/news.jsonl, RUNS to 5. The binary is
# target/release/sitrep (built when missing) or $SITREP. With BASELINE=/path/to/other/sitrep
# the two binaries run alternately, so that both see the same load: on a shared machine the
# same binary's time moves by a third or more with what else runs (EVALUATION.md).
#
# Needs GNU time (/usr/bin/time) for the CPU and memory figures.
set -euo pipefail
cd "$(dirname "$0")/.."

corpus=${1:-../shared/data/news-corpus/news.jsonl}
runs=${2:-5}
bin=${SITREP:-target/release/sitrep}
if [[ ! -f "$corpus" ]]; then
    echo "bench-ingest: no corpus at $corpus" >&2
    exit 2
fi
if [[ ! -x /usr/bin/time ]]; then
    echo "bench-ingest: GNU time (/usr/bin/time) is needed" >&2
    exit 2
fi
if [[ -z "${SITREP:-}" && ! -x "$bin" ]]; then
    cargo build --release -p sitrep-cli
fi
bins=("$bin")
if [[ -n "${BASELINE:-}" ]]; then
    bins+=("$BASELINE")
fi

bytes=$(wc -c <"$corpus")
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
echo "corpus $corpus: $bytes bytes; $runs runs of: ${bins[*]}"

for ((i = 1; i <= runs; i++)); do
    for b in "${bins[@]}"; do
        rm -f "$work"/store.db*
        /usr/bin/time -f "%e %U %S %M" -o "$work/time" \
            "$b" ingest "$corpus" --db "$work/store.db" --jobs 2 --quiet >"$work/out" 2>&1 || {
            echo "bench-ingest: $b failed:" >&2
            tail -5 "$work/out" >&2
            exit 1
        }
        read -r wall user sys peak <"$work/time"
        mbs=$(awk -v b="$bytes" -v w="$wall" 'BEGIN { printf "%.2f", b / 1e6 / w }')
        printf '%s\trun %d\t%6.2f s wall\t%6.2f s user\t%5.2f s sys\t%4d MB peak\t%s MB/s\n' \
            "$b" "$i" "$wall" "$user" "$sys" $((peak / 1024)) "$mbs"
        printf '%s\t%s\n' "$b" "$wall" >>"$work/walls"
    done
done

# (plain awk: the walls sorted by `sort`, their median and minimum)
for b in "${bins[@]}"; do
    grep -F "$b"$'\t' "$work/walls" | cut -f2 | sort -n |
        awk -v b="$b" -v bytes="$bytes" '
            { w[NR] = $1 + 0 }
            END {
                med = (NR % 2) ? w[(NR + 1) / 2] : (w[NR / 2] + w[NR / 2 + 1]) / 2
                printf "%s: median %.2f s (%.2f MB/s), best %.2f s (%.2f MB/s)\n",
                    b, med, bytes / 1e6 / med, w[1], bytes / 1e6 / w[1]
            }'
done
