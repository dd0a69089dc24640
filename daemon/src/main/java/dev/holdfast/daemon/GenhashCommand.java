package dev.holdfast.daemon;

import dev.holdfast.config.model.IpAddress;
import dev.holdfast.healthcheck.genhash.Genhash;
import dev.holdfast.healthcheck.genhash.GenhashRequest;
import dev.holdfast.healthcheck.spec.HttpVersion;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.UnknownHostException;
import java.time.Duration;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;

/** {@code holdfast genhash}: keepalived's genhash options, the digest an HTTP_GET/SSL_GET url block expects. */
@Command(name = "genhash", sortOptions = false,
        description = {"Print the MD5 digest of a page's body as HTTP_GET/SSL_GET computes it (keepalived's genhash).",
            "Exits 0 with the digest, 1 when no page came back, 2 on a bad option."})
final class GenhashCommand implements Callable<Integer> {
    @ParentCommand
    HoldfastCommand parent;

    @Option(names = {"-h", "--help"}, usageHelp = true, description = "Show this help and exit")
    boolean help;

    @Option(names = {"-S", "--use-ssl"}, description = "Use SSL connection to remote server")
    boolean ssl;

    @Option(names = {"-I", "--use-sni"}, description = "Send the virtualhost (-V) as SNI in the TLS handshake")
    boolean sni;

    @Option(names = {"-s", "--server"}, required = true, paramLabel = "ADDRESS",
            description = "Remote server address (an IP address, not a name)")
    String server;

    @Option(names = {"-p", "--port"}, required = true, paramLabel = "PORT", description = "Remote server port")
    String port;

    @Option(names = {"-u", "--url"}, required = true, paramLabel = "PATH", description = "Url path to fetch")
    String url;

    @Option(names = {"-V", "--use-virtualhost"}, paramLabel = "HOST", description = "Host header to send")
    String virtualHost;

    @Option(names = {"-P", "--protocol"}, paramLabel = "VERSION",
            description = "HTTP protocol: 1.0, 1.0c (1.0 with 'Connection: close') or 1.1 (default 1.0)")
    String protocol = "1.0";

    @Option(names = {"-t", "--timeout"}, paramLabel = "SECONDS",
            description = "Connect and read timeout (default: none, as genhash)")
    String timeout;

    @Option(names = {"-v", "--verbose"}, description = "Dump the head, body and digest as genhash -v does")
    boolean verbose;

    @Override
    public Integer call() throws InterruptedException {
        Optional<GenhashRequest> request = request();
        if (request.isEmpty()) {
            return 2;
        }
        return new Genhash(parent.out, parent.err, System::nanoTime).run(request.get());
    }

    private Optional<GenhashRequest> request() {
        IpAddress address = IpAddress.parse(server);
        if (address == null) {
            return refuse("server should be an IP, not " + server);
        }
        int portNumber = number(port, 1, 65535);
        if (portNumber < 0) {
            return refuse("invalid port number '" + port + "'");
        }
        HttpVersion version = switch (protocol.toLowerCase(Locale.ROOT)) {
            case "1.0" -> HttpVersion.HTTP_1_0;
            case "1.0c" -> HttpVersion.HTTP_1_0C;
            case "1.1" -> HttpVersion.HTTP_1_1;
            default -> null;
        };
        if (version == null) {
            return refuse("invalid HTTP protocol version '" + protocol + "'");
        }
        Optional<Duration> limit = Optional.empty();
        if (timeout != null) {
            int seconds = number(timeout.strip(), 0, Integer.MAX_VALUE / 1000);
            if (seconds < 0) {
                return refuse("invalid timeout '" + timeout + "'");
            }
            limit = Optional.of(Duration.ofSeconds(seconds));
        }
        InetAddress inet;
        try {
            inet = InetAddress.getByAddress(address.bytes());
        } catch (UnknownHostException e) {
            return refuse("server should be an IP, not " + server);
        }
        return Optional.of(new GenhashRequest(new InetSocketAddress(inet, portNumber), url, ssl, sni,
                Optional.ofNullable(virtualHost), version, limit, verbose));
    }

    private Optional<GenhashRequest> refuse(String message) {
        parent.err.println("holdfast genhash: " + message);
        return Optional.empty();
    }

    /** The decimal number in {@code text} within min..max, else -1. */
    private static int number(String text, int min, int max) {
        if (text.isEmpty() || text.length() > 10 || !text.chars().allMatch(Character::isDigit)) {
            return -1;
        }
        long value = Long.parseLong(text);
        return value < min || value > max ? -1 : (int) value;
    }
}
