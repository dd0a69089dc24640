package dev.holdfast.ipvs.kernel;

/**
 * An IPVS request that failed, as one line naming the object and the kernel's reason, e.g.
 * {@code "add service TCP 10.0.0.1:80 (scheduler foo): No such file or directory (scheduler module
 * ip_vs_foo not loaded?)"}.
 */
public class IpvsException extends RuntimeException {
    private final int errno;

    public IpvsException(String message, int errno, Throwable cause) {
        super(message, cause);
        this.errno = errno;
    }

    /** The kernel's errno, or 0 when the failure did not come with one. */
    public int errno() {
        return errno;
    }
}
