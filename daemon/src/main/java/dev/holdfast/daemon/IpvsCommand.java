package dev.holdfast.daemon;

import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import dev.holdfast.config.LoadResult;
import dev.holdfast.ipvs.IpvsTable;
import dev.holdfast.ipvs.IpvsadmListing;
import dev.holdfast.ipvs.Operation;
import dev.holdfast.ipvs.Ownership;
import dev.holdfast.ipvs.PlanPrinter;
import dev.holdfast.ipvs.Reconciler;
import dev.holdfast.ipvs.config.ConfiguredTable;
import dev.holdfast.ipvs.kernel.DestinationStatus;
import dev.holdfast.ipvs.kernel.IpvsClient;
import dev.holdfast.ipvs.kernel.IpvsException;
import dev.holdfast.ipvs.kernel.OperationResult;
import dev.holdfast.ipvs.kernel.ServiceStatus;
import dev.holdfast.netlink.NetlinkException;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;

/** {@code holdfast ipvs}: the kernel's IPVS table without ipvsadm. */
@Command(name = "ipvs", mixinStandardHelpOptions = true, description = "Read or program the kernel IPVS table.",
        subcommands = {IpvsCommand.ListCommand.class, IpvsCommand.ApplyCommand.class})
final class IpvsCommand implements Callable<Integer> {
    @ParentCommand
    HoldfastCommand root;

    @Override
    public Integer call() {
        root.err.println("holdfast ipvs: say 'list' or 'apply' (holdfast ipvs --help)");
        return 2;
    }

    /** Opens the client, reporting a kernel without IPVS or missing privileges in one line. */
    static IpvsClient open(HoldfastCommand root) {
        try {
            return IpvsClient.open();
        } catch (IpvsException | NetlinkException e) {
            root.err.println("holdfast: " + e.getMessage());
            return null;
        }
    }

    @Command(name = "list", mixinStandardHelpOptions = true,
            description = "The kernel table in ipvsadm -Ln columns (addresses are always numeric).")
    static final class ListCommand implements Callable<Integer> {
        @ParentCommand
        IpvsCommand ipvs;

        @Option(names = "-n", description = "Numeric output (the default; accepted as ipvsadm has it)")
        boolean numeric;

        @Option(names = "--stats", description = "Counters, as ipvsadm -Ln --stats")
        boolean stats;

        @Option(names = "--exact", description = "With --stats: exact numbers, no K/M suffixes")
        boolean exact;

        @Option(names = "--json", description = "The table and counters as JSON")
        boolean json;

        @Override
        public Integer call() throws Exception {
            HoldfastCommand root = ipvs.root;
            try (IpvsClient client = open(root)) {
                if (client == null) {
                    return 1;
                }
                String version = "IP Virtual Server version " + client.info().versionString() + " (size="
                        + client.info().connectionTableSize() + ")";
                List<IpvsadmListing.Entry> entries = new ArrayList<>();
                for (ServiceStatus s : client.listServices()) {
                    List<IpvsadmListing.Row> rows = new ArrayList<>();
                    for (DestinationStatus d : client.listDestinations(s.service().key())) {
                        rows.add(new IpvsadmListing.Row(d.destination(), d.activeConnections(),
                                d.inactiveConnections(), d.stats()));
                    }
                    entries.add(new IpvsadmListing.Entry(s.service(), s.stats(), rows));
                }
                if (json) {
                    root.out.println(JsonMapper.builder().enable(SerializationFeature.INDENT_OUTPUT).build()
                            .writeValueAsString(entries.stream().map(Json::service).toList()));
                } else {
                    root.out.print(stats ? IpvsadmListing.stats(version, entries, exact)
                            : IpvsadmListing.list(version, entries));
                }
                return 0;
            } catch (IpvsException | NetlinkException e) {
                root.err.println("holdfast: " + e.getMessage());
                return 1;
            }
        }
    }

    @Command(name = "apply", mixinStandardHelpOptions = true,
            description = {"Program the virtual_servers of a keepalived.conf once, every real server at its configured "
                    + "weight (no checks, no sorry servers): ipvsadm-restore without ipvsadm.",
                "Only the difference is sent: what the kernel already has is kept, drift is repaired.",
                "Checker blocks (HTTP_GET, TCP_CHECK...) are skipped unread; holdfast -t checks them."})
    static final class ApplyCommand implements Callable<Integer> {
        @ParentCommand
        IpvsCommand ipvs;

        @Option(names = "--dry-run", description = "Print the operations (ipvsadm syntax) without touching the kernel")
        boolean dryRun;

        @Option(names = "--all-services", description = "Own the whole table: delete services not in the "
                + "configuration (default: touch only configured services)")
        boolean allServices;

