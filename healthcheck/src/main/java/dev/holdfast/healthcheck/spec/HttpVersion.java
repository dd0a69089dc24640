package dev.holdfast.healthcheck.spec;

/** http_protocol: the request line version, and whether keepalived adds "Connection: close". */
public enum HttpVersion {
    HTTP_1_0("1.0", false),
    /** "1.0C": HTTP/1.0 with an explicit Connection: close. */
    HTTP_1_0C("1.0", true),
    HTTP_1_1("1.1", true);

    private final String requestVersion;
    private final boolean connectionClose;

    HttpVersion(String requestVersion, boolean connectionClose) {
        this.requestVersion = requestVersion;
        this.connectionClose = connectionClose;
    }

    public String requestVersion() {
        return requestVersion;
    }

    public boolean connectionClose() {
        return connectionClose;
    }
}
