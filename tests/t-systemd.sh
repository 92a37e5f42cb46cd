# t-systemd.sh: the systemd unit `make install` ships. It is installed with
# ExecStart naming the installed binary, systemd accepts it, its hardening
# leaves an exposure no worse than 2.0 on systemd's own scale (0 is the
# most confined, 10 none; Debian's usual services score 9 and more), and
# the command it runs, with the unit's default settings, serves a database
# in a state directory it created there.
. "$TESTS/lib.sh"

root=$(cd "$TESTS/.." && pwd)
make -s -C "$root" install-unit DESTDIR="$T/dest" PREFIX=/opt/t >"$T/install.out" 2>&1
unit=$T/dest/opt/t/lib/systemd/system/tracker.service
status "make install puts the unit in PREFIX/lib/systemd/system" 0 test -f "$unit"
contains "ExecStart names the installed binary" \
	"ExecStart=/opt/t/bin/tracker serve --db /var/lib/tracker/tracker.db" "$(cat "$unit")"

# verify checks ExecStart's binary: point it at this build's.
sed "s|/opt/t/bin/tracker|$TRACKER|" "$unit" >"$T/tracker.service"
status "systemd-analyze verify accepts the unit" 0 \
	systemd-analyze verify --man=no "$T/tracker.service"
systemd-analyze security --offline=true "$T/tracker.service" >"$T/security" 2>&1
level=$(sed -n 's/.*Overall exposure level for tracker.service: \([0-9.]*\).*/\1/p' "$T/security")
if [ -n "$level" ] && awk -v l="$level" 'BEGIN { exit !(l <= 2.0) }'; then
	ok "hardened: exposure $level of 10"
else
	not_ok "hardened" "exposure '${level:-?}': $(grep -v '^✓' "$T/security" | head -20)"
fi
for k in DynamicUser=yes StateDirectory=tracker ProtectSystem=strict; do
	contains "the unit sets $k" "$k" "$(cat "$unit")"
done

# The unit's command with its defaults (LISTEN moved to a free port), in an
# empty state directory, answers the home page.
mkdir "$T/state"
start systemd-default --db "$T/state/tracker.db"
code=$(curl -s -o /dev/null -w '%{http_code}' "$U")
eq "the unit's serve command answers in an empty state directory" 200 "$code"
stop "the server stops cleanly"
