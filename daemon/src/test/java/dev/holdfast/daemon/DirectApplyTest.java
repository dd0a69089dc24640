package dev.holdfast.daemon;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintStream;
import java.io.OutputStream;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import picocli.CommandLine;

/** {@code ipvs apply} read without picocli sets exactly what picocli sets, and leaves every other line to picocli. */
class DirectApplyTest {
    private static final PrintStream NOWHERE = new PrintStream(OutputStream.nullOutputStream());

    private static String[] words(String line) {
        return line.isEmpty() ? new String[0] : line.split(" ");
    }

    private static List<Object> fields(IpvsCommand.ApplyCommand a) {
        HoldfastCommand root = a.ipvs.root;
        return List.of(String.valueOf(root.file), String.valueOf(root.configId), root.allConfig, a.dryRun,
                a.allServices, a.force, a.verbose);
    }

    @ParameterizedTest
    @ValueSource(strings = {"ipvs apply", "ipvs apply -f /tmp/k.conf", "ipvs apply --use-file /tmp/k.conf --dry-run",
        "ipvs apply --force --all-services -e -i web1 -f k.conf", "ipvs apply --config-id a --all-config --verbose"})
    void plainLinesReadAsPicocliReadsThem(String line) {
        IpvsCommand.ApplyCommand direct = IpvsCommand.DirectApply.parse(words(line), NOWHERE, NOWHERE);
        assertThat(direct).isNotNull();
        HoldfastCommand root = new HoldfastCommand();
        CommandLine.ParseResult parsed = new CommandLine(root).parseArgs(words(line));
        IpvsCommand.ApplyCommand viaPicocli = (IpvsCommand.ApplyCommand) parsed.subcommand().subcommand()
                .commandSpec().userObject();
        assertThat(fields(direct)).isEqualTo(fields(viaPicocli));
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "--version", "ipvs", "ipvs list", "ipvs apply --help", "ipvs apply -h",
        "ipvs apply --dryrun", "ipvs apply -f", "ipvs apply -f --force", "ipvs apply --use-file=k.conf",
        "-f k.conf ipvs apply", "ipvs apply extra", "plan -f k.conf",
        "ipvs apply -f a.conf -f b.conf", "ipvs apply -i a -i b"})
    void everyOtherLineIsLeftToPicocli(String line) {
        assertThat(IpvsCommand.DirectApply.parse(words(line), NOWHERE, NOWHERE)).isNull();
    }
}
