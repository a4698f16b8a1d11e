package io.crosskernel.hypervisor.journal;

/**
 * Byte offsets and codes of the journal's entries (each entry is one Chronicle Queue document; offsets are from the
 * start of the document's payload; numbers are little-endian as Chronicle Bytes writes them). {@code docs/JOURNAL.md}
 * has the same tables with explanations.
 *
 * <p>Constants only.
 */
public final class JournalLayout {
    /**
     * Version of the entry layouts; written in the header. 2: the END entry carries a {@link JournalEnd} at byte 2.
     * 3: INGRESS entries.
     */
    public static final int FORMAT_VERSION = 3;
    /** The oldest version this code reads (format 1's END has only a clean flag). */
    public static final int OLDEST_FORMAT_VERSION = 1;

    public static final byte SEND = 1;
    public static final byte RECEIVE = 2;
    public static final byte PUT = 3;
    public static final byte DELETE = 4;
    public static final byte INGRESS = 5;
    public static final byte HEADER = 16;
    public static final byte LIFECYCLE = 17;
    public static final byte FINAL_STATE = 18;
    public static final byte END = 19;

    // SEND and RECEIVE: 72 bytes.
    public static final int MSG_TYPE = 0;
    public static final int MSG_RESULT = 1;
    public static final int MSG_FROM = 2;
    public static final int MSG_TO = 4;
    public static final int MSG_STAGE = 6;
    public static final int MSG_TIMESTAMP = 8;
    public static final int MSG_CHANNEL_SEQ = 16;
    public static final int MSG_REQUEST_ID = 24;
    public static final int MSG_TRACE_ID = 32;
    public static final int MSG_ROUTE_ID = 40;
    public static final int MSG_RESERVED = 44;
    public static final int MSG_ORIGIN = 48;
    public static final int MSG_SENT = 56;
    public static final int MSG_PAYLOAD = 64;
    public static final int MESSAGE_LENGTH = 72;

    // PUT and DELETE: 32 bytes, then (PUT under payload mode full) the value's bytes.
    public static final int STORE_KERNEL = 2;
    public static final int STORE_VALUE_LENGTH = 4;
    public static final int STORE_TIMESTAMP = 8;
    public static final int STORE_KEY = 16;
    public static final int STORE_DIGEST = 24;
    public static final int STORE_LENGTH = 32;

    // INGRESS: 40 bytes. A request from outside (the io kernel's sockets), as it arrived.
    public static final int INGRESS_KERNEL = 2;
    public static final int INGRESS_ROUTE_ID = 4;
    public static final int INGRESS_TIMESTAMP = 8;
    public static final int INGRESS_CLIENT_ID = 16;
    public static final int INGRESS_PAYLOAD_LENGTH = 24;
    public static final int INGRESS_RESERVED = 28;
    public static final int INGRESS_PAYLOAD = 32;
    public static final int INGRESS_LENGTH = 40;

    // Host entries: type at 0, a kind/flag byte at 1, a 16-bit kernel id at 2 (LIFECYCLE), the timestamp at 8, then
    // variable fields (Chronicle UTF-8 strings: a stop-bit encoded length, then the bytes).
    public static final int HOST_TIMESTAMP = 8;
    public static final int HOST_FIXED_LENGTH = 16;
    /** END: byte 1 is 1 for a clean end, 0 otherwise; byte 2 the {@link JournalEnd} code (format 2). */
    public static final int END_REASON = 2;

    /** SendResult codes in SEND entries (the enum's ordinal). */
    public static final int RESULT_SENT = 0;
    public static final int RESULT_DROPPED = 2;
    public static final int RESULT_FAILED = 3;

    private JournalLayout() {
    }
}
