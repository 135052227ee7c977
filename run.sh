#!/usr/bin/env bash
# Builds Lanyard and starts it on Payara Micro (fetched through Maven), on loopback only.
#   LANYARD_PORT          HTTP port (default 8080)
#   LANYARD_DATA_DIR      embedded H2 database and generated master key (default ./data)
#   LANYARD_ADMIN_PASSWORD  password of the first administrator 'admin' (else one is generated and printed once)
#   LANYARD_DB_URL / LANYARD_DB_USER / LANYARD_DB_PASSWORD  use PostgreSQL instead of the embedded database
#   LANYARD_HEAP          Java heap, fixed: both its start and its maximum size (default 512m)
#   LANYARD_GC            garbage collector: Parallel (default), G1, Serial or Z
# Extra JVM options: LANYARD_JAVA_OPTS (they come after the heap's, so an -Xms/-Xmx there wins; name the collector
# with LANYARD_GC, not there: the JVM refuses two).
# Set LANYARD_SKIP_BUILD=1 to start the last build.
set -euo pipefail
cd "$(dirname "$0")"
. ./scripts/java-home.sh

export LANYARD_PORT="${LANYARD_PORT:-8080}"
export LANYARD_DATA_DIR="${LANYARD_DATA_DIR:-$PWD/data}"
# A heap that starts at its maximum: started smaller, G1 keeps it near Payara's own ~70 MB of long-lived objects and,
# under load, starts a marking cycle every few seconds (docs/performance.md, "a heap too small to start with").
LANYARD_HEAP="${LANYARD_HEAP:-512m}"
# The Parallel collector by default: on two cores the server's CPU around the crypto of a JWT-bearer grant was a third
# less than under G1 (median of five runs each, 0.36 against 0.56 ms; the AccessKey call 0.45 against 0.48 ms), and
# the node held about 170 MB less resident memory after start (docs/performance.md, "the garbage collector"). Its full
# collections stop the server for 50-190 ms at this heap (while it starts, and when the JIT's code must be unloaded):
# a node given a heap of several gigabytes should take G1.
LANYARD_GC="${LANYARD_GC:-Parallel}"
case "$LANYARD_GC" in
  Parallel|G1|Serial|Z) ;;
  *) echo "LANYARD_GC must be Parallel, G1, Serial or Z, not '$LANYARD_GC'" >&2; exit 2 ;;
esac
mkdir -p "$LANYARD_DATA_DIR"

if [ "${LANYARD_SKIP_BUILD:-0}" != "1" ]; then
  mvn -B -q -DskipTests package
fi

echo "Starting Lanyard on http://127.0.0.1:${LANYARD_PORT}/ (data in ${LANYARD_DATA_DIR})"
# shellcheck disable=SC2086
exec "$JAVA_HOME/bin/java" "-Xms${LANYARD_HEAP}" "-Xmx${LANYARD_HEAP}" "-XX:+Use${LANYARD_GC}GC" ${LANYARD_JAVA_OPTS:-} \
  -Dh2.bindAddress=127.0.0.1 -Dhazelcast.phone.home.enabled=false \
  -jar target/payara-micro.jar \
  --nohazelcast --disablephonehome \
  --prebootcommandfile server-config/preboot.asadmin \
  --port "$LANYARD_PORT" \
  --deploy target/lanyard.war --contextroot /
