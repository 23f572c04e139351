#!/usr/bin/env bash
# Installs every Debian 12 package Redress needs to build, test and run.
# Idempotent and non-interactive: packages already present are left alone, and
# apt is only consulted when something is missing.
set -euo pipefail

packages=(
  build-essential cmake ccache pkg-config git
  libboost-dev libboost-filesystem-dev
  nlohmann-json3-dev libcpp-httplib-dev libssl-dev zlib1g-dev libbrotli-dev
  libsoci-dev libsqlite3-dev libpq-dev libcctz-dev libgmime-3.0-dev libcurl4-openssl-dev tzdata sqlite3
  # The host's allocator (builds with sanitizers use their own).
  libjemalloc-dev
  catch2
  # clang: the SDK consumer test (libc++), the sanitizer build and the libFuzzer targets.
  clang libc++-dev libc++abi-dev libclang-rt-14-dev e2fsprogs
  postgresql curl openssl python3-aiosmtpd
  # The console's browser tests: Chromium, a font with Chinese glyphs for the
  # screenshots, and Node.js to drive it (playwright-core comes from npm).
  chromium fonts-wqy-microhei
)
# A Node.js already on the machine (from elsewhere than Debian) is used as it is.
if ! command -v node >/dev/null 2>&1 || ! command -v npm >/dev/null 2>&1; then
  packages+=(nodejs npm)
fi

missing=()
for p in "${packages[@]}"; do
  if ! dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed"; then
    missing+=("$p")
  fi
done

if [ ${#missing[@]} -eq 0 ]; then
  echo "install-deps: all ${#packages[@]} packages present"
  exit 0
fi

if [ "$(id -u)" -ne 0 ]; then
  echo "install-deps: missing packages (${missing[*]}); run as root to install them" >&2
  exit 1
fi

echo "install-deps: installing ${missing[*]}"
export DEBIAN_FRONTEND=noninteractive
apt-get update -q
# libpq-dev can pull a newer PostgreSQL server; install everything in one step
# before any cluster is started.
apt-get install -y -q --no-install-recommends "${missing[@]}"
