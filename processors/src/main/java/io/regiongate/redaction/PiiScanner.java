package io.regiongate.redaction;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * Runs a profile's detectors over a text and settles overlaps: where two claim the same
 * characters, the type of lower priority number wins (checksum-validated types first), then the
 * longer match. The result is in text order and never overlaps.
 */
public final class PiiScanner {

    private static final Comparator<PiiMatch> PRECEDENCE = Comparator
            .comparingInt((PiiMatch match) -> match.type().priority())
            .thenComparing(Comparator.comparingInt(PiiMatch::length).reversed())
            .thenComparingInt(PiiMatch::start);

    private final List<Detector> detectors;
    private final boolean custom;

    public PiiScanner(List<Detector> detectors) {
        this.detectors = List.copyOf(detectors);
        this.custom = detectors.stream().anyMatch(CustomPatternDetector.class::isInstance);
    }

    public List<Detector> detectors() {
        return detectors;
    }

    public List<PiiMatch> scan(String text) {
        if (text == null || text.isEmpty()) {
            return List.of();
        }
        List<PiiMatch> all = new ArrayList<>();
        TextRegions regions = TextRegions.of(text);
        if (regions.numeric().isEmpty() && regions.atSigns().isEmpty() && !custom) {
            return List.of();
        }
        for (Detector detector : detectors) {
            detector.find(regions, all);
        }
        if (all.size() < 2) {
            return all;
        }
        all.sort(PRECEDENCE);
        List<PiiMatch> kept = new ArrayList<>(all.size());
        for (PiiMatch candidate : all) {
            boolean free = true;
            for (PiiMatch taken : kept) {
                if (taken.overlaps(candidate)) {
                    free = false;
                    break;
                }
            }
            if (free) {
                kept.add(candidate);
            }
        }
        kept.sort(Comparator.comparingInt(PiiMatch::start));
        return kept;
    }
}
