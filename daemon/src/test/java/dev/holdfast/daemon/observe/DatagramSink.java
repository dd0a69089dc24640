package dev.holdfast.daemon.observe;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;

/**
 * A real AF_UNIX datagram socket bound by python3 (Java has none) that writes the first {@code count} datagrams
 * it receives to a file, each followed by '|': plays systemd's notify socket or syslog's /dev/log in tests.
 */
final class DatagramSink {
    private final Process process;
    private final Path out;

    private DatagramSink(Process process, Path out) {
        this.process = process;
        this.out = out;
    }

    static DatagramSink bind(Path socket, int count) throws IOException, InterruptedException {
        Path out = Path.of(socket + ".got");
        Process p = new ProcessBuilder("python3", "-c", String.join("\n",
                "import socket, sys",
                "s = socket.socket(socket.AF_UNIX, socket.SOCK_DGRAM)",
                "s.bind(sys.argv[1])",
                "open(sys.argv[2] + '.bound', 'w').close()",
                "with open(sys.argv[2], 'w') as out:",
                "    for _ in range(int(sys.argv[3])):",
                "        out.write(s.recv(4096).decode() + '|')",
                "        out.flush()"), socket.toString(), out.toString(), Integer.toString(count))
                .redirectErrorStream(true).start();
        Path bound = Path.of(out + ".bound");
        for (int i = 0; i < 100 && !Files.exists(bound); i++) {
            Thread.sleep(50);
        }
        return new DatagramSink(p, out);
    }

    /** Waits for the datagrams and returns them, each followed by '|'. */
    String received() throws IOException, InterruptedException {
        if (!process.waitFor(10, TimeUnit.SECONDS)) {
            process.destroyForcibly();
            throw new IOException("the datagrams did not all arrive");
        }
        return Files.readString(out, StandardCharsets.UTF_8);
    }
}
