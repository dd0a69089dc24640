package dev.holdfast.healthcheck.probe;

import static org.assertj.core.api.Assertions.assertThat;

import io.netty.buffer.Unpooled;
import io.netty.channel.embedded.EmbeddedChannel;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The response reader on an in-memory channel: however the bytes are cut, the same outcome. */
class HttpResponseReaderTest {
    private static final byte[] REQUEST = "GET / HTTP/1.0\r\n\r\n".getBytes(StandardCharsets.ISO_8859_1);

    private static HttpOutcome read(boolean digest, byte[]... chunks) {
        List<HttpOutcome> outcomes = new ArrayList<>();
        EmbeddedChannel ch = new EmbeddedChannel(new HttpResponseReader(REQUEST, true, digest, null, outcomes::add));
        for (byte[] chunk : chunks) {
            if (ch.isActive()) {
                ch.writeInbound(Unpooled.wrappedBuffer(chunk));
            }
        }
        ch.close();
        assertThat(outcomes).hasSize(1);
        return outcomes.get(0);
    }

    private static byte[] bytes(String s) {
        return s.getBytes(StandardCharsets.ISO_8859_1);
    }

    @Test
    void theSameResponseWhereverTheReadsSplitIt() {
        byte[] whole = bytes("HTTP/1.1 204 No Content\r\nServer: x\r\nContent-Length: 5\r\n\r\nhello and more");
        HttpOutcome.Response once = (HttpOutcome.Response) read(true, whole);
        assertThat(once.statusCode()).isEqualTo(204);
        assertThat(once.contentLength()).isEqualTo(5);
        assertThat(new String(once.head(), StandardCharsets.ISO_8859_1)).endsWith("Content-Length: 5\r\n\r\n");
        assertThat(new String(once.body(), StandardCharsets.ISO_8859_1)).isEqualTo("hello");
        for (int cut = 1; cut < whole.length; cut++) {
            HttpOutcome.Response split = (HttpOutcome.Response) read(true, Arrays.copyOfRange(whole, 0, cut),
                    Arrays.copyOfRange(whole, cut, whole.length));
            assertThat(split.statusCode()).isEqualTo(204);
            assertThat(split.head()).isEqualTo(once.head());
            assertThat(split.body()).isEqualTo(once.body());
            assertThat(split.md5Hex()).isEqualTo(once.md5Hex());
            assertThat(split.bodyBytes()).isEqualTo(once.bodyBytes());
        }
    }

    @Test
    void aHeadMustEndWithinItsLimit() {
        byte[] head = new byte[HttpResponseReader.MAX_HEAD + 1];
        Arrays.fill(head, (byte) 'a');
        byte[] end = bytes("\r\n\r\n");
        System.arraycopy(end, 0, head, head.length - end.length, end.length);
        assertThat(read(false, head)).isInstanceOf(HttpOutcome.Response.class);
        assertThat(read(false, Arrays.copyOf(head, 1000), Arrays.copyOfRange(head, 1000, head.length)))
                .isInstanceOf(HttpOutcome.Response.class);

        byte[] longer = Arrays.copyOf(head, head.length + 1);
        longer[head.length - 1] = 'a';
        longer[head.length] = '\n';
        assertThat(read(false, longer)).isInstanceOfSatisfying(HttpOutcome.Error.class,
                e -> assertThat(e.cause()).hasMessageContaining("response head larger than"));
        assertThat(read(false, Arrays.copyOf(longer, HttpResponseReader.MAX_HEAD + 1)))
                .isInstanceOf(HttpOutcome.Error.class);
        assertThat(read(false, Arrays.copyOf(longer, HttpResponseReader.MAX_HEAD)))
                .isInstanceOf(HttpOutcome.NoData.class);
    }
}
