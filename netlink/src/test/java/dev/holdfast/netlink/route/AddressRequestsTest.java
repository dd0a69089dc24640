package dev.holdfast.netlink.route;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.InetAddress;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import org.junit.jupiter.api.Test;

class AddressRequestsTest {

    @Test
    void addCarriesIfaddrmsgLocalAddressBroadcastAndLabel() throws Exception {
        InterfaceAddress a = new InterfaceAddress(7, InetAddress.getByName("192.168.77.100"), 24,
                InetAddress.getByName("192.168.77.255"), InterfaceAddress.SCOPE_GLOBAL, "hk0:vip");
        var request = AddressRequests.add(a);
        assertThat(request.type()).isEqualTo(AddressRequests.RTM_NEWADDR);
        ByteBuffer b = ByteBuffer.wrap(request.payload()).order(ByteOrder.nativeOrder());
        assertThat(b.get()).isEqualTo((byte) AddressRequests.AF_INET);
        assertThat(b.get()).isEqualTo((byte) 24);
        assertThat(b.get()).isZero();
        assertThat(b.get()).isZero();
        assertThat(b.getInt()).isEqualTo(7);
        int[] types = new int[4];
        for (int i = 0; i < 4; i++) {
            int start = b.position();
            int len = b.getShort() & 0xffff;
            types[i] = b.getShort() & 0xffff;
            b.position(start + ((len + 3) & ~3));
        }
        assertThat(types).containsExactly(AddressRequests.IFA_LOCAL, AddressRequests.IFA_ADDRESS,
                AddressRequests.IFA_BROADCAST, AddressRequests.IFA_LABEL);
        assertThat(b.remaining()).isZero();
    }

    @Test
    void deleteNamesTheAddressOnly() throws Exception {
        InterfaceAddress a = InterfaceAddress.of(3, InetAddress.getByName("2001:db8::1"), 64);
        var request = AddressRequests.delete(a);
        assertThat(request.type()).isEqualTo(AddressRequests.RTM_DELADDR);
        assertThat(request.payload()).hasSize(8 + 2 * (4 + 16));
        assertThat(request.description()).isEqualTo("delete address 2001:db8:0:0:0:0:0:1/64 on interface 3");
    }

    @Test
    void scopesAndRanges() throws Exception {
        assertThat(InterfaceAddress.scopeOf("link")).isEqualTo(253);
        assertThat(InterfaceAddress.scopeOf(null)).isZero();
        assertThat(InterfaceAddress.scopeOf("bogus")).isEqualTo(-1);
        assertThatThrownBy(() -> InterfaceAddress.of(1, InetAddress.getByName("10.0.0.1"), 33))
                .hasMessageContaining("/33");
    }
}
