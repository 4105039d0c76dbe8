#!/usr/bin/env bash
# Installs what `make test` needs and a clean Debian/Ubuntu machine lacks, then
# returns: Chromium and fonts (browser tests), poppler's pdftotext (PDF checks),
# a PostgreSQL server when none answers on 127.0.0.1:5432 and no binaries exist
# for the private cluster, and the npm packages of internal/e2e (axe-core).
# Called by `make test` and by `.ci/run`. On a machine that already has all of it
# it does nothing and touches no network; it needs root (or sudo) only to install.
set -euo pipefail
cd "$(dirname "$0")/.."
export DEBIAN_FRONTEND=noninteractive

SUDO=""
if [ "$(id -u)" != 0 ]; then SUDO="sudo"; fi

apt_updated=0
apt_install() {
  if ! command -v apt-get >/dev/null; then
    echo "test-deps: missing $*; this script installs with apt-get (Debian/Ubuntu); install them by hand" >&2
    exit 1
  fi
  if [ -n "$SUDO" ] && ! command -v sudo >/dev/null; then
    echo "test-deps: missing $*; run as root or install sudo" >&2
    exit 1
  fi
  echo "test-deps: installing $*" >&2
  if [ "$apt_updated" = 0 ]; then $SUDO apt-get update -qq; apt_updated=1; fi
  $SUDO apt-get install -y -qq --no-install-recommends "$@" >/dev/null
}

pg_answers() {
  if command -v pg_isready >/dev/null; then pg_isready -q -h 127.0.0.1 -p 5432; return; fi
  (exec 3<>/dev/tcp/127.0.0.1/5432) 2>/dev/null
}

# PostgreSQL: the tests use a server that answers on 5432, else start a private
# cluster from the machine's binaries (internal/devdb). Without either, install
# Debian's server and start its cluster with a superuser role for this user.
if [ -z "${HAKAKSES_TEST_DATABASE_URL:-}${DATABASE_URL:-}" ] && ! pg_answers; then
  if ! ls /usr/lib/postgresql/*/bin/initdb >/dev/null 2>&1 && ! command -v initdb >/dev/null; then
    apt_install postgresql postgresql-client
    if command -v pg_ctlcluster >/dev/null && [ -d /etc/postgresql ]; then
      ver=$(ls /etc/postgresql | sort -V | tail -n1)
      $SUDO pg_ctlcluster --skip-systemctl-redirect "$ver" main start || true
      for _ in $(seq 1 30); do pg_isready -q && break; sleep 1; done
      me=$(id -un)
      $SUDO runuser -u postgres -- psql -qtAc "SELECT 1 FROM pg_roles WHERE rolname = '$me'" | grep -q 1 \
        || $SUDO runuser -u postgres -- createuser -s "$me"
    fi
  fi
fi

# Browser tests: Debian's Chromium with fonts; PDF checks: pdftotext.
if ! command -v chromium >/dev/null && ! command -v chromium-browser >/dev/null; then
  apt_install chromium fonts-liberation
fi
command -v pdftotext >/dev/null || apt_install poppler-utils

# axe-core for the accessibility checks, pinned by package-lock.json.
if [ -f internal/e2e/package.json ]; then
  if [ ! -f internal/e2e/node_modules/axe-core/axe.min.js ] \
    || [ internal/e2e/package-lock.json -nt internal/e2e/node_modules/.package-lock.json ]; then
    command -v npm >/dev/null || apt_install npm
    (cd internal/e2e && npm ci --no-audit --no-fund --silent)
  fi
fi

# The S3-compatible server the document-storage tests start: Versity S3 Gateway,
# built once from the Go module proxy into the cache (internal/s3test looks there,
# and builds it itself when run without this script). Keep the version in step
# with s3test.Version.
VERSITYGW_VERSION=v1.8.0
tools="${HAKAKSES_TOOLS_DIR:-${XDG_CACHE_HOME:-$HOME/.cache}/hakakses}/versitygw-$VERSITYGW_VERSION"
if [ ! -x "$tools/versitygw" ]; then
  echo "test-deps: building versitygw $VERSITYGW_VERSION (once; cached in $tools)" >&2
  mkdir -p "$tools"
  build=$(mktemp -d "$tools/build-XXXXXX")
  (cd "$build" && GOBIN="$build" CGO_ENABLED=0 GOFLAGS=-mod=mod go install "github.com/versity/versitygw/cmd/versitygw@$VERSITYGW_VERSION")
  mv "$build/versitygw" "$tools/versitygw"
  rm -rf "$build"
fi
