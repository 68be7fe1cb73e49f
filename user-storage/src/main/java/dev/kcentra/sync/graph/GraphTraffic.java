package dev.kcentra.sync.graph;

import okhttp3.Interceptor;
import okhttp3.Response;

import java.io.IOException;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Counts one sync run's Graph requests (every attempt, retries included) and throttled answers, and slows the run
 * down before Graph throttles it: past 80 % of the resource-unit limit Graph's answers carry
 * {@code x-ms-throttle-limit-percentage} (0.8 to 1.8, https://learn.microsoft.com/en-us/graph/throttling-limits,
 * "Identity and access service limits"), and the next request waits in proportion, up to the limit's 10 s window.
 * 429s themselves are retried by the SDK's retry handler, which honours {@code Retry-After}.
 */
public final class GraphTraffic implements Interceptor {

    static final String LIMIT_PERCENTAGE = "x-ms-throttle-limit-percentage";
    static final double SLOW_DOWN_FROM = 0.8;
    static final long MAX_PAUSE_MILLIS = 10_000;

    private final AtomicInteger requests = new AtomicInteger();
    private final AtomicInteger throttled = new AtomicInteger();
    private final AtomicLong pausedMillis = new AtomicLong();
    private volatile long pauseBeforeNextMillis;
    private final Sleeper sleeper;

    @FunctionalInterface
    public interface Sleeper {
        void sleep(long millis) throws InterruptedException;
    }

    public GraphTraffic() {
        this(Thread::sleep);
    }

    GraphTraffic(Sleeper sleeper) {
        this.sleeper = sleeper;
    }

    @Override
    public Response intercept(Chain chain) throws IOException {
        long pause = pauseBeforeNextMillis;
        if (pause > 0) {
            try {
                sleeper.sleep(pause);
                pausedMillis.addAndGet(pause);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IOException("interrupted while slowing down for Graph's throttling limit", e);
            }
        }
        requests.incrementAndGet();
        Response response = chain.proceed(chain.request());
        if (response.code() == 429) {
            throttled.incrementAndGet();
        }
        pauseBeforeNextMillis = pauseFor(response.header(LIMIT_PERCENTAGE));
        return response;
    }

    /** 0 below 0.8; from there a tenth of the 10 s window per tenth over 0.8 (1.0 waits 2 s), at most the window. */
    static long pauseFor(String limitPercentage) {
        if (limitPercentage == null) {
            return 0;
        }
        try {
            double used = Double.parseDouble(limitPercentage.trim());
            return used <= SLOW_DOWN_FROM ? 0 : Math.min(MAX_PAUSE_MILLIS, Math.round((used - SLOW_DOWN_FROM) * MAX_PAUSE_MILLIS));
        } catch (NumberFormatException e) {
            return 0;
        }
    }

    public int requests() {
        return requests.get();
    }

    public int throttled() {
        return throttled.get();
    }

    public long pausedMillis() {
        return pausedMillis.get();
    }
}
