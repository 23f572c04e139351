# Sourced by the shell tests that start a host. Gives them a work directory
# ($work, removed at exit together with the host $host_pid if one was started,
# after the test's own cleanup_more if it defines one), fail MESSAGE (prints the host's log
# from $work/host.log, exits 1) and host_port LOG PID.
work=$(mktemp -d)
host_pid=
cleanup() {
  [ -n "$host_pid" ] && kill "$host_pid" 2>/dev/null || true
  if declare -F cleanup_more >/dev/null; then cleanup_more || true; fi
  rm -rf "$work"
}
trap cleanup EXIT
fail() { echo "FAIL: $*" >&2; [ -f "$work/host.log" ] && cat "$work/host.log" >&2; exit 1; }

# Prints the port from the host's "listening on" line once it appears; fails
# (exit status 1) when the host exits or has not listened within ten seconds.
host_port() {
  local log=$1 pid=$2 port=
  for _ in $(seq 1 500); do
    port=$(sed -n 's/.*listening on https\{0,1\}:\/\/127.0.0.1:\([0-9]*\).*/\1/p' "$log")
    [ -n "$port" ] && { echo "$port"; return 0; }
    kill -0 "$pid" 2>/dev/null || return 1
    sleep 0.02
  done
  return 1
}
