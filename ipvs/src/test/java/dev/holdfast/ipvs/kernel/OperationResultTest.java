package dev.holdfast.ipvs.kernel;

import static org.assertj.core.api.Assertions.assertThat;

import dev.holdfast.ipvs.Destination;
import dev.holdfast.ipvs.Forwarding;
import dev.holdfast.ipvs.Operation;
import dev.holdfast.ipvs.Protocol;
import dev.holdfast.ipvs.Service;
import dev.holdfast.ipvs.ServiceKey;
import dev.holdfast.netlink.NetlinkConstants;
import java.net.InetAddress;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** A service the kernel refuses is one line, not one more per destination (seen in the lab with lvs_sched twos). */
class OperationResultTest {
    @Test
    void destinationsOfARefusedServiceFoldIntoItsLine() throws Exception {
        ServiceKey key = ServiceKey.of(Protocol.TCP, InetAddress.getByName("10.9.0.1"), 80);
        ServiceKey other = ServiceKey.of(Protocol.TCP, InetAddress.getByName("10.9.0.2"), 80);
        Destination d1 = Destination.of(InetAddress.getByName("192.168.9.1"), 80, Forwarding.NAT, 1);
        Destination d2 = Destination.of(InetAddress.getByName("192.168.9.2"), 80, Forwarding.NAT, 1);
        List<OperationResult> results = List.of(
                failed(new Operation.AddService(Service.of(key, "twos")), NetlinkConstants.ENOENT,
                        "add service TCP 10.9.0.1:80 (scheduler twos): No such file or directory"),
                failed(new Operation.AddDestination(key, d1), NetlinkConstants.ESRCH, "d1: No such process"),
                failed(new Operation.AddDestination(key, d2), NetlinkConstants.ESRCH, "d2: No such process"),
                failed(new Operation.AddDestination(other, d1), NetlinkConstants.ESRCH, "other: No such process"),
                new OperationResult(new Operation.AddService(Service.of(other, "rr")), Optional.empty()));
        assertThat(OperationResult.errorLines(results)).containsExactly(
                "add service TCP 10.9.0.1:80 (scheduler twos): No such file or directory; its 2 destination(s) were "
                        + "not added",
                "other: No such process");
    }

    private static OperationResult failed(Operation op, int errno, String message) {
        return new OperationResult(op, Optional.of(new IpvsException(message, errno, null)));
    }
}
