package io.regiongate.quota;

/**
 * Long arithmetic that stops at {@link Long#MAX_VALUE} (and {@link Long#MIN_VALUE}) instead of
 * wrapping round: a token estimate or counter that would overflow becomes the largest value, which
 * no limit admits, never a negative one that every limit would.
 */
public final class Saturating {

    private Saturating() {
    }

    public static long add(long a, long b) {
        try {
            return Math.addExact(a, b);
        } catch (ArithmeticException overflow) {
            return a < 0 ? Long.MIN_VALUE : Long.MAX_VALUE;
        }
    }

    public static long multiply(long a, long b) {
        try {
            return Math.multiplyExact(a, b);
        } catch (ArithmeticException overflow) {
            return (a < 0) == (b < 0) ? Long.MAX_VALUE : Long.MIN_VALUE;
        }
    }

    /**
     * A token count as the ledger takes it: a negative one can only be the result of a wrapped sum
     * somewhere before the ledger, so it counts as the largest possible, and is refused by any limit.
     */
    public static long tokens(long count) {
        return count < 0 ? Long.MAX_VALUE : count;
    }
}
