#!/usr/bin/env bash
# Builds Lanyard and starts it on Payara Micro (fetched through Maven), on loopback only.
#   LANYARD_PORT          HTTP port (default 8080)
#   LANYARD_DATA_DIR      embedded H2 database and generated master key (default ./data)
#   LANYARD_ADMIN_PASSWORD  password of the first administrator 'admin' (else one is generated and printed once)
#   LANYARD_DB_URL / LANYARD_DB_USER / LANYARD_DB_PASSWORD  use PostgreSQL instead of the embedded database
#   LANYARD_HEAP          Java heap, fixed: both its start and its maximum size (default 512m)
# Extra JVM options: LANYARD_JAVA_OPTS (they come after the heap's, so an -Xms/-Xmx there wins).
# Set LANYARD_SKIP_BUILD=1 to start the last build.
set -euo pipefail
cd "$(dirname "$0")"
. ./scripts/java-home.sh

export LANYARD_PORT="${LANYARD_PORT:-8080}"
export LANYARD_DATA_DIR="${LANYARD_DATA_DIR:-$PWD/data}"
# A heap that starts at its maximum: started smaller, G1 keeps it near Payara's own ~70 MB of long-lived objects and,
# under load, starts a marking cycle every few seconds (docs/performance.md, "a heap too small to start with").
LANYARD_HEAP="${LANYARD_HEAP:-512m}"
mkdir -p "$LANYARD_DATA_DIR"

if [ "${LANYARD_SKIP_BUILD:-0}" != "1" ]; then
  mvn -B -q -DskipTests package
fi

echo "Starting Lanyard on http://127.0.0.1:${LANYARD_PORT}/ (data in ${LANYARD_DATA_DIR})"
# shellcheck disable=SC2086
exec "$JAVA_HOME/bin/java" "-Xms${LANYARD_HEAP}" "-Xmx${LANYARD_HEAP}" ${LANYARD_JAVA_OPTS:-} \
  -Dh2.bindAddress=127.0.0.1 -Dhazelcast.phone.home.enabled=false \
  -jar target/payara-micro.jar \
  --nohazelcast --disablephonehome \
  --prebootcommandfile server-config/preboot.asadmin \
  --port "$LANYARD_PORT" \
  --deploy target/lanyard.war --contextroot /
