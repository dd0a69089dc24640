package dev.holdfast.config.model;

import com.fasterxml.jackson.annotation.JsonIgnore;
import dev.holdfast.config.diag.Position;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** A virtual_server block with keepalived's defaults and normalisation applied. */
public record VirtualServer(
        Key key,
        Protocol protocol,
        String lvsSched,
        Set<String> schedulerFlags,
        Forwarding lvsMethod,
        long persistenceTimeout,
        String persistenceGranularity,
        String persistenceEngine,
        boolean ops,
        boolean haSuspend,
        String virtualhost,
        boolean alpha,
        boolean omega,
        long quorum,
        long hysteresis,
        Script quorumUp,
        Script quorumDown,
        RealServer sorryServer,
        boolean sorryServerInhibit,
        boolean inhibitOnFailure,
        Seconds delayLoop,
        Seconds connectTimeout,
        Seconds warmup,
        long weight,
        boolean smtpAlert,
        String ipFamily,
        List<RealServer> realServers,
        Map<String, String> otherSettings,
        @JsonIgnore Position position) {

    public enum Protocol { TCP, UDP, SCTP }

    /** How the virtual server is addressed. */
    @com.fasterxml.jackson.annotation.JsonTypeInfo(use = com.fasterxml.jackson.annotation.JsonTypeInfo.Id.NAME,
            property = "kind")
    @com.fasterxml.jackson.annotation.JsonSubTypes({
        @com.fasterxml.jackson.annotation.JsonSubTypes.Type(value = Address.class, name = "address"),
        @com.fasterxml.jackson.annotation.JsonSubTypes.Type(value = Fwmark.class, name = "fwmark"),
        @com.fasterxml.jackson.annotation.JsonSubTypes.Type(value = Group.class, name = "group")})
    public sealed interface Key permits Address, Fwmark, Group {
    }

    public record Address(IpAddress ip, int port) implements Key {
        @Override
        public String toString() {
            return (ip.ipv6() ? "[" + ip + "]" : ip.toString()) + ":" + port;
        }
    }

    public record Fwmark(long mark, String family) implements Key {
        @Override
        public String toString() {
            return "fwmark " + mark;
        }
    }

    public record Group(String name) implements Key {
        @Override
        public String toString() {
            return "group " + name;
        }
    }

    /** "10.0.0.1:80" / "fwmark 1" / "group NAME", for messages. */
    public String label() {
        return key.toString();
    }
}
