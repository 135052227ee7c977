#!/usr/bin/env bash
# Token-endpoint benchmark on loopback: builds Lanyard, starts it on Payara Micro with a fresh database (embedded H2,
# or PostgreSQL when LANYARD_TEST_DB_URL is set, as for the tests), and prints the raw RS256 2-thread signing rate,
# then throughput, p50, p99 and errors of the refresh grant, the code exchange, the JWKS and discovery documents,
# PDS's mobile sign-in flow, the JWT-bearer grant and AccessKey get_access_token, closed-loop and paced at 70%, with the
# raw rates measured beside them; the refresh grant offered at twice its maximum (admitted vs refused with Retry-After)
# and right after; the server's memory, threads and database connections after start and after the load.
# Knobs: -Dbench.concurrency=8 -Dbench.seconds=15 -Dbench.codes=400 -Dbench.warmup=60 -Dbench.thirdPartyWarmup=30
#        -Dbench.overloadChains=64 -Dbench.soakSeconds=600 (a long run at 70%; 0 skips it)
#        -Dbench.assertions=80000 -Dbench.slices=5 -Dbench.sliceSeconds=4 -Dbench.only=third-party
#        -Dlanyard.it.serverGc=G1 (the server's collector; run.sh's default, Parallel, unless named) (BENCH_OPTS).
# Each warm-up goes on in 5 s slices until the server's JIT compilers take at most -Dbench.quietJitShare=0.03 of its
# CPU (at most -Dbench.moreWarmup=90 s more); each measured phase prints where the machine's and the server's CPU went.
set -euo pipefail
cd "$(dirname "$0")"
. ./scripts/java-home.sh
mvn -B -q -DskipTests package test-compile dependency:build-classpath -Dmdep.outputFile=target/bench-classpath.txt -Dmdep.includeScope=test
exec "$JAVA_HOME/bin/java" ${BENCH_OPTS:-} \
  -Dlanyard.it.java="$JAVA_HOME/bin/java" \
  -Dlanyard.it.microJar="$PWD/target/payara-micro.jar" \
  -Dlanyard.it.war="$PWD/target/lanyard.war" \
  -Dlanyard.it.preboot="$PWD/server-config/preboot.asadmin" \
  -Dlanyard.it.workDir="$PWD/target/bench" \
  -cp "target/test-classes:target/classes:$(cat target/bench-classpath.txt)" \
  dev.lanyard.bench.OAuthBenchmark
