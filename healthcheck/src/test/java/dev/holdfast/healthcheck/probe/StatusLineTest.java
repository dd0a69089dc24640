package dev.holdfast.healthcheck.probe;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** keepalived's extract_status_code rules, including what it rejects. */
class StatusLineTest {

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "HTTP/1.0 200 OK\\r\\n\\r\\n|200",
        "HTTP/1.1 503 Service Unavailable\\r\\n\\r\\n|503",
        "HTTP/1.1 404 \\r\\n\\r\\n|404",
        "HTTP/1.1 200\\r\\n\\r\\n|0",
        "HTTP/1.1  200 OK\\r\\n\\r\\n|0",
        "HTTP/1.1 2000 OK\\r\\n\\r\\n|0",
        "HTTP/1.1 2x0 OK\\r\\n\\r\\n|0",
        "garbage\\r\\n\\r\\n|0",
        "HTTP/1.0\\r\\n200 OK \\r\\n\\r\\n|0"
    })
    void readsTheCodeLikeKeepalived(String head, int code) {
        byte[] bytes = head.replace("\\r", "\r").replace("\\n", "\n").getBytes(StandardCharsets.ISO_8859_1);
        assertThat(StatusLine.code(bytes, bytes.length)).isEqualTo(code);
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "HTTP/1.0 200 OK\\r\\nContent-Length: 12\\r\\n\\r\\n|12",
        "HTTP/1.0 200 OK\\r\\ncontent-length:7\\r\\n\\r\\n|7",
        "HTTP/1.0 200 OK\\r\\n\\r\\n|-1",
        "HTTP/1.0 200 OK\\r\\nContent-Length: x\\r\\n\\r\\n|-1"
    })
    void readsContentLength(String head, long length) {
        assertThat(StatusLine.contentLength(head.replace("\\r", "\r").replace("\\n", "\n")
                .getBytes(java.nio.charset.StandardCharsets.ISO_8859_1))).isEqualTo(length);
    }

    @org.junit.jupiter.api.Test
    void contentLengthIsReadAsLongParseLongReadsIt() {
        for (String value : new String[] {"0", "5", "+5", "-5", "007", "9223372036854775807", "-9223372036854775808",
                "9223372036854775808", "-9223372036854775809", "12a", "", "-", "+", " 1 2"}) {
            long expected;
            try {
                expected = Long.parseLong(value.strip());
            } catch (NumberFormatException e) {
                expected = -1;
            }
            byte[] head = ("HTTP/1.0 200 OK\r\nContent-Length: " + value + "\r\n\r\n")
                    .getBytes(java.nio.charset.StandardCharsets.ISO_8859_1);
            assertThat(StatusLine.contentLength(head)).as(value).isEqualTo(expected);
        }
    }
}
