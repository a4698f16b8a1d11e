package io.crosskernel.cli;

import io.crosskernel.api.jfr.CrossKernelEvents;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.text.ParseException;
import java.time.Duration;
import java.util.List;
import jdk.jfr.Configuration;
import jdk.jfr.FlightRecorder;
import jdk.jfr.Recording;

/**
 * {@code xk run --jfr FILE}: a JDK Flight Recorder recording of the run, started before the kernels boot and written
 * to FILE when the run ends (also when it fails).
 *
 * <p>It records what the JVM's {@code default} configuration records (low overhead: GC, safepoints over 10 ms, CPU
 * load, allocation samples, ...), plus every {@code crosskernel.*} event and, with no threshold, the JVM events a
 * lateness spike is usually lined up with: GC pauses and their phases, safepoints and the VM operations run in them.
 *
 * <p>Threading: the CLI thread starts and stops it; the recording itself is JFR's and thread-safe.
 */
final class JfrRecording {
    /** JVM events recorded with no threshold, so even a short pause can be matched with a lateness spike. */
    static final List<String> JVM_PAUSE_EVENTS = List.of("jdk.GarbageCollection", "jdk.GCPhasePause",
            "jdk.GCPhasePauseLevel1", "jdk.SafepointBegin", "jdk.SafepointStateSynchronization", "jdk.SafepointEnd",
            "jdk.ExecuteVMOperation");

    private final Recording recording;
    private final Path file;

    private JfrRecording(Recording recording, Path file) {
        this.recording = recording;
        this.file = file;
    }

    /**
     * Checks that FILE can be written and starts recording.
     *
     * @throws BadInputException when FILE is a directory, its directory is missing or not writable, or this JVM has
     *     no Flight Recorder
     */
    static JfrRecording start(Path file) {
        Path target = checkWritable(file);
        if (!FlightRecorder.isAvailable()) {
            throw new BadInputException("--jfr: this JVM has no Flight Recorder (or it is disabled); run on a JDK "
                    + "with JFR, or drop --jfr");
        }
        Configuration defaults;
        try {
            defaults = Configuration.getConfiguration("default");
        } catch (IOException | ParseException e) {
            throw new IllegalStateException("the JVM's default JFR configuration cannot be read: " + e, e);
        }
        for (Class<? extends jdk.jfr.Event> type : CrossKernelEvents.CLASSES) {
            FlightRecorder.register(type);
        }
        Recording recording = new Recording(defaults.getSettings());
        recording.setName("crosskernel");
        recording.setToDisk(true);
        for (String name : CrossKernelEvents.NAMES) {
            recording.enable(name).withThreshold(Duration.ZERO).withoutStackTrace();
        }
        for (String name : JVM_PAUSE_EVENTS) {
            recording.enable(name).withThreshold(Duration.ZERO);
        }
        recording.start();
        return new JfrRecording(recording, target);
    }

    /** The absolute path FILE will be written to, after checking it can be. */
    static Path checkWritable(Path file) {
        Path target = file.toAbsolutePath().normalize();
        if (Files.isDirectory(target)) {
            throw new BadInputException("--jfr " + file + " is a directory: give a file name, for example "
                    + file.resolve("run.jfr"));
        }
        Path directory = target.getParent();
        if (directory == null || !Files.isDirectory(directory)) {
            throw new BadInputException("--jfr " + file + ": directory " + directory
                    + " does not exist; create it first or choose another path");
        }
        if (!Files.isWritable(directory)) {
            throw new BadInputException("--jfr " + file + ": directory " + directory
                    + " is not writable; choose a path you can write to");
        }
        if (Files.exists(target) && !Files.isWritable(target)) {
            throw new BadInputException("--jfr " + file + " exists and is not writable; choose another path");
        }
        return target;
    }

    /**
     * Stops recording and writes the file, saying where on {@code out} (or why not on {@code err}). Never throws: it
     * runs in a {@code finally} after the run, and must not hide the run's own failure.
     *
     * @return true when the file was written
     */
    boolean stopAndWrite(PrintWriter out, PrintWriter err) {
        try {
            recording.stop();
            recording.dump(file);
            out.println("JFR recording written to " + file + " (open it in JDK Mission Control, or: jfr print "
                    + "--events crosskernel.DeadlineMiss " + file + ")");
            return true;
        } catch (IOException | RuntimeException e) {
            err.println("warning: the JFR recording could not be written to " + file + ": " + e.getMessage());
            return false;
        } finally {
            recording.close();
            out.flush();
            err.flush();
        }
    }
}
