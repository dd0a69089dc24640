package dev.holdfast.vrrp.runtime;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** What the service does without touching the network (no root needed). */
class VrrpServiceTest {

    @Test
    void aConfigWithoutRunnableInstancesStartsNothingAndSaysWhy() {
        var config = InstancePlanTest.load("""
                vrrp_instance VI_GONE {
                  interface hfv-no-such-if0
                  virtual_router_id 9
                  virtual_ipaddress {
                    10.0.0.9
                  }
                }
                """);
        List<String> warnings = new ArrayList<>();
        VrrpService service = VrrpService.start(config, new VrrpService.Listener() {
            @Override
            public void stateChanged(String instance, dev.holdfast.vrrp.state.VrrpState from,
                                     dev.holdfast.vrrp.state.VrrpState to, int priority) {
            }

            @Override
            public void warning(String message) {
                warnings.add(message);
            }
        });
        try {
            assertThat(service.states()).isEmpty();
            assertThat(warnings).containsExactly(
                    "vrrp_instance VI_GONE: interface hfv-no-such-if0 does not exist; instance not started");
        } finally {
            service.stop();
            service.stop();
        }
    }
}