        @Option(names = "--force", description = "Apply even when the configuration has errors")
        boolean force;

        @Option(names = "--verbose", description = "List every operation sent, however many (default: up to "
                + LIST_LIMIT + ", then only the count)")
        boolean verbose;

        /** More sent operations than this are counted, not listed, unless --verbose (ipvsadm-restore lists none). */
        static final int LIST_LIMIT = 1000;

        @Override
        public Integer call() {
            HoldfastCommand root = ipvs.root;
            // The kernel side (netlink socket, IPVS family, the current table) is read while the configuration
            // parses: it does not depend on it, and on a large file both take seconds.
            KernelRead kernel = KernelRead.start();
            try {
                return apply(root, kernel);
            } finally {
                kernel.close();
            }
        }

        private int apply(HoldfastCommand root, KernelRead kernel) {
            // the table needs no checker: their blocks are skipped unread (most of a large file's lines)
            LoadResult r = new dev.holdfast.config.ConfigLoader(root.loadOptions().withoutCheckers()).load(root.file);
            HoldfastCommand.print(r, root.err);
            if (r.config() == null) {
                return LoadResult.EXIT_CANNOT_RUN;
            }
            if (r.hasErrors() && !force) {
                root.err.println("holdfast: the configuration has errors; nothing applied (fix them, or --force "
                        + "to apply what was read)");
                return LoadResult.EXIT_ERRORS;
            }
            IpvsTable desired = ConfiguredTable.allUp(r.config());
            RuntimeException openFailure = kernel.openFailure();
            if (dryRun && openFailure != null) {
                root.err.println("holdfast: this kernel has no IPVS; planning against an empty table");
                List<Operation> plan = Reconciler.plan(desired, IpvsTable.EMPTY, Ownership.ONLY_CONFIGURED);
                root.out.print(PlanPrinter.print(plan));
                root.out.println(plan.size() + " operation(s) planned, none sent (--dry-run)");
                return 0;
            }
            if (openFailure != null) {
                root.err.println("holdfast: " + openFailure.getMessage());
                return 1;
            }
            try {
                IpvsClient client = kernel.client();
                List<Operation> plan = Reconciler.plan(desired, kernel.table(),
                        allServices ? Ownership.ALL : Ownership.ONLY_CONFIGURED);
                if (dryRun || plan.isEmpty()) {
                    root.out.print(PlanPrinter.print(plan));
                    root.out.println(plan.isEmpty() ? "nothing to do: the kernel already matches "
                            + desired.services().size() + " service(s)" : plan.size() + " operation(s) planned, "
                            + "none sent (--dry-run)");
                    return 0;
                }
                long t0 = System.nanoTime();
                List<OperationResult> results = client.apply(plan);
                long ms = (System.nanoTime() - t0) / 1_000_000;
                List<Operation> sent = new ArrayList<>(results.size());
                for (OperationResult res : results) {
                    if (res.error().isEmpty()) {
                        sent.add(res.operation());
                    }
                }
                int failed = results.size() - sent.size();
                if (verbose || sent.size() <= LIST_LIMIT) {
                    root.out.print(PlanPrinter.print(sent));
                } else {
                    root.out.println("(" + sent.size() + " operations sent, not listed: --verbose lists them)");
                }
                for (String line : OperationResult.errorLines(results)) {
                    root.err.println("holdfast: " + line);
                }
                root.out.println(results.size() + " operation(s) sent in " + ms + " ms, " + failed + " failed");
                return failed == 0 ? 0 : 1;
            } catch (IpvsException | NetlinkException e) {
                root.err.println("holdfast: " + e.getMessage());
                return 1;
            }
        }
    }

    /**
     * {@code holdfast ipvs apply} without picocli: building picocli's model of the whole command line costs more than
     * the rest of a JVM start (its classes cannot be class-data shared), and under emulation it is seconds. Only the
     * plain form is taken here: {@code ipvs apply} followed by the options below; anything else (help, an unknown or
     * misspelt option) returns null and goes to picocli, which answers it as before.
     */
    static final class DirectApply {
        private DirectApply() {
        }

