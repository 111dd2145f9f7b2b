package io.regiongate.redaction;

import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.commons.validator.routines.InetAddressValidator;

/**
 * IPv4 and IPv6 addresses, checked by Apache Commons Validator's {@link InetAddressValidator}. An
 * IPv6 candidate needs at least four hex digits (so {@code a::b} in C++ is not one), and a dotted
 * quad written as a version ({@code v1.2.3.4}) is not an address.
 */
public final class IpAddressDetector implements Detector {

    private static final Pattern V4 = Pattern.compile("(?<![\\w.])(?:\\d{1,3}\\.){3}\\d{1,3}(?!\\.?\\w)");
    private static final Pattern V6 = Pattern.compile("(?<![\\w:.])(?:[0-9A-Fa-f]{0,4}:){2,7}[0-9A-Fa-f]{0,4}(?![\\w:])");

    private final PiiType type;
    private final InetAddressValidator validator = InetAddressValidator.getInstance();

    public IpAddressDetector(PiiType type) {
        this.type = type;
    }

    @Override
    public PiiType type() {
        return type;
    }

    @Override
    public void find(TextRegions regions, List<PiiMatch> found) {
        String text = regions.text();
        Matcher v4 = PatternDetector.inRegions(V4, text);
        Matcher v6 = PatternDetector.inRegions(V6, text);
        for (int[] region : regions.numeric()) {
            v4.region(region[0], region[1]);
            while (region[2] >= 4 && v4.find()) {
                if (validator.isValidInet4Address(v4.group()) && !versionLike(text, v4.start())) {
                    found.add(new PiiMatch(v4.start(), v4.end(), type));
                }
            }
            if (!hasColon(text, region[0], region[1])) {
                continue;
            }
            v6.region(region[0], region[1]);
            while (v6.find()) {
                String candidate = v6.group();
                if (hexDigits(candidate) >= 4 && validator.isValidInet6Address(candidate)) {
                    found.add(new PiiMatch(v6.start(), v6.end(), type));
                }
            }
        }
    }

    private static boolean hasColon(String text, int from, int to) {
        for (int i = from; i < to; i++) {
            if (text.charAt(i) == ':') {
                return true;
            }
        }
        return false;
    }

    private static boolean versionLike(String text, int start) {
        return start > 0 && (text.charAt(start - 1) == 'v' || text.charAt(start - 1) == 'V');
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
