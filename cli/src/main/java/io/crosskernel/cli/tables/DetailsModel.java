package io.crosskernel.cli.tables;

import io.crosskernel.api.Units;
import io.crosskernel.hypervisor.report.KernelReport;
import io.crosskernel.hypervisor.report.LatencySummary;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * A kernel's {@link KernelReport#details() figures} for people, derived from their structure alone so that every
 * kernel type (plugins too) reads the same way: the figures of the kernel become one line ({@code policy edf,
 * schedulable yes, udp (port 40124, datagrams 12)}), and each list of records ({@code tasks}, {@code poolThreads})
 * becomes a table with a row per record. Names are the keys in words ({@code ringHighWater} → {@code ring high
 * water}); a key's unit suffix ({@code Nanos}, {@code Bytes}, {@code PerSecond}) picks the number's format; a latency
 * summary shows its p50, p99 and maximum.
 *
 * <p>Stateless and thread-safe; the tables it returns are immutable.
 */
public final class DetailsModel {
    private static final String[] UNITS = {"Nanos", "Bytes", "PerSecond"};
    private static final String NONE = "-";

    private DetailsModel() {
    }

    /**
     * A titled table of one list of records in a kernel's figures.
     *
     * @param title the kernel and the list, e.g. {@code rt: tasks}
     */
    public record Titled(String title, ReportTableModel.Table table) {
    }

    /** The kernel's figures that are not lists of records, as {@code name value, name value}; empty when none. */
    public static String line(KernelReport kernel, ReportTableModel.CellStyle style) {
        return entries(kernel.details(), style);
    }

    /** One table per list of records in the kernel's figures, in their order; empty when it has none. */
    public static List<Titled> tables(KernelReport kernel, ReportTableModel.CellStyle style) {
        List<Titled> tables = new ArrayList<>();
        for (Map.Entry<String, Object> entry : kernel.details().entrySet()) {
            if (isRecordList(entry.getValue())) {
                tables.add(new Titled(kernel.name() + ": " + words(entry.getKey()),
                        table(records(entry.getValue()), style)));
            }
        }
        return tables;
    }

    private static String entries(Map<String, Object> figures, ReportTableModel.CellStyle style) {
        List<String> parts = new ArrayList<>();
        for (Map.Entry<String, Object> entry : figures.entrySet()) {
            Object value = entry.getValue();
            // A null figure does not apply; a list of records is a table of its own.
            if (value != null && !isRecordList(value)) {
                parts.add(words(entry.getKey()) + " " + inline(entry.getKey(), value, style));
            }
        }
        return String.join(", ", parts);
    }

    /** A value within a line: groups in parentheses, so their figures stay apart from the kernel's. */
    @SuppressWarnings("unchecked")
    private static String inline(String key, Object value, ReportTableModel.CellStyle style) {
        if (value instanceof Map<?, ?> group) {
            return "(" + entries((Map<String, Object>) group, style) + ")";
        }
        if (value instanceof LatencySummary summary) {
            return summary.count() == 0 ? NONE : "(p50 " + nanos(summary.p50(), style) + ", p99 "
                    + nanos(summary.p99(), style) + ", max " + nanos(summary.max(), style) + ")";
        }
        return cell(key, value, style);
    }

    private static ReportTableModel.Table table(List<Map<String, Object>> records, ReportTableModel.CellStyle style) {
        // Columns in order of first appearance; a latency summary spreads over three.
        Map<String, Boolean> keys = new LinkedHashMap<>();
        for (Map<String, Object> record : records) {
            for (Map.Entry<String, Object> entry : record.entrySet()) {
                boolean numeric = entry.getValue() == null || entry.getValue() instanceof Number
                        || entry.getValue() instanceof LatencySummary;
                keys.merge(entry.getKey(), numeric, Boolean::logicalAnd);
            }
        }
        List<String> headers = new ArrayList<>();
        for (Map.Entry<String, Boolean> key : keys.entrySet()) {
            String prefix = key.getValue() ? ">" : "";
            if (records.stream().anyMatch(r -> r.get(key.getKey()) instanceof LatencySummary)) {
                String name = words(key.getKey());
                headers.addAll(List.of(prefix + name + " p50", prefix + name + " p99", prefix + name + " max"));
            } else {
                headers.add(prefix + words(key.getKey()));
            }
        }
        List<List<String>> rows = new ArrayList<>();
        for (Map<String, Object> record : records) {
            List<String> row = new ArrayList<>();
            for (String key : keys.keySet()) {
                Object value = record.get(key);
                if (records.stream().anyMatch(r -> r.get(key) instanceof LatencySummary)) {
                    LatencySummary summary = value instanceof LatencySummary s ? s : LatencySummary.EMPTY;
                    boolean empty = summary.count() == 0;
                    row.add(empty ? NONE : nanos(summary.p50(), style));
                    row.add(empty ? NONE : nanos(summary.p99(), style));
                    row.add(empty ? NONE : nanos(summary.max(), style));
                } else {
                    row.add(value == null ? NONE : cell(key, value, style));
                }
            }
            rows.add(row);
        }
        return new ReportTableModel.Table(headers, rows);
    }

    /** One value as text, formatted by the unit its key names. */
    @SuppressWarnings("unchecked")
    private static String cell(String key, Object value, ReportTableModel.CellStyle style) {
        if (value == null) {
            return NONE;
        }
        if (value instanceof Boolean b) {
            return b ? "yes" : "no";
        }
        if (value instanceof Number number) {
            if (key.endsWith("Nanos")) {
                return nanos(Math.round(number.doubleValue()), style);
            }
            if (key.endsWith("Bytes")) {
                return Units.formatBytes(Math.round(number.doubleValue()));
            }
            if (key.endsWith("PerSecond")) {
                return style.rate().apply(number.doubleValue());
            }
            return value instanceof Double d ? String.format(Locale.ROOT, "%.3f", d) : String.valueOf(value);
        }
        if (value instanceof List<?> items) {
            return items.isEmpty() ? NONE
                    : items.stream().map(item -> cell(key, item, style)).collect(Collectors.joining(","));
        }
        if (value instanceof Map<?, ?> group) {
            return entries((Map<String, Object>) group, style);
        }
        if (value instanceof LatencySummary summary) {
            return inline(key, summary, style);
        }
        return String.valueOf(value);
    }

    private static String nanos(long value, ReportTableModel.CellStyle style) {
        return style.latency().apply(value);
    }

    /** A list whose every element is a map (and that has one): a table's rows. */
    private static boolean isRecordList(Object value) {
        return value instanceof List<?> list && !list.isEmpty() && list.stream().allMatch(Map.class::isInstance);
    }

    @SuppressWarnings("unchecked")
    private static List<Map<String, Object>> records(Object value) {
        return (List<Map<String, Object>>) value;
    }

    /** {@code ringHighWater} → {@code ring high water}; a unit suffix is left out (it shows in the value). */
    static String words(String key) {
        String name = key;
        for (String unit : UNITS) {
            if (name.endsWith(unit) && name.length() > unit.length()) {
                name = name.substring(0, name.length() - unit.length());
                break;
            }
        }
        StringBuilder words = new StringBuilder();
        for (int i = 0; i < name.length(); i++) {
            char c = name.charAt(i);
            if (Character.isUpperCase(c)) {
                words.append(' ').append(Character.toLowerCase(c));
            } else {
                words.append(c);
            }
        }
        return words.toString();
    }
}
