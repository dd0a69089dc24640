package dev.holdfast.healthcheck.probe;

import io.netty.channel.ConnectTimeoutException;
import io.netty.handler.timeout.ReadTimeoutException;
import java.io.IOException;
import java.net.ConnectException;
import java.net.NoRouteToHostException;
import java.time.Duration;
import java.util.Locale;

/** Turns socket exceptions into the short phrase an operator expects: "connection refused", "timed out after 3s". */
public final class ConnectFailure {
    private ConnectFailure() {
    }

    public static String describe(Throwable error, Duration timeout) {
        if (error instanceof ConnectTimeoutException || error instanceof ReadTimeoutException) {
            return "timed out after " + seconds(timeout);
        }
        String message = error.getMessage();
        if (message == null) {
            return error.getClass().getSimpleName();
        }
        // Netty appends the address ("Connection refused: host/10.0.0.5:80"); the caller already names it
        String phrase = message.replaceFirst(": [^ ]*/[^ ]*$", "");
        if (error instanceof ConnectException || error instanceof NoRouteToHostException
                || error instanceof IOException) {
            phrase = phrase.toLowerCase(Locale.ROOT);
        }
        return phrase;
    }

    static String seconds(Duration timeout) {
        long millis = timeout.toMillis();
        return millis % 1000 == 0 ? millis / 1000 + "s" : millis + "ms";
    }
}
