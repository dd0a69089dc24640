package dev.holdfast.healthcheck.checker;

import dev.holdfast.healthcheck.spec.CheckerSpec;
import dev.holdfast.healthcheck.spec.MiscCheckSpec;
import dev.holdfast.healthcheck.spec.RealServerSpec;
import dev.holdfast.healthcheck.spec.ScheduledCheckSpec;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;

/**
 * The timer-driven checkers of one configuration by what they probe. A real server listed under several virtual
 * servers (one per port, or the same pool behind an IPv4 and an IPv6 address) usually carries the same checker
 * block in each; keepalived then probes it once per virtual server. Here the first such checker probes and the
 * others take its results (see {@link ScheduledChecker#lead}). Two checkers are the same probe when their blocks
 * are equal in every field, timing included (type, target, bind options, urls, retry, delay_loop...), and for
 * MISC_CHECK when their real servers' weights are equal too (misc_dynamic reports relative to it).
 */
public final class SharedProbes {
    private record Key(ScheduledCheckSpec checker, long realServerWeight) {
    }

    private final Map<Key, ScheduledChecker> leaders = new HashMap<>();

    /** The checker already probing what {@code checker} of {@code realServer} would probe, if any. */
    public Optional<ScheduledChecker> leaderFor(ScheduledCheckSpec checker, RealServerSpec realServer) {
        return Optional.ofNullable(leaders.get(key(checker, realServer)));
    }

    /** Records {@code leader} as the checker that probes for {@code checker} of {@code realServer}. */
    public void leads(ScheduledCheckSpec checker, RealServerSpec realServer, ScheduledChecker leader) {
        leaders.putIfAbsent(key(checker, realServer), leader);
    }

    /** Distinct probes recorded so far. */
    public int size() {
        return leaders.size();
    }

    private static Key key(CheckerSpec checker, RealServerSpec realServer) {
        ScheduledCheckSpec timed = (ScheduledCheckSpec) checker;
        return new Key(timed, timed instanceof MiscCheckSpec ? realServer.weight() : 0);
    }
}