        /** The command ready to call, or null when the line is not the plain form. */
        static ApplyCommand parse(String[] args, PrintStream out, PrintStream err) {
            if (args.length < 2 || !args[0].equals("ipvs") || !args[1].equals("apply")) {
                return null;
            }
            HoldfastCommand root = new HoldfastCommand();
            root.out = out;
            root.err = err;
            root.file = Path.of(HoldfastCommand.DEFAULT_FILE);
            ApplyCommand apply = new ApplyCommand();
            apply.ipvs = new IpvsCommand();
            apply.ipvs.root = root;
            boolean fileGiven = false;
            for (int i = 2; i < args.length; i++) {
                String a = args[i];
                switch (a) {
                    case "--dry-run" -> apply.dryRun = true;
                    case "--all-services" -> apply.allServices = true;
                    case "--force" -> apply.force = true;
                    case "--verbose" -> apply.verbose = true;
                    case "-e", "--all-config" -> root.allConfig = true;
                    case "-f", "--use-file", "-i", "--config-id" -> {
                        boolean isFile = a.equals("-f") || a.equals("--use-file");
                        // picocli refuses a repeated option: it gives that message
                        if (i + 1 == args.length || args[i + 1].startsWith("-")
                                || (isFile ? fileGiven : root.configId != null)) {
                            return null;
                        }
                        String value = args[++i];
                        if (isFile) {
                            root.file = Path.of(value);
                            fileGiven = true;
                        } else {
                            root.configId = value;
                        }
                    }
                    default -> {
                        return null;
                    }
                }
            }
            return apply;
        }

        /** Runs the plain form and returns its exit code, or null when picocli must read the line. */
        static Integer run(String[] args, PrintStream out, PrintStream err) {
            ApplyCommand apply;
            try {
                apply = parse(args, out, err);
            } catch (java.nio.file.InvalidPathException e) {
                return null;
            }
            if (apply == null) {
                return null;
            }
            // A few thousand native calls at most: jnr-ffi's reflective invoker is fast enough, and skips
            // generating a bytecode stub per native method at start-up (seconds under emulation). Only when the
            // caller did not choose.
            if (System.getProperty("jnr.ffi.asm.enabled") == null) {
                System.setProperty("jnr.ffi.asm.enabled", "false");
            }
            try {
                return apply.call();
            } catch (RuntimeException e) {
                err.println("holdfast: " + e);
                return 1;
            }
        }
    }

    /**
     * Opens the IPVS client and dumps the kernel table on a thread of its own. The caller takes the outcome with
     * {@link #openFailure()}, {@link #client()} and {@link #table()}, which wait for it; a failure to open (no
     * IPVS, not root) or to read the table is handed over as the exception the same calls would have thrown.
     */
    static final class KernelRead implements AutoCloseable {
        private final Thread thread;
        private IpvsClient client;
        private IpvsTable table;
        private RuntimeException openFailure;
        private RuntimeException readFailure;

        private KernelRead() {
            thread = new Thread(this::read, "ipvs-read");
            thread.setDaemon(true);
        }

        static KernelRead start() {
            KernelRead k = new KernelRead();
            k.thread.start();
            return k;
        }

        private void read() {
            try {
                client = IpvsClient.open();
            } catch (IpvsException | NetlinkException e) {
                openFailure = e;
                return;
            }
            try {
                table = client.table();
            } catch (RuntimeException e) {
                readFailure = e;
            }
        }

        private void await() {
            boolean interrupted = false;
            while (true) {
                try {
                    thread.join();
                    break;
                } catch (InterruptedException e) {
                    interrupted = true;
                }
            }
            if (interrupted) {
                Thread.currentThread().interrupt();
            }
        }

        /** Why the client could not be opened, or null. */
        RuntimeException openFailure() {
            await();
            return openFailure;
        }

        IpvsClient client() {
            await();
            return client;
        }

        /** The kernel table; throws what reading it threw. */
        IpvsTable table() {
            await();
            if (readFailure != null) {
                throw readFailure;
            }
            return table;
        }

        @Override
        public void close() {
            await();
            if (client != null) {
                client.close();
            }
        }
    }


    /** JSON shapes for {@code list --json}: plain values, stable names. */
    static final class Json {
        private Json() {
        }

        static java.util.Map<String, Object> service(IpvsadmListing.Entry e) {
            var m = new java.util.LinkedHashMap<String, Object>();
            m.put("service", e.service().key().toString());
            m.put("scheduler", e.service().scheduler());
            m.put("flags", e.service().flags().stream().map(f -> f.nameFor(e.service().scheduler())).sorted().toList());
            m.put("persistence_timeout", e.service().persistent() ? e.service().timeout() : 0);
            m.put("netmask", e.service().netmask());
            m.put("stats", e.stats());
            m.put("destinations", e.destinations().stream().map(r -> {
                var d = new java.util.LinkedHashMap<String, Object>();
                d.put("destination", r.destination().key().toString());
                d.put("forward", r.destination().forwarding().getClass().getSimpleName());
                d.put("weight", r.destination().weight());
                d.put("active_connections", r.activeConnections());
                d.put("inactive_connections", r.inactiveConnections());
                d.put("stats", r.stats());
                return d;
            }).toList());
            return m;
        }
    }
}
