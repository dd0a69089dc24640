package dev.holdfast.netlink.io;

import dev.holdfast.netlink.NetlinkConstants;
import dev.holdfast.netlink.NetlinkException;

/** The kernel has no generic netlink family of this name (module not loaded or not built). */
public class GenlFamilyNotFoundException extends NetlinkException {
    private final String family;

    public GenlFamilyNotFoundException(String family) {
        super("generic netlink family " + family + " not found", "resolve generic netlink family " + family,
                NetlinkConstants.ENOENT, "family not found", null);
        this.family = family;
    }

    public String family() {
        return family;
    }
}
