package dev.holdfast.healthcheck.probe;

import dev.holdfast.healthcheck.socket.SocketLoop;
import dev.holdfast.healthcheck.socket.StreamSocket;
import dev.holdfast.healthcheck.time.Scheduler.Cancellable;
import io.netty.channel.ConnectTimeoutException;
import java.io.IOException;
import java.util.concurrent.CompletableFuture;

/**
 * One TCP_CHECK connect on the socket loop: socket, connect, one epoll registration, close once writable.
 * Completes with null when connected, else with why not.
 */
final class PlainTcpConnect implements SocketLoop.Readiness {
    private static final int WRITABLE = 0x004;
    private static final int ERROR_OR_HANGUP = 0x008 | 0x010;

    private final SocketLoop loop;
    private final CompletableFuture<Throwable> result = new CompletableFuture<>();
    private int fd = -1;
    private Cancellable deadline;

    PlainTcpConnect(SocketLoop loop) {
        this.loop = loop;
    }

    CompletableFuture<Throwable> start(PlainDial dial, long timeoutNanos) {
        try {
            fd = dial.connect();
            loop.watch(fd, WRITABLE, this);
        } catch (IOException e) {
            finish(e);
            return result;
        }
        deadline = loop.after(timeoutNanos, () -> {
            deadline = null;
            finish(new ConnectTimeoutException("connection timed out"));
        });
        return result;
    }

    @Override
    public void ready(int events) {
        if ((events & ERROR_OR_HANGUP) != 0) {
            // keepalived's rule: connected when the socket has no pending error, whatever happened since
            int errno = StreamSocket.pendingError(fd);
            finish(errno == 0 ? null : StreamSocket.connectFailure(errno));
        } else if ((events & WRITABLE) != 0) {
            finish(null);
        }
    }

    private void finish(Throwable failure) {
        if (result.isDone()) {
            return;
        }
        if (deadline != null) {
            deadline.cancel();
            deadline = null;
        }
        if (fd >= 0) {
            loop.forget(fd);
            StreamSocket.close(fd);
            fd = -1;
        }
        result.complete(failure);
    }
}
