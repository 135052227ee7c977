package dev.lanyard.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;

/**
 * Where the machine's CPU went during a phase (Linux /proc): the server, PostgreSQL, this load generator, the rest
 * (kernel, other tenants' noise), idle, and steal (time the hypervisor gave to other VMs). A wall-clock ratio against
 * the raw signing rate is only as good as the share of the cores the server got; this shows what took the rest.
 */
record CpuShares(long totalTicks, long idleTicks, long stealTicks, long serverTicks, long postgresTicks,
                 long postgresBackgroundTicks, long selfTicks, java.util.Map<String, Long> serverThreadTicks) {

    static CpuShares now(long serverPid) {
        try {
            String[] cpu = Files.readAllLines(Path.of("/proc/stat")).get(0).trim().split("\\s+");
            long total = 0;
            for (int i = 1; i <= 8 && i < cpu.length; i++) { // user nice system idle iowait irq softirq steal
                total += Long.parseLong(cpu[i]);
            }
            long idle = Long.parseLong(cpu[4]) + Long.parseLong(cpu[5]);
            long steal = cpu.length > 8 ? Long.parseLong(cpu[8]) : 0;
            return new CpuShares(total, idle, steal, processTicks(serverPid), ticksOfPostgresProcesses(false),
                    ticksOfPostgresProcesses(true), processTicks(ProcessHandle.current().pid()), threadTicksByKind(serverPid));
        } catch (IOException | RuntimeException unavailable) {
            return null;
        }
    }

    /** A process title such as "postgres: 15/main: checkpointer" (the cluster's name is optional). */
    private static boolean isBackgroundProcess(Path process) throws IOException {
        String title = new String(Files.readAllBytes(process.resolve("cmdline")), java.nio.charset.StandardCharsets.UTF_8);
        return title.matches("(?s)postgres: ([^:]+: )?(checkpointer|background writer|walwriter|autovacuum|logical replication|archiver|stats).*");
    }

    /** Prints the shares of the whole machine between {@code before} and {@code after}, or nothing off Linux. */
    static void print(String phase, CpuShares before, CpuShares after) {
        if (before == null || after == null || after.totalTicks == before.totalTicks) {
            return;
        }
        double all = after.totalTicks - before.totalTicks;
        double server = (after.serverTicks - before.serverTicks) / all;
        double postgres = (after.postgresTicks - before.postgresTicks) / all;
        double self = (after.selfTicks - before.selfTicks) / all;
        double idle = (after.idleTicks - before.idleTicks) / all;
        double steal = (after.stealTicks - before.stealTicks) / all;
        double rest = Math.max(0, 1 - server - postgres - self - idle - steal);
        double background = (after.postgresBackgroundTicks - before.postgresBackgroundTicks) / all;
        String database = postgres > 0 ? String.format(", PostgreSQL %.0f%% (of it background processes %.0f%%)", 100 * postgres,
                100 * background) : ""; // none on embedded H2
        System.out.printf("machine CPU during %s: server %.0f%%%s, load generator %.0f%%, kernel and other %.0f%%,"
                + " idle %.0f%%, stolen by the host %.0f%%%n", phase, 100 * server, database, 100 * self, 100 * rest,
                100 * idle, 100 * steal);
        double serverAll = after.serverTicks - before.serverTicks;
        if (serverAll > 0) {
            StringBuilder kinds = new StringBuilder();
            for (String kind : THREAD_KINDS) {
                long ticks = after.serverThreadTicks.getOrDefault(kind, 0L) - before.serverThreadTicks.getOrDefault(kind, 0L);
                kinds.append(kinds.isEmpty() ? "" : ", ").append(kind).append(String.format(" %.0f%%", 100 * ticks / serverAll));
            }
            System.out.printf("  the server's CPU by thread: %s%n", kinds);
        }
    }

    /** The share of the server's CPU its JIT compilers took between the two readings (0 when unknown). */
    static double jitShareOfServer(CpuShares before, CpuShares after) {
        if (before == null || after == null || after.serverTicks == before.serverTicks) {
            return 0;
        }
        return (double) (after.serverThreadTicks.getOrDefault(JIT, 0L) - before.serverThreadTicks.getOrDefault(JIT, 0L))
                / (after.serverTicks - before.serverTicks);
    }

    private static final String JIT = "JIT compilers";
    private static final java.util.List<String> THREAD_KINDS = java.util.List.of("request threads", JIT,
            "garbage collector and VM thread", "other");

    /**
     * The server's CPU by kind of thread (/proc/pid/task): its request threads, the JIT compilers and the garbage
     * collector, to tell the work a request costs from the JVM's own. A thread that ends during the phase is not
     * counted here (it is in the process's total).
     */
    private static java.util.Map<String, Long> threadTicksByKind(long pid) throws IOException {
        java.util.Map<String, Long> byKind = new java.util.HashMap<>();
        try (Stream<Path> tasks = Files.list(Path.of("/proc/" + pid + "/task"))) {
            for (Path task : (Iterable<Path>) tasks::iterator) {
                try {
                    String stat = Files.readString(task.resolve("stat"));
                    String name = stat.substring(stat.indexOf('(') + 1, stat.lastIndexOf(')'));
                    String[] f = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
                    byKind.merge(kindOf(name), Long.parseLong(f[11]) + Long.parseLong(f[12]), Long::sum);
                } catch (IOException | RuntimeException gone) {
                    // ended between listing and reading
                }
            }
        }
        return byKind;
    }

    private static String kindOf(String threadName) {
        // Linux keeps the first 15 characters of a thread's name: "http-thread-pool::http-listener(3)" is "http-thread-poo"
        if (threadName.startsWith("http-thread-po")) {
            return "request threads";
        } else if (threadName.contains("Compiler")) {
            return JIT;
        } else if (threadName.startsWith("GC ") || threadName.startsWith("G1 ") || threadName.startsWith("VM Thread")) {
            return "garbage collector and VM thread";
        }
        return "other";
    }

    private static long processTicks(long pid) throws IOException {
        String[] stat = Files.readString(Path.of("/proc/" + pid + "/stat")).replaceFirst("^.*\\) ", "").split(" ");
        return Long.parseLong(stat[11]) + Long.parseLong(stat[12]); // utime + stime, fields 14 and 15
    }

    /**
     * Every process named postgres (the server and its backends), with the time of the children they have reaped, so
     * a backend that ends during the phase still counts; with {@code background}, only the server's own processes
     * (checkpointer, WAL writer, background writer, autovacuum...), which work for every database and every earlier
     * phase, not for the requests of this one.
     */
    private static long ticksOfPostgresProcesses(boolean background) throws IOException {
        long sum = 0;
        try (Stream<Path> processes = Files.list(Path.of("/proc"))) {
            for (Path p : (Iterable<Path>) processes.filter(p -> p.getFileName().toString().chars().allMatch(Character::isDigit))::iterator) {
                try {
                    String stat = Files.readString(p.resolve("stat"));
                    if (stat.contains("(postgres)") && (!background || isBackgroundProcess(p))) {
                        String[] f = stat.replaceFirst("^.*\\) ", "").split(" ");
                        sum += Long.parseLong(f[11]) + Long.parseLong(f[12]) + Long.parseLong(f[13]) + Long.parseLong(f[14]);
                    }
                } catch (IOException | RuntimeException gone) {
                    // ended between listing and reading
                }
            }
        }
        return sum;
    }
}
