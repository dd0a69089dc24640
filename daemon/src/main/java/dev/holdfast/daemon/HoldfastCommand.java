package dev.holdfast.daemon;

import java.io.PrintStream;
import java.io.PrintWriter;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/** The {@code holdfast} command line: keepalived's options plus holdfast's own subcommands. */
@Command(name = "holdfast", mixinStandardHelpOptions = true, versionProvider = Version.class,
        description = "keepalived-compatible LVS/IPVS director")
final class HoldfastCommand implements Callable<Integer> {

    static int run(String[] args, PrintStream out, PrintStream err) {
        CommandLine cl = new CommandLine(new HoldfastCommand());
        cl.setOut(new PrintWriter(out, true));
        cl.setErr(new PrintWriter(err, true));
        return cl.execute(args);
    }

    @Override
    public Integer call() {
        return 0;
    }
}
