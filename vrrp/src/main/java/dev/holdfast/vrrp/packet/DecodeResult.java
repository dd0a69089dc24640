package dev.holdfast.vrrp.packet;

/** What the decoder made of some bytes: an advert, or the named reason it was rejected. */
public sealed interface DecodeResult {

    /** A well-formed advert that passed every check the socket's rules ask for. */
    record Decoded(ReceivedAdvert advert) implements DecodeResult {
    }

    /** @param detail for the log line: what was expected and what arrived */
    record Rejected(DecodeError error, String detail) implements DecodeResult {
    }
}
