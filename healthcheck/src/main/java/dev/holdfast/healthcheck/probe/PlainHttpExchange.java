package dev.holdfast.healthcheck.probe;

import dev.holdfast.healthcheck.socket.SocketLoop;
import dev.holdfast.healthcheck.socket.StreamSocket;
import dev.holdfast.healthcheck.time.Scheduler.Cancellable;
import io.netty.channel.ConnectTimeoutException;
import io.netty.handler.timeout.ReadTimeoutException;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.util.concurrent.CompletableFuture;

/**
 * One plain-HTTP GET on the socket loop, with the system calls keepalived's checker makes and fewer: socket,
 * connect, one edge-triggered epoll registration for the whole exchange, send, recv to the end of the stream,
 * close. Bounded as {@link HttpExchange} is: the connect by connect_timeout, all that follows by one more.
 */
final class PlainHttpExchange implements SocketLoop.Readiness {
    private static final int EVENTS = 0x001 | 0x004 | 0x2000; // EPOLLIN | EPOLLOUT | EPOLLRDHUP
    private static final int ERROR_OR_HANGUP = 0x008 | 0x010; // EPOLLERR | EPOLLHUP
    private static final int RDHUP = 0x2000;
    private static final int WRITABLE = 0x004;
    /** reads made in one readiness call before giving other sockets a turn (a 2 GB body must not starve them) */
    private static final int READS_PER_TURN = 16;

    private final SocketLoop loop;
    private final ByteBuffer request;
    private final long timeoutNanos;
    private final HttpResponseParser parser;
    private final CompletableFuture<HttpOutcome> result = new CompletableFuture<>();
    private int fd = -1;
    private boolean connected;
    private boolean requestSent;
    private Cancellable deadline;

    PlainHttpExchange(SocketLoop loop, ByteBuffer request, long timeoutNanos, HttpResponseParser parser) {
        this.loop = loop;
        this.request = request;
        this.timeoutNanos = timeoutNanos;
        this.parser = parser;
    }

    /** Starts the exchange on the loop (the caller's thread must be the loop's). */
    CompletableFuture<HttpOutcome> start(PlainDial dial) {
        try {
            fd = dial.connect();
            loop.watch(fd, EVENTS, this);
        } catch (IOException e) {
            finish(new HttpOutcome.NotConnected(e));
            return result;
        }
        deadline = loop.after(timeoutNanos, this::timedOut);
        return result;
    }

    @Override
    public void ready(int events) {
        if (result.isDone()) {
            return;
        }
        try {
            if (!connected) {
                int errno = (events & ERROR_OR_HANGUP) != 0 ? StreamSocket.pendingError(fd) : 0;
                if (errno != 0) {
                    // a reset means the connection was made first: a failure after the connect, as on Netty
                    finish(errno == StreamSocket.CONNECTION_RESET
                            ? new HttpOutcome.Error(StreamSocket.failure(errno), false)
                            : new HttpOutcome.NotConnected(StreamSocket.connectFailure(errno)));
                    return;
                }
                if ((events & (WRITABLE | ERROR_OR_HANGUP)) == 0) {
                    return;
                }
                connected = true;
                // all that follows the connect gets one more connect_timeout
                deadline.cancel();
                deadline = loop.after(timeoutNanos, this::timedOut);
            }
            if (!requestSent) {
                if (StreamSocket.send(fd, request) == StreamSocket.AGAIN || request.hasRemaining()) {
                    return; // the rest when epoll says writable again
                }
                requestSent = true;
            }
            read(events);
        } catch (IOException e) {
            finish(new HttpOutcome.Error(e, requestSent));
        }
    }

    private void read(int events) throws IOException {
        for (int i = 0; i < READS_PER_TURN; i++) {
            ByteBuffer buffer = loop.readBuffer();
            int got = StreamSocket.receive(fd, buffer);
            if (got == StreamSocket.AGAIN) {
                return;
            }
            if (got == StreamSocket.END) {
                finish(parser.end());
                return;
            }
            parser.feed(buffer);
            if ((events & RDHUP) != 0 && got < buffer.capacity()) {
                // the peer has closed and this read took less than it could: the queue is empty, the next read
                // would only say end of stream
                finish(parser.end());
                return;
            }
        }
        // edge-triggered: no new event comes for data already waiting, so carry on in the next turn
        loop.execute(() -> {
            if (!result.isDone()) {
                try {
                    read(events);
                } catch (IOException e) {
                    finish(new HttpOutcome.Error(e, true));
                }
            }
        });
    }

    private void timedOut() {
        deadline = null;
        finish(connected ? new HttpOutcome.Error(ReadTimeoutException.INSTANCE, requestSent)
                : new HttpOutcome.NotConnected(new ConnectTimeoutException("connection timed out")));
    }

    private void finish(HttpOutcome outcome) {
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
        result.complete(outcome);
    }
}
