package dev.holdfast.healthcheck.probe;

import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/**
 * A misbehaving server on 127.0.0.1 for probe tests: each connection gets the configured {@link Behaviour}.
 * Plain blocking sockets on a thread per connection: simple, and independent of the Netty code under test.
 */
final class FaultServer implements AutoCloseable {

    enum Behaviour {
        /** accept, read the request, never answer */
        STALL,
        /** accept, then abort the connection with a TCP reset */
        RESET,
        /** answer with bytes that are not HTTP, then close */
        GARBAGE,
        /** send half a status line, then close */
        PARTIAL_STATUS_LINE,
        /** send a full status line and headers but never the blank line, then close */
        HEAD_WITHOUT_END,
        /** answer a fixed, well-formed response (see {@link #body}) then close */
        RESPOND,
        /** answer a full response, then reset instead of closing */
        RESPOND_THEN_RESET,
        /** answer 200 with a {@link #HUGE}-byte body, streamed, then close; its MD5 lands in {@link #sentDigest} */
        HUGE_BODY,
        /** answer HTTP/1.1 200 with {@link #body} in two chunks (Transfer-Encoding: chunked), then close */
        CHUNKED,
        /** send a well-formed response one byte every 100 ms, never finishing */
        TRICKLE
    }

    /** 2 GiB: the body of {@link Behaviour#HUGE_BODY}. */
    static final long HUGE = 2L * 1024 * 1024 * 1024;

    private final ServerSocket server;
    private final ExecutorService threads = Executors.newCachedThreadPool(r -> {
        Thread t = new Thread(r, "fault-server");
        t.setDaemon(true);
        return t;
    });
    private final List<Socket> open = new CopyOnWriteArrayList<>();
    final List<String> requests = new CopyOnWriteArrayList<>();
    private volatile Behaviour behaviour;
    volatile String statusLine = "HTTP/1.0 200 OK";
    volatile String body = "hello from the fault server\n";
    volatile String sentDigest;

    FaultServer(Behaviour behaviour) throws IOException {
        this.behaviour = behaviour;
        this.server = new ServerSocket();
        server.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0));
        threads.execute(this::acceptLoop);
    }

    int port() {
        return server.getLocalPort();
    }

    void behave(Behaviour behaviour) {
        this.behaviour = behaviour;
    }

    private void acceptLoop() {
        while (!server.isClosed()) {
            try {
                Socket socket = server.accept();
                open.add(socket);
                threads.execute(() -> serve(socket));
            } catch (IOException e) {
                return;
            }
        }
    }

    private void serve(Socket socket) {
        try {
            OutputStream out = socket.getOutputStream();
            Behaviour now = behaviour;
            if (now != Behaviour.RESET) {
                requests.add(readRequest(socket));
            }
            switch (now) {
                case STALL -> {
                    return; // keep the socket open until close()
                }
                case RESET -> {
                    socket.setSoLinger(true, 0);
                    socket.close();
                    return;
                }
                case GARBAGE -> out.write("\u0000\u0001garbage garbage\r\n\r\nmore".getBytes(StandardCharsets.ISO_8859_1));
                case PARTIAL_STATUS_LINE -> out.write("HTTP/1.0 20".getBytes(StandardCharsets.ISO_8859_1));
                case HEAD_WITHOUT_END -> out.write("HTTP/1.0 200 OK\r\nServer: fault\r\n"
                        .getBytes(StandardCharsets.ISO_8859_1));
                case RESPOND, RESPOND_THEN_RESET -> out.write(response().getBytes(StandardCharsets.ISO_8859_1));
                case HUGE_BODY -> streamHugeBody(out);
                case CHUNKED -> out.write(chunked().getBytes(StandardCharsets.ISO_8859_1));
                case TRICKLE -> {
                    for (byte b : (response() + "more body, slowly, for ever ".repeat(1000))
                            .getBytes(StandardCharsets.ISO_8859_1)) {
                        out.write(b);
                        out.flush();
                        Thread.sleep(100);
                    }
                }
            }
            out.flush();
            if (now == Behaviour.RESPOND_THEN_RESET) {
                socket.setSoLinger(true, 0);
            }
            socket.close();
        } catch (IOException e) {
            // the client went away first: nothing to do
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private String response() {
        return statusLine + "\r\nContent-Length: " + body.getBytes(StandardCharsets.ISO_8859_1).length + "\r\n\r\n"
                + body;
    }

    /** The chunked answer as it goes over the wire; keepalived digests these bytes as they are, framing and all. */
    String chunked() {
        int half = body.length() / 2;
        return "HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n"
                + Integer.toHexString(half) + "\r\n" + body.substring(0, half) + "\r\n"
                + Integer.toHexString(body.length() - half) + "\r\n" + body.substring(half) + "\r\n0\r\n\r\n";
    }

    private void streamHugeBody(OutputStream out) throws IOException {
        out.write(("HTTP/1.0 200 OK\r\nContent-Length: " + HUGE + "\r\n\r\n").getBytes(StandardCharsets.ISO_8859_1));
        byte[] block = new byte[1 << 16];
        for (int i = 0; i < block.length; i++) {
            block[i] = (byte) (i * 31 + 7);
        }
        java.security.MessageDigest md5;
        try {
            md5 = java.security.MessageDigest.getInstance("MD5");
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
        for (long sent = 0; sent < HUGE; sent += block.length) {
            out.write(block);
            md5.update(block);
        }
        sentDigest = java.util.HexFormat.of().formatHex(md5.digest());
    }

    private static String readRequest(Socket socket) throws IOException {
        StringBuilder request = new StringBuilder();
        var in = socket.getInputStream();
        int b;
        while ((b = in.read()) >= 0) {
            request.append((char) b);
            if (request.length() >= 4 && request.substring(request.length() - 4).equals("\r\n\r\n")) {
                break;
            }
        }
        return request.toString();
    }

    @Override
    public void close() throws IOException {
        server.close();
        for (Socket socket : open) {
            socket.close();
        }
        threads.shutdownNow();
    }
}
