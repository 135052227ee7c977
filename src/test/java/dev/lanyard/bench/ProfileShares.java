package dev.lanyard.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;
import java.util.regex.Pattern;
import jdk.jfr.consumer.RecordedEvent;
import jdk.jfr.consumer.RecordedFrame;
import jdk.jfr.consumer.RecordedThread;
import jdk.jfr.consumer.RecordingFile;

/**
 * Where the server's request threads spent their CPU during one of the benchmark's phases, from a flight recording of
 * the server (./bench.sh with -Dlanyard.it.serverFlightRecording=FILE; docs/performance.md). The phase is the span from
 * the first to the last request-thread sample with a frame matching {@code --phase} (by default the AccessKey check:
 * the AccessKey warm-up, its phases and slices; the warm-up's JIT compilation runs on other threads, not in these
 * samples). Prints each kind of work's share of those samples, the frames the samples outside the signature were in,
 * and the JVM's user and kernel CPU in the span (samples are of Java code only: kernel time, the sockets and the lock
 * hand-offs, is not in them). {@code --count REGEX} (repeatable) adds the share of samples with a frame matching it,
 * e.g. one method's, to compare two recordings.
 *
 * <p>Run: {@code scripts/profile-shares.sh /tmp/tp.jfr [--phase REGEX] [--top N] [--count REGEX]...} after ./bench.sh
 * built the classes.
 */
public final class ProfileShares {

    private static final String SIGNATURE = "RS256 signature or verification";
    /** Kinds of work, the first that matches a sample's stack wins. */
    private static final Map<String, Predicate<String>> KINDS = new LinkedHashMap<>();

    static {
        KINDS.put(SIGNATURE, frame -> frame.startsWith("com.nimbusds.jose.crypto.RSASSASigner.sign")
                || frame.startsWith("com.nimbusds.jose.crypto.RSASSAVerifier.verify"));
        KINDS.put("group commit's batch (its transaction)", frame -> frame.startsWith("dev.lanyard.security.FirstUseBatches.writeInOneTransaction"));
        KINDS.put("AccessKey check", frame -> frame.startsWith("dev.lanyard.accesskey."));
        KINDS.put("Jakarta Security (Soteria), the rest", frame -> frame.startsWith("org.glassfish.soteria."));
        KINDS.put("Lanyard, the rest", frame -> frame.startsWith("dev.lanyard."));
    }

    private static final String NO_LANYARD_FRAME = "Payara's request path, no Lanyard frame";

    public static void main(String[] args) throws IOException {
        if (args.length == 0 || args.length % 2 == 0 || !Files.isRegularFile(Path.of(args[0]))) {
            usage(args.length == 0 ? "" : "no such recording or a value missing: " + String.join(" ", args));
        }
        Path recording = Path.of(args[0]);
        Pattern phase = Pattern.compile("dev\\.lanyard\\.accesskey\\.");
        int top = 15;
        List<Pattern> counted = new ArrayList<>();
        for (int i = 1; i + 1 < args.length; i += 2) {
            switch (args[i]) {
                case "--phase" -> phase = pattern(args[i], args[i + 1]);
                case "--top" -> top = positive(args[i + 1]);
                case "--count" -> counted.add(pattern(args[i], args[i + 1]));
                default -> usage("unknown option " + args[i]);
            }
        }
        Instant[] span = span(recording, phase);
        if (span == null) {
            System.out.println("no request-thread sample has a frame matching " + phase);
            return;
        }
        System.out.printf("phase: %s to %s (request-thread samples with a frame matching %s)%n", span[0], span[1], phase);
        printShares(recording, span, top, counted);
    }

    private static Pattern pattern(String option, String regex) {
        try {
            return Pattern.compile(regex);
        } catch (java.util.regex.PatternSyntaxException bad) {
            usage(option + " is a regular expression: " + bad.getDescription());
            return null;
        }
    }

    private static int positive(String number) {
        try {
            int value = Integer.parseInt(number);
            if (value > 0) {
                return value;
            }
        } catch (NumberFormatException notANumber) {
            // answered below
        }
        usage("--top is a number of frames, at least 1: " + number);
        return 0;
    }

    private static void usage(String problem) {
        if (!problem.isEmpty()) {
            System.err.println(problem);
        }
        System.err.println("usage: ProfileShares RECORDING.jfr [--phase REGEX] [--top N] [--count REGEX]...");
        System.exit(2);
    }

    /** First and last request-thread sample with a frame matching the phase's pattern, or null. */
    private static Instant[] span(Path recording, Pattern phase) throws IOException {
        Instant first = null;
        Instant last = null;
        try (RecordingFile file = new RecordingFile(recording)) {
            while (file.hasMoreEvents()) {
                RecordedEvent event = file.readEvent();
                if (isRequestThreadSample(event) && frames(event).stream().anyMatch(frame -> phase.matcher(frame).find())) {
                    first = first == null || event.getStartTime().isBefore(first) ? event.getStartTime() : first;
                    last = last == null || event.getStartTime().isAfter(last) ? event.getStartTime() : last;
                }
            }
        }
        return first == null ? null : new Instant[] {first, last};
    }

