package dev.holdfast.healthcheck.socket;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.TreeSet;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;

/** The timer heap against a sorted set: any mix of adds and removals, the same timers come out in the same order. */
class TimerHeapTest {

    @Property(tries = 200)
    void pollsInDeadlineThenInsertionOrderWhateverWasRemoved(@ForAll long seed) {
        Random random = new Random(seed);
        TimerHeap heap = new TimerHeap();
        TreeSet<TimerHeap.Timer> model = new TreeSet<>((a, b) -> a == b ? 0 : a.before(b) ? -1 : 1);
        List<TimerHeap.Timer> live = new ArrayList<>();
        long sequence = 0;
        for (int step = 0; step < 500; step++) {
            int op = random.nextInt(10);
            if (op < 6) {
                TimerHeap.Timer t = new TimerHeap.Timer(random.nextInt(50), sequence++, () -> { });
                heap.add(t);
                model.add(t);
                live.add(t);
            } else if (op < 9 && !live.isEmpty()) {
                TimerHeap.Timer t = live.remove(random.nextInt(live.size()));
                assertThat(heap.remove(t)).isTrue();
                assertThat(heap.remove(t)).as("a second removal finds nothing").isFalse();
                model.remove(t);
            } else if (heap.size() > 0) {
                TimerHeap.Timer t = heap.poll();
                assertThat(t).isSameAs(model.pollFirst());
                live.remove(t);
            }
            assertThat(heap.size()).isEqualTo(model.size());
        }
        while (heap.size() > 0) {
            assertThat(heap.poll()).isSameAs(model.pollFirst());
        }
    }
}
