package com.example.ratelimit;

/**
 * A token bucket in integer nanoseconds: tokens accrue at a fixed rate up to a capacity (the burst), and each request
 * let through takes one.
 *
 * <p>The bucket holds <em>credit</em>, nanoseconds of accrued time, rather than a fractional token count: a token is
 * {@code nanosPerToken} of credit, so refilling is one subtraction of clock readings and no rounding error builds up
 * over a long run. It starts full.
 *
 * <p>Threading: not thread-safe; owned by the kernel's one worker. Never allocates.
 */
final class TokenBucket {
    private final long nanosPerToken;
    private final long capacityNanos;
    private long credit;
    private long lastRefill;

    /**
     * @param ratePerSecond tokens added per second (above zero)
     * @param burst         most tokens the bucket holds, at least 1
     * @param nowNanos      the clock reading the bucket starts from
     */
    TokenBucket(double ratePerSecond, long burst, long nowNanos) {
        this.nanosPerToken = Math.max(1, Math.round(1e9 / ratePerSecond));
        this.capacityNanos = Math.multiplyExact(burst, nanosPerToken);
        this.credit = capacityNanos;
        this.lastRefill = nowNanos;
    }

    /** Adds the credit accrued since the last refill, up to the capacity; a clock read out of order adds nothing. */
    void refill(long nowNanos) {
        long elapsed = nowNanos - lastRefill;
        if (elapsed > 0) {
            credit = elapsed >= capacityNanos - credit ? capacityNanos : credit + elapsed;
            lastRefill = nowNanos;
        }
    }

    /** @return true, taking a token, when one is available; false when the bucket is empty */
    boolean tryTake() {
        if (credit < nanosPerToken) {
            return false;
        }
        credit -= nanosPerToken;
        return true;
    }

    /** Whole tokens available now (without refilling). */
    long tokens() {
        return credit / nanosPerToken;
    }

    /** How long one token takes to accrue. */
    long nanosPerToken() {
        return nanosPerToken;
    }
}
