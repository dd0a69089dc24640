package dev.holdfast.healthcheck.lvs;

import java.util.ArrayList;
import java.util.List;

/** Records what a virtual server emits, in order. */
final class RecordingOutput implements LvsOutput {
    final List<Object> events = new ArrayList<>();

    @Override
    public void destinations(DesiredDestinations desired) {
        events.add(desired);
    }

    @Override
    public void notify(Notification notification) {
        events.add(notification);
    }

    DesiredDestinations lastDestinations() {
        for (int i = events.size() - 1; i >= 0; i--) {
            if (events.get(i) instanceof DesiredDestinations d) {
                return d;
            }
        }
        throw new AssertionError("no destinations emitted");
    }

    List<String> fifoLines() {
        return events.stream().filter(Notification.class::isInstance).map(n -> ((Notification) n).fifoLine())
                .toList();
    }

    List<Notification> notifications() {
        return events.stream().filter(Notification.class::isInstance).map(Notification.class::cast).toList();
    }

    long destinationSets() {
        return events.stream().filter(DesiredDestinations.class::isInstance).count();
    }

    void clear() {
        events.clear();
    }
}
