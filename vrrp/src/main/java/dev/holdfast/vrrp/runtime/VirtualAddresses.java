package dev.holdfast.vrrp.runtime;

import dev.holdfast.config.model.IpAddress;
import dev.holdfast.config.model.VirtualAddress;
import dev.holdfast.netlink.ffi.Native;
import dev.holdfast.netlink.route.Addresses;
import dev.holdfast.netlink.route.InterfaceAddress;
import java.net.Inet4Address;
import java.net.InetAddress;
import java.net.NetworkInterface;
import java.net.SocketException;
import java.net.UnknownHostException;
import java.util.List;

/**
 * Installs and removes an instance's virtual_ipaddress entries over rtnetlink and announces them with
 * gratuitous ARPs. Each VIP goes on its own {@code dev} if it has one, else on the instance interface, with
 * the configured prefix, brd, scope and label. Interfaces are looked up on every call, so one that was
 * re-created is found again. Used from one thread only (the runtime's effects thread).
 */
final class VirtualAddresses {
    private final Addresses addresses;
    private final GarpSocket garp;

    VirtualAddresses(Addresses addresses, GarpSocket garp) {
        this.addresses = addresses;
        this.garp = garp;
    }

    void add(List<VirtualAddress> vips, String defaultInterface) {
        for (VirtualAddress v : vips) {
            addresses.add(toInterfaceAddress(v, defaultInterface));
        }
    }

    void remove(List<VirtualAddress> vips, String defaultInterface) {
        for (VirtualAddress v : vips) {
            addresses.delete(toInterfaceAddress(v, defaultInterface));
        }
    }

    void announce(List<VirtualAddress> vips, String defaultInterface, int repeat) throws SocketException {
        for (VirtualAddress v : vips) {
            if (v.ip().ipv6()) {
                continue; // unsolicited NA is not done yet
            }
            String dev = v.dev() != null ? v.dev() : defaultInterface;
            NetworkInterface nif = NetworkInterface.getByName(dev);
            byte[] mac = nif == null ? null : nif.getHardwareAddress();
            if (mac == null || mac.length != 6) {
                continue; // no Ethernet address (lo, tun): nothing to announce
            }
            Inet4Address vip = (Inet4Address) address(v.ip());
            for (int i = 0; i < repeat; i++) {
                garp.send(nif.getIndex(), mac, vip);
            }
        }
    }

    static InterfaceAddress toInterfaceAddress(VirtualAddress v, String defaultInterface) {
        String dev = v.dev() != null ? v.dev() : defaultInterface;
        int index = Native.interfaceIndex(dev);
        InetAddress address = address(v.ip());
        int scope = InterfaceAddress.scopeOf(v.scope());
        if (scope < 0) {
            throw new IllegalArgumentException("unknown scope '" + v.scope() + "' for VIP " + v.ip());
        }
        return new InterfaceAddress(index, address, v.prefix(), broadcast(v), scope, v.label());
    }

    /** {@code brd +} is the prefix's broadcast address, {@code brd -} or none is no broadcast, else as given. */
    static InetAddress broadcast(VirtualAddress v) {
        if (v.brd() == null || v.brd().equals("-") || v.ip().ipv6()) {
            return null;
        }
        if (v.brd().equals("+")) {
            if (v.prefix() >= 31) {
                return null;
            }
            byte[] b = v.ip().bytes().clone();
            int host = (int) ((1L << (32 - v.prefix())) - 1);
            int value = ((b[0] & 0xff) << 24) | ((b[1] & 0xff) << 16) | ((b[2] & 0xff) << 8) | (b[3] & 0xff);
            value |= host;
            return address(new byte[] {(byte) (value >>> 24), (byte) (value >>> 16), (byte) (value >>> 8),
                    (byte) value});
        }
        IpAddress parsed = IpAddress.parse(v.brd());
        return parsed == null ? null : address(parsed);
    }

    private static InetAddress address(IpAddress a) {
        return address(a.bytes());
    }

    private static InetAddress address(byte[] bytes) {
        try {
            return InetAddress.getByAddress(bytes);
        } catch (UnknownHostException e) {
            throw new IllegalArgumentException(e);
        }
    }

    /** The first IPv4 address of an interface (keepalived's default advert source), or null. */
    static Inet4Address primaryAddress(String interfaceName) {
        try {
            NetworkInterface nif = NetworkInterface.getByName(interfaceName);
            if (nif == null) {
                return null;
            }
            // the JDK lists addresses newest first; the kernel's primary is the oldest
            Inet4Address primary = null;
            for (var a : nif.getInterfaceAddresses()) {
                if (a.getAddress() instanceof Inet4Address v4) {
                    primary = v4;
                }
            }
            return primary;
        } catch (SocketException e) {
            return null;
        }
    }
}