    private static void printShares(Path recording, Instant[] span, int top, List<Pattern> counted) throws IOException {
        Map<String, Integer> byKind = new LinkedHashMap<>();
        KINDS.keySet().forEach(kind -> byKind.put(kind, 0));
        byKind.put(NO_LANYARD_FRAME, 0);
        Map<String, Integer> framesOutsideSignature = new HashMap<>();
        double user = 0;
        double system = 0;
        int loads = 0;
        int samples = 0;
        int truncated = 0;
        int[] withFrame = new int[counted.size()];
        try (RecordingFile file = new RecordingFile(recording)) {
            while (file.hasMoreEvents()) {
                RecordedEvent event = file.readEvent();
                if (event.getStartTime().isBefore(span[0]) || event.getStartTime().isAfter(span[1])) {
                    continue;
                }
                if ("jdk.CPULoad".equals(event.getEventType().getName())) {
                    user += event.getFloat("jvmUser");
                    system += event.getFloat("jvmSystem");
                    loads++;
                } else if (isRequestThreadSample(event)) {
                    samples++;
                    List<String> frames = frames(event);
                    String kind = kindOf(frames);
                    byKind.merge(kind, 1, Integer::sum);
                    if (stackCutShort(event)) {
                        truncated++;
                    }
                    for (int c = 0; c < counted.size(); c++) {
                        Pattern wanted = counted.get(c);
                        if (frames.stream().anyMatch(frame -> wanted.matcher(frame).find())) {
                            withFrame[c]++;
                        }
                    }
                    if (!kind.equals(SIGNATURE)) {
                        framesOutsideSignature.merge(innermostNonJdkFrame(frames), 1, Integer::sum);
                    }
                }
            }
        }
        int total = samples;
        System.out.printf("%d request-thread samples%s%n", total, truncated == 0 ? ""
                : String.format(" (%d with their stack cut short, their outer frames not counted: -Dlanyard.it.serverFlightRecording"
                + " records 256 frames)", truncated));
        byKind.forEach((kind, count) -> System.out.printf("  %5.1f%%  %s%n", 100.0 * count / total, kind));
        System.out.printf("outside the signature, the innermost frame that is not the JDK's (top %d):%n", top);
        framesOutsideSignature.entrySet().stream().sorted(Map.Entry.<String, Integer>comparingByValue().reversed()).limit(top)
                .forEach(entry -> System.out.printf("  %5.2f%%  %s%n", 100.0 * entry.getValue() / total, entry.getKey()));
        for (int c = 0; c < counted.size(); c++) {
            System.out.printf("samples with a frame matching %s: %.2f%%%n", counted.get(c), 100.0 * withFrame[c] / total);
        }
        if (loads > 0) {
            // the span also holds the moments the server idles (the load generator's raw references between slices),
            // so the machine shares are diluted; the kernel's part of the server's own CPU is not
            System.out.printf("the server's JVM in the span (%d jdk.CPULoad readings): kernel %.0f%% of its CPU"
                    + " (mean user %.1f%%, kernel %.1f%% of the machine, idle moments included)%n",
                    loads, 100 * system / Math.max(1e-9, user + system), 100 * user / loads, 100 * system / loads);
        }
    }

    static String kindOf(List<String> frames) {
        for (Map.Entry<String, Predicate<String>> kind : KINDS.entrySet()) {
            if (frames.stream().anyMatch(kind.getValue())) {
                return kind.getKey();
            }
        }
        return NO_LANYARD_FRAME;
    }

    /** The sample's innermost frame outside java.*, jdk.* and sun.* (where the JDK was called from), or its top frame. */
    static String innermostNonJdkFrame(List<String> frames) {
        return frames.stream().filter(frame -> !frame.startsWith("java.") && !frame.startsWith("jdk.") && !frame.startsWith("sun."))
                .findFirst().orElse(frames.isEmpty() ? "(no frames)" : frames.get(0));
    }

    private static boolean isRequestThreadSample(RecordedEvent event) {
        if (!"jdk.ExecutionSample".equals(event.getEventType().getName())) {
            return false;
        }
        RecordedThread thread = event.getThread("sampledThread");
        return thread != null && thread.getJavaName() != null && thread.getJavaName().startsWith("http-thread-pool");
    }

    private static boolean stackCutShort(RecordedEvent event) {
        return event.getStackTrace() != null && event.getStackTrace().isTruncated();
    }

    /** The stack as class.method names, innermost first. */
    private static List<String> frames(RecordedEvent event) {
        if (event.getStackTrace() == null) {
            return List.of();
        }
        return event.getStackTrace().getFrames().stream().map(ProfileShares::name).toList();
    }

    private static String name(RecordedFrame frame) {
        return frame.getMethod().getType().getName() + "." + frame.getMethod().getName();
    }
}
