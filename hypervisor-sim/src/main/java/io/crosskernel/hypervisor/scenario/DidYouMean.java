package io.crosskernel.hypervisor.scenario;

import java.util.Collection;
import java.util.Locale;

/**
 * Suggests the name a user probably meant: the candidate that differs only in case, in '-' and '_' or by invisible
 * characters, else the nearest one when it is close enough to be a typo.
 *
 * <p>Close enough means at most {@value #SHORT_NAME_EDITS} edit for names of up to {@value #SHORT_NAME} letters and
 * at most {@value #MAX_DISTANCE} for longer ones, where an edit inserts, deletes or replaces one letter or swaps two
 * neighbours (optimal string alignment distance). So {@code dration} finds {@code duration} and {@code cots} finds
 * {@code cost}, but {@code cnt} is not taken for {@code at}, nor {@code rt} for {@code io}: with two edits out of two
 * or three letters, any short name is "close". Distances are measured after lower-casing and removing '-', '_' and
 * invisible characters, so {@code housekeeping_core} finds {@code housekeepingCore}.
 *
 * <p>Threading: stateless, safe from any thread. Allocates; for configuration errors only.
 */
public final class DidYouMean {
    /** Edits beyond this are not a typo any more, whatever the length. */
    public static final int MAX_DISTANCE = 2;
    /** Names up to this many letters get at most {@value #SHORT_NAME_EDITS} edit. */
    public static final int SHORT_NAME = 4;
    public static final int SHORT_NAME_EDITS = 1;

    private DidYouMean() {
    }

    /**
     * @return the best candidate, or null when none is close; ties go to the candidate listed first
     */
    public static String suggest(String wrong, Collection<String> candidates) {
        String plain = normalise(wrong);
        for (String candidate : candidates) {
            if (normalise(candidate).equals(plain)) {
                return candidate;
            }
        }
        String best = null;
        int bestDistance = Integer.MAX_VALUE;
        for (String candidate : candidates) {
            String other = normalise(candidate);
            if (Math.abs(plain.length() - other.length()) > MAX_DISTANCE) {
                continue; // more insertions than a typo has; also keeps a 100 000-letter name cheap
            }
            int d = distance(plain, other);
            if (d <= allowedEdits(plain, other) && d < bestDistance) {
                best = candidate;
                bestDistance = d;
            }
        }
        return best;
    }

    /** @return the edits that still make {@code a} a typo of {@code b} (both normalised) */
    static int allowedEdits(String a, String b) {
        return Math.max(a.length(), b.length()) <= SHORT_NAME ? SHORT_NAME_EDITS : MAX_DISTANCE;
    }

    /**
     * A hint for an unknown name: {@code did you mean 'x'?} when one is close, else the list of valid names.
     *
     * @param what what the names are, e.g. {@code keys} or {@code kernel types}
     */
    public static String hint(String wrong, Collection<String> candidates, String what) {
        String best = suggest(wrong, candidates);
        if (best != null) {
            return "did you mean '" + best + "'?";
        }
        if (candidates.isEmpty()) {
            return "there are no valid " + what + " here";
        }
        return "valid " + what + ": " + String.join(", ", candidates);
    }

    /** Lower case, without '-', '_' or anything invisible. */
    static String normalise(String name) {
        StringBuilder out = new StringBuilder(name.length());
        name.toLowerCase(Locale.ROOT).codePoints()
                .filter(cp -> cp != '-' && cp != '_' && !Echo.isInvisible(cp))
                .forEach(out::appendCodePoint);
        return out.toString();
    }

    /**
     * Optimal string alignment distance: insertions, deletions, substitutions and swaps of two neighbouring letters,
     * each costing one.
     */
    public static int distance(String a, String b) {
        int[] beforePrevious = new int[b.length() + 1];
        int[] previous = new int[b.length() + 1];
        int[] current = new int[b.length() + 1];
        for (int j = 0; j <= b.length(); j++) {
            previous[j] = j;
        }
        for (int i = 1; i <= a.length(); i++) {
            current[0] = i;
            for (int j = 1; j <= b.length(); j++) {
                int substitution = previous[j - 1] + (a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1);
                int d = Math.min(substitution, Math.min(previous[j], current[j - 1]) + 1);
                if (i > 1 && j > 1 && a.charAt(i - 1) == b.charAt(j - 2) && a.charAt(i - 2) == b.charAt(j - 1)) {
                    d = Math.min(d, beforePrevious[j - 2] + 1);
                }
                current[j] = d;
            }
            int[] recycled = beforePrevious;
            beforePrevious = previous;
            previous = current;
            current = recycled;
        }
        return previous[b.length()];
    }
}
