package io.crosskernel.kernels.io;

import java.util.ArrayList;
import java.util.List;

/** A test sink that keeps every request it takes, optionally refusing once it holds {@code capacity}. */
final class RecordingSink implements RequestSink {
    record Request(long requestId, long receivedNanos, int payloadLength, long payloadHead) {
    }

    final List<Request> requests = new ArrayList<>();
    private final int capacity;

    RecordingSink() {
        this(Integer.MAX_VALUE);
    }

    RecordingSink(int capacity) {
        this.capacity = capacity;
    }

    @Override
    public boolean offer(long requestId, long receivedNanos, int payloadLength, long payloadHead) {
        if (requests.size() >= capacity) {
            return false;
        }
        requests.add(new Request(requestId, receivedNanos, payloadLength, payloadHead));
        return true;
    }

    List<Long> ids() {
        return requests.stream().map(Request::requestId).toList();
    }
}
