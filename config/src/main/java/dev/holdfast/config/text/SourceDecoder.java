package dev.holdfast.config.text;

import dev.holdfast.config.diag.Diagnostic.Kind;
import dev.holdfast.config.diag.Diagnostics;
import dev.holdfast.config.diag.Position;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * Splits a file's bytes into lines and decodes them as UTF-8. A byte-order mark, CRLF endings, NUL bytes and
 * invalid UTF-8 are read past, each reported once with its position.
 */
public final class SourceDecoder {
    private SourceDecoder() {
    }

    public static List<SourceLine> decode(String file, byte[] bytes, Diagnostics diags) {
        List<SourceLine> fast = decodeClean(bytes);
        if (fast != null) {
            return fast;
        }
        List<SourceLine> lines = new ArrayList<>();
        int start = 0;
        if (bytes.length >= 3 && (bytes[0] & 0xff) == 0xEF && (bytes[1] & 0xff) == 0xBB && (bytes[2] & 0xff) == 0xBF) {
            diags.warning(Position.of(file, 1, 1), Kind.REPAIRED,
                    "byte-order mark (U+FEFF) at the start of the file ignored");
            start = 3;
        }
        int lineNo = 0;
        int firstCrlf = 0;
        int crlfCount = 0;
        boolean reportedInvalid = false;
        boolean reportedNul = false;
        while (start <= bytes.length) {
            int end = start;
            while (end < bytes.length && bytes[end] != '\n') {
                end++;
            }
            if (end == bytes.length && start == bytes.length) {
                break;
            }
            lineNo++;
            int contentEnd = end;
            if (contentEnd > start && bytes[contentEnd - 1] == '\r') {
                contentEnd--;
                crlfCount++;
                if (firstCrlf == 0) {
                    firstCrlf = lineNo;
                }
            }
            String text = decodeLine(bytes, start, contentEnd);
            if (text == null) {
                text = new String(bytes, start, contentEnd - start, StandardCharsets.UTF_8);
                if (!reportedInvalid) {
                    int col = text.indexOf('\uFFFD') + 1;
                    diags.warning(Position.of(file, lineNo, col), Kind.REPAIRED,
                            "invalid UTF-8 byte sequence read as U+FFFD (is the file in another encoding?)");
                    reportedInvalid = true;
                }
            }
            if (text.indexOf('\0') >= 0) {
                if (!reportedNul) {
                    diags.warning(Position.of(file, lineNo, text.indexOf('\0') + 1), Kind.REPAIRED,
                            "NUL byte read as a space");
                    reportedNul = true;
                }
                text = text.replace('\0', ' ');
            }
            lines.add(new SourceLine(lineNo, text));
            start = end + 1;
        }
        if (crlfCount > 0) {
            diags.warning(Position.of(file, firstCrlf, 1), Kind.REPAIRED,
                    "Windows line endings (CRLF) on " + crlfCount + " line" + (crlfCount == 1 ? "" : "s")
                            + " read as plain line ends");
        }
        return lines;
    }

    /** The common case, one pass: valid UTF-8 without NUL bytes, CR or a byte-order mark. Null otherwise. */
    private static List<SourceLine> decodeClean(byte[] bytes) {
        String text = cleanText(bytes);
        if (text == null) {
            return null;
        }
        List<SourceLine> lines = new ArrayList<>(bytes.length / 24 + 1);
        int start = 0;
        int n = 0;
        while (start < text.length()) {
            int nl = text.indexOf('\n', start);
            int end = nl < 0 ? text.length() : nl;
            lines.add(new SourceLine(++n, text.substring(start, end)));
            start = end + 1;
        }
        return lines;
    }

    /**
     * The whole text of a file that needs no repair (valid UTF-8 without NUL bytes, CR or a byte-order mark), lines
     * still joined by '\n'; null otherwise, for {@link #decode} to read line by line.
     */
    public static String cleanText(byte[] bytes) {
        boolean ascii = true;
        for (byte b : bytes) {
            if (b == 0 || b == '\r') {
                return null;
            }
            if (b < 0) {
                ascii = false;
            }
        }
        if (ascii) {
            return new String(bytes, StandardCharsets.ISO_8859_1);
        }
        if (bytes.length >= 3 && (bytes[0] & 0xff) == 0xEF && (bytes[1] & 0xff) == 0xBB) {
            return null;
        }
        return decodeLine(bytes, 0, bytes.length);
    }

    private static String decodeLine(byte[] bytes, int from, int to) {
        CharsetDecoder dec = StandardCharsets.UTF_8.newDecoder()
                .onMalformedInput(CodingErrorAction.REPORT)
                .onUnmappableCharacter(CodingErrorAction.REPORT);
        try {
            CharBuffer cb = dec.decode(ByteBuffer.wrap(bytes, from, to - from));
            return cb.toString();
        } catch (CharacterCodingException e) {
            return null;
        }
    }
}
