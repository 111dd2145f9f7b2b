package io.regiongate.redaction;

import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.commons.validator.routines.InetAddressValidator;

/**
 * IPv4 and IPv6 addresses, checked by Apache Commons Validator's {@link InetAddressValidator}: one
 * detector per version, both of the type {@code ip-address}. An IPv6 candidate needs at least four
 * hex digits (so {@code a::b} in C++ is not one), and a dotted quad written as a version
 * ({@code v1.2.3.4}) is not an address.
 */
public final class IpAddressDetector {

    private static final Pattern V4 = Pattern.compile("(?<![\\w.])(?:\\d{1,3}\\.){3}\\d{1,3}(?!\\.?\\w)");
    private static final Pattern V6 = Pattern.compile("(?<![\\w:.])(?:[0-9A-Fa-f]{0,4}:){2,7}[0-9A-Fa-f]{0,4}(?![\\w:])");
    private static final InetAddressValidator VALIDATOR = InetAddressValidator.getInstance();

    private IpAddressDetector() {
    }

    /** The detectors of both versions. */
    public static List<Detector> of(PiiType type) {
        return List.of(new V4Detector(type), new V6Detector(type));
    }

    private static final class V4Detector extends CandidateDetector {

        V4Detector(PiiType type) {
            super(type, V4, new ValueShape(4, 1, 7));
        }

        @Override
        boolean worthSearching(String text, int from, int to) {
            int dots = 0;
            for (int i = from; i < to && dots < 3; i++) {
                if (text.charAt(i) == '.') {
                    dots++;
                }
            }
            return dots == 3;
        }

        @Override
        int valueEnd(String text, Matcher matcher) {
            int start = matcher.start();
            boolean versionLike = start > 0 && (text.charAt(start - 1) == 'v' || text.charAt(start - 1) == 'V');
            return !versionLike && VALIDATOR.isValidInet4Address(matcher.group()) ? matcher.end() : -1;
        }
    }

    private static final class V6Detector extends CandidateDetector {

        V6Detector(PiiType type) {
            super(type, V6, new ValueShape(0, 0, 2));
        }

        @Override
        boolean worthSearching(String text, int from, int to) {
            for (int i = from; i < to; i++) {
                if (text.charAt(i) == ':') {
                    return true;
                }
            }
            return false;
        }

        @Override
        int valueEnd(String text, Matcher matcher) {
            String candidate = matcher.group();
            return hexDigits(candidate) >= 4 && VALIDATOR.isValidInet6Address(candidate) ? matcher.end() : -1;
        }

        private static int hexDigits(String candidate) {
            int count = 0;
            for (int i = 0; i < candidate.length(); i++) {
                if (candidate.charAt(i) != ':') {
                    count++;
                }
            }
            return count;
        }
    }
}
