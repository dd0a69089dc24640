package dev.holdfast.healthcheck.spec;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.InetAddress;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Addresses print as glibc's inet_ntop prints them, so log and FIFO lines match keepalived's. */
class TextualAddressTest {

    @ParameterizedTest
    @CsvSource({
        "10.0.0.5, 10.0.0.5",
        "::1, ::1",
        "::, ::",
        "2001:db8:0:0:0:0:0:1, 2001:db8::1",
        "2001:db8:0:0:1:0:0:1, 2001:db8::1:0:0:1",
        "2001:0:0:1:0:0:0:1, 2001:0:0:1::1",
        "fe80:0:0:0:0:0:0:1, fe80::1",
        "2001:db8:1:2:3:4:5:6, 2001:db8:1:2:3:4:5:6",
        "2001:db8:0:1:1:1:1:1, 2001:db8:0:1:1:1:1:1",
        "::0.0.0.2, ::0.0.0.2",
        "::1.2.3.4, ::1.2.3.4",
        "64:ff9b::1.2.3.4, 64:ff9b::102:304"
    })
    void printsLikeInetNtop(String input, String expected) throws Exception {
        assertThat(TextualAddress.of(InetAddress.getByName(input))).isEqualTo(expected);
    }

    @ParameterizedTest
    @CsvSource({
        "10.0.0.5, TCP, 80, [10.0.0.5]:tcp:80",
        "2001:db8::15, UDP, 53, [2001:db8::15]:udp:53",
        "10.0.0.5, SCTP, 0, [10.0.0.5]:sctp:0"
    })
    void formatsTrios(String address, Protocol protocol, int port, String expected) throws Exception {
        assertThat(TextualAddress.trio(InetAddress.getByName(address), protocol, port)).isEqualTo(expected);
    }
}
