package dev.holdfast.config.model;

import com.fasterxml.jackson.annotation.JsonIgnore;
import dev.holdfast.config.diag.Position;
import java.util.List;

/** A virtual_server_group: address ranges (first..last, same port) and fwmarks. */
public record VirtualServerGroup(String name, List<Range> addresses, List<VirtualServer.Fwmark> fwmarks,
        @JsonIgnore Position position) {

    /** Addresses first..last inclusive (differing in the last octet / hextet, or a full range), one port. */
    public record Range(IpAddress first, IpAddress last, int port) {
    }
}
