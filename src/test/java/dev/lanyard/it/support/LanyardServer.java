package dev.lanyard.it.support;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * A real Lanyard: the built WAR on Payara Micro in its own JVM, started the way run.sh starts it (loopback only),
 * with its own data directory, port and log file under target/it/. The build hands the paths in as system properties.
 */
public final class LanyardServer implements AutoCloseable {

    public static final String ADMIN_PASSWORD = "it-admin-password-1";
    private static final Duration START_TIMEOUT = Duration.ofSeconds(180);
    /**
     * How long Payara's own boot (before the WAR is deployed, about 2 s here) may take before the start counts as
     * stalled. Rarely (once in a CI run of about 70 starts, 2026-12-07) Payara Micro stops logging in its run-level
     * services, before any of Lanyard's code runs, and never goes on; such a start is recorded (log and thread dump
     * kept) and made once more. A second stall, or a stall after Payara's boot, fails the test.
     */
    private static final Duration BOOT_TIMEOUT = Duration.ofSeconds(60);
    /** The line Payara Micro logs when its own boot is done and it deploys the WAR. */
    private static final String PAYARA_BOOTED = "startup time :";

    private final String name;
    private final Path workDir;
    private final Map<String, String> env;
    private final int port;
    private Process process;
    private Path logFile;
    private int starts;

    private LanyardServer(String name, Map<String, String> env) {
        this.name = name;
        this.workDir = Path.of(System.getProperty("lanyard.it.workDir", "target/it")).resolve(name).toAbsolutePath();
        this.port = freePort();
        this.env = new HashMap<>(env);
        this.env.put("LANYARD_PORT", String.valueOf(port));
        this.env.putIfAbsent("LANYARD_DATA_DIR", workDir.resolve("data").toString());
    }

    /** A server on the test database (a fresh H2 file, or LANYARD_TEST_DB_URL when set) with the given extra settings. */
    public static LanyardServer onTestDatabase(String name, TestDatabase database, Map<String, String> extraEnv) {
        Map<String, String> env = new HashMap<>(database.serverEnv());
        env.putAll(extraEnv);
        return new LanyardServer(name, env);
    }

    /** A server with exactly these settings (e.g. a broken database URL). */
    public static LanyardServer withEnv(String name, Map<String, String> env) {
        return new LanyardServer(name, env);
    }

    public LanyardServer start() {
        return start(true);
    }

    /** Starts the JVM; when {@code awaitReady}, waits until /health/ready answers UP. */
    public LanyardServer start(boolean awaitReady) {
        launch();
        if (!awaitDeployed()) {
            Path stalledLog = logFile;
            Path threadDump = dumpThreads();
            stop();
            System.err.println("Lanyard " + name + ": Payara's boot stalled before deploying (log " + stalledLog
                    + ", threads " + threadDump + "); starting it once more");
            launch();
            if (!awaitDeployed()) {
                throw new IllegalStateException("Lanyard " + name + ": Payara's boot stalled twice; log: " + logFile);
            }
        }
        if (awaitReady) {
            awaitReady();
        }
        return this;
    }

    /** The server's garbage collector: the one run.sh gives by default (LANYARD_GC), or -Dlanyard.it.serverGc=G1 to compare. */
    public static String garbageCollector() {
        return System.getProperty("lanyard.it.serverGc", "Parallel");
    }

