package dev.holdfast.ipvs.kernel;

import static dev.holdfast.ipvs.kernel.IpvsClientTest.ip;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.holdfast.ipvs.Destination;
import dev.holdfast.ipvs.Forwarding;
import dev.holdfast.ipvs.IpvsTable;
import dev.holdfast.ipvs.Operation;
import dev.holdfast.ipvs.Ownership;
import dev.holdfast.ipvs.Protocol;
import dev.holdfast.ipvs.Reconciler;
import dev.holdfast.ipvs.Service;
import dev.holdfast.ipvs.ServiceKey;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfEnvironmentVariable;

/**
 * The client against a real IPVS kernel, as root. Not part of the default test run (the *IT name keeps
 * surefire away, so CI never reports it skipped); the test-lab runs it with
 * {@code HOLDFAST_IPVS_KERNEL=true mvn -pl ipvs test -Dtest=RealIpvsKernelIT -Dsurefire.failIfNoSpecifiedTests=false}.
 * The env gate stays so it cannot run by accident where there is no IPVS (the test-lab
 * VM); the dev/CI kernel has no IPVS. Touches only services on TEST-NET-2 (198.51.100.0/24) and removes
 * them afterwards, so it can run on a machine with other services.
 */
@EnabledIfEnvironmentVariable(named = "HOLDFAST_IPVS_KERNEL", matches = "true")
class RealIpvsKernelIT {
    private static final ServiceKey KEY = ServiceKey.of(Protocol.TCP, ip("198.51.100.1"), 80);

    @Test
    void reconcileAgainstTheRealKernel() {
        try (IpvsClient client = IpvsClient.open()) {
            assertThat(client.info().versionString()).startsWith("1.");
            IpvsTable desired = IpvsTable.builder().service(Service.of(KEY, "wrr"),
                    Destination.of(ip("198.51.100.10"), 80, Forwarding.DR, 1),
                    Destination.of(ip("198.51.100.11"), 80, Forwarding.DR, 2)).build();
            try {
                List<Operation> plan = Reconciler.plan(desired, client.table(), Ownership.ONLY_CONFIGURED);
                assertThat(client.apply(plan)).allMatch(OperationResult::ok);
                IpvsTable mine = only(client.table());
                assertThat(mine).isEqualTo(desired);
                assertThat(Reconciler.plan(desired, client.table(), Ownership.ONLY_CONFIGURED)).isEmpty();

                IpvsTable reweighted = desired.toBuilder()
                        .destination(KEY, Destination.of(ip("198.51.100.11"), 80, Forwarding.DR, 0)).build();
                List<Operation> one = Reconciler.plan(reweighted, client.table(), Ownership.ONLY_CONFIGURED);
                assertThat(one).hasSize(1);
                assertThat(client.apply(one)).allMatch(OperationResult::ok);
                assertThat(only(client.table())).isEqualTo(reweighted);

                assertThatThrownBy(() -> client.addService(Service.of(ServiceKey.of(Protocol.TCP, ip("198.51.100.2"), 80),
                        "foo"))).hasMessage("add service TCP 198.51.100.2:80 (scheduler foo): No such file or directory "
                        + "(scheduler module ip_vs_foo not loaded?)");
            } finally {
                if (client.table().service(KEY).isPresent()) {
                    client.deleteService(KEY);
                }
            }
        }
    }

    private static IpvsTable only(IpvsTable kernel) {
        IpvsTable.Builder b = IpvsTable.builder();
        kernel.service(KEY).ifPresent(s -> b.service(s, kernel.destinations(KEY)));
        return b.build();
    }
}
