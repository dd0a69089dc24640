package dev.holdfast.healthcheck.spec;

import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.Objects;
import java.util.OptionalLong;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;

/**
 * An HTTP_GET url's regex check, run by Java's regex engine rather than PCRE2: the common syntax is the same, and
 * PCRE2 options without a Java meaning are refused here rather than silently ignored.
 *
 * @param pattern   the regex
 * @param noMatch   regex_no_match: pass when the body does not match
 * @param options   regex_options names
 * @param minOffset regex_min_offset: a match must start at or after this body offset
 * @param maxOffset regex_max_offset: a match must start at or before this body offset
 */
public record BodyRegex(String pattern, boolean noMatch, Set<String> options, long minOffset, OptionalLong maxOffset) {

    /** PCRE2 option names with the Java flag that does the same; 0 where Java behaves that way anyway. */
    private static final Map<String, Integer> OPTIONS = Map.ofEntries(
            Map.entry("caseless", Pattern.CASE_INSENSITIVE),
            Map.entry("dotall", Pattern.DOTALL),
            Map.entry("extended", Pattern.COMMENTS),
            Map.entry("multiline", Pattern.MULTILINE),
            Map.entry("ucp", Pattern.UNICODE_CHARACTER_CLASS),
            Map.entry("utf", Pattern.UNICODE_CASE),
            Map.entry("allow_empty_class", 0),
            Map.entry("auto_callout", 0),
            Map.entry("dupnames", 0),
            Map.entry("never_backslash_c", 0),
            Map.entry("never_ucp", 0),
            Map.entry("never_utf", 0),
            Map.entry("no_auto_capture", 0),
            Map.entry("no_auto_possess", 0),
            Map.entry("no_dotstar_anchor", 0),
            Map.entry("no_start_optimize", 0),
            Map.entry("use_offset_limit", 0));

    public BodyRegex {
        Objects.requireNonNull(pattern, "pattern");
        options = Set.copyOf(Objects.requireNonNull(options, "options"));
        Objects.requireNonNull(maxOffset, "maxOffset");
        for (String option : options) {
            if (!OPTIONS.containsKey(option)) {
                throw new IllegalArgumentException("regex_options " + option + " is not supported by holdfast");
            }
        }
        if (minOffset < 0 || maxOffset.isPresent() && maxOffset.getAsLong() < minOffset) {
            throw new IllegalArgumentException("regex offsets must satisfy 0 <= min <= max");
        }
        try {
            compile(pattern, options);
        } catch (PatternSyntaxException e) {
            throw new IllegalArgumentException("invalid regex: " + e.getMessage(), e);
        }
    }

    private static Pattern compile(String pattern, Set<String> options) {
        int flags = 0;
        for (String option : options) {
            flags |= OPTIONS.get(option);
        }
        return Pattern.compile(pattern, flags);
    }

    /** Whether {@code body} passes: a match starting within the offsets, or none with regex_no_match. */
    public boolean passes(byte[] body) {
        String text = new String(body, options.contains("utf") ? StandardCharsets.UTF_8 : StandardCharsets.ISO_8859_1);
        Matcher matcher = compile(pattern, options).matcher(text);
        boolean matched = false;
        if (minOffset <= text.length() && matcher.find((int) minOffset)) {
            matched = maxOffset.isEmpty() || matcher.start() <= maxOffset.getAsLong();
        }
        return matched != noMatch;
    }
}
