package dev.holdfast.vrrp.runtime;

import dev.holdfast.config.model.SyncGroup;
import dev.holdfast.vrrp.state.Event;
import dev.holdfast.vrrp.state.SyncGate;
import dev.holdfast.vrrp.state.VrrpInstance;
import dev.holdfast.vrrp.state.VrrpState;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;

/**
 * vrrp_sync_group as keepalived runs it (vrrp_sync.c): a member that becomes MASTER pulls the other members
 * to MASTER, one that falls back to BACKUP pulls the masters back, and a member only takes over on its timer
 * when every other member is MASTER or wants to be ({@link SyncGate}). FAULT is shared through the
 * {@link TrackerBoard}. The group's own state (for its notify scripts) is MASTER when every member is, BACKUP
 * when every member is, FAULT as soon as one is, STOP when all stopped. Used on the instances' thread only.
 */
final class SyncGroups implements SyncGate {

    /** A group's state change, for the listener. */
    record GroupChange(String group, VrrpState from, VrrpState to) {
    }

    private final Map<String, String> groupOf = new HashMap<>();
    private final Map<String, List<String>> membersOf = new LinkedHashMap<>();
    private final Map<String, VrrpInstance> instances = new HashMap<>();
    private final Map<String, VrrpState> groupStates = new HashMap<>();
    private final Executor instanceThread;

    SyncGroups(List<SyncGroup> groups, Executor instanceThread) {
        this.instanceThread = instanceThread;
        for (SyncGroup g : groups) {
            List<String> members = new ArrayList<>();
            for (String m : g.group()) {
                if (!groupOf.containsKey(m)) {
                    groupOf.put(m, g.name());
                    members.add(m);
                }
            }
            membersOf.put(g.name(), members);
            groupStates.put(g.name(), VrrpState.INIT);
        }
    }

    /** The group an instance belongs to, if any. */
    Optional<String> groupOf(String instance) {
        return Optional.ofNullable(groupOf.get(instance));
    }

    /** The members of a group that are running. */
    List<VrrpInstance> running(String group) {
        List<VrrpInstance> list = new ArrayList<>();
        for (String m : membersOf.getOrDefault(group, List.of())) {
            VrrpInstance vi = instances.get(m);
            if (vi != null) {
                list.add(vi);
            }
        }
        return list;
    }

    void register(VrrpInstance instance) {
        instances.put(instance.config().name(), instance);
    }

    @Override
    public boolean mayBecomeMaster(VrrpInstance member) {
        String group = groupOf.get(member.config().name());
        if (group == null) {
            return true;
        }
        for (VrrpInstance other : running(group)) {
            if (other != member && other.state() != VrrpState.MASTER && !other.wantsMaster()) {
                return false;
            }
        }
        return true;
    }

    /** A member changed state: the others follow; returns the group's own change, if it had one. */
    Optional<GroupChange> stateChanged(VrrpInstance member, VrrpState from, VrrpState to) {
        String group = groupOf.get(member.config().name());
        if (group == null) {
            return Optional.empty();
        }
        Event follow = null;
        if (to == VrrpState.MASTER) {
            follow = new Event.SyncMaster();
        } else if (to == VrrpState.BACKUP && from == VrrpState.MASTER) {
            follow = new Event.SyncBackup();
        }
        List<VrrpInstance> members = running(group);
        if (follow != null) {
            for (VrrpInstance other : members) {
                if (other != member) {
                    Event e = follow;
                    try {
                        instanceThread.execute(() -> other.handle(e));
                    } catch (RejectedExecutionException stopping) {
                        return Optional.empty();
                    }
                }
            }
        }
        VrrpState now = groupState(members, groupStates.get(group));
        VrrpState before = groupStates.put(group, now);
        return now == before ? Optional.empty() : Optional.of(new GroupChange(group, before, now));
    }

    Map<String, VrrpState> groupStates() {
        return Map.copyOf(groupStates);
    }

    private static VrrpState groupState(List<VrrpInstance> members, VrrpState current) {
        if (members.stream().anyMatch(m -> m.state() == VrrpState.FAULT)) {
            return VrrpState.FAULT;
        }
        for (VrrpState uniform : List.of(VrrpState.MASTER, VrrpState.BACKUP, VrrpState.STOP)) {
            if (members.stream().allMatch(m -> m.state() == uniform)) {
                return uniform;
            }
        }
        return current;
    }
}
