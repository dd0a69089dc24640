package dev.holdfast.daemon.observe;

import java.io.IOException;
import java.io.RandomAccessFile;
import java.lang.System.Logger;
import java.lang.System.Logger.Level;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.TimeUnit;

/**
 * keepalived's notify FIFOs (notify_fifo, vrrp_notify_fifo, lvs_notify_fifo): each is created when missing
 * ({@code mkfifo -m 600}) and opened read-write, as keepalived opens it, so a line is written whether or not a
 * reader is attached and writing never waits for one. Lines are short, so each write is atomic even when the VRRP
 * and LVS halves share one FIFO. Not thread-safe: each owner writes from its own single thread.
 */
public final class NotifyFifos implements AutoCloseable {
    private static final Logger LOG = System.getLogger("holdfast");
    private final List<RandomAccessFile> fifos;

    private NotifyFifos(List<RandomAccessFile> fifos) {
        this.fifos = fifos;
    }

    /** Opens every distinct non-null path; one that cannot be made or opened is logged and left out. */
    public static NotifyFifos open(Collection<String> paths) {
        List<RandomAccessFile> open = new ArrayList<>();
        for (String path : new LinkedHashSet<>(paths.stream().filter(Objects::nonNull).toList())) {
            RandomAccessFile f = openOne(path);
            if (f != null) {
                open.add(f);
            }
        }
        return new NotifyFifos(open);
    }

    public boolean isEmpty() {
        return fifos.isEmpty();
    }

    private static RandomAccessFile openOne(String path) {
        try {
            if (!Files.exists(Path.of(path))) {
                Process p = new ProcessBuilder("mkfifo", "-m", "600", path).redirectErrorStream(true).start();
                if (!p.waitFor(10, TimeUnit.SECONDS) || p.exitValue() != 0) {
                    LOG.log(Level.WARNING, "notify FIFO " + path + ": mkfifo failed: "
                            + new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8).strip());
                    return null;
                }
            }
            return new RandomAccessFile(path, "rw");
        } catch (IOException e) {
            LOG.log(Level.WARNING, "notify FIFO " + path + ": " + e.getMessage());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        return null;
    }

    /** Writes {@code line} and a newline to every FIFO. */
    public void write(String line) {
        byte[] bytes = (line + "\n").getBytes(StandardCharsets.UTF_8);
        for (RandomAccessFile f : fifos) {
            try {
                f.write(bytes);
            } catch (IOException e) {
                LOG.log(Level.WARNING, "notify FIFO: " + e.getMessage());
            }
        }
    }

    @Override
    public void close() {
        for (RandomAccessFile f : fifos) {
            try {
                f.close();
            } catch (IOException e) {
                // closing a FIFO we only wrote to
            }
        }
    }
}
