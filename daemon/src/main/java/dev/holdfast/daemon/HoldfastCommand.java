package dev.holdfast.daemon;

import dev.holdfast.config.ConfigLoader;
import dev.holdfast.config.LoadOptions;
import dev.holdfast.config.LoadResult;
import dev.holdfast.config.model.HoldfastSettings;
import dev.holdfast.config.diag.Diagnostic;
import dev.holdfast.config.json.ConfigJson;
import dev.holdfast.daemon.lvs.LvsRuntime;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** The {@code holdfast} command line: keepalived's options plus holdfast's own subcommands. */
@Command(name = "holdfast", versionProvider = Version.class, sortOptions = false,
        description = {"keepalived-compatible LVS/IPVS director.", "",
            "Reads the keepalived.conf you already have. Without -t/-d or a subcommand it runs the director:",
            "VRRP for the VIPs, health checks and kernel IPVS (-P: VRRP only, -C: checks and IPVS only)."},
        subcommands = {PlanCommand.class, IpvsCommand.class, StatusCommand.class, GenhashCommand.class})
final class HoldfastCommand implements Callable<Integer> {
    static final String DEFAULT_FILE = "/etc/keepalived/keepalived.conf";

    @Option(names = {"-h", "--help"}, usageHelp = true, description = "Show this help and exit")
    boolean help;

    @Option(names = {"-v", "--version"}, versionHelp = true, description = "Print the version and exit")
    boolean version;

    @Option(names = {"-f", "--use-file"}, paramLabel = "FILE", scope = CommandLine.ScopeType.INHERIT, description = "Configuration file "
            + "(default: ${DEFAULT-VALUE})", defaultValue = DEFAULT_FILE)
    Path file;

    @Option(names = {"-t", "--config-test"}, arity = "0..1", paramLabel = "LOGFILE", fallbackValue = "",
            description = "Check the configuration and exit: 0 valid, 4 cannot run, 5 errors, 6 scripts without "
                    + "enable_script_security (as keepalived -t). With LOGFILE, messages go there.")
    String configTest;

    @Option(names = "--strict", description = "With -t: warnings count as errors (exit 5)")
    boolean strict;

    @Option(names = {"-d", "--dump-conf"}, description = "Print the resolved configuration as JSON, every default "
            + "filled in, and exit")
    boolean dumpConf;

    @Option(names = {"-i", "--config-id"}, paramLabel = "ID", scope = CommandLine.ScopeType.INHERIT, description = "config-id for @ID lines "
            + "(default: the short host name)")
    String configId;

    @Option(names = {"-e", "--all-config"}, scope = CommandLine.ScopeType.INHERIT, description = "Fail if any included configuration file is missing")
    boolean allConfig;

    @Option(names = {"-I", "--dont-release-ipvs"}, description = "Keep the IPVS table at exit")
    boolean dontReleaseIpvs;

    @Option(names = {"-n", "--dont-fork"}, description = "Stay in the foreground (holdfast always does)")
    boolean dontFork;

    @Option(names = {"-l", "--log-console"}, description = "Log to the console (holdfast logs to stderr)")
    boolean logConsole;

    @Option(names = {"-D", "--log-detail"}, description = "Detailed logs")
    boolean logDetail;

    @Option(names = {"-C", "--check"}, description = "Run only the health checkers and IPVS")
    boolean checkOnly;

    @Option(names = {"-P", "--vrrp"}, description = "Run only VRRP")
    boolean vrrpOnly;

    @Option(names = {"-V", "--dont-release-vrrp"}, description = "Keep VIPs at exit: no priority-0 advert, no "
            + "notify STOP (the next start removes leftovers)")
    boolean dontReleaseVrrp;

    @Option(names = {"-p", "--pid"}, paramLabel = "FILE", description = "Write the pid to FILE (holdfast is one "
            + "process: -r/--vrrp_pid and -c/--checkers_pid name files that get the same pid)")
    Path pidFile;

    @Option(names = {"-r", "--vrrp_pid"}, paramLabel = "FILE", description = "Also write the pid to FILE")
    Path vrrpPidFile;

    @Option(names = {"-c", "--checkers_pid"}, paramLabel = "FILE", description = "Also write the pid to FILE")
    Path checkersPidFile;

    @Option(names = {"-b", "--bfd_pid"}, paramLabel = "FILE", description = "Also write the pid to FILE")
    Path bfdPidFile;

    @Option(names = {"-g", "--log-file"}, arity = "0..1", paramLabel = "FILE", fallbackValue = "/tmp/keepalived.log",
            description = "Also log to FILE (default /tmp/keepalived.log)")
    Path logFile;

    @Option(names = "--flush-log-file", description = "Accepted: holdfast flushes every log line")
    boolean flushLogFile;

    @Option(names = {"-G", "--no-syslog"}, description = "Accepted: holdfast uses syslog only with -S")
    boolean noSyslog;

    @Option(names = {"-R", "--dont-respawn"}, description = "Accepted: holdfast is one process, nothing to respawn")
    boolean dontRespawn;

