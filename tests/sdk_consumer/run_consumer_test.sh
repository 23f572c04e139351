#!/usr/bin/env bash
# Installs the SDK from a Redress build into a temporary prefix, builds the
# out-of-tree plugin project beside this script against it with the given
# compiler and flags, loads the plugin into the host and calls it over HTTP.
#   run_consumer_test.sh BUILD_DIR PROJECT_DIR CXX CXXFLAGS
set -euo pipefail
# shellcheck source=../support/host_test.sh
source "$(dirname "$0")/../support/host_test.sh"
build=$1 project=$2 cxx=$3 cxxflags=${4:-}
src=$(cd "$project/../.." && pwd)  # the Redress tree, for its shipped domain configuration

cmake --install "$build" --component sdk --prefix "$work/sdk" >/dev/null
test -f "$work/sdk/include/redress/redress.h" || fail "SDK headers not installed"

launcher=()
command -v ccache >/dev/null && launcher=(-DCMAKE_CXX_COMPILER_LAUNCHER=ccache)
cmake -S "$project" -B "$work/plugin" -DCMAKE_PREFIX_PATH="$work/sdk" -DCMAKE_CXX_COMPILER="$cxx" \
  -DCMAKE_CXX_FLAGS="$cxxflags" "${launcher[@]}" >"$work/configure.log" 2>&1 || { cat "$work/configure.log"; fail "configure"; }
cmake --build "$work/plugin" >"$work/build.log" 2>&1 || { cat "$work/build.log"; fail "build"; }
plugin="$work/plugin/consumer_greeter.so"
test -f "$plugin" || fail "no $plugin"

# The only exported symbol is the entry point.
exported=$(nm -D --defined-only "$plugin" | awk '$2 ~ /[TDB]/ {print $3}' | grep -v -x -E '__bss_start|_edata|_end' | sort -u | tr '\n' ' ')
[ "$exported" = "redress_module_entry " ] || fail "exports more than the entry: $exported"
if [[ "$cxxflags" == *libc++* ]]; then
  dynamic=$(readelf -d "$plugin")
  grep -q 'libc++.so' <<<"$dynamic" || fail "not linked against libc++"
  grep -q 'libstdc++' <<<"$dynamic" && fail "linked against libstdc++ too"
fi

cat >"$work/redress.json" <<JSON
{
  "data_directory": "$work/data",
  "plugins": {"paths": ["$work/plugin"]},
  "http": {"bind": "127.0.0.1", "port": 0},
  "domain": {"categories": "$src/config/categories.json", "responsibility": "$src/config/responsibility.json",
             "sla": "$src/config/sla.json", "calendar": "$src/config/calendars/cn-2026.json"},
  "instances": [{"name": "greeter", "plugin": "consumer_greeter", "kind": "frontend", "required": true}]
}
JSON
"$build/redress" check-config --config "$work/redress.json" || fail "check-config"
"$build/redress" serve --config "$work/redress.json" 2>"$work/host.log" &
host_pid=$!
port=$(host_port "$work/host.log" "$host_pid") || fail "host exited or did not start listening"
auth="Authorization: Bearer $(cat "$work/data/admin-token")"

hello=$(curl -sf -H "$auth" "http://127.0.0.1:$port/greeter?lang=zh") || fail "GET /greeter"
echo "plugin says: $hello"
[[ "$hello" == 你好\ from* ]] || fail "unexpected answer: $hello"
if [[ "$cxxflags" == *libc++* ]]; then [[ "$hello" == *"libc++"* ]] || fail "not the libc++ build: $hello"; fi

# An exception thrown inside the plugin (by its own C++ runtime) becomes a 500
# problem with its message; the host lives on.
code=$(curl -s -H "$auth" -o "$work/throw.json" -w '%{http_code}' "http://127.0.0.1:$port/greeter/throw")
[ "$code" = 500 ] || fail "/greeter/throw answered $code"
grep -q 'greeter threw from' "$work/throw.json" || fail "exception message lost: $(cat "$work/throw.json")"
curl -sf "http://127.0.0.1:$port/healthz" >/dev/null || fail "host stopped answering"
# Read the whole answer first: grep -q would close the pipe early, and with pipefail
# curl's SIGPIPE would count as a failure.
plugins=$(curl -sf -H "$auth" "http://127.0.0.1:$port/admin/plugins") || fail "GET /admin/plugins"
grep -Eq '"state": *"running"' <<<"$plugins" || fail "instance not running: $plugins"

kill -TERM "$host_pid"
wait "$host_pid" || fail "host exited with $? on SIGTERM"
host_pid=
echo "PASS: $cxx $cxxflags plugin loaded and served by the host"
