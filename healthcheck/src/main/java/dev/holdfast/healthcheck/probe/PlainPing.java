package dev.holdfast.healthcheck.probe;

import dev.holdfast.healthcheck.socket.EchoSocket;
import dev.holdfast.healthcheck.socket.SocketLoop;
import dev.holdfast.healthcheck.time.Scheduler.Cancellable;
import java.io.IOException;
import java.util.concurrent.CompletableFuture;

/**
 * One PING_CHECK echo on the socket loop: an ICMP socket connected to the target, one request, the first matching
 * reply within connect_timeout passes. Completes with null on a reply, with {@link #TIMED_OUT} when none came in
 * time, else with the error (an unreachable network, an ICMP error the kernel reported).
 */
final class PlainPing implements SocketLoop.Readiness {
    static final Throwable TIMED_OUT = new IOException("timed out");
    private static final int READABLE = 0x001;

    private final SocketLoop loop;
    private final int id;
    private final int sequence;
    private final CompletableFuture<Throwable> result = new CompletableFuture<>();
    private EchoSocket socket;
    private Cancellable deadline;

    PlainPing(SocketLoop loop, int id, int sequence) {
        this.loop = loop;
        this.id = id;
        this.sequence = sequence;
    }

    CompletableFuture<Throwable> start(PlainDial dial, long timeoutNanos) {
        try {
            socket = dial.echo();
            loop.watch(socket.fd(), READABLE, this);
            socket.send(id, sequence);
        } catch (IOException e) {
            finish(e);
            return result;
        }
        deadline = loop.after(timeoutNanos, () -> {
            deadline = null;
            finish(TIMED_OUT);
        });
        return result;
    }

    @Override
    public void ready(int events) {
        try {
            if (socket.replied(id, sequence, loop.readBuffer())) {
                finish(null);
            }
        } catch (IOException e) {
            finish(e);
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
        if (socket != null) {
            loop.forget(socket.fd());
            socket.close();
            socket = null;
        }
        result.complete(failure);
    }
}