    @Option(names = {"-B", "--no_bfd"}, description = "Accepted: holdfast has no BFD")
    boolean noBfd;

    @Option(names = "--signum", paramLabel = "SIGFUNC", description = "Print the signal number of STOP, RELOAD, "
            + "DATA or STATS and exit")
    String signum;

    @Option(names = "--listen", paramLabel = "HOST:PORT|off",
            description = "Read-only HTTP listener for /metrics (Prometheus), /status (JSON) and /healthz "
                    + "(default: listen in the config's holdfast block, else 127.0.0.1:9650; off: none)")
    String listen;

    @Option(names = "--keepalived-metric-names", description = "Also expose keepalived_exporter's metric names "
            + "(or keepalived_metric_names in the holdfast block)")
    boolean keepalivedMetricNames;

    @Option(names = "--drain-timeout", paramLabel = "SECONDS", description = "A real server a reload removed keeps "
            + "weight 0 until its active connections end, at most this long (default: drain_timeout in the "
            + "holdfast block, else 300)")
    Long drainTimeout;

    @Option(names = "--drift-check", paramLabel = "SECONDS", description = "Compare the IPVS table with what "
            + "holdfast wrote this often and repair changes made behind its back (default: drift_check in the "
            + "holdfast block, else 30; 0: never)")
    Long driftCheck;

    @Option(names = {"-S", "--log-facility"}, paramLabel = "FACILITY", description = "Also log to syslog (/dev/log) "
            + "with this facility: 0-7 (local0-local7), local0-local7, user or daemon")
    String logFacility;

    // keepalived options holdfast does not implement: recognised so the message names them

    @Option(names = {"-u", "--umask"}, hidden = true)
    String umask;

    @Option(names = {"-X", "--release-vips"}, hidden = true)
    boolean releaseVips;

    @Option(names = {"-a", "--address-monitoring"}, hidden = true)
    boolean addressMonitoring;

    @Option(names = {"-s", "--namespace"}, hidden = true)
    String namespace;

    @Option(names = {"-x", "--snmp"}, hidden = true)
    boolean snmp;

    @Option(names = {"-A", "--snmp-agent-socket"}, hidden = true)
    String snmpSocket;

    @Option(names = {"-m", "--core-dump"}, hidden = true)
    boolean coreDump;

    @Option(names = {"-M", "--core-dump-pattern"}, hidden = true, arity = "0..1", fallbackValue = "")
    String coreDumpPattern;

    @Option(names = "--all", hidden = true)
    boolean all;

    @Option(names = {"--perf", "--debug"}, hidden = true, arity = "0..1", fallbackValue = "")
    String debug;

    @Option(names = {"--no-mem-check", "--openssl-mem-check", "--ignore-sigint"}, hidden = true)
    boolean memCheck;

    @Option(names = {"-L", "--mem-check-log"}, hidden = true)
    boolean memCheckLog;

    @Option(names = "--config-fd", hidden = true)
    String configFd;

    PrintStream out = System.out;
    PrintStream err = System.err;

    static int run(String[] args, PrintStream out, PrintStream err) {
        HoldfastCommand cmd = new HoldfastCommand();
        cmd.out = out;
        cmd.err = err;
        CommandLine cl = new CommandLine(cmd);
        cl.setOut(new PrintWriter(out, true));
        cl.setErr(new PrintWriter(err, true));
        cl.setParameterExceptionHandler((ex, a) -> {
            err.println("holdfast: " + ex.getMessage());
            err.println("Try 'holdfast --help'.");
            return 2;
        });
        cl.setExecutionExceptionHandler((ex, c, p) -> {
            err.println("holdfast: " + ex);
            return 1;
        });
        return cl.execute(args);
    }

    LoadOptions loadOptions() {
        LoadOptions o = LoadOptions.defaults().withAllConfig(allConfig);
        return configId == null ? o : o.withConfigId(configId);
    }

    LoadResult load() {
        return new ConfigLoader(loadOptions()).load(file);
    }

