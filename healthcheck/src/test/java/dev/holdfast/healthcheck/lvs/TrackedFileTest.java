package dev.holdfast.healthcheck.lvs;

import static dev.holdfast.healthcheck.lvs.Pool.rs;
import static dev.holdfast.healthcheck.lvs.Pool.vs;
import static org.assertj.core.api.Assertions.assertThat;

import dev.holdfast.healthcheck.spec.FileCheckSpec;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** FILE_CHECK: values take effect at once, as weight or as failure (inventory D.11). */
class TrackedFileTest {
    private final Pool pool = new Pool();

    @Test
    void theValueTimesTheWeightIsAddedToTheServerWeight() {
        VirtualServer vs = pool.build(vs(1, 0, Optional.empty(), rs("10.0.0.1", 80, 10, false,
                new FileCheckSpec("load", 2, false))));
        vs.trackedFileChanged("load", 3);
        vs.start();
        assertThat(pool.weights()).isEqualTo(Map.of("10.0.0.1:80", 16L));
        vs.trackedFileChanged("load", -4);
        assertThat(pool.weights()).isEqualTo(Map.of("10.0.0.1:80", 2L));
        vs.trackedFileChanged("other", 100);
        assertThat(pool.weights()).isEqualTo(Map.of("10.0.0.1:80", 2L));
    }

    @Test
    void reverseNegatesTheContribution() {
        VirtualServer vs = pool.build(vs(1, 0, Optional.empty(), rs("10.0.0.1", 80, 10, false,
                new FileCheckSpec("drain", 1, true))));
        vs.start();
        vs.trackedFileChanged("drain", 4);
        assertThat(pool.weights()).isEqualTo(Map.of("10.0.0.1:80", 6L));
    }

    @Test
    void weightZeroMeansNonZeroIsAFailure() {
        VirtualServer vs = pool.build(vs(1, 0, Optional.empty(), rs("10.0.0.1", 80, 5, false,
                new FileCheckSpec("maintenance", 0, false))));
        vs.start();
        assertThat(vs.realServers().get(0).alive()).isTrue();
        vs.trackedFileChanged("maintenance", 1);
        assertThat(vs.realServers().get(0).alive()).isFalse();
        assertThat(pool.output.lastDestinations().destinations()).isEmpty();
        vs.trackedFileChanged("maintenance", 0);
        assertThat(pool.weights()).isEqualTo(Map.of("10.0.0.1:80", 5L));
        assertThat(pool.output.fifoLines()).containsSubsequence(
                "RS [10.0.0.1]:tcp:80 [192.168.201.15]:tcp:80 DOWN", "RS [10.0.0.1]:tcp:80 [192.168.201.15]:tcp:80 UP");
    }

    @Test
    void aContributionAtOrBelowMinusTwoToTheThirtyOneIsAFailure() {
        VirtualServer vs = pool.build(vs(1, 0, Optional.empty(), rs("10.0.0.1", 80, 5, false,
                new FileCheckSpec("load", Integer.MAX_VALUE, false))));
        vs.start();
        vs.trackedFileChanged("load", -1);
        assertThat(vs.realServers().get(0).alive()).as("-2147483647 is a weight").isTrue();
        assertThat(pool.weights()).isEqualTo(Map.of("10.0.0.1:80", 0L));
        vs.trackedFileChanged("load", -2);
        assertThat(vs.realServers().get(0).alive()).isFalse();
    }

    @Test
    void aFailingValueBeforeStartKeepsTheServerOutOfTheInitialPool() {
        VirtualServer vs = pool.build(vs(1, 0, Optional.empty(), rs("10.0.0.1", 80, 5, false,
                new FileCheckSpec("maintenance", 0, false)), rs("10.0.0.2", 80, 5, false)));
        vs.trackedFileChanged("maintenance", 1);
        assertThat(pool.output.events).isEmpty();
        vs.start();
        assertThat(pool.weights()).isEqualTo(Map.of("10.0.0.2:80", 5L));
        assertThat(pool.output.fifoLines()).containsExactly("VS [192.168.201.15]:tcp:80 UP");
    }
}
