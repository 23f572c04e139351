#!/usr/bin/env bash
# `redress new-plugin` as an integrator uses it: the SDK installed from this
# build into a temporary prefix, one project of each kind written, built
# (warnings as errors) and its own tests run, then all six loaded into a real
# host, each answering through the host's API.
#   run_new_plugin_test.sh BUILD_DIR SOURCE_DIR
set -euo pipefail
# shellcheck source=../support/host_test.sh
source "$(dirname "$0")/../support/host_test.sh"
build=$(cd "$1" && pwd) src=$(cd "$2" && pwd)
redress="$build/redress"

# Refusals name what is wrong.
refusal() {  # expected-exit expected-text args...
  local code=$1 text=$2; shift 2
  set +e; out=$("$redress" new-plugin "$@" 2>&1); got=$?; set -e
  [ "$got" = "$code" ] || fail "new-plugin $* exited $got, not $code: $out"
  grep -q -- "$text" <<<"$out" || fail "new-plugin $* did not say '$text': $out"
}
refusal 2 "--kind must be one of" --kind gadget --name x "$work/x"
refusal 2 "--name must be a module id" --kind notifier --name Bad-Name "$work/x"
mkdir -p "$work/busy" && touch "$work/busy/file"
refusal 1 "is not an empty directory" --kind notifier --name ok "$work/busy"

cmake --install "$build" --component sdk --prefix "$work/sdk" >/dev/null
launcher=()
command -v ccache >/dev/null && launcher=(-DCMAKE_CXX_COMPILER_LAUNCHER=ccache)
kinds=(intake classifier escalation notifier report frontend)
instances=""
for kind in "${kinds[@]}"; do
  name="acme_$kind"
  "$redress" new-plugin --kind "$kind" --name "$name" "$work/$name" >/dev/null || fail "new-plugin $kind"
  for f in CMakeLists.txt README.md "src/$name.cpp" "tests/${name}_test.cpp"; do
    test -s "$work/$name/$f" || fail "$kind: no $f"
  done
  grep -q "find_package(RedressSDK" "$work/$name/CMakeLists.txt" || fail "$kind: no find_package"
  cmake -S "$work/$name" -B "$work/$name/build" -DCMAKE_PREFIX_PATH="$work/sdk" \
    -DCMAKE_CXX_FLAGS="-Werror" "${launcher[@]}" >"$work/$name.configure.log" 2>&1 ||
    { cat "$work/$name.configure.log"; fail "$kind: configure"; }
  cmake --build "$work/$name/build" >"$work/$name.build.log" 2>&1 ||
    { cat "$work/$name.build.log"; fail "$kind: build"; }
  ctest --test-dir "$work/$name/build" --output-on-failure >"$work/$name.test.log" 2>&1 ||
    { cat "$work/$name.test.log"; fail "$kind: its own tests"; }
  grep -q "100% tests passed" "$work/$name.test.log" || fail "$kind: tests did not run"
  echo "built and tested $name"
  instances+="${instances:+,}{\"name\": \"$name\", \"plugin\": \"$name\", \"kind\": \"$kind\", \"required\": true, \"library\": \"$work/$name/build/$name.so\""
  case $kind in
    classifier) instances+=", \"settings\": {\"rules\": [{\"keyword\": \"漏水\", \"category\": \"product.fault\"}]}" ;;
    frontend) instances+=", \"public\": true" ;;
  esac
  instances+="}"
done

cat >"$work/redress.json" <<JSON
{
  "data_directory": "$work/data",
  "http": {"bind": "127.0.0.1", "port": 0},
  "domain": {"categories": "$src/config/categories.json", "responsibility": "$src/config/responsibility.json",
             "sla": "$src/config/sla.json", "calendar": "$src/config/calendars/cn-2026.json"},
  "instances": [$instances]
}
JSON
"$redress" check-config --config "$work/redress.json" >/dev/null || fail "check-config"
"$redress" serve --config "$work/redress.json" 2>"$work/host.log" &
host_pid=$!
port=$(host_port "$work/host.log" "$host_pid") || fail "host exited or did not start listening"
base="http://127.0.0.1:$port"
auth="Authorization: Bearer $(cat "$work/data/admin-token")"

plugins=$(curl -sf -H "$auth" "$base/admin/plugins") || fail "GET /admin/plugins"
running=$(grep -o '"state": *"running"' <<<"$plugins" | wc -l)
[ "$running" = 6 ] || fail "$running of 6 instances running: $plugins"

# The intake's batch import records complaints; the classifier files them.
printf '%s\n' '{"id": "r1", "customer": {"name": "王芳", "phone": "13700137000"}, "description": "洗衣机漏水"}' \
  > "$work/batch.jsonl"
report=$(curl -sf -H "$auth" --data-binary "@$work/batch.jsonl" "$base/admin/instances/acme_intake/import") ||
  fail "import through acme_intake"
grep -q '"recorded": *1' <<<"$report" || fail "import report: $report"
list=$(curl -sf -H "$auth" "$base/api/v1/complaints?limit=5") || fail "list complaints"
grep -q '"category": *"product.fault"' <<<"$list" || fail "not classified by acme_classifier: $list"

page=$(curl -sf "$base/acme_frontend/") || fail "GET /acme_frontend/"
grep -q "<h1>acme_frontend</h1>" <<<"$page" || fail "front-end page: $page"

csv=$(curl -sf -H "$auth" "$base/api/v1/reports/acme_report?period=$(date +%Y-%m)&format=csv") ||
  fail "GET the acme_report report"
grep -q "^total,1" <<<"$csv" || fail "report: $csv"

kill -TERM "$host_pid"
wait "$host_pid" || fail "host exited with $? on SIGTERM"
host_pid=
echo "PASS: six plugins written by new-plugin built, tested and served"
