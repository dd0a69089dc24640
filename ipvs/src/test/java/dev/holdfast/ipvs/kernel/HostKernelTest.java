package dev.holdfast.ipvs.kernel;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/** Against the kernel this build runs on; the dev/CI kernel has no IPVS. Needs no root. */
class HostKernelTest {

    @Test
    void kernelWithoutIpvsGivesOneClearLine() {
        if (Files.exists(Path.of("/proc/net/ip_vs"))) {
            // An IPVS kernel (the lab VM): opening works, reading may still need root.
            try (IpvsClient client = IpvsClient.open()) {
                assertThat(client.family().version()).isEqualTo(IpvsConstants.IPVS_GENL_VERSION);
            }
            return;
        }
        assertThatThrownBy(IpvsClient::open)
                .isInstanceOf(IpvsException.class)
                .hasMessage("kernel has no IPVS (generic netlink family IPVS not found)");
    }
}
