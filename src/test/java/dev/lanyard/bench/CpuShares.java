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
record CpuShares(long totalTicks, long idleTicks, long stealTicks, long serverTicks, long postgresTicks, long selfTicks) {

    static CpuShares now(long serverPid) {
        try {
            String[] cpu = Files.readAllLines(Path.of("/proc/stat")).get(0).trim().split("\\s+");
            long total = 0;
            for (int i = 1; i <= 8 && i < cpu.length; i++) { // user nice system idle iowait irq softirq steal
                total += Long.parseLong(cpu[i]);
            }
            long idle = Long.parseLong(cpu[4]) + Long.parseLong(cpu[5]);
            long steal = cpu.length > 8 ? Long.parseLong(cpu[8]) : 0;
            return new CpuShares(total, idle, steal, processTicks(serverPid), ticksOfPostgresProcesses(), processTicks(ProcessHandle.current().pid()));
        } catch (IOException | RuntimeException unavailable) {
            return null;
        }
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
        String database = postgres > 0 ? String.format(", PostgreSQL %.0f%%", 100 * postgres) : ""; // none on embedded H2
        System.out.printf("machine CPU during %s: server %.0f%%%s, load generator %.0f%%, kernel and other %.0f%%,"
                + " idle %.0f%%, stolen by the host %.0f%%%n", phase, 100 * server, database, 100 * self, 100 * rest,
                100 * idle, 100 * steal);
    }

    private static long processTicks(long pid) throws IOException {
        String[] stat = Files.readString(Path.of("/proc/" + pid + "/stat")).replaceFirst("^.*\\) ", "").split(" ");
        return Long.parseLong(stat[11]) + Long.parseLong(stat[12]); // utime + stime, fields 14 and 15
    }

    /**
     * Every process named postgres (the server and its backends), with the time of the children they have reaped, so
     * a backend that ends during the phase still counts.
     */
    private static long ticksOfPostgresProcesses() throws IOException {
        long sum = 0;
        try (Stream<Path> processes = Files.list(Path.of("/proc"))) {
            for (Path p : (Iterable<Path>) processes.filter(p -> p.getFileName().toString().chars().allMatch(Character::isDigit))::iterator) {
                try {
                    String stat = Files.readString(p.resolve("stat"));
                    if (stat.contains("(postgres)")) {
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
