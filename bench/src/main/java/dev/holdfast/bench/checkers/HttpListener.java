package dev.holdfast.bench.checkers;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;

/**
 * A real server for the benches: answers every HTTP request on a loopback port with 200 and a short body, one
 * connection at a time on its own thread. {@link #die()} closes the listening socket, as a crashed server's kernel
 * would: the next connect is refused.
 */
final class HttpListener implements AutoCloseable {
    private static final byte[] RESPONSE = "HTTP/1.0 200 OK\r\nContent-Length: 3\r\n\r\nok\n"
            .getBytes(StandardCharsets.ISO_8859_1);
    private final ServerSocket server;

    HttpListener() throws IOException {
        server = new ServerSocket();
        server.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0));
        Thread thread = new Thread(this::serve, "bench-listener-" + server.getLocalPort());
        thread.setDaemon(true);
        thread.start();
    }

    int port() {
        return server.getLocalPort();
    }

    private void serve() {
        while (!server.isClosed()) {
            try (Socket socket = server.accept()) {
                InputStream in = socket.getInputStream();
                int last = 0;
                int b;
                while ((b = in.read()) >= 0) {
                    last = (last << 8) | b;
                    if (last == 0x0d0a0d0a) {
                        break;
                    }
                }
                OutputStream out = socket.getOutputStream();
                out.write(RESPONSE);
                out.flush();
            } catch (IOException e) {
                // a closed listener ends the loop; a client that went away is its own business
            }
        }
    }

    /** Closes the listener: from now on connections are refused. */
    void die() throws IOException {
        server.close();
    }

    @Override
    public void close() throws IOException {
        die();
    }
}
