package io.crosskernel.cli;

import io.crosskernel.api.jfr.CrossKernelEvents;
import io.crosskernel.cli.output.AtomicFile;
import io.crosskernel.cli.output.OutputFailedException;
import java.io.IOException;
import java.io.PrintWriter;
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
     * Starts recording; FILE is written when the recording stops. The path itself was checked before the run with
     * every other output ({@link RunOutputs}).
     *
     * @throws BadInputException when this JVM has no Flight Recorder
     */
    static JfrRecording start(Path file) {
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
        return new JfrRecording(recording, file.toAbsolutePath().normalize());
    }

    /**
     * Stops recording and writes the file whole or not at all ({@link AtomicFile}), saying where on {@code out}. The
     * recording is closed either way.
     *
     * @throws OutputFailedException naming the file and what went wrong
     */
    void stopAndWrite(PrintWriter out) {
        try {
            recording.stop();
            AtomicFile.writeFile("the JFR recording", file, recording::dump);
            out.println("JFR recording written to " + file + " (open it in JDK Mission Control, or: jfr print "
                    + "--events crosskernel.DeadlineMiss " + file + ")");
        } finally {
            recording.close();
            out.flush();
        }
    }
}
