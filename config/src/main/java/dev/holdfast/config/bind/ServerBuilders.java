package dev.holdfast.config.bind;

import dev.holdfast.config.diag.Position;
import dev.holdfast.config.model.Forwarding;
import dev.holdfast.config.model.IpAddress;
import dev.holdfast.config.model.Script;
import dev.holdfast.config.model.VirtualServer;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** What virtual_server and real_server blocks said, before defaults and normalisation. */
final class ServerBuilders {
    private ServerBuilders() {
    }

    static final class Vs {
        final Position position;
        VirtualServer.Key key;
        VirtualServer.Protocol protocol;
        Position protocolAt;
        String sched;
        final Set<String> flags = new LinkedHashSet<>();
        Forwarding method;
        Long persistenceTimeout;
        String persistenceGranularity;
        String persistenceEngine;
        boolean ops;
        boolean haSuspend;
        String virtualhost;
        Boolean alpha;
        boolean omega;
        Long quorum;
        Long hysteresis;
        Script quorumUp;
        Script quorumDown;
        Rs sorry;
        boolean sorryInhibit;
        Forwarding sorryMethod;
        Boolean inhibit;
        Long delayLoop;
        Long connectTimeout;
        Long retry;
        Long delayBeforeRetry;
        Long warmup;
        Long weight;
        Boolean smtpAlert;
        String ipFamily;
        final List<Rs> realServers = new ArrayList<>();
        final Map<String, String> other = new LinkedHashMap<>();

        Vs(Position position) {
            this.position = position;
        }
    }

    static final class Rs {
        final Position position;
        IpAddress ip;
        Integer port;
        Long weight;
        Forwarding method;
        Long uthreshold;
        Long lthreshold;
        Boolean inhibit;
        Script notifyUp;
        Script notifyDown;
        Boolean alpha;
        Long retry;
        Long delayBeforeRetry;
        Long warmup;
        Long connectTimeout;
        Long delayLoop;
        Boolean smtpAlert;
        String virtualhost;
        final List<CheckerBuilder> checkers = new ArrayList<>();
        final Map<String, String> other = new LinkedHashMap<>();

        Rs(Position position) {
            this.position = position;
        }
    }
}
