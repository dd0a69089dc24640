package dev.holdfast.ipvs.kernel;

import static dev.holdfast.ipvs.kernel.IpvsConstants.*;

import dev.holdfast.ipvs.Operation;
import dev.holdfast.ipvs.ServiceKey;
import dev.holdfast.netlink.PayloadWriter;
import dev.holdfast.netlink.io.Request;

/** Builds the netlink request for every IPVS command, for one resolved family id. */
final class IpvsRequests {
    private final int family;

    IpvsRequests(int familyId) {
        this.family = familyId;
    }

    Request info() {
        return new Request("get IPVS info", family, 0, genl(IPVS_CMD_GET_INFO).toBytes());
    }

    Request listServices() {
        return new Request("list services", family, 0, genl(IPVS_CMD_GET_SERVICE).toBytes());
    }

    Request listDestinations(ServiceKey service) {
        PayloadWriter w = genl(IPVS_CMD_GET_DEST);
        ServiceCodec.writeKey(w, service);
        return new Request("list destinations of service " + service, family, 0, w.toBytes());
    }

    Request flush() {
        return new Request("flush IPVS table", family, 0, genl(IPVS_CMD_FLUSH).toBytes());
    }

    Request zero(java.util.Optional<ServiceKey> service) {
        PayloadWriter w = genl(IPVS_CMD_ZERO);
        service.ifPresent(k -> ServiceCodec.writeKey(w, k));
        return new Request(service.map(k -> "zero counters of service " + k).orElse("zero all counters"), family, 0,
                w.toBytes());
    }

    Request getTimeouts() {
        return new Request("get IPVS timeouts", family, 0, genl(IPVS_CMD_GET_CONFIG).toBytes());
    }

    Request setTimeouts(Timeouts t) {
        PayloadWriter w = genl(IPVS_CMD_SET_CONFIG);
        if (t.tcp() != 0) {
            w.putU32(IPVS_CMD_ATTR_TIMEOUT_TCP, t.tcp());
        }
        if (t.tcpFin() != 0) {
            w.putU32(IPVS_CMD_ATTR_TIMEOUT_TCP_FIN, t.tcpFin());
        }
        if (t.udp() != 0) {
            w.putU32(IPVS_CMD_ATTR_TIMEOUT_UDP, t.udp());
        }
        return new Request("set IPVS timeouts tcp " + t.tcp() + " tcpfin " + t.tcpFin() + " udp " + t.udp(), family, 0,
                w.toBytes());
    }

    Request listSyncDaemons() {
        return new Request("list sync daemons", family, 0, genl(IPVS_CMD_GET_DAEMON).toBytes());
    }

    Request startSyncDaemon(SyncDaemon d) {
        PayloadWriter w = genl(IPVS_CMD_NEW_DAEMON);
        DaemonCodec.write(w, d);
        return new Request("start sync daemon " + d.role().name().toLowerCase() + " on " + d.interfaceName() + " syncid "
                + d.syncId(), family, 0, w.toBytes());
    }

    Request stopSyncDaemon(SyncDaemon.Role role) {
        PayloadWriter w = genl(IPVS_CMD_DEL_DAEMON);
        DaemonCodec.writeStop(w, role);
        return new Request("stop sync daemon " + role.name().toLowerCase(), family, 0, w.toBytes());
    }

    Request of(Operation op) {
        PayloadWriter w;
        if (op instanceof Operation.AddService a) {
            w = genl(IPVS_CMD_NEW_SERVICE);
            ServiceCodec.write(w, a.value());
        } else if (op instanceof Operation.EditService e) {
            w = genl(IPVS_CMD_SET_SERVICE);
            ServiceCodec.write(w, e.value());
        } else if (op instanceof Operation.DeleteService d) {
            w = genl(IPVS_CMD_DEL_SERVICE);
            ServiceCodec.writeKey(w, d.service());
        } else if (op instanceof Operation.AddDestination a) {
            w = genl(IPVS_CMD_NEW_DEST);
            ServiceCodec.writeKey(w, a.service());
            DestinationCodec.write(w, a.value());
        } else if (op instanceof Operation.EditDestination e) {
            w = genl(IPVS_CMD_SET_DEST);
            ServiceCodec.writeKey(w, e.service());
            DestinationCodec.write(w, e.value());
        } else {
            Operation.DeleteDestination d = (Operation.DeleteDestination) op;
            w = genl(IPVS_CMD_DEL_DEST);
            ServiceCodec.writeKey(w, d.service());
            DestinationCodec.writeKey(w, d.destination());
        }
        return Request.describedLater(op::describe, family, 0, w.toBytes());
    }

    private static PayloadWriter genl(int command) {
        return PayloadWriter.genl(command, IPVS_GENL_VERSION);
    }
}
