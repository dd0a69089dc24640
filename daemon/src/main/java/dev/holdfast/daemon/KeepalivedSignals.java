package dev.holdfast.daemon;

import dev.holdfast.netlink.ffi.Native;
import java.lang.System.Logger;
import java.lang.System.Logger.Level;

/**
 * keepalived's real-time signals - JSON (SIGRTMIN+2), STATS_CLEAR (SIGRTMAX-1), TDUMP (SIGRTMAX) - would end the
 * JVM (their default action is to terminate, and the JVM cannot catch real-time signals), so a script that sends
 * {@code kill -s $(keepalived --signum=JSON)} to holdfast's pid would stop the director without its priority-0
 * adverts. They are ignored instead; the JSON state is served on /status.
 */
final class KeepalivedSignals {
    private static final Logger LOG = System.getLogger("holdfast");
    private static final long SIG_IGN = 1;

    private KeepalivedSignals() {
    }

    /** @return the signal numbers now ignored: JSON, STATS_CLEAR, TDUMP */
    static int[] ignore() {
        try {
            var libc = Native.libc();
            int min = libc.__libc_current_sigrtmin();
            int max = libc.__libc_current_sigrtmax();
            int[] signals = {min + 2, max - 1, max};
            for (int s : signals) {
                libc.signal(s, SIG_IGN);
            }
            return signals;
        } catch (RuntimeException | LinkageError e) {
            LOG.log(Level.WARNING, "keepalived's JSON/STATS_CLEAR signals could not be ignored: " + e.getMessage());
            return new int[0];
        }
    }

    /** keepalived --signum JSON: SIGRTMIN+2 as glibc numbers it. */
    static int json() {
        return Native.libc().__libc_current_sigrtmin() + 2;
    }
}
