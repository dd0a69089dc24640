/**
 * rtnetlink (NETLINK_ROUTE) requests holdfast needs: interface addresses for VRRP's virtual IPs. Messages are
 * built here and sent with {@link dev.holdfast.netlink.io.NetlinkSocket}; nothing here knows of VRRP.
 */
package dev.holdfast.netlink.route;
