package dev.holdfast.netlink.route;

import dev.holdfast.netlink.NetlinkConstants;
import dev.holdfast.netlink.NetlinkException;
import dev.holdfast.netlink.io.NetlinkSocket;

/**
 * Adds and removes interface addresses over one NETLINK_ROUTE socket. Idempotent the way a VRRP master
 * needs it: adding an address that is there already, or deleting one that is gone, is not an error.
 * Not thread-safe.
 */
public final class Addresses implements AutoCloseable {
    private final NetlinkSocket socket;

    public Addresses(NetlinkSocket socket) {
        this.socket = socket;
    }

    public static Addresses open() {
        return new Addresses(NetlinkSocket.open(NetlinkConstants.NETLINK_ROUTE));
    }

    /** @return false if the address was already there */
    public boolean add(InterfaceAddress address) {
        try {
            socket.request(AddressRequests.add(address));
            return true;
        } catch (NetlinkException e) {
            if (e.errno() == NetlinkConstants.EEXIST) {
                return false;
            }
            throw e;
        }
    }

    /** @return false if the address was not there */
    public boolean delete(InterfaceAddress address) {
        try {
            socket.request(AddressRequests.delete(address));
            return true;
        } catch (NetlinkException e) {
            if (e.errno() == AddressRequests.EADDRNOTAVAIL) {
                return false;
            }
            throw e;
        }
    }

    @Override
    public void close() {
        socket.close();
    }
}
