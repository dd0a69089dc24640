package dev.holdfast.vrrp.runtime;

import static org.junit.jupiter.api.Assertions.fail;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;

/**
 * Two network namespaces joined by a veth pair: node A ({@code IF_A}, 192.168.78.1/24) and node B
 * ({@code IF_B}, 192.168.78.2/24), each able to run a holdfast node (a {@link VrrpNode} JVM) or a real
 * keepalived on a keepalived.conf the test writes. Everything is torn down by {@link #close()}.
 */
final class Lab implements AutoCloseable {
    static final String IF_A = "hfva";
    static final String IF_B = "hfvb";
    static final String VIP = "192.168.78.100";
    /** The bridge ports of A's and B's veths in a bridged lab. */
    static final String PORT_A = "hfpa";
    static final String PORT_B = "hfpb";

    final String nsA;
    final String nsB;
    /** The namespace of the bridge between A and B, or null when their veths are joined directly. */
    final String nsM;
    final Path dir;
    private final List<Node> nodes = new ArrayList<>();

    Lab(String tag) throws Exception {
        this(tag, false);
    }

    /**
     * @param bridged A and B each get a veth to a bridge in a third namespace ({@link #PORT_A}, {@link #PORT_B}),
     *                so the link between them can be cut ({@link #cut}) while both keep their carrier
     */
    Lab(String tag, boolean bridged) throws Exception {
        String id = tag + ProcessHandle.current().pid() % 100000;
        nsA = "hfv-" + id + "-a";
        nsB = "hfv-" + id + "-b";
        nsM = bridged ? "hfv-" + id + "-m" : null;
        dir = Files.createTempDirectory("hfv-" + tag);
        deleteNamespaces();
        try {
            run("ip", "netns", "add", nsA);
            run("ip", "netns", "add", nsB);
            if (bridged) {
                run("ip", "netns", "add", nsM);
                run("ip", "-n", nsM, "link", "add", "hfbr", "type", "bridge");
                run("ip", "link", "add", IF_A, "netns", nsA, "type", "veth", "peer", "name", PORT_A, "netns", nsM);
                run("ip", "link", "add", IF_B, "netns", nsB, "type", "veth", "peer", "name", PORT_B, "netns", nsM);
                for (String port : List.of(PORT_A, PORT_B)) {
                    run("ip", "-n", nsM, "link", "set", port, "master", "hfbr");
                    run("ip", "-n", nsM, "link", "set", port, "up");
                }
                run("ip", "-n", nsM, "link", "set", "hfbr", "up");
            } else {
                run("ip", "link", "add", IF_A, "netns", nsA, "type", "veth", "peer", "name", IF_B, "netns", nsB);
            }
            run("ip", "-n", nsA, "addr", "add", "192.168.78.1/24", "dev", IF_A);
            run("ip", "-n", nsB, "addr", "add", "192.168.78.2/24", "dev", IF_B);
            for (String ns : List.of(nsA, nsB)) {
                run("ip", "-n", ns, "link", "set", "lo", "up");
            }
            run("ip", "-n", nsA, "link", "set", IF_A, "up");
            run("ip", "-n", nsB, "link", "set", IF_B, "up");
            // the veth carrier comes up asynchronously; an instance started before it would begin in FAULT
            await("both veth ends up", Duration.ofSeconds(5), () -> operUp(nsA, IF_A) && operUp(nsB, IF_B), this);
        } catch (Exception e) {
            close();
            throw e;
        }
    }

    static void requireRoot() {
        boolean root = false;
        try {
            root = Files.readAllLines(Path.of("/proc/self/status")).stream()
                    .filter(l -> l.startsWith("Uid:")).anyMatch(l -> l.split("\\s+")[2].equals("0"));
        } catch (IOException e) {
            // not Linux: not root
        }
        if (!root && "true".equalsIgnoreCase(System.getenv("CI"))) {
            fail("this test needs root (network namespaces) and CI=true forbids skipping it");
        }
        assumeTrue(root, "skipped: needs root for network namespaces; run as root or with CI=true");
    }

    /** {@link #requireRoot()}, and keepalived installed (outside CI a missing keepalived skips). */
    static void requireRootAndKeepalived() {
        requireRoot();
        assumeTrue(hasKeepalived() || "true".equalsIgnoreCase(System.getenv("CI")),
                "skipped: keepalived is not installed");
    }

    static boolean hasKeepalived() {
        try {
            Process p = new ProcessBuilder("keepalived", "--version").redirectErrorStream(true).start();
            p.getInputStream().readAllBytes();
            return p.waitFor(10, TimeUnit.SECONDS) && p.exitValue() == 0;
        } catch (IOException | InterruptedException e) {
            return false;
        }
    }

    /** keepalived.conf for one node of the pair; both implementations run the same file. */
    static String config(String iface, int priority, int version, boolean passAuth) {
        return config(iface, priority, version, passAuth ? "PASS" : null, false);
    }

