# t-import-bad.sh: every bad input leaves the database exactly as it was:
# each import/bad/NAME.json and import/bad/csv/NAME.csv with its expected
# message in NAME.expect, and the inputs a file cannot hold (bad bytes, a
# 200 MB file, a directory, unreadable paths). Its own script so that it runs
# beside t-import.sh.
. "$TESTS/lib.sh"

GS=$DATA/group-stage.json
GF=$DATA/grand-final.json
status real-import 0 "$TRACKER" import "$GS" "$GF"
dump "$TRACKER_DB" >"$T/dump-real"

# --- every bad input file: exit 1, its message, named as failed, nothing written
for f in import/bad/*.json; do
	n=$(basename "$f" .json)
	status "bad-$n" 1 "$TRACKER" import "$f"
	contains "bad-$n-message" "$f: $(cat "import/bad/$n.expect")" "$OUT"
	contains "bad-$n-failed" "failed: $f" "$OUT"
	dump "$TRACKER_DB" >"$T/dump-after"
	same_file "bad-$n-unchanged" "$T/dump-real" "$T/dump-after"
done
# the bad files are the good one with one fault each: the good one imports
cp "$TRACKER_DB" "$T/control.db"
status bad-control-good 0 "$TRACKER" --db "$T/control.db" import import/good/match-121.json
contains bad-control-summary "1 file: 1 match added" "$OUT"
# every bad CSV: each NAME.csv's NAME.expect follows the file's name (":LINE: COLUMN: ..."
# or ": ..." for the whole file)
for f in import/bad/csv/*.csv; do
	n=csv-$(basename "$f" .csv)
	status "bad-$n" 1 "$TRACKER" import "$f"
	contains "bad-$n-message" "$f$(cat "import/bad/csv/${n#csv-}.expect")" "$OUT"
	contains "bad-$n-failed" "failed: $f" "$OUT"
	dump "$TRACKER_DB" >"$T/dump-after"
	same_file "bad-$n-unchanged" "$T/dump-real" "$T/dump-after"
done
# a refused status cell is the row's one fault: no knock-on about its empty placement, kills
lacks bad-csv-status-unknown-alone "must not be empty" "$("$TRACKER" import import/bad/csv/status-unknown.csv 2>&1)"
lacks bad-placement-beyond-lobby-of-one-wording "has 1 results" "$("$TRACKER" import import/bad/placement-beyond-lobby-of-one.json 2>&1)"
cp "$TRACKER_DB" "$T/control-csv.db"
status bad-csv-control-good 0 "$TRACKER" --db "$T/control-csv.db" import import/good/match-121.csv
contains bad-csv-control-summary "1 file: 1 match added, 0 unchanged, 0 replaced; 0 teams, 0 players new; 0 warnings" "$OUT"

printf '{\n "tournament": "FFWS \377", "stage": "x", "matches": []}\n' >"$T/latin1.json"
bad utf8 "$T/latin1.json: invalid UTF-8 at byte 23 (line 2, column 22)" "$T/latin1.json"
printf '{"tournament": "\300\200", "stage": "x", "matches": []}' >"$T/overlong.json"
bad utf8-overlong "$T/overlong.json: invalid UTF-8 at byte 16 (line 1, column 17)" "$T/overlong.json"
printf '{"tournament": "FFWS", "stage": "x", "matches": []}\342\202' >"$T/cut-utf8.json"
bad utf8-cut "$T/cut-utf8.json: invalid UTF-8 at byte 51 (line 1, column 52)" "$T/cut-utf8.json"
printf '{"tournament": "a\000b", "stage": "x", "matches": []}' >"$T/nul.json"
bad nul-byte "$T/nul.json: NUL byte (not allowed in JSON text) at byte 17" "$T/nul.json"
truncate -s 200M "$T/big.json"
bad big-file "$T/big.json: 209715200 bytes is over the limit of 64 MiB per file" "$T/big.json"
bad directory "$T: is a directory" "$T"
ln -s "$T/nowhere.json" "$T/dangling.json"
bad dangling-symlink "$T/dangling.json: cannot open: No such file or directory" "$T/dangling.json"
bad not-a-directory "$GS/x.json: cannot open: Not a directory" "$GS/x.json"
# open succeeds but read fails, for root too: address 0 of the process is unmapped
bad read-error "/proc/self/mem: cannot read: Input/output error" /proc/self/mem
OUT=$(head -c 70000000 /dev/zero | "$TRACKER" import - 2>&1)
eq bad-stdin-big-status "1" "$?"
contains bad-stdin-big-message "-: more than the limit of 64 MiB per file" "$OUT"


# F9: a 900 KB team name (the home page grew to 1.8 MB): refused by its length in characters
awk 'BEGIN { n = 921600; s = "x"; while (length(s) < n) s = s s; s = substr(s, 1, n)
	printf "{\"tournament\": \"FFWS Brazil 2026 Split 1\", \"stage\": \"Group Stage\", \"matches\": [{\"match\": 121, \"results\": [{\"team\": \"%s\", \"placement\": 1, \"kills\": 0}]}]}\n", s }' >"$T/huge-name.json"
bad huge-name "$T/huge-name.json: matches[0].results[0].team: must be at most 64 characters, got 921600" "$T/huge-name.json"

# F10: a file name holding terminal escapes (colour, window title) is shown with them as
# text (\x1B), never as the bytes a terminal would act on, in its messages and its failed: line
evil=$(printf '%s/evil\033[31mred\033]0;owned\007\302\233.json' "$T")
cp import/bad/kills-negative.json "$evil"
OUT=$("$TRACKER" import "$evil" 2>&1)
eq bad-escapes-status 1 "$?"
contains bad-escapes-message "$T/evil\\x1B[31mred\\x1B]0;owned\\x07\\u009B.json: matches[0].results[1].kills: must be at least 0, got -1" "$OUT"
contains bad-escapes-failed "failed: $T/evil\\x1B[31mred\\x1B]0;owned\\x07\\u009B.json" "$OUT"
eq bad-escapes-no-esc-byte 0 "$(printf '%s' "$OUT" | tr -cd '\033\007' | wc -c)"
# a name a user gave on the command line, in a fatal message: the same escapes
OUT=$("$TRACKER" standings --stage "$(printf 'x\033[2J')" 2>&1)
eq bad-escapes-die-no-esc-byte 0 "$(printf '%s' "$OUT" | tr -cd '\033' | wc -c)"
contains bad-escapes-die "x\\x1B[2J" "$OUT"

# F10: a FIFO no one writes to is refused at once (it blocked import for ever), and so is a
# device; a pipe is read as standard input, as documented
mkfifo "$T/fifo.json"
OUT=$(timeout 10 "$TRACKER" import "$T/fifo.json" 2>&1)
eq bad-fifo-status 1 "$?"
contains bad-fifo-message "$T/fifo.json: is a FIFO, not a regular file: tracker import reads files, and a pipe's data as standard input (tracker import - <$T/fifo.json)" "$OUT"
bad device "/dev/zero: is a character device, not a regular file" /dev/zero
cp "$TRACKER_DB" "$T/pipe.db"
OUT=$(cat import/good/match-121.json | "$TRACKER" --db "$T/pipe.db" import - 2>&1)
eq pipe-stdin-status 0 "$?"
contains pipe-stdin-summary "1 file: 1 match added" "$OUT"

# the file-size bound (docs/match-json-v1.md): over --max-file MiB refused unread, stdin too
bad max-file "$T/big.json: 209715200 bytes is over the limit of 64 MiB per file (--max-file MB raises it)" "$T/big.json"
head -c 1048577 /dev/zero >"$T/1mib.json"
bad max-file-1 "$T/1mib.json: 1048577 bytes is over the limit of 1 MiB per file (--max-file MB raises it)" --max-file 1 "$T/1mib.json"
OUT=$(head -c 1048577 /dev/zero | "$TRACKER" import --max-file 1 - 2>&1)
eq bad-max-file-stdin-status 1 "$?"
contains bad-max-file-stdin "-: more than the limit of 1 MiB per file (--max-file MB raises it)" "$OUT"
status bad-max-file-zero 2 "$TRACKER" import --max-file 0 "$GS"
contains bad-max-file-zero-message "--max-file: '0' is not a size in MiB from 1 to 4096" "$OUT"

# F9: a name that enters by a correction is checked as an import checks it
status bad-rename-invisible 1 "$TRACKER" teams rename LOS "$(printf 'LOS\342\200\213')"
contains bad-rename-invisible-message "a team's new name must not hold invisible characters, got U+200B (a zero width space) at byte 3" "$OUT"
status bad-alias-long 1 "$TRACKER" teams alias LOS "$(printf 'x%.0s' $(seq 65))"
contains bad-alias-long-message "a spelling must be at most 64 characters, got 65" "$OUT"
dump "$TRACKER_DB" >"$T/dump-after"
same_file bad-corrections-unchanged "$T/dump-real" "$T/dump-after"
