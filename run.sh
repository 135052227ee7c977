#!/usr/bin/env bash
# Builds Lanyard and starts it on Payara Micro (fetched through Maven), on loopback only.
#   LANYARD_PORT          HTTP port (default 8080)
#   LANYARD_DATA_DIR      embedded H2 database and generated master key (default ./data)
#   LANYARD_ADMIN_PASSWORD  password of the first administrator 'admin' (else one is generated and printed once)
#   LANYARD_DB_URL / LANYARD_DB_USER / LANYARD_DB_PASSWORD  use PostgreSQL instead of the embedded database
# Extra JVM options: LANYARD_JAVA_OPTS (e.g. -Xmx512m). Set LANYARD_SKIP_BUILD=1 to start the last build.
set -euo pipefail
cd "$(dirname "$0")"
. ./scripts/java-home.sh

export LANYARD_PORT="${LANYARD_PORT:-8080}"
export LANYARD_DATA_DIR="${LANYARD_DATA_DIR:-$PWD/data}"
mkdir -p "$LANYARD_DATA_DIR"

if [ "${LANYARD_SKIP_BUILD:-0}" != "1" ]; then
  mvn -B -q -DskipTests package
fi

echo "Starting Lanyard on http://127.0.0.1:${LANYARD_PORT}/ (data in ${LANYARD_DATA_DIR})"
# shellcheck disable=SC2086
exec "$JAVA_HOME/bin/java" ${LANYARD_JAVA_OPTS:-} \
  -Dh2.bindAddress=127.0.0.1 -Dhazelcast.phone.home.enabled=false \
  -jar target/payara-micro.jar \
  --nohazelcast --disablephonehome \
  --prebootcommandfile server-config/preboot.asadmin \
  --port "$LANYARD_PORT" \
  --deploy target/lanyard.war --contextroot /
