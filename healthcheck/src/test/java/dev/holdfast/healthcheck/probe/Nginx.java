package dev.holdfast.healthcheck.probe;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Assumptions;

/**
 * A real nginx on 127.0.0.1 with its own config, document root and free port, for one test class. Outside CI a
 * machine without nginx skips these tests with a message; under CI=true a missing nginx fails them.
 */
final class Nginx implements AutoCloseable {
    static final String BODY = "holdfast health page\n";

    private final Path dir;
    private final ServerProcess process;
    private final int port;
    private final int tlsPort;
    private final int tls12Port;

    private Nginx(Path dir, ServerProcess process, int port, int tlsPort, int tls12Port) {
        this.dir = dir;
        this.process = process;
        this.port = port;
        this.tlsPort = tlsPort;
        this.tls12Port = tls12Port;
    }

    int port() {
        return port;
    }

    /** An HTTPS port with a self-signed certificate; {@code /name} answers with the SNI name received. */
    int tlsPort() {
        return tlsPort;
    }

    /** The same HTTPS site limited to TLS 1.2, whose alert records are visible on the wire. */
    int tls12Port() {
        return tls12Port;
    }

    Path root() {
        return dir.resolve("www");
    }

    static Path binary() {
        for (String candidate : List.of("/usr/sbin/nginx", "/usr/local/sbin/nginx", "/usr/local/nginx/sbin/nginx",
                "/usr/bin/nginx")) {
            if (Files.isExecutable(Path.of(candidate))) {
                return Path.of(candidate);
            }
        }
        String path = System.getenv().getOrDefault("PATH", "");
        for (String entry : path.split(":")) {
            Path candidate = Path.of(entry, "nginx");
            if (!entry.isEmpty() && Files.isExecutable(candidate)) {
                return candidate;
            }
        }
        return null;
    }

    static Nginx start() throws IOException, InterruptedException {
        Path nginx = binary();
        boolean ci = "true".equalsIgnoreCase(System.getenv("CI"));
        if (nginx == null && ci) {
            throw new AssertionError("CI=true but nginx is not installed (apt-get install nginx-light)");
        }
        Assumptions.assumeTrue(nginx != null, "nginx not found: skipping real-server tests "
                + "(apt-get install nginx-light to run them)");
        Path dir = Files.createTempDirectory("holdfast-nginx");
        Files.createDirectories(dir.resolve("www"));
        Files.createDirectories(dir.resolve("tmp"));
        Files.writeString(dir.resolve("www/health"), BODY);
        int port = ServerProcess.freePort();
        int tlsPort = ServerProcess.freePort();
        int tls12Port = ServerProcess.freePort();
        selfSignedCertificate(dir);
        String tmp = dir.resolve("tmp").toString();
        Files.writeString(dir.resolve("nginx.conf"), """
                daemon off;
                master_process off;
                worker_processes 1;
                pid %1$s/nginx.pid;
                error_log %1$s/error.log;
                events { worker_connections 2048; }
                http {
                    access_log off;
                    client_body_temp_path %2$s/body;
                    proxy_temp_path %2$s/proxy;
                    fastcgi_temp_path %2$s/fastcgi;
                    uwsgi_temp_path %2$s/uwsgi;
                    scgi_temp_path %2$s/scgi;
                    server {
                        listen 127.0.0.1:%3$d;
                        root %1$s/www;
                        location = /down { return 503; }
                        location = /moved { return 301 /health; }
                    }
                    server {
                        listen 127.0.0.1:%4$d ssl;
                        ssl_certificate %1$s/cert.pem;
                        ssl_certificate_key %1$s/key.pem;
                        root %1$s/www;
                        location = /name { return 200 "$ssl_server_name"; }
                    }
                    server {
                        listen 127.0.0.1:%5$d ssl;
                        ssl_protocols TLSv1.2;
                        ssl_certificate %1$s/cert.pem;
                        ssl_certificate_key %1$s/key.pem;
                        root %1$s/www;
                    }
                }
                """.formatted(dir, tmp, port, tlsPort, tls12Port), StandardCharsets.UTF_8);
        ServerProcess process = ServerProcess.start(dir, List.of(nginx.toString(), "-p", dir.toString(), "-c",
                dir.resolve("nginx.conf").toString(), "-e", dir.resolve("error.log").toString()),
                () -> ServerProcess.listening(port) && ServerProcess.listening(tlsPort)
                        && ServerProcess.listening(tls12Port));
        return new Nginx(dir, process, port, tlsPort, tls12Port);
    }

    /**
     * A throw-away certificate made with the JDK's own keytool (no openssl needed), written as the PEM files
     * nginx reads.
     */
    private static void selfSignedCertificate(Path dir) throws IOException, InterruptedException {
        Path store = dir.resolve("cert.p12");
        char[] password = "changeit".toCharArray();
        Path keytool = Path.of(System.getProperty("java.home"), "bin", "keytool");
        Process keytoolRun = new ProcessBuilder(keytool.toString(), "-genkeypair", "-alias", "nginx", "-keyalg", "RSA",
                "-keysize", "2048", "-validity", "2", "-dname", "CN=localhost", "-storetype", "PKCS12", "-keystore",
                store.toString(), "-storepass", "changeit", "-keypass", "changeit")
                .redirectErrorStream(true).redirectOutput(dir.resolve("keytool.log").toFile()).start();
        if (!keytoolRun.waitFor(60, TimeUnit.SECONDS) || keytoolRun.exitValue() != 0) {
            throw new AssertionError("keytool failed: " + Files.readString(dir.resolve("keytool.log")));
        }
        try (var in = Files.newInputStream(store)) {
            java.security.KeyStore keys = java.security.KeyStore.getInstance("PKCS12");
            keys.load(in, password);
            java.util.Base64.Encoder pem = java.util.Base64.getMimeEncoder(64, "\n".getBytes(StandardCharsets.US_ASCII));
            Files.writeString(dir.resolve("cert.pem"), "-----BEGIN CERTIFICATE-----\n"
                    + pem.encodeToString(keys.getCertificate("nginx").getEncoded()) + "\n-----END CERTIFICATE-----\n");
            Files.writeString(dir.resolve("key.pem"), "-----BEGIN PRIVATE KEY-----\n"
                    + pem.encodeToString(keys.getKey("nginx", password).getEncoded()) + "\n-----END PRIVATE KEY-----\n");
        } catch (java.security.GeneralSecurityException e) {
            throw new IOException("cannot read the generated certificate", e);
        }
    }

    /** Stops nginx and waits until it has exited. */
    void stop() throws InterruptedException {
        process.stop();
    }

    @Override
    public void close() throws IOException {
        process.close();
    }
}
