package dev.holdfast.daemon;

import dev.holdfast.vrrp.runtime.VrrpService;
import dev.holdfast.vrrp.state.VrrpState;
import java.net.InetAddress;

/** A link in the daemon's chain of VRRP listeners: passes every event on; subclasses add their part. */
abstract class ForwardingVrrpListener implements VrrpService.Listener {
    protected final VrrpService.Listener next;

    ForwardingVrrpListener(VrrpService.Listener next) {
        this.next = next;
    }

    @Override
    public void stateChanged(String instance, VrrpState from, VrrpState to, int priority) {
        next.stateChanged(instance, from, to, priority);
    }

    @Override
    public void warning(String message) {
        next.warning(message);
    }

    @Override
    public void masterReceivedLowerPriority(String instance, InetAddress from, int priority) {
        next.masterReceivedLowerPriority(instance, from, priority);
    }

    @Override
    public void priorityChanged(String instance, int from, int to) {
        next.priorityChanged(instance, from, to);
    }

    @Override
    public void groupStateChanged(String group, VrrpState from, VrrpState to) {
        next.groupStateChanged(group, from, to);
    }

    @Override
    public void kept(String instance, VrrpState state, int priority) {
        next.kept(instance, state, priority);
    }
}
