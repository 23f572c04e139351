# Sourced by the shell tests that start a host: host_port LOG PID prints the
# port from the host's "listening on" line once it appears, or fails (exit
# status 1) when the host exits or has not listened within ten seconds.
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
