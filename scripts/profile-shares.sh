#!/usr/bin/env bash
# Shares of the server's request-thread CPU samples in one benchmark phase, from a flight recording of the server:
#   LANYARD_TEST_DB_URL=... BENCH_OPTS="-Dbench.only=third-party -Dlanyard.it.serverFlightRecording=/tmp/tp.jfr" ./bench.sh
#   scripts/profile-shares.sh /tmp/tp.jfr                                   # the AccessKey phases
#   scripts/profile-shares.sh /tmp/tp.jfr --phase 'JwtBearerGrant' --top 20  # the JWT-bearer phases
#   scripts/profile-shares.sh /tmp/tp.jfr --count 'AccessKeyAuthentication.date' --count 'allocateConnection'
#                                                            # shares of samples in these frames, to compare recordings
# Needs the test classes ./bench.sh built (target/test-classes).
set -euo pipefail
cd "$(dirname "$0")/.."
. ./scripts/java-home.sh
[ -d target/test-classes/dev/lanyard/bench ] || { echo "run ./bench.sh first (it builds the test classes)" >&2; exit 2; }
exec "$JAVA_HOME/bin/java" -cp target/test-classes dev.lanyard.bench.ProfileShares "$@"
