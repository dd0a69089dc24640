package dev.holdfast.ipvs.kernel;

import static dev.holdfast.ipvs.kernel.IpvsConstants.*;

import dev.holdfast.ipvs.Destination;
import dev.holdfast.ipvs.DestinationKey;
import dev.holdfast.ipvs.IpvsTable;
import dev.holdfast.ipvs.Operation;
import dev.holdfast.ipvs.Service;
import dev.holdfast.ipvs.ServiceKey;
import dev.holdfast.netlink.Attribute;
import dev.holdfast.netlink.Attributes;
import dev.holdfast.netlink.GenlMessage;
import dev.holdfast.netlink.NetlinkConstants;
import dev.holdfast.netlink.NetlinkException;
import dev.holdfast.netlink.NetlinkMessage;
import dev.holdfast.netlink.io.GenericNetlink;
import dev.holdfast.netlink.io.GenlFamily;
import dev.holdfast.netlink.io.GenlFamilyNotFoundException;
import dev.holdfast.netlink.io.NetlinkSocket;
import dev.holdfast.netlink.io.Outcome;
import dev.holdfast.netlink.io.Request;
import java.util.AbstractList;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * Kernel IPVS over generic netlink. Reads speak in model records ({@link Service}, {@link Destination},
 * {@link IpvsTable}); writes are {@link Operation}s, sent one at a time or many per datagram with
 * {@link #apply}. Every failure is an {@link IpvsException} whose message names the object and the
 * kernel's reason. Not thread-safe: one thread uses a client at a time.
 */
public final class IpvsClient implements AutoCloseable {
    private final NetlinkSocket socket;
    private final GenlFamily family;
    private final IpvsRequests requests;

    private IpvsClient(NetlinkSocket socket, GenlFamily family) {
        this.socket = socket;
        this.family = family;
        this.requests = new IpvsRequests(family.id());
    }

    /**
     * Opens a generic netlink socket and resolves the IPVS family.
     *
     * @throws IpvsException "kernel has no IPVS (generic netlink family IPVS not found)" when the ip_vs
     *                       module is not loaded (modprobe ip_vs) or not built
     */
    public static IpvsClient open() {
        NetlinkSocket socket;
        try {
            socket = NetlinkSocket.open(NetlinkConstants.NETLINK_GENERIC);
        } catch (NetlinkException e) {
            throw KernelErrors.explain("open generic netlink socket", e);
        }
        try {
            return over(socket);
        } catch (RuntimeException e) {
            socket.close();
            throw e;
        }
    }

    /** A client over an already open socket (a real one, or a test kernel); resolves the IPVS family. */
    public static IpvsClient over(NetlinkSocket socket) {
        try {
            return new IpvsClient(socket, GenericNetlink.resolve(socket, IPVS_GENL_NAME));
        } catch (GenlFamilyNotFoundException e) {
            throw new IpvsException(KernelErrors.NO_IPVS, e.errno(), e);
        } catch (NetlinkException e) {
            throw KernelErrors.explain("resolve generic netlink family " + IPVS_GENL_NAME, e);
        }
    }

    /** The resolved IPVS generic netlink family (id, version). */
    public GenlFamily family() {
        return family;
    }

    public IpvsInfo info() {
        Request r = requests.info();
        Attributes a = single(r).attributes();
        return decode(r, () -> new IpvsInfo(a.require(IPVS_INFO_ATTR_VERSION, "IPVS_INFO_ATTR_VERSION").u32(),
                a.get(IPVS_INFO_ATTR_CONN_TAB_SIZE).map(Attribute::u32).orElse(0)));
    }

    /** Every virtual service in the kernel, with its counters. */
    public List<ServiceStatus> listServices() {
        Request r = requests.listServices();
        List<ServiceStatus> out = new ArrayList<>();
        for (NetlinkMessage m : dump(r)) {
            out.add(decode(r, () -> ServiceCodec.read(nested(m, IPVS_CMD_ATTR_SERVICE, "IPVS_CMD_ATTR_SERVICE"))));
        }
        return out;
    }

    /** The destinations of one service, with connection counts and counters. */
    public List<DestinationStatus> listDestinations(ServiceKey service) {
        Request r = requests.listDestinations(service);
        List<DestinationStatus> out = new ArrayList<>();
        for (NetlinkMessage m : dump(r)) {
            out.add(decode(r, () -> DestinationCodec.read(nested(m, IPVS_CMD_ATTR_DEST, "IPVS_CMD_ATTR_DEST"),
                    service.family())));
        }
        return out;
    }

    /** The whole kernel table, in the same types as a desired table, ready for the reconciler. */
    public IpvsTable table() {
        IpvsTable.Builder b = IpvsTable.builder();
        for (ServiceStatus s : listServices()) {
            List<Destination> dests = new ArrayList<>();
            for (DestinationStatus d : listDestinations(s.service().key())) {
                dests.add(d.destination());
            }
            b.service(s.service(), dests);
        }
        return b.build();
    }

    public void addService(Service service) {
        run(new Operation.AddService(service));
    }

    public void editService(Service service) {
        run(new Operation.EditService(service));
    }

    public void deleteService(ServiceKey service) {
        run(new Operation.DeleteService(service));
    }

    public void addDestination(ServiceKey service, Destination destination) {
        run(new Operation.AddDestination(service, destination));
    }

    public void editDestination(ServiceKey service, Destination destination) {
        run(new Operation.EditDestination(service, destination));
    }

    public void deleteDestination(ServiceKey service, DestinationKey destination) {
        run(new Operation.DeleteDestination(service, destination));
    }

    /** Removes every service and destination (ipvsadm -C). */
    public void flush() {
        request(requests.flush());
    }

    /** Resets the counters of every service and destination (ipvsadm -Z). */
    public void zeroCounters() {
        request(requests.zero(Optional.empty()));
    }

    /** Resets the counters of one service and its destinations (ipvsadm -Z -t ...). */
    public void zeroCounters(ServiceKey service) {
        request(requests.zero(Optional.of(service)));
    }

    public Timeouts timeouts() {
        Request r = requests.getTimeouts();
        Attributes a = single(r).attributes();
        return decode(r, () -> new Timeouts(a.get(IPVS_CMD_ATTR_TIMEOUT_TCP).map(Attribute::u32).orElse(0),
                a.get(IPVS_CMD_ATTR_TIMEOUT_TCP_FIN).map(Attribute::u32).orElse(0),
                a.get(IPVS_CMD_ATTR_TIMEOUT_UDP).map(Attribute::u32).orElse(0)));
    }

    /** Sets the timeouts that are non-zero; zero ones stay as they are. */
    public void setTimeouts(Timeouts timeouts) {
        request(requests.setTimeouts(timeouts));
    }

    /** The running sync daemons (zero, one or both roles). */
    public List<SyncDaemon> syncDaemons() {
        Request r = requests.listSyncDaemons();
        List<SyncDaemon> out = new ArrayList<>();
        for (NetlinkMessage m : dump(r)) {
            out.add(decode(r, () -> DaemonCodec.read(nested(m, IPVS_CMD_ATTR_DAEMON, "IPVS_CMD_ATTR_DAEMON"))));
        }
        return out;
    }

    public void startSyncDaemon(SyncDaemon daemon) {
        Request r = requests.startSyncDaemon(daemon);
        try {
            socket.request(r);
        } catch (NetlinkException e) {
            throw KernelErrors.explain(r.description(), e, "the group must be a multicast address, and no service may "
                    + "have destinations of another address family while a sync daemon runs");
        }
    }

    public void stopSyncDaemon(SyncDaemon.Role role) {
        request(requests.stopSyncDaemon(role));
    }

    /**
     * Runs operations in order, pipelined: many per datagram, each acknowledged on its own. A failure is
     * reported for its operation and does not stop the others (an operation that depended on it, such as
     * a destination of a service that could not be added, then fails with its own reason).
     *
     * @return one result per operation, in the same order
     */
    public List<OperationResult> apply(List<Operation> operations) {
        // each request encoded when the socket comes to it, so that encoding overlaps the kernel's work on the
        // datagram before
        Request[] encoded = new Request[operations.size()];
        List<Request> batch = new AbstractList<>() {
            @Override
            public Request get(int index) {
                Request r = encoded[index];
                if (r == null) {
                    r = requests.of(operations.get(index));
                    encoded[index] = r;
                }
                return r;
            }

            @Override
            public int size() {
                return encoded.length;
            }
        };
        List<Outcome> outcomes = socket.pipeline(batch);
        List<OperationResult> results = new ArrayList<>(operations.size());
        for (int i = 0; i < operations.size(); i++) {
            Operation op = operations.get(i);
            results.add(new OperationResult(op,
                    outcomes.get(i).error().map(e -> KernelErrors.explain(op, e))));
        }
        return results;
    }

    @Override
    public void close() {
        socket.close();
    }

    private void run(Operation op) {
        Optional<IpvsException> error = apply(List.of(op)).get(0).error();
        if (error.isPresent()) {
            throw error.get();
        }
    }

    private List<NetlinkMessage> request(Request r) {
        try {
            return socket.request(r);
        } catch (NetlinkException e) {
            throw KernelErrors.explain(r.description(), e);
        }
    }

    private List<NetlinkMessage> dump(Request r) {
        try {
            return socket.dump(r);
        } catch (NetlinkException e) {
            throw KernelErrors.explain(r.description(), e);
        }
    }

    private GenlMessage single(Request r) {
        List<NetlinkMessage> replies = request(r);
        if (replies.isEmpty()) {
            throw new IpvsException(r.description() + ": the kernel sent no reply", 0, null);
        }
        try {
            return replies.get(0).genl();
        } catch (NetlinkException e) {
            throw KernelErrors.explain(r.description(), e);
        }
    }

    private static Attributes nested(NetlinkMessage m, int type, String name) {
        Attributes nested = m.genl().attributes().nested(type);
        if (nested == null) {
            throw new dev.holdfast.netlink.NetlinkDecodeException("missing attribute " + name + " (type " + type + ")");
        }
        return nested;
    }

    /** Runs a decoder; a malformed reply becomes an IpvsException naming the request it answered. */
    private static <T> T decode(Request r, Supplier<T> decoder) {
        try {
            return decoder.get();
        } catch (NetlinkException e) {
            throw KernelErrors.explain(r.description(), e);
        } catch (IllegalArgumentException e) {
            throw new IpvsException(r.description() + ": unexpected reply: " + e.getMessage(), 0, e);
        }
    }
}
