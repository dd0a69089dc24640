package dev.holdfast.vrrp.state;

import dev.holdfast.vrrp.packet.IpFamily;
import dev.holdfast.vrrp.packet.VrrpVersion;
import java.net.Inet6Address;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * keepalived's {@code vrrp_complete_instance} for the settings the state machine uses: combinations it
 * resets with a warning, and what {@code vrrp_strict} / {@code strict_mode} enforces (inventory E.9).
 * Settings it cannot repair make the instance unusable, as keepalived then drops the instance.
 */
public final class InstanceCompletion {
    private InstanceCompletion() {
    }

    /**
     * @param config the instance as configured, or null when it cannot run
     * @param warnings one line per setting changed or refused, keepalived's wording where it has one
     */
    public record Completed(InstanceConfig config, List<String> warnings) {
        public Completed {
            warnings = List.copyOf(warnings);
        }

        public boolean usable() {
            return config != null;
        }
    }

    /**
     * @param authenticated whether the instance has an {@code authentication} block: strict mode drops it,
     *                      so the caller must build its decoder without one when a warning says so
     */
    public static Completed complete(InstanceConfig config, boolean authenticated) {
        List<String> warnings = new ArrayList<>();
        InstanceConfig.Builder b = config.toBuilder();
        String name = "(" + config.name() + ") ";
        boolean strict = config.strict();

        if (config.vips().isEmpty() && (config.version() == VrrpVersion.V3 || strict)) {
            warnings.add(name + "No VIP specified; at least one is required");
            return new Completed(null, warnings);
        }
        if (strict && config.unicast()) {
            warnings.add(name + "Unicast peers are not supported in strict mode");
            return new Completed(null, warnings);
        }
        if (strict && (config.initialState() == VrrpState.MASTER) != config.owner()) {
            warnings.add(name + "State MASTER must match being address owner");
            b.initialState(config.owner() ? VrrpState.MASTER : VrrpState.BACKUP);
        }
        if (strict && authenticated) {
            warnings.add(name + "Strict mode does not support authentication. Ignoring.");
        }
        if (config.family() == IpFamily.IPV6 && !config.vips().isEmpty()
                && !((Inet6Address) config.vips().get(0)).isLinkLocalAddress()) {
            warnings.add(name + "the first IPv6 VIP address " + (strict ? "must" : "should") + " be link local");
        }
        boolean nopreempt = config.nopreempt();
        if (config.owner() && nopreempt) {
            warnings.add(name + "nopreempt is incompatible with priority 255. resetting nopreempt");
            nopreempt = false;
        }
        VrrpState initial = b.build().initialState();
        Duration preemptDelay = config.preemptDelay();
        if (initial == VrrpState.MASTER) {
            if (nopreempt) {
                warnings.add(name + "Warning - nopreempt will not work with initial state MASTER - clearing");
                nopreempt = false;
            }
            if (!preemptDelay.isZero()) {
                warnings.add(name + "Warning - preempt delay will not work with initial state MASTER - clearing");
                preemptDelay = Duration.ZERO;
            }
        }
        if (!preemptDelay.isZero() && strict) {
            warnings.add(name + "preempt_delay is incompatible with strict mode - resetting");
            preemptDelay = Duration.ZERO;
        }
        if (!preemptDelay.isZero() && nopreempt) {
            warnings.add(name + "preempt_delay is incompatible with nopreempt mode - resetting");
            preemptDelay = Duration.ZERO;
        }
        b.nopreempt(nopreempt).preemptDelay(preemptDelay);
        if (strict) {
            if (config.downTimerAdverts() != 3) {
                warnings.add(name + "down_timer_adverts is incompatible with strict mode - resetting");
                b.downTimerAdverts(3);
            }
            if (config.garpLowerPrioRepeat() != 0 || !config.garpLowerPrioDelay().isZero()) {
                warnings.add(name + "Strict mode requires no repeat garps. resetting");
                b.garpLowerPrio(0, Duration.ZERO);
            }
            if (!config.lowerPrioNoAdvert()) {
                warnings.add(name + "Strict mode requires no lower priority advert. resetting");
                b.lowerPrioNoAdvert(true);
            }
            if (config.higherPrioSendAdvert()) {
                warnings.add(name + "strict mode requires higher_prio_send_advert to be clear. resetting");
                b.higherPrioSendAdvert(false);
            }
            if (config.owner() && !config.ownerIgnoreAdverts()) {
                // RFC 5798 6.4.3: the owner never leaves MASTER, so adverts cannot matter to it
                warnings.add(name + "strict_mode with priority 255 requires owner_ignore_adverts");
                b.ownerIgnoreAdverts(true);
            }
        }
        if (config.ownerIgnoreAdverts() && !config.owner()) {
            warnings.add(name + "ignoring owner_ignore_adverts since priority is not 255");
            b.ownerIgnoreAdverts(false);
        }
        return new Completed(b.build(), warnings);
    }
}