    /**
     * @param auth PASS, AH or null
     * @param unicast adverts go to the other node's address instead of 224.0.0.18
     */
    static String config(String iface, int priority, int version, String auth, boolean unicast) {
        boolean a = iface.equals(IF_A);
        return "global_defs {\n  router_id hfv_" + iface + "\n}\n"
                + "vrrp_instance VI_1 {\n"
                + "  state BACKUP\n"
                + "  interface " + iface + "\n"
                + "  virtual_router_id 78\n"
                + "  priority " + priority + "\n"
                + "  advert_int 1\n"
                + "  version " + version + "\n"
                + (auth != null ? "  authentication {\n    auth_type " + auth + "\n    auth_pass s3cretpw\n  }\n" : "")
                + (unicast ? "  unicast_src_ip 192.168.78." + (a ? 1 : 2) + "\n  unicast_peer {\n    192.168.78."
                        + (a ? 2 : 1) + "\n  }\n" : "")
                + "  garp_master_delay 1\n"
                + "  virtual_ipaddress {\n    " + VIP + "/24\n  }\n"
                + "}\n";
    }

    Node holdfast(String ns, String config) throws IOException {
        Path conf = dir.resolve(ns + ".conf");
        Files.writeString(conf, config);
        String java = ProcessHandle.current().info().command().orElse("java");
        String cp = System.getProperty("surefire.test.class.path", System.getProperty("java.class.path"));
        return start(ns, "holdfast", List.of("ip", "netns", "exec", ns, java, "-XX:TieredStopAtLevel=1",
                "-XX:+UseSerialGC", "-cp", cp, VrrpNode.class.getName(), conf.toString()));
    }

    Node keepalived(String ns, String config) throws IOException {
        Path conf = dir.resolve(ns + ".conf");
        Files.writeString(conf, config);
        Path pid = dir.resolve(ns + ".pid");
        Path vrrpPid = dir.resolve(ns + ".vrrp.pid");
        Node n = start(ns, "keepalived", List.of("ip", "netns", "exec", ns, "keepalived", "-n", "-l", "-D", "-P",
                "-f", conf.toString(), "-p", pid.toString(), "-r", vrrpPid.toString()));
        n.vrrpPidFile = vrrpPid;
        return n;
    }

    private Node start(String ns, String kind, List<String> command) throws IOException {
        Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
        Node n = new Node(ns, kind, p);
        nodes.add(n);
        return n;
    }

    /** Whether the VIP is on the namespace's veth. */
    boolean hasVip(String ns) {
        return hasVip(ns, VIP);
    }

    boolean hasVip(String ns, String vip) {
        String iface = ns.equals(nsA) ? IF_A : IF_B;
        return output("ip", "-n", ns, "-4", "-o", "addr", "show", "dev", iface).contains(" " + vip + "/24 ");
    }

    /**
     * One vrrp_instance block on the node's veth with a /24 VIP and advert_int 1.
     *
     * @param extra more keywords for the block, one per line
     */
    static String instance(String name, String iface, int vrid, int priority, String vip, String extra) {
        return "vrrp_instance " + name + " {\n  state BACKUP\n  interface " + iface + "\n  virtual_router_id " + vrid
                + "\n  priority " + priority + "\n  advert_int 1\n" + extra
                + "  virtual_ipaddress {\n    " + vip + "/24\n  }\n}\n";
    }

    private static boolean operUp(String ns, String iface) {
        return output("ip", "-n", ns, "-o", "link", "show", "dev", iface).contains("state UP");
    }

    /** The MAC address of the namespace's veth. */
    String mac(String ns) {
        String iface = ns.equals(nsA) ? IF_A : IF_B;
        String out = output("ip", "-n", ns, "-o", "link", "show", "dev", iface);
        int at = out.indexOf("link/ether ");
        return at < 0 ? "" : out.substring(at + 11, at + 28);
    }

    /** The namespace's neighbour entry for the VIP ({@code ip neigh show}). */
    String vipNeighbour(String ns) {
        return output("ip", "-n", ns, "neigh", "show", VIP);
    }

    /** Lets the namespace learn neighbours from gratuitous ARPs (arp_accept), so a test can see them. */
    void acceptGratuitousArp(String ns) throws IOException, InterruptedException {
        run("ip", "netns", "exec", ns, "sh", "-c", "echo 1 > /proc/sys/net/ipv4/conf/all/arp_accept");
    }

    /** Polls until the condition holds; returns how long it took, or fails with {@code what}. */
    static Duration await(String what, Duration timeout, BooleanSupplier condition, Lab lab) {
        long start = System.nanoTime();
        long deadline = start + timeout.toNanos();
        while (true) {
            if (condition.getAsBoolean()) {
                return Duration.ofNanos(System.nanoTime() - start);
            }
            if (System.nanoTime() - deadline > 0) {
                fail("timed out after " + timeout.toMillis() + " ms waiting for " + what + "\n" + lab.report());
            }
            try {
                Thread.sleep(50);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                fail("interrupted waiting for " + what);
            }
        }
    }

