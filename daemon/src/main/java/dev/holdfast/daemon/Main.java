package dev.holdfast.daemon;

/** Process entry point: hands the command line to {@link HoldfastCommand} and exits with its code. */
public final class Main {
    private Main() {
    }

    public static void main(String[] args) {
        System.exit(HoldfastCommand.run(args, System.out, System.err));
    }
}