    private void launch() {
        try {
            Files.createDirectories(workDir);
            starts++;
            logFile = workDir.resolve("server-" + starts + ".log");
            List<String> command = new ArrayList<>(List.of(
                    System.getProperty("lanyard.it.java", "java"),
                    // the heap run.sh gives by default (LANYARD_HEAP), fixed: see the comment there
                    "-Xms512m", "-Xmx512m",
                    "-XX:+Use" + garbageCollector() + "GC",
                    "-Dh2.bindAddress=127.0.0.1", "-Dhazelcast.phone.home.enabled=false"));
            // extra JVM options of the server, e.g. a profiler for the benchmark: -Dlanyard.it.serverJvmOptions="-XX:StartFlightRecording=..."
            String extra = System.getProperty("lanyard.it.serverJvmOptions", "").trim();
            if (!extra.isEmpty()) {
                command.addAll(List.of(extra.split("\\s+")));
            }
            // a flight recording of the server for scripts/profile-shares.sh: -Dlanyard.it.serverFlightRecording=/tmp/tp.jfr.
            // Stacks up to 256 frames: Payara's request path is deeper than JFR's default 64, which cut most stacks short
            // before they reached the Lanyard frames that tell what a sample was doing
            String recording = System.getProperty("lanyard.it.serverFlightRecording", "").trim();
            if (!recording.isEmpty()) {
                command.addAll(List.of("-XX:FlightRecorderOptions=stackdepth=256",
                        "-XX:StartFlightRecording=filename=" + recording + ",settings=profile,dumponexit=true"));
            }
            command.addAll(List.of(
                    "-jar", required("lanyard.it.microJar"),
                    "--nohazelcast", "--disablephonehome",
                    "--prebootcommandfile", required("lanyard.it.preboot"),
                    "--port", String.valueOf(port),
                    "--deploy", required("lanyard.it.war"), "--contextroot", "/"));
            ProcessBuilder builder = new ProcessBuilder(command)
                    .directory(workDir.toFile())
                    .redirectErrorStream(true)
                    .redirectOutput(logFile.toFile());
            builder.environment().keySet().removeIf(k -> k.startsWith("LANYARD_"));
            builder.environment().putAll(env);
            process = builder.start();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** True once the WAR is deployed; false when Payara's own boot stalled (see {@link #BOOT_TIMEOUT}). */
    private boolean awaitDeployed() {
        Instant started = Instant.now();
        Instant deadline = started.plus(START_TIMEOUT);
        while (Instant.now().isBefore(deadline)) {
            if (!process.isAlive()) {
                throw new IllegalStateException("Lanyard " + name + " exited with " + process.exitValue() + "; log: " + logFile);
            }
            String log = log();
            if (log.contains("ready in")) {
                return true;
            }
            if (!log.contains(PAYARA_BOOTED) && Instant.now().isAfter(started.plus(BOOT_TIMEOUT))) {
                return false;
            }
            sleep(250);
        }
        throw new IllegalStateException("Lanyard " + name + " did not start within " + START_TIMEOUT + "; log: " + logFile);
    }

    /** The server's threads (jcmd Thread.print) beside its log, to see where a stalled boot waits; null if jcmd failed. */
    private Path dumpThreads() {
        Path dump = logFile.resolveSibling(logFile.getFileName().toString().replace(".log", "-threads.txt"));
        Path jcmd = Path.of(System.getProperty("lanyard.it.java", "java")).resolveSibling("jcmd");
        try {
            Process jcmdProcess = new ProcessBuilder(jcmd.toString(), String.valueOf(process.pid()), "Thread.print")
                    .redirectErrorStream(true).redirectOutput(dump.toFile()).start();
            if (jcmdProcess.waitFor(30, TimeUnit.SECONDS)) {
                return dump;
            }
            jcmdProcess.destroyForcibly(); // a jcmd that hangs must not outlive the test run
            return null;
        } catch (IOException e) {
            return null;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return null;
        }
    }

    public void awaitReady() {
        Instant deadline = Instant.now().plus(Duration.ofSeconds(60));
        HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
        while (Instant.now().isBefore(deadline)) {
            try {
                HttpResponse<String> response = client.send(HttpRequest.newBuilder(uri("/health/ready")).timeout(Duration.ofSeconds(10)).build(),
                        HttpResponse.BodyHandlers.ofString());
                if (response.statusCode() == 200) {
                    return;
                }
            } catch (IOException retry) {
                // not listening yet
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
            }
            sleep(500);
        }
        throw new IllegalStateException("Lanyard " + name + " did not become ready; log: " + logFile);
    }

    public void stop() {
        if (process == null || !process.isAlive()) {
            return;
        }
        process.destroy();
        try {
            if (!process.waitFor(30, TimeUnit.SECONDS)) {
                process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    @Override
    public void close() {
        stop();
    }

    public URI uri(String path) {
        return URI.create(baseUrl() + path);
    }

    public String baseUrl() {
        return "http://127.0.0.1:" + port;
    }

    public int port() {
        return port;
    }

    public long pid() {
        return process.pid();
    }

    /** Everything the server printed during its latest start. */
    public String log() {
        try {
            return logFile == null || !Files.exists(logFile) ? "" : Files.readString(logFile);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public Path workDir() {
        return workDir;
    }

    private static String required(String property) {
        String value = System.getProperty(property);
        if (value == null) {
            throw new IllegalStateException("system property " + property + " is not set: run the ITs through Maven (mvn verify)");
        }
        return value;
    }

    private static int freePort() {
        try (ServerSocket socket = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
