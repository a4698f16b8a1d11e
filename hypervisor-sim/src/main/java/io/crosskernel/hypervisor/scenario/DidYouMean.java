package io.crosskernel.hypervisor.scenario;

import java.util.Collection;
import java.util.Locale;

/**
 * Suggests the name a user probably meant: the candidate that differs only in case (or in '-' and '_'), else the
 * nearest one by Levenshtein distance when that distance is at most {@value #MAX_DISTANCE}. Distances are measured
 * after lower-casing and removing '-' and '_', so {@code housekeeping_core} finds {@code housekeepingCore}.
 *
 * <p>Threading: stateless, safe from any thread. Allocates; for configuration errors only.
 */
public final class DidYouMean {
    /** Edits beyond this are not a typo any more. */
    public static final int MAX_DISTANCE = 2;

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
        int bestDistance = MAX_DISTANCE + 1;
        for (String candidate : candidates) {
            int d = distance(plain, normalise(candidate));
            if (d < bestDistance) {
                best = candidate;
                bestDistance = d;
            }
        }
        return best;
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

    private static String normalise(String name) {
        return name.toLowerCase(Locale.ROOT).replace("-", "").replace("_", "");
    }

    /** Levenshtein distance: insertions, deletions and substitutions, each costing one. */
    public static int distance(String a, String b) {
        int[] previous = new int[b.length() + 1];
        int[] current = new int[b.length() + 1];
        for (int j = 0; j <= b.length(); j++) {
            previous[j] = j;
        }
        for (int i = 1; i <= a.length(); i++) {
            current[0] = i;
            for (int j = 1; j <= b.length(); j++) {
                int substitution = previous[j - 1] + (a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1);
                current[j] = Math.min(substitution, Math.min(previous[j], current[j - 1]) + 1);
            }
            int[] swap = previous;
            previous = current;
            current = swap;
        }
        return previous[b.length()];
    }
}
