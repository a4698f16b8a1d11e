package io.crosskernel.kernels.io;

import io.crosskernel.api.InvalidSettingException;
import io.crosskernel.api.Units;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.List;
import io.crosskernel.kernels.common.SettingValues;
import java.util.Map;
import java.util.Set;

/**
 * The I/O kernel's settings. Immutable; parsed on the host thread during validation and boot.
 *
 * @param bind           loopback address both listeners bind (a non-loopback address is refused)
 * @param udpPort        UDP listener port; 0 picks an ephemeral one (announced at boot)
 * @param tcpPort        TCP listener port; 0 picks an ephemeral one (announced at boot)
 * @param ring           capacity of each listener's request ring: requests read off the socket but not yet taken
 *                       into a job
 * @param batch          most datagrams/frames read per listener, most ring requests moved into jobs, most messages
 *                       drained per channel, most source arrivals released and most tasks run, per duty cycle
 * @param maxFrame       largest accepted TCP frame length prefix (request id + payload)
 * @param maxConnections TCP connections served at once (more are accepted and closed at once)
 * @param queueDepth     jobs the kernel can hold at once (its job pool)
 */
public record IoSettings(InetAddress bind, int udpPort, int tcpPort, int ring, int batch, int maxFrame,
        int maxConnections, int queueDepth) {
    public static final String BIND = "bind";
    public static final String UDP_PORT = "udpPort";
    public static final String TCP_PORT = "tcpPort";
    public static final String RING = "ring";
    public static final String BATCH = "batch";
    public static final String MAX_FRAME = "maxFrame";
    public static final String MAX_CONNECTIONS = "maxConnections";
    public static final String QUEUE_DEPTH = "queueDepth";
    /** Every key, in the order the documentation lists them. */
    public static final List<String> KEY_ORDER =
            List.of(BIND, UDP_PORT, TCP_PORT, RING, BATCH, MAX_FRAME, MAX_CONNECTIONS, QUEUE_DEPTH);
    public static final Set<String> KEYS = Set.copyOf(KEY_ORDER);

    public static final int DEFAULT_RING = 65536;
    public static final int MAX_RING = 1 << 24;
    public static final int DEFAULT_BATCH = 256;
    public static final int MAX_BATCH = 65536;
    public static final int DEFAULT_MAX_FRAME = 64 * 1024;
    public static final int MAX_MAX_FRAME = 16 * 1024 * 1024;
    public static final int DEFAULT_MAX_CONNECTIONS = 64;
    public static final int MAX_MAX_CONNECTIONS = 4096;
    public static final int DEFAULT_QUEUE_DEPTH = 65536;
    public static final int MIN_QUEUE_DEPTH = 16;
    public static final int MAX_QUEUE_DEPTH = 1 << 20;

    public IoSettings {
        if (bind == null || !bind.isLoopbackAddress()) {
            throw new InvalidSettingException(BIND, "the io kernel binds loopback addresses only, got " + bind
                    + ": write 'bind: 127.0.0.1'");
        }
        SettingValues.checkRange(UDP_PORT, udpPort, 0, 65535, "0");
        SettingValues.checkRange(TCP_PORT, tcpPort, 0, 65535, "0");
        SettingValues.checkRange(RING, ring, 1, MAX_RING, Integer.toString(DEFAULT_RING));
        SettingValues.checkRange(BATCH, batch, 1, MAX_BATCH, Integer.toString(DEFAULT_BATCH));
        SettingValues.checkRange(MAX_FRAME, maxFrame, FrameDecoder.REQUEST_ID_BYTES, MAX_MAX_FRAME, "64KiB");
        SettingValues.checkRange(MAX_CONNECTIONS, maxConnections, 1, MAX_MAX_CONNECTIONS, Integer.toString(DEFAULT_MAX_CONNECTIONS));
        SettingValues.checkRange(QUEUE_DEPTH, queueDepth, MIN_QUEUE_DEPTH, MAX_QUEUE_DEPTH, Integer.toString(DEFAULT_QUEUE_DEPTH));
    }

    /** Every setting at its default: 127.0.0.1, ephemeral ports, ring 65536, batch 256, 64KiB frames, 64, 65536. */
    public static IoSettings defaults() {
        return parse(Map.of());
    }

    /** The UDP listener's configuration. */
    public UdpIngressConfig udpConfig() {
        return new UdpIngressConfig(bind, udpPort, UdpIngressConfig.DEFAULT_RECEIVE_BUFFER_BYTES);
    }

    /** The TCP listener's configuration; each connection's read buffer holds at least one largest frame. */
    public TcpIngressConfig tcpConfig() {
        int readBuffer = Math.max(TcpIngressConfig.DEFAULT_READ_BUFFER_BYTES,
                FrameDecoder.LENGTH_PREFIX_BYTES + maxFrame);
        return new TcpIngressConfig(bind, tcpPort, maxFrame, maxConnections, readBuffer);
    }

    /**
     * Parses the settings the scenario wrote; missing keys take their defaults. Never resolves a host name: only
     * {@code localhost} and numeric addresses are accepted.
     *
     * @throws InvalidSettingException naming the key that is wrong and what to write instead
     */
    public static IoSettings parse(Map<String, String> settings) {
        for (String key : settings.keySet()) {
            if (!KEYS.contains(key)) {
                throw new InvalidSettingException(key, "unknown setting '" + key + "' for an io kernel:"
                        + " the accepted settings are " + String.join(", ", KEY_ORDER));
            }
        }
        InetAddress bind = settings.containsKey(BIND) ? address(settings.get(BIND)) : LoopbackOnly.ipv4();
        return new IoSettings(bind,
                (int) integer(settings, UDP_PORT, 0, 65535, 0),
                (int) integer(settings, TCP_PORT, 0, 65535, 0),
                (int) integer(settings, RING, 1, MAX_RING, DEFAULT_RING),
                (int) integer(settings, BATCH, 1, MAX_BATCH, DEFAULT_BATCH),
                (int) size(settings, MAX_FRAME, FrameDecoder.REQUEST_ID_BYTES, MAX_MAX_FRAME, DEFAULT_MAX_FRAME),
                (int) integer(settings, MAX_CONNECTIONS, 1, MAX_MAX_CONNECTIONS, DEFAULT_MAX_CONNECTIONS),
                (int) integer(settings, QUEUE_DEPTH, MIN_QUEUE_DEPTH, MAX_QUEUE_DEPTH, DEFAULT_QUEUE_DEPTH));
    }

    private static InetAddress address(String text) {
        String t = text.trim();
        if (t.equalsIgnoreCase("localhost")) {
            return LoopbackOnly.ipv4();
        }
        boolean literal = t.matches("[0-9]{1,3}(\\.[0-9]{1,3}){3}") || t.matches("\\[?[0-9a-fA-F:]+\\]?");
        InetAddress address = null;
        if (literal) {
            try {
                address = InetAddress.getByName(t); // a literal: parsed, never looked up
            } catch (UnknownHostException e) {
                address = null;
            }
        }
        if (address == null || !address.isLoopbackAddress()) {
            throw new InvalidSettingException(BIND, "bind must be a loopback address such as 127.0.0.1 or ::1, got '"
                    + text + "': the io kernel never listens on another interface");
        }
        return address;
    }

    private static long integer(Map<String, String> settings, String key, int min, int max, int fallback) {
        return SettingValues.wholeNumber(settings, key, min, max, fallback, Integer.toString(fallback));
    }

    private static long size(Map<String, String> settings, String key, int min, int max, int fallback) {
        String text = settings.get(key);
        if (text == null) {
            return fallback;
        }
        long value;
        try {
            value = Units.parseSizeBytes(text);
        } catch (IllegalArgumentException e) {
            throw new InvalidSettingException(key, key + ": " + e.getMessage());
        }
        SettingValues.checkRange(key, value, min, max, "64KiB");
        return value;
    }
}
