#!/usr/bin/env bash
# The Debian packages as an admin gets them: built with cpack from this build,
# installed with apt (dpkg underneath), the host started directly (no systemd
# here) with the packaged configuration as the packaged user, its health and
# plugins checked, a plugin built against the installed SDK, then both packages
# purged and what is left looked for.
#   run_package_test.sh BUILD_DIR
# Needs root (it installs packages); exits 77 (skipped) otherwise.
set -euo pipefail
# shellcheck source=../support/host_test.sh
source "$(dirname "$0")/../support/host_test.sh"
build=$(cd "$1" && pwd)
if [ "$(id -u)" -ne 0 ]; then
  echo "SKIP: installing packages needs root" >&2
  exit 77
fi
installed=
# Never leave the packages this test installed behind, whatever failed.
cleanup_more() {
  [ -z "$installed" ] ||
    DEBIAN_FRONTEND=noninteractive apt-get purge -y -q redress redress-sdk-dev >/dev/null 2>&1
}

for p in redress redress-sdk-dev; do
  if dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "ok installed"; then
    fail "$p is already installed on this machine; the test would replace it"
  fi
done

(cd "$work" && cpack --config "$build/CPackConfig.cmake" -G DEB -B "$work/out" >"$work/cpack.log" 2>&1) ||
  { cat "$work/cpack.log"; fail "cpack"; }
host_deb=$(ls "$work"/out/redress_*.deb) || fail "no redress package"
sdk_deb=$(ls "$work"/out/redress-sdk-dev_*.deb) || fail "no redress-sdk-dev package"

# Runtime libraries only: no -dev package among the host's dependencies.
depends=$(dpkg-deb -f "$host_deb" Depends)
echo "redress depends on: $depends"
libs=(libsoci-core libsoci-sqlite3 libsoci-postgresql libpq5 libcurl4 libgmime-3.0 libcctz)
# A host linked with jemalloc (every build but the sanitizers') needs its library.
ldd "$build/redress" | grep -q libjemalloc && libs+=(libjemalloc2)
for lib in "${libs[@]}"; do
  grep -q "$lib" <<<"$depends" || fail "redress does not depend on $lib"
done
grep -q -- "-dev" <<<"$depends" && fail "redress depends on a -dev package: $depends"
[ "$(dpkg-deb -f "$sdk_deb" Architecture)" = all ] || fail "redress-sdk-dev is not Architecture: all"
sdk_depends=$(dpkg-deb -f "$sdk_deb" Depends)
for dep in cmake nlohmann-json3-dev catch2; do
  grep -q "$dep" <<<"$sdk_depends" || fail "redress-sdk-dev does not depend on $dep: $sdk_depends"
done
# Listings are read whole before matching: grep -q closing the pipe early would fail it.
host_files=$(dpkg-deb -c "$host_deb") sdk_files=$(dpkg-deb -c "$sdk_deb")
grep -q "./usr/lib/redress/plugins/notifier_log.so" <<<"$host_files" || fail "plugins not packaged"
grep -q "./usr/include/redress/redress.h" <<<"$sdk_files" || fail "headers not packaged"
grep -q "RedressSDKConfig.cmake" <<<"$sdk_files" || fail "CMake package not packaged"
grep -q "./usr/share/redress-sdk/template/CMakeLists.txt.in" <<<"$sdk_files" || fail "template not packaged"

# apt resolves the dependencies from what is installed; nothing is downloaded.
installed=1
DEBIAN_FRONTEND=noninteractive apt-get install -y -q --no-install-recommends \
  "$host_deb" "$sdk_deb" >"$work/install.log" 2>&1 || { cat "$work/install.log"; fail "apt-get install"; }

id redress >/dev/null || fail "no redress user"
[ "$(stat -c '%U:%G %a' /var/lib/redress)" = "redress:redress 750" ] ||
  fail "/var/lib/redress is $(stat -c '%U:%G %a' /var/lib/redress)"
[ "$(stat -c '%U:%G %a' /etc/redress/redress.json)" = "root:redress 640" ] ||
  fail "/etc/redress/redress.json is $(stat -c '%U:%G %a' /etc/redress/redress.json)"
