package dev.holdfast.healthcheck.probe;

import io.netty.handler.ssl.SslContext;
import io.netty.handler.ssl.SslContextBuilder;
import io.netty.handler.ssl.util.InsecureTrustManagerFactory;
import javax.net.ssl.SSLException;

/**
 * The one TLS client context SSL_GET uses. It trusts any certificate on purpose, as keepalived does: a health
 * check must not flip a server down because its certificate expired or is self-signed.
 */
final class ClientTls {
    private ClientTls() {
    }

    private static final class Holder {
        static final SslContext CONTEXT = build();

        private static SslContext build() {
            try {
                return SslContextBuilder.forClient().trustManager(InsecureTrustManagerFactory.INSTANCE).build();
            } catch (SSLException e) {
                throw new IllegalStateException("cannot build the TLS client context", e);
            }
        }
    }

    static SslContext context() {
        return Holder.CONTEXT;
    }
}
