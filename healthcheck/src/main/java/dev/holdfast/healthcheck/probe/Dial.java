package dev.holdfast.healthcheck.probe;

import dev.holdfast.healthcheck.spec.Connection;
import io.netty.bootstrap.Bootstrap;
import io.netty.channel.Channel;
import io.netty.channel.ChannelException;
import io.netty.channel.ChannelFactory;
import io.netty.channel.ChannelFuture;
import io.netty.channel.EventLoop;
import io.netty.channel.epoll.EpollDatagramChannel;
import io.netty.channel.epoll.EpollSocketChannel;
import io.netty.channel.socket.InternetProtocolFamily;
import io.netty.channel.socket.nio.NioDatagramChannel;
import io.netty.channel.socket.nio.NioSocketChannel;
import io.netty.channel.unix.UnixChannel;
import java.io.IOException;
import java.net.Inet6Address;
import java.nio.channels.spi.SelectorProvider;

/**
 * Prepares and connects a checker's socket. Plain checkers use the checker loop and Java's sockets; a checker
 * with fwmark or bind_if gets an epoll socket on {@link MarkedSockets}' loop, with SO_MARK / SO_BINDTODEVICE set
 * on its descriptor before it binds or connects.
 */
final class Dial {
    private static final SelectorProvider PROVIDER = SelectorProvider.provider();

    private Dial() {
    }

    /** A TCP bootstrap for {@code connection}, group and channel set. */
    static Bootstrap stream(EventLoop loop, Connection connection) {
        if (!connection.needsSocketOptions()) {
            // a socket of the target's family: Java's default is a dual-stack IPv6 socket, which costs an extra
            // system call to open and the kernel's mapped-address path on every IPv4 check
            InternetProtocolFamily family = family(connection);
            boolean bindOtherFamily = connection.bindTo().map(b -> b.getAddress() instanceof Inet6Address)
                    .filter(v6 -> v6 != (family == InternetProtocolFamily.IPv6)).isPresent();
            if (bindOtherFamily) {
                return new Bootstrap().group(loop).channel(NioSocketChannel.class);
            }
            return new Bootstrap().group(loop).channelFactory(() -> new NioSocketChannel(PROVIDER, family));
        }
        InternetProtocolFamily family = family(connection);
        return marked(connection, () -> new EpollSocketChannel(family));
    }

    /** A UDP bootstrap for {@code connection}, group and channel set. */
    static Bootstrap datagram(EventLoop loop, Connection connection) {
        if (!connection.needsSocketOptions()) {
            return new Bootstrap().group(loop).channel(NioDatagramChannel.class);
        }
        InternetProtocolFamily family = family(connection);
        return marked(connection, () -> new EpollDatagramChannel(family));
    }

    private static <C extends Channel & UnixChannel> Bootstrap marked(Connection connection,
            ChannelFactory<C> plain) {
        return new Bootstrap().group(MarkedSockets.loop()).channelFactory(() -> {
            C channel = plain.newChannel();
            try {
                MarkedSockets.apply(channel.fd().intValue(), connection);
            } catch (IOException e) {
                channel.unsafe().closeForcibly();
                throw new ChannelException(e.getMessage(), e);
            }
            return channel;
        });
    }

    private static InternetProtocolFamily family(Connection connection) {
        return connection.target().getAddress() instanceof Inet6Address ? InternetProtocolFamily.IPv6
                : InternetProtocolFamily.IPv4;
    }

    static ChannelFuture connect(Bootstrap bootstrap, Connection connection) {
        return connection.bindTo().isPresent()
                ? bootstrap.connect(connection.target(), connection.bindTo().get())
                : bootstrap.connect(connection.target());
    }
}
