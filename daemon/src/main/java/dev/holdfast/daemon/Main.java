package dev.holdfast.daemon;

/** Process entry point: hands the command line to {@link HoldfastCommand} and exits with its code. */
public final class Main {
    private Main() {
    }

    public static void main(String[] args) {
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
