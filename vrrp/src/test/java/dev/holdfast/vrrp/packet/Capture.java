package dev.holdfast.vrrp.packet;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;

/** One packet captured from real keepalived (src/test/resources/captures, made by src/test/capture/capture.sh). */
public record Capture(String file, int index, IpFamily family, byte[] datagram) {

    public static final List<String> FILES = List.of("v2-pass", "v2-none", "v2-ah", "v3-ipv4", "v3-ipv6");

    public static List<Capture> load(String name) {
        String resource = "/captures/" + name + ".hex";
        try (InputStream in = Capture.class.getResourceAsStream(resource)) {
            if (in == null) {
                throw new IllegalStateException("missing test resource " + resource);
            }
            List<Capture> out = new ArrayList<>();
            for (String line : new String(in.readAllBytes(), StandardCharsets.US_ASCII).split("\n")) {
                line = line.strip();
                if (line.isEmpty() || line.startsWith("#")) {
                    continue;
                }
                String[] parts = line.split(" ");
                IpFamily family = parts[0].equals("ipv4") ? IpFamily.IPV4 : IpFamily.IPV6;
                out.add(new Capture(name, out.size(), family, HexFormat.of().parseHex(parts[1])));
            }
            return out;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public static List<Capture> all() {
        List<Capture> all = new ArrayList<>();
        FILES.forEach(f -> all.addAll(load(f)));
        return all;
    }

    /** The rules of the keepalived instance in the capture's config. */
    public DecodeRules rules() {
        return rulesFor(file);
    }

    public static DecodeRules rulesFor(String file) {
        return switch (file) {
            case "v2-pass" -> DecodeRules.multicast(VrrpVersion.V2, IpFamily.IPV4)
                    .withAuthentication(Authentication.pass("secretpassword"));
            case "v2-none" -> DecodeRules.multicast(VrrpVersion.V2, IpFamily.IPV4);
            case "v2-ah" -> DecodeRules.multicast(VrrpVersion.V2, IpFamily.IPV4)
                    .withAuthentication(Authentication.ah("ahsecret"));
            case "v3-ipv4" -> DecodeRules.multicast(VrrpVersion.V3, IpFamily.IPV4);
            case "v3-ipv6" -> DecodeRules.multicast(VrrpVersion.V3, IpFamily.IPV6);
            default -> throw new IllegalArgumentException(file);
        };
    }

    public DecodeResult decode() {
        AdvertDecoder decoder = new AdvertDecoder(rules());
        return family == IpFamily.IPV4 ? decoder.decodeIpv4(datagram) : decoder.decodeIpv6Datagram(datagram);
    }

    public DecodeResult decode(byte[] mutated) {
        AdvertDecoder decoder = new AdvertDecoder(rules());
        return family == IpFamily.IPV4 ? decoder.decodeIpv4(mutated) : decoder.decodeIpv6Datagram(mutated);
    }
}
