#!/usr/bin/env bash
# Runs every test: unit tests, then the integration and browser tests against the real WAR on Payara Micro.
#   LANYARD_TEST_DB_URL (+ LANYARD_TEST_DB_USER / _PASSWORD): run the integration tests on that PostgreSQL server
#   (each test server gets a fresh database on it) instead of embedded H2 files.
# Browser tests need Chromium and ChromeDriver at /usr/bin (Debian: apt-get install chromium chromium-driver).
# Extra Maven arguments are passed on, e.g. ./test.sh -DskipUTs=true -Dit.test=AdminLoginIT
set -euo pipefail
cd "$(dirname "$0")"
. ./scripts/java-home.sh
exec mvn -B verify "$@"
