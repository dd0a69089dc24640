package dev.holdfast.healthcheck.lvs;

import dev.holdfast.healthcheck.spec.ServiceAddress;
import dev.holdfast.healthcheck.spec.TextualAddress;
import java.net.InetAddress;
import java.util.Objects;

/**
 * Something the daemon must tell the outside world: run notify_up/notify_down or quorum_up/quorum_down, write a
 * line to notify_fifo/lvs_notify_fifo, send an alert. Each carries its own FIFO line so the format lives in one
 * place.
 */
public sealed interface Notification {

    ServiceAddress service();

    boolean up();

    /** The notify FIFO line without its trailing newline, e.g. "VS [192.168.201.15]:tcp:80 UP". */
    String fifoLine();

    /**
     * A real server went up or down: run its notify_up/notify_down.
     *
     * @param stopping sent while shutting down (omega)
     */
    record RealServerChanged(ServiceAddress service, InetAddress address, int port, boolean up, String reason,
                             boolean stopping) implements Notification {
        public RealServerChanged {
            Objects.requireNonNull(service, "service");
            Objects.requireNonNull(address, "address");
            Objects.requireNonNull(reason, "reason");
        }

        /** "[1.2.3.4]:tcp:80" */
        public String realServer() {
            return TextualAddress.trio(address, service.protocol(), port);
        }

        @Override
        public String fifoLine() {
            return "RS " + realServer() + " " + service.format() + " " + (up ? "UP" : "DOWN");
        }
    }

    /**
     * The quorum was gained or lost: run quorum_up/quorum_down.
     *
     * @param starting  the state computed at startup ("Starting with quorum up/down")
     * @param stopping  sent while shutting down (omega)
     * @param threshold the threshold the live weight was compared with
     */
    record QuorumChanged(ServiceAddress service, boolean up, boolean starting, boolean stopping, long quorum,
                         long hysteresis, long threshold, long weightSum) implements Notification {
        public QuorumChanged {
            Objects.requireNonNull(service, "service");
        }

        @Override
        public String fifoLine() {
            return "VS " + service.format() + " " + (up ? "UP" : "DOWN");
        }

        /** keepalived's alert text, e.g. "=> Gained quorum 7+2=9 <= 9 <=". */
        public String message() {
            if (stopping) {
                return "=> Shutting down <=";
            }
            String what = up ? (starting ? "Starting with quorum up" : "Gained quorum")
                    : (starting ? "Starting with quorum down" : "Lost quorum");
            return "=> " + what + " " + quorum + "+" + hysteresis + "=" + threshold + " <= " + weightSum + " <=";
        }
    }
}
