package dev.holdfast.ipvs.kernel;

import static dev.holdfast.netlink.NetlinkConstants.EEXIST;
import static dev.holdfast.netlink.NetlinkConstants.EINVAL;
import static dev.holdfast.netlink.NetlinkConstants.ENOENT;
import static dev.holdfast.netlink.NetlinkConstants.EPERM;
import static dev.holdfast.netlink.NetlinkConstants.ESRCH;

import dev.holdfast.ipvs.Destination;
import dev.holdfast.ipvs.Forwarding;
import dev.holdfast.ipvs.Operation;
import dev.holdfast.ipvs.Service;
import dev.holdfast.ipvs.ServiceKey;
import dev.holdfast.ipvs.TunnelType;
import dev.holdfast.netlink.NetlinkException;

/**
 * Turns a kernel errno into the line an operator reads: the request, strerror, and what that errno
 * means for IPVS (the kernel reuses a few generic codes: ENOENT for a missing scheduler module, ESRCH for
 * a missing service, ...).
 */
final class KernelErrors {
    static final String NO_IPVS = "kernel has no IPVS (generic netlink family IPVS not found)";

    private KernelErrors() {}

    static IpvsException explain(Operation op, NetlinkException e) {
        return new IpvsException(line(op.describe(), e, hint(op, e.errno())), e.errno(), e);
    }

    static IpvsException explain(String description, NetlinkException e) {
        return explain(description, e, "");
    }

    /** With a hint for EINVAL, which the kernel uses for several distinct refusals of one request. */
    static IpvsException explain(String description, NetlinkException e, String invalidHint) {
        String hint = switch (e.errno()) {
            case EPERM -> hintPermission();
            case EINVAL -> invalidHint;
            default -> "";
        };
        return new IpvsException(line(description, e, hint), e.errno(), e);
    }

    private static String line(String description, NetlinkException e, String hint) {
        StringBuilder s = new StringBuilder(description).append(": ").append(e.reason());
        if (!e.kernelMessage().isEmpty()) {
            s.append(" (").append(e.kernelMessage()).append(')');
        }
        if (!hint.isEmpty()) {
            s.append(" (").append(hint).append(')');
        }
        return s.toString();
    }

    private static String hint(Operation op, int errno) {
        if (errno == EPERM) {
            return hintPermission();
        }
        if (op instanceof Operation.AddService a) {
            return switch (errno) {
                case ENOENT -> moduleHint(a.value());
                case EEXIST -> "the service already exists";
                default -> "";
            };
        }
        if (op instanceof Operation.EditService e) {
            return switch (errno) {
                case ENOENT -> moduleHint(e.value());
                case ESRCH -> "no such service";
                default -> "";
            };
        }
        if (op instanceof Operation.DeleteService) {
            return errno == ESRCH ? "no such service" : "";
        }
        if (op instanceof Operation.AddDestination a) {
            return switch (errno) {
                case ESRCH -> "no such service";
                case EEXIST -> "the destination already exists";
                case EINVAL -> invalidDestination(a.service(), a.value());
                default -> "";
            };
        }
        if (op instanceof Operation.EditDestination e && errno == EINVAL) {
            return invalidDestination(e.service(), e.value());
        }
        return switch (errno) {
            case ESRCH -> "no such service";
            case ENOENT -> "no such destination";
            default -> "";
        };
    }

    /** The EINVAL cases ip_vs_ctl.c has for destinations that config validation may not catch. */
    private static String invalidDestination(ServiceKey service, Destination d) {
        if (d.family() != service.family() && !(d.forwarding() instanceof Forwarding.Tunnel)) {
            return "a destination of another address family than its service needs TUN forwarding";
        }
        if (d.family() != service.family()) {
            return "mixed address families are refused while a sync daemon runs";
        }
        if (d.forwarding() instanceof Forwarding.Tunnel t && t.type() == TunnelType.GUE && t.port() == 0) {
            return "a GUE tunnel needs a port";
        }
        return "";
    }

    private static String moduleHint(Service s) {
        String scheduler = "scheduler module ip_vs_" + s.scheduler() + " not loaded?";
        return s.persistenceEngine().isEmpty() ? scheduler
                : scheduler + " or persistence engine module ip_vs_pe_" + s.persistenceEngine() + " not loaded?";
    }

    private static String hintPermission() {
        return "needs root or CAP_NET_ADMIN";
    }
}