    @Override
    public Integer call() throws IOException {
        if (configTest != null) {
            return configTest();
        }
        if (dumpConf) {
            LoadResult r = load();
            print(r, err);
            if (r.config() == null) {
                return LoadResult.EXIT_CANNOT_RUN;
            }
            out.println(ConfigJson.write(r.config()));
            return 0;
        }
        if (signum != null) {
            return signum();
        }
        String unsupported = unsupported();
        if (unsupported != null) {
            err.println("holdfast: " + unsupported);
            return 2;
        }
        Integer facility = null;
        if (logFacility != null) {
            try {
                facility = dev.holdfast.daemon.observe.SyslogHandler.facility(logFacility);
            } catch (IllegalArgumentException e) {
                err.println("holdfast: -S " + logFacility + ": " + e.getMessage());
                return 2;
            }
        }
        try {
            Logging.configure(logDetail, logFile, facility);
        } catch (IOException e) {
            err.println("holdfast: --log-file " + logFile + ": " + e.getMessage());
            return 2;
        }
        LoadResult r = load();
        print(r, err);
        if (r.config() == null) {
            return LoadResult.EXIT_CANNOT_RUN;
        }
        // the command line wins over the holdfast { } block, which wins over the built-in defaults
        HoldfastSettings block = r.config().holdfast();
        String listenTo = listen != null ? listen : block.listen() != null ? block.listen() : "127.0.0.1:9650";
        InetSocketAddress listenAt;
        try {
            listenAt = Listen.parse(listenTo);
        } catch (IllegalArgumentException e) {
            err.println("holdfast: " + (listen != null ? "--listen " : "listen in the holdfast block: ") + listenTo
                    + ": " + e.getMessage());
            return 2;
        }
        long drainSeconds = drainTimeout != null ? drainTimeout
                : block.drainTimeout() != null ? block.drainTimeout().micros() / 1_000_000 : 300;
        long driftSeconds = driftCheck != null ? driftCheck
                : block.driftCheck() != null ? block.driftCheck().micros() / 1_000_000 : 30;
        if (drainSeconds < 0 || driftSeconds < 0) {
            err.println("holdfast: --drain-timeout and --drift-check take seconds >= 0");
            return 2;
        }
        boolean exporterNames = keepalivedMetricNames || Boolean.TRUE.equals(block.keepalivedMetricNames());
        List<Path> pids = new ArrayList<>();
        for (Path p : new Path[] {pidFile, vrrpPidFile, checkersPidFile, bfdPidFile}) {
            if (p != null) {
                pids.add(p);
            }
        }
        Director.Settings settings = new Director.Settings(file, this::load, !vrrpOnly, !checkOnly,
                new LvsRuntime.Settings(dontReleaseIpvs, Duration.ofSeconds(drainSeconds),
                        Duration.ofSeconds(driftSeconds)), listenAt, exporterNames, pids, dontReleaseVrrp);
        return new Director(settings, r.config()).run(err);
    }

    /** keepalived --signum: the numbers holdfast answers to. */
    private int signum() {
        Integer n = switch (signum.toUpperCase(java.util.Locale.ROOT)) {
            case "STOP" -> 15;
            case "RELOAD" -> 1;
            case "DATA" -> 10;
            case "STATS" -> 12;
            default -> null;
        };
        if (signum.equalsIgnoreCase("JSON")) {
            err.println("holdfast: --signum JSON: holdfast ignores keepalived's JSON signal (SIGRTMIN+2 = "
                    + KeepalivedSignals.json() + ": the JVM cannot catch real-time signals); the same state is on "
                    + "GET /status of the --listen address (holdfast status --json)");
            return 1;
        }
        if (n == null) {
            err.println("holdfast: --signum " + signum + ": holdfast answers STOP (15), RELOAD (1), DATA (10) and "
                    + "STATS (12); for JSON use GET /status on the --listen address");
            return 1;
        }
        out.println(n);
        return 0;
    }

    /** The first keepalived option given that holdfast does not implement, as a message naming it; else null. */
    private String unsupported() {
        Object[][] table = {
            {umask, "-u/--umask: set the umask in the service manager (systemd UMask=) instead"},
            {releaseVips ? true : null, "-X/--release-vips is not supported"},
            {addressMonitoring ? true : null, "-a/--address-monitoring is not supported"},
            {namespace, "-s/--namespace is not supported: start holdfast inside the namespace (ip netns exec NAME)"},
            {snmp ? true : null, "-x/--snmp is not supported: holdfast has no SNMP agent; use the Prometheus "
                    + "metrics (--listen)"},
            {snmpSocket, "-A/--snmp-agent-socket is not supported: holdfast has no SNMP agent"},
            {coreDump ? true : null, "-m/--core-dump is not supported"},
            {coreDumpPattern, "-M/--core-dump-pattern is not supported"},
            {all ? true : null, "--all is not supported: holdfast runs the parts the configuration has"},
            {debug, "--perf/--debug are keepalived debugging options holdfast does not have"},
            {memCheck || memCheckLog ? true : null, "keepalived's memory-check options are not supported"},
            {configFd, "--config-fd is internal to keepalived"},
        };
        for (Object[] row : table) {
            if (row[0] != null) {
                return (String) row[1];
            }
        }
        return null;
    }

    private int configTest() throws IOException {
        LoadResult r = load();
        if (configTest.isEmpty()) {
            print(r, err);
        } else {
            try (PrintStream log = new PrintStream(Files.newOutputStream(Path.of(configTest)), true,
                    StandardCharsets.UTF_8)) {
                print(r, log);
            }
        }
        return r.exitCode(strict);
    }

    static void print(LoadResult r, PrintStream to) {
        long errors = 0;
        long warnings = 0;
        for (Diagnostic d : r.diagnostics()) {
            to.println(d);
            if (d.severity() == dev.holdfast.config.diag.Severity.WARNING) {
                warnings++;
            } else {
                errors++;
            }
        }
        if (errors + warnings > 0) {
            to.println(errors + " error" + (errors == 1 ? "" : "s") + ", " + warnings + " warning"
                    + (warnings == 1 ? "" : "s"));
        }
    }
}
