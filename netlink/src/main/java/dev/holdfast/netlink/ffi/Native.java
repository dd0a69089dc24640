package dev.holdfast.netlink.ffi;

import dev.holdfast.netlink.NetlinkException;
import jnr.ffi.LibraryLoader;
import jnr.ffi.Runtime;

/**
 * Loads libc once and turns a failed call's errno into a {@link NetlinkException} such as
 * {@code "sendto: Operation not permitted"}.
 */
public final class Native {
    private static volatile LibC libc;

    private Native() {}

    public static LibC libc() {
        LibC l = libc;
        if (l == null) {
            synchronized (Native.class) {
                if (libc == null) {
                    libc = load();
                }
                l = libc;
            }
        }
        return l;
    }

    /**
     * glibc by its soname, which dlopen finds through the loader's cache. Asking jnr-ffi for "c" makes it list every
     * library directory looking for libc.so.* first: over the lab VM's shared root filesystem that cost 35-45 s of
     * start-up. Other C libraries (musl) name it differently: then "c" and the search.
     */
    private static LibC load() {
        try {
            return LibraryLoader.create(LibC.class).failImmediately().load("libc.so.6");
        } catch (UnsatisfiedLinkError e) {
            return LibraryLoader.create(LibC.class).load("c");
        }
    }

    /** errno of the last failed call on this thread (saved by jnr-ffi because of {@code @SaveError}). */
    public static int errno() {
        return Runtime.getRuntime(libc()).getLastError();
    }

    /** The failure of {@code operation} with the current errno. */
    public static NetlinkException failure(String operation) {
        return failure(operation, errno(), null);
    }

    /** A failure with a known errno and optional kernel extended-ack text. */
    public static NetlinkException failure(String operation, int errno, String kernelMessage) {
        return new NetlinkException(operation, errno, strerror(errno), kernelMessage);
    }

    /** strerror(3), or "errno N" if libc cannot be loaded (so error reporting itself never fails). */
    public static String strerror(int errno) {
        try {
            String text = libc().strerror(errno);
            return text == null || text.isEmpty() ? "errno " + errno : text;
        } catch (RuntimeException | LinkageError e) {
            return "errno " + errno;
        }
    }

    /** if_nametoindex(3); the error names the interface. */
    public static int interfaceIndex(String name) {
        int index = libc().if_nametoindex(name);
        if (index == 0) {
            throw failure("if_nametoindex " + name);
        }
        return index;
    }
}
