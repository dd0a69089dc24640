package dev.holdfast.netlink;

/**
 * Numbers from linux/netlink.h, linux/genetlink.h and the socket headers, in one place so that a reader
 * can check them against the kernel headers line by line.
 */
public final class NetlinkConstants {
    private NetlinkConstants() {}

    // socket(2) / setsockopt(2)
    public static final int AF_NETLINK = 16;
    public static final int SOCK_RAW = 3;
    public static final int SOCK_CLOEXEC = 0x80000;
    public static final int SOL_SOCKET = 1;
    public static final int SO_SNDBUF = 7;
    public static final int SO_RCVBUF = 8;
    public static final int SO_RCVTIMEO = 20;
    public static final int SO_SNDBUFFORCE = 32;
    public static final int SO_RCVBUFFORCE = 33;
    public static final int SOL_NETLINK = 270;
    public static final int MSG_TRUNC = 0x20;
    public static final int MSG_DONTWAIT = 0x40;

    // errno values the protocol code reacts to (asm-generic/errno*.h)
    public static final int EPERM = 1;
    public static final int ENOENT = 2;
    public static final int ESRCH = 3;
    public static final int EINTR = 4;
    public static final int EAGAIN = 11;
    public static final int EEXIST = 17;
    public static final int EINVAL = 22;
    public static final int EMSGSIZE = 90;
    public static final int EOPNOTSUPP = 95;
    public static final int ENOBUFS = 105;

    // netlink protocols
    public static final int NETLINK_ROUTE = 0;
    public static final int NETLINK_GENERIC = 16;

    // SOL_NETLINK socket options
    public static final int NETLINK_CAP_ACK = 10;
    public static final int NETLINK_EXT_ACK = 11;
    public static final int NETLINK_GET_STRICT_CHK = 12;

    // struct nlmsghdr
    public static final int NLMSG_ALIGNTO = 4;
    public static final int NLMSG_HDRLEN = 16;

    // nlmsg_flags
    public static final int NLM_F_REQUEST = 0x01;
    public static final int NLM_F_MULTI = 0x02;
    public static final int NLM_F_ACK = 0x04;
    public static final int NLM_F_ECHO = 0x08;
    public static final int NLM_F_DUMP_INTR = 0x10;
    public static final int NLM_F_DUMP_FILTERED = 0x20;
    public static final int NLM_F_ROOT = 0x100;
    public static final int NLM_F_MATCH = 0x200;
    public static final int NLM_F_ATOMIC = 0x400;
    public static final int NLM_F_DUMP = NLM_F_ROOT | NLM_F_MATCH;
    public static final int NLM_F_REPLACE = 0x100;
    public static final int NLM_F_EXCL = 0x200;
    public static final int NLM_F_CREATE = 0x400;
    public static final int NLM_F_APPEND = 0x800;
    /** In an NLMSG_ERROR: the echoed request was cut to its header (NETLINK_CAP_ACK). */
    public static final int NLM_F_CAPPED = 0x100;
    /** In an NLMSG_ERROR or NLMSG_DONE: extended-ack TLVs follow. */
    public static final int NLM_F_ACK_TLVS = 0x200;

    // control message types
    public static final int NLMSG_NOOP = 0x1;
    public static final int NLMSG_ERROR = 0x2;
    public static final int NLMSG_DONE = 0x3;
    public static final int NLMSG_OVERRUN = 0x4;
    public static final int NLMSG_MIN_TYPE = 0x10;

    // extended ack attributes (enum nlmsgerr_attrs)
    public static final int NLMSGERR_ATTR_MSG = 1;
    public static final int NLMSGERR_ATTR_OFFS = 2;
    public static final int NLMSGERR_ATTR_COOKIE = 3;
    public static final int NLMSGERR_ATTR_POLICY = 4;
    public static final int NLMSGERR_ATTR_MISS_TYPE = 5;
    public static final int NLMSGERR_ATTR_MISS_NEST = 6;

    // struct nlattr
    public static final int NLA_HDRLEN = 4;
    public static final int NLA_ALIGNTO = 4;
    public static final int NLA_F_NESTED = 1 << 15;
    public static final int NLA_F_NET_BYTEORDER = 1 << 14;
    public static final int NLA_TYPE_MASK = ~(NLA_F_NESTED | NLA_F_NET_BYTEORDER) & 0xffff;

    // generic netlink (linux/genetlink.h)
    public static final int GENL_HDRLEN = 4;
    public static final int GENL_NAMSIZ = 16;
    public static final int GENL_ID_CTRL = NLMSG_MIN_TYPE;
    public static final int CTRL_CMD_NEWFAMILY = 1;
    public static final int CTRL_CMD_GETFAMILY = 3;
    public static final int CTRL_ATTR_FAMILY_ID = 1;
    public static final int CTRL_ATTR_FAMILY_NAME = 2;
    public static final int CTRL_ATTR_VERSION = 3;
    public static final int CTRL_ATTR_HDRSIZE = 4;
    public static final int CTRL_ATTR_MAXATTR = 5;
    public static final int CTRL_ATTR_OPS = 6;
    public static final int CTRL_ATTR_MCAST_GROUPS = 7;

    /** Rounds a length up to the 4-byte netlink alignment (NLMSG_ALIGN / NLA_ALIGN). */
    public static int align(int length) {
        return (length + NLA_ALIGNTO - 1) & ~(NLA_ALIGNTO - 1);
    }
}
