package dev.holdfast.ipvs;

import java.util.EnumSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;

/**
 * A virtual service as the kernel holds it, without its destinations. The same record describes the
 * desired service and the one read back from the kernel, so comparing them is {@code equals}.
 *
 * @param key what identifies the service
 * @param scheduler scheduler name (rr, wrr, lc, wlc, lblc, lblcr, dh, sh, sed, nq, fo, ovf, mh, twos, or
 *                  any other ip_vs_* module the kernel can load)
 * @param flags service flags; persistence is the PERSISTENT flag plus {@code timeout}
 * @param timeout persistence timeout in seconds (0 when not persistent)
 * @param netmask persistence granularity as a prefix length: 0..32 for IPv4, 1..128 for IPv6
 * @param persistenceEngine persistence engine name such as "sip", or "" for none
 */
public record Service(ServiceKey key, String scheduler, Set<ServiceFlag> flags, int timeout, int netmask,
                      String persistenceEngine) {

    /** The schedulers of mainline Linux, in ipvsadm's order. */
    public static final List<String> SCHEDULERS =
            List.of("rr", "wrr", "lc", "wlc", "lblc", "lblcr", "dh", "sh", "sed", "nq", "fo", "ovf", "mh", "twos");

    /** IP_VS_SCHEDNAME_MAXLEN and IP_VS_PENAME_MAXLEN include the terminating NUL. */
    private static final int NAME_MAX = 15;

    public Service {
        Objects.requireNonNull(key, "key");
        Objects.requireNonNull(scheduler, "scheduler");
        Objects.requireNonNull(persistenceEngine, "persistenceEngine");
        if (scheduler.isEmpty() || scheduler.length() > NAME_MAX) {
            throw new IllegalArgumentException("scheduler name must be 1.." + NAME_MAX + " characters: '" + scheduler + "'");
        }
        if (persistenceEngine.length() > NAME_MAX) {
            throw new IllegalArgumentException("persistence engine name longer than " + NAME_MAX + ": " + persistenceEngine);
        }
        flags = flags.isEmpty() ? Set.of() : Set.copyOf(EnumSet.copyOf(flags));
        if (timeout < 0) {
            throw new IllegalArgumentException("persistence timeout must not be negative: " + timeout);
        }
        int min = key.family() == Family.INET ? 0 : 1;
        if (netmask < min || netmask > key.family().maxPrefix()) {
            throw new IllegalArgumentException("persistence netmask /" + netmask + " out of range " + min + ".."
                    + key.family().maxPrefix());
        }
    }

    /** A non-persistent service with no flags. */
    public static Service of(ServiceKey key, String scheduler) {
        return new Service(key, scheduler, Set.of(), 0, key.family().maxPrefix(), "");
    }

    public Service withScheduler(String newScheduler) {
        return new Service(key, newScheduler, flags, timeout, netmask, persistenceEngine);
    }

    public Service withFlags(Set<ServiceFlag> newFlags) {
        return new Service(key, scheduler, newFlags, timeout, netmask, persistenceEngine);
    }

    /** Persistent with this timeout (seconds): sets the PERSISTENT flag, as ipvsadm -p does. */
    public Service withPersistence(int timeoutSeconds) {
        EnumSet<ServiceFlag> f = flags.isEmpty() ? EnumSet.noneOf(ServiceFlag.class) : EnumSet.copyOf(flags);
        if (timeoutSeconds > 0) {
            f.add(ServiceFlag.PERSISTENT);
        } else {
            f.remove(ServiceFlag.PERSISTENT);
        }
        return new Service(key, scheduler, f, timeoutSeconds, netmask, persistenceEngine);
    }

    public Service withNetmask(int prefix) {
        return new Service(key, scheduler, flags, timeout, prefix, persistenceEngine);
    }

    public Service withPersistenceEngine(String engine) {
        return new Service(key, scheduler, flags, timeout, netmask, engine);
    }

    public boolean persistent() {
        return flags.contains(ServiceFlag.PERSISTENT);
    }

    /** The flags as the kernel's bit field. */
    public int flagBits() {
        int bits = 0;
        for (ServiceFlag f : flags) {
            bits |= f.bit();
        }
        return bits;
    }

    /** The flags of a kernel bit field; bits holdfast does not model (e.g. HASHED) are dropped. */
    public static Set<ServiceFlag> flagsOf(int bits) {
        EnumSet<ServiceFlag> f = EnumSet.noneOf(ServiceFlag.class);
        for (ServiceFlag flag : ServiceFlag.values()) {
            if ((bits & flag.bit()) != 0) {
                f.add(flag);
            }
        }
        return f;
    }

    // written out: a record's generated equals and hashCode go through method handles, slower than the comparison
    // itself when a large table is compared with the kernel's
    @Override
    public boolean equals(Object o) {
        return o instanceof Service v && v.timeout == timeout && v.netmask == netmask && v.key.equals(key)
                && v.scheduler.equals(scheduler) && v.flags.equals(flags) && v.persistenceEngine.equals(persistenceEngine);
    }

    @Override
    public int hashCode() {
        int h = key.hashCode() * 31 + scheduler.hashCode();
        h = h * 31 + flags.hashCode();
        h = h * 31 + timeout;
        h = h * 31 + netmask;
        return h * 31 + persistenceEngine.hashCode();
    }
}