    String report() {
        StringBuilder sb = new StringBuilder();
        for (Node n : nodes) {
            sb.append("--- ").append(n.kind).append(" in ").append(n.ns).append(" (alive ")
                    .append(n.process.isAlive()).append(")\n").append(n.output());
        }
        sb.append("--- A: ").append(output("ip", "-n", nsA, "-4", "-o", "addr"));
        sb.append("--- B: ").append(output("ip", "-n", nsB, "-4", "-o", "addr"));
        return sb.toString();
    }

    @Override
    public void close() {
        for (Node n : nodes) {
            n.kill();
        }
        deleteNamespaces();
        try (var files = Files.list(dir)) {
            for (Path f : files.toList()) {
                Files.deleteIfExists(f);
            }
            Files.deleteIfExists(dir);
        } catch (IOException e) {
            // a leftover temp directory is harmless
        }
    }

    private void deleteNamespaces() {
        for (String ns : nsM == null ? List.of(nsA, nsB) : List.of(nsA, nsB, nsM)) {
            output("ip", "netns", "del", ns);
        }
    }

    /**
     * Cuts (or restores) the link between A and B in a bridged lab: both bridge ports isolated, so the bridge
     * forwards nothing between them, while every interface stays up with its carrier (no FAULT).
     */
    void cut(boolean cut) throws IOException, InterruptedException {
        for (String port : List.of(PORT_A, PORT_B)) {
            run("ip", "-n", nsM, "link", "set", port, "type", "bridge_slave", "isolated", cut ? "on" : "off");
        }
    }

    /**
     * Watches ARP frames arriving at the bridge from one node ({@code src/test/capture/arpwatch.py} on its bridge
     * port); the node's output has one line per frame: {@code ARP epoch-seconds sender-mac sender-ip}.
     */
    Node watchArp(String port) throws IOException {
        String script = Path.of("src/test/capture/arpwatch.py").toAbsolutePath().toString();
        return start(nsM, "arpwatch", List.of("ip", "netns", "exec", nsM, "python3", "-u", script, port));
    }

    static void run(String... command) throws IOException, InterruptedException {
        Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (!p.waitFor(10, TimeUnit.SECONDS) || p.exitValue() != 0) {
            throw new IOException(String.join(" ", command) + " failed: " + out);
        }
    }

    static String output(String... command) {
        try {
            Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
            String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            p.waitFor(10, TimeUnit.SECONDS);
            return out;
        } catch (IOException e) {
            return e.toString();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return "interrupted";
        }
    }

    /** One running VRRP process; its output is collected by a reader thread. */
    static final class Node {
        final String ns;
        final String kind;
        final Process process;
        Path vrrpPidFile;
        private final StringBuffer output = new StringBuffer();
        private final Thread reader;

        Node(String ns, String kind, Process process) {
            this.ns = ns;
            this.kind = kind;
            this.process = process;
            this.reader = new Thread(() -> {
                try (BufferedReader r = new BufferedReader(new InputStreamReader(process.getInputStream(),
                        StandardCharsets.UTF_8))) {
                    String line;
                    while ((line = r.readLine()) != null) {
                        output.append(line).append('\n');
                    }
                } catch (IOException e) {
                    // process gone
                }
            }, "lab-" + ns);
            reader.setDaemon(true);
            reader.start();
        }

        String output() {
            return output.toString();
        }

        boolean said(String text) {
            return output.indexOf(text) >= 0;
        }

        /** Writes a line to the process's stdin. */
        void tell(String line) throws IOException {
            process.getOutputStream().write((line + "\n").getBytes(StandardCharsets.UTF_8));
            process.getOutputStream().flush();
        }

        /** SIGTERM: the graceful stop (priority-0 advert, VIPs removed). */
        void signalStop() {
            // Process.destroy() would also close our end of its stdout and lose what it prints on the way out
            process.toHandle().destroy();
        }

        /** Waits for the process to exit after {@link #signalStop()}, and for the last of its output. */
        void awaitExit() throws InterruptedException {
            if (!process.waitFor(10, TimeUnit.SECONDS)) {
                fail(kind + " in " + ns + " did not stop within 10 s on SIGTERM\n" + output());
            }
            reader.join(5000);
        }

        /** SIGKILL, a crash: no priority-0 advert, VIPs left behind. keepalived's VRRP child goes first. */
        void kill() {
            if (!process.isAlive()) {
                return;
            }
            if (vrrpPidFile != null) {
                try {
                    String child = Files.readString(vrrpPidFile).trim();
                    Lab.output("kill", "-KILL", child, String.valueOf(process.pid()));
                } catch (IOException e) {
                    // not started yet
                }
            }
            process.destroyForcibly();
            try {
                process.waitFor(10, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }
}
