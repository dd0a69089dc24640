package dev.holdfast.healthcheck.probe;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.util.ArrayList;
import java.util.List;

/**
 * A listening port whose accept queue is full, so the kernel drops further SYNs and a connect simply hangs: the
 * portable way to make a connect time out on loopback without firewall rules.
 */
final class FullBacklog implements AutoCloseable {
    private final ServerSocket server = new ServerSocket();
    private final List<Socket> fillers = new ArrayList<>();

    FullBacklog() throws IOException {
        server.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 1);
        // never accepted: these fill the queue (backlog 1 holds two on Linux); stop once a connect stalls
        for (int i = 0; i < 8; i++) {
            Socket socket = new Socket();
            try {
                socket.connect(server.getLocalSocketAddress(), 200);
                fillers.add(socket);
            } catch (java.net.SocketTimeoutException full) {
                socket.close();
                return;
            }
        }
        throw new IllegalStateException("accept queue never filled up");
    }

    int port() {
        return server.getLocalPort();
    }

    @Override
    public void close() throws IOException {
        for (Socket socket : fillers) {
            socket.close();
        }
        server.close();
    }
}
