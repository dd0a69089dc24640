package dev.holdfast.netlink;

/**
 * A failed netlink operation: a system call or a request the kernel refused. The message is one line an
 * operator can act on, e.g. {@code "sendto: Operation not permitted"}, followed by the kernel's
 * extended-ack text in parentheses when it sent one.
 */
public class NetlinkException extends RuntimeException {
    private final String operation;
    private final int errno;
    private final String reason;
    private final String kernelMessage;

    public NetlinkException(String operation, int errno, String reason, String kernelMessage) {
        super(format(operation, reason, kernelMessage));
        this.operation = operation;
        this.errno = errno;
        this.reason = reason;
        this.kernelMessage = kernelMessage == null ? "" : kernelMessage;
    }

    public NetlinkException(String operation, String reason) {
        this(operation, 0, reason, null);
    }

    /** For subclasses whose one-line message does not follow the "operation: reason" shape. */
    protected NetlinkException(String message, String operation, int errno, String reason, String kernelMessage) {
        super(message);
        this.operation = operation;
        this.errno = errno;
        this.reason = reason;
        this.kernelMessage = kernelMessage == null ? "" : kernelMessage;
    }

    private static String format(String operation, String reason, String kernelMessage) {
        String text = operation + ": " + reason;
        return kernelMessage == null || kernelMessage.isEmpty() ? text : text + " (" + kernelMessage + ")";
    }

    /** What was attempted: a system call name or a description of the request. */
    public String operation() {
        return operation;
    }

    /** The positive errno value, or 0 when the failure did not come with one. */
    public int errno() {
        return errno;
    }

    /** strerror(errno) or another short reason, without the operation. */
    public String reason() {
        return reason;
    }

    /** The kernel's extended-ack message (NLMSGERR_ATTR_MSG), or "" when it sent none. */
    public String kernelMessage() {
        return kernelMessage;
    }
}
