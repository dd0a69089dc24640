package dev.holdfast.healthcheck.spec;

import java.util.Objects;

/**
 * DNS_CHECK: one UDP query with recursion desired; passes on a reply with the same id, the response bit set and
 * RCODE 0 (the answer itself is not inspected, as in keepalived).
 *
 * @param recordType the queried type: A, NS, CNAME, SOA, MX, TXT, AAAA, RRSIG or DNSKEY
 * @param name the name to query; "" or "." is the root
 */
public record DnsCheckSpec(CheckPolicy policy, Connection connection, String recordType, String name)
        implements ScheduledCheckSpec {
    public DnsCheckSpec {
        Objects.requireNonNull(policy, "policy");
        Objects.requireNonNull(connection, "connection");
        Objects.requireNonNull(recordType, "recordType");
        Objects.requireNonNull(name, "name");
        DnsRecordType.code(recordType);
    }

    @Override
    public String type() {
        return "DNS_CHECK";
    }

    /** The record type names keepalived accepts, with their wire codes. */
    public static final class DnsRecordType {
        private DnsRecordType() {
        }

        public static int code(String type) {
            return switch (type.toUpperCase(java.util.Locale.ROOT)) {
                case "A" -> 1;
                case "NS" -> 2;
                case "CNAME" -> 5;
                case "SOA" -> 6;
                case "MX" -> 15;
                case "TXT" -> 16;
                case "AAAA" -> 28;
                case "RRSIG" -> 46;
                case "DNSKEY" -> 48;
                default -> throw new IllegalArgumentException("unknown DNS_CHECK type: " + type);
            };
        }
    }
}
