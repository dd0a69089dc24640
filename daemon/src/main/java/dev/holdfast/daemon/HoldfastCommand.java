package dev.holdfast.daemon;

import dev.holdfast.config.ConfigLoader;
import dev.holdfast.config.LoadOptions;
import dev.holdfast.config.LoadResult;
import dev.holdfast.config.diag.Diagnostic;
import dev.holdfast.config.json.ConfigJson;
import java.io.IOException;
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
        subcommands = {PlanCommand.class, IpvsCommand.class})
final class HoldfastCommand implements Callable<Integer> {

    @Option(names = {"-h", "--help"}, usageHelp = true, description = "Show this help and exit")
    boolean help;

    @Option(names = {"-v", "--version"}, versionHelp = true, description = "Print the version and exit")
    boolean version;

    @Option(names = {"-f", "--use-file"}, paramLabel = "FILE", scope = CommandLine.ScopeType.INHERIT, description = "Configuration file "
            + "(default: ${DEFAULT-VALUE})", defaultValue = "/etc/keepalived/keepalived.conf")
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

    @Option(names = {"-V", "--dont-release-vrrp"}, description = "Keep VIPs at exit (not yet honoured: VIPs are "
            + "removed)")
    boolean dontReleaseVrrp;

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
        Daemon.configureLogging(logDetail);
        LoadResult r = load();
        print(r, err);
        if (r.config() == null) {
            return LoadResult.EXIT_CANNOT_RUN;
        }
        return Daemon.run(r.config(), new Daemon.Parts(!vrrpOnly, !checkOnly, dontReleaseIpvs, dontReleaseVrrp), err);
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
