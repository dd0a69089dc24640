package dev.holdfast.config.model;

/** One virtual_ipaddress (or static_ipaddress) line: address/prefix and the options `ip addr add` takes. */
public record VirtualAddress(IpAddress ip, int prefix, String brd, String dev, String scope, String label,
        IpAddress peer, boolean noTrack, String preferredLft, java.util.List<String> flags) {
}