grep -q '"data_directory": "/var/lib/redress"' /etc/redress/redress.json || fail "packaged config"
unit=/lib/systemd/system/redress.service
for option in "User=redress" "ProtectSystem=strict" "NoNewPrivileges=yes" "ReadWritePaths=/var/lib/redress"; do
  grep -qx "$option" "$unit" || fail "the unit lacks $option"
done
if command -v systemd-analyze >/dev/null; then
  systemd-analyze verify "$unit" >"$work/verify.log" 2>&1 || { cat "$work/verify.log"; fail "unit does not verify"; }
fi
dpkg-query -W -f='${Conffiles}\n' redress | grep -q /etc/redress/redress.json || fail "config is not a conffile"

# The host as the service would run it (port 0 instead of 8080: tests run side by side).
setpriv --reuid=redress --regid=redress --init-groups -- \
  env REDRESS_CONFIG=/etc/redress/redress.json redress check-config >/dev/null ||
  fail "check-config as redress"
# setpriv execs the host itself (runuser would stand between as a session).
as_redress=(setpriv --reuid=redress --regid=redress --init-groups --)
"${as_redress[@]}" env REDRESS_CONFIG=/etc/redress/redress.json redress serve --port 0 \
  2>"$work/host.log" &
host_pid=$!
port=$(host_port "$work/host.log" "$host_pid") || fail "host exited or did not start listening"
[ "$(ps -o user= -p "$host_pid")" = redress ] ||
  fail "the host does not run as redress"
[ "$(stat -c '%U' /var/lib/redress/redress.db)" = redress ] || fail "database not owned by redress"
[ "$(stat -c '%a' /var/lib/redress/admin-token)" = 600 ] || fail "admin token readable by others"
health=$(curl -sf "http://127.0.0.1:$port/healthz") || fail "/healthz"
grep -q '"ok"' <<<"$health" || fail "/healthz: $health"
auth="Authorization: Bearer $(cat /var/lib/redress/admin-token)"
plugins=$(curl -sf -H "$auth" "http://127.0.0.1:$port/admin/plugins") || fail "/admin/plugins"
python3 - "$plugins" <<'PY' || fail "instances: $plugins"
import json, sys
doc = json.loads(sys.argv[1])
modules = {m["id"] for m in doc["modules"]}
assert len(modules) == 13, modules
for i in doc["instances"]:
    want = "running" if i["enabled"] else "disabled"
    assert i["state"] == want, (i["name"], i["state"], i.get("reason"))
PY
console=$(curl -sf "http://127.0.0.1:$port/console/") || fail "console not served"
grep -qi "<html" <<<"$console" || fail "console page: $console"
kill -TERM "$host_pid"
wait "$host_pid" || fail "host exited with $? on SIGTERM"
host_pid=

# A plugin project from the template builds against the installed SDK as it is.
redress new-plugin --kind notifier --name pkg_probe "$work/probe" >/dev/null || fail "new-plugin"
(cd "$work/probe" && cmake -S . -B build >"$work/probe.log" 2>&1 && cmake --build build >>"$work/probe.log" 2>&1 &&
  ctest --test-dir build >>"$work/probe.log" 2>&1) || { cat "$work/probe.log"; fail "plugin against the installed SDK"; }
grep -q "/usr/lib/cmake/RedressSDK" "$work/probe/build/CMakeCache.txt" || fail "not the installed SDK"

# Purge: nothing of Redress is left.
DEBIAN_FRONTEND=noninteractive apt-get purge -y -q redress redress-sdk-dev >"$work/purge.log" 2>&1 ||
  { cat "$work/purge.log"; fail "apt-get purge"; }
for path in /usr/bin/redress /usr/lib/redress /etc/redress /var/lib/redress /usr/include/redress \
            /usr/lib/cmake/RedressSDK /usr/share/redress-sdk "$unit"; do
  [ -e "$path" ] && fail "$path left after purge"
done
getent passwd redress >/dev/null && fail "user redress left after purge"
getent group redress >/dev/null && fail "group redress left after purge"
echo "PASS: packages built, installed, served as redress, SDK used, purged clean"
