package dev.holdfast.healthcheck.probe;

import dev.holdfast.healthcheck.spec.Connection;
import io.netty.bootstrap.Bootstrap;
import io.netty.channel.ChannelFuture;

/** Connects a prepared bootstrap to a checker's target, from its bindto address when it has one. */
final class Dial {
    private Dial() {
    }

    static ChannelFuture connect(Bootstrap bootstrap, Connection connection) {
        return connection.bindTo().isPresent()
                ? bootstrap.connect(connection.target(), connection.bindTo().get())
                : bootstrap.connect(connection.target());
    }
}
