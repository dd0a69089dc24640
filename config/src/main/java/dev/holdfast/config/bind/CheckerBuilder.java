package dev.holdfast.config.bind;

import dev.holdfast.config.diag.Position;
import dev.holdfast.config.model.IpAddress;
import dev.holdfast.config.model.Script;
import java.util.ArrayList;
import java.util.List;

/** What one checker block said, before inheritance from the real and virtual server. */
final class CheckerBuilder {
    final String type;
    final Position position;
    // connection
    IpAddress connectIp;
    Integer connectPort;
    IpAddress bindto;
    Integer bindPort;
    String bindIf;
    Long connectTimeout;
    Long fwmark;
    // schedule
    Long retry;
    Long delayBeforeRetry;
    Long delayLoop;
    Long warmup;
    Boolean alpha;
    Boolean logAllFailures;
    // HTTP_GET / SSL_GET
    String httpProtocol;
    String virtualhost;
    Boolean fastRecovery;
    Boolean enableSni;
    String sniName;
    Boolean tlsCompliant;
    final List<UrlBuilder> urls = new ArrayList<>();
    // SMTP_CHECK
    String heloName;
    final List<CheckerBuilder> hosts = new ArrayList<>();
    // MISC_CHECK
    Script miscPath;
    Long miscTimeout;
    boolean miscDynamic;
    String user;
    // DNS_CHECK
    String dnsType;
    String dnsName;
    // UDP_CHECK
    String payload;
    String requireReply;
    Long minReplyLength;
    Long maxReplyLength;
    // FILE_CHECK / BFD_CHECK
    String trackFile;
    Long fileWeight;
    boolean fileReverse;
    String bfdName;

    CheckerBuilder(String type, Position position) {
        this.type = type;
        this.position = position;
    }

    static final class UrlBuilder {
        final Position position;
        String path;
        String digest;
        final List<int[]> statusCode = new ArrayList<>();
        String virtualhost;
        String regex;
        boolean regexNoMatch;
        List<String> regexOptions = List.of();
        Long regexMinOffset;
        Long regexMaxOffset;
        Boolean tlsCompliant;

        UrlBuilder(Position position) {
            this.position = position;
        }
    }
}
