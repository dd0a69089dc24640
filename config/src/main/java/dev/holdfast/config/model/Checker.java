package dev.holdfast.config.model;

import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonProperty;
import dev.holdfast.config.diag.Position;
import java.util.List;

/** A health checker of a real server, with every parameter resolved (checker -> real server -> virtual server). */
public sealed interface Checker {

    /** The checker keyword: HTTP_GET, SSL_GET, TCP_CHECK, ... */
    @JsonProperty("type")
    String type();

    Schedule schedule();

    @JsonIgnore
    Position position();

    /** When and how often a checker runs, and how many failures take a server down. */
    record Schedule(Seconds delayLoop, Seconds delayBeforeRetry, long retry, Seconds warmup, boolean alpha,
            boolean logAllFailures) {
    }

    /** Where a network checker connects from and to. */
    record Connection(IpAddress connectIp, int connectPort, IpAddress bindto, Integer bindPort, String bindIf,
            Seconds connectTimeout, Long fwmark) {
    }

    record Url(String path, String digest, List<int[]> statusCode, String virtualhost, String regex,
            boolean regexNoMatch, List<String> regexOptions, Long regexMinOffset, Long regexMaxOffset,
            Boolean tlsCompliant) {
    }

    record Http(boolean ssl, Connection connection, Schedule schedule, String httpProtocol, String virtualhost,
            boolean fastRecovery, boolean enableSni, String sniName, boolean tlsCompliant, List<Url> urls,
            @JsonIgnore Position position) implements Checker {
        @Override
        public String type() {
            return ssl ? "SSL_GET" : "HTTP_GET";
        }
    }

    record Tcp(Connection connection, Schedule schedule, @JsonIgnore Position position) implements Checker {
        @Override
        public String type() {
            return "TCP_CHECK";
        }
    }

    record Smtp(Connection connection, Schedule schedule, String heloName, @JsonIgnore Position position)
            implements Checker {
        @Override
        public String type() {
            return "SMTP_CHECK";
        }
    }

    record Misc(Script miscPath, Seconds miscTimeout, boolean miscDynamic, Schedule schedule,
            @JsonIgnore Position position) implements Checker {
        @Override
        public String type() {
            return "MISC_CHECK";
        }
    }

    record Dns(Connection connection, Schedule schedule, String queryType, String name,
            @JsonIgnore Position position) implements Checker {
        @Override
        public String type() {
            return "DNS_CHECK";
        }
    }

    record Udp(Connection connection, Schedule schedule, String payload, String requireReply, long minReplyLength,
            long maxReplyLength, @JsonIgnore Position position) implements Checker {
        @Override
        public String type() {
            return "UDP_CHECK";
        }
    }

    record Ping(Connection connection, Schedule schedule, @JsonIgnore Position position) implements Checker {
        @Override
        public String type() {
            return "PING_CHECK";
        }
    }

    record File(String trackFile, long weight, boolean reverse, Schedule schedule, @JsonIgnore Position position)
            implements Checker {
        @Override
        public String type() {
            return "FILE_CHECK";
        }
    }

    record Bfd(String name, Schedule schedule, @JsonIgnore Position position) implements Checker {
        @Override
        public String type() {
            return "BFD_CHECK";
        }
    }
}
