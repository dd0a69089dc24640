package dev.holdfast.daemon;

/**
 * Process entry point: hands the command line to {@link HoldfastCommand} (picocli) and exits with its code; the plain
 * {@code ipvs apply} line, the one run on large tables, skips picocli ({@link IpvsCommand.DirectApply}).
 */
public final class Main {
    private Main() {
    }

    public static void main(String[] args) {
        Integer direct = IpvsCommand.DirectApply.run(args, System.out, System.err);
        if (direct != null) {
            // a one-shot command with nothing left to clean up (its netlink socket is closed): skip the JVM's
            // orderly shutdown, which under emulation costs a noticeable part of a large apply
            System.out.flush();
            System.err.flush();
            Runtime.getRuntime().halt(direct);
        }
        System.exit(HoldfastCommand.run(genhashMode(args), System.out, System.err));
    }

    /** keepalived's -T/--genhash (it must be the first option) is holdfast's genhash subcommand. */
    static String[] genhashMode(String[] args) {
        if (args.length > 0 && (args[0].equals("-T") || args[0].equals("--genhash"))) {
            String[] out = args.clone();
            out[0] = "genhash";
            return out;
        }
        return args;
    }
}
