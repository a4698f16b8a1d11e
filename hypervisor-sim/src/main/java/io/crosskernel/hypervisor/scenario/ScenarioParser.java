package io.crosskernel.hypervisor.scenario;

import io.crosskernel.api.hiccup.HiccupMeter;
import io.crosskernel.api.AdmissionException;
import io.crosskernel.api.InvalidSettingException;
import io.crosskernel.api.workload.Source;
import io.crosskernel.api.KernelFactory;
import io.crosskernel.api.Reshard;
import io.crosskernel.api.ShardId;
import io.crosskernel.api.idle.IdleStrategies;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import io.crosskernel.hypervisor.sim.SimFault;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;
import org.snakeyaml.engine.v2.nodes.Node;
import org.snakeyaml.engine.v2.nodes.NodeType;

/**
 * Reads a scenario file into a validated {@link Scenario}, or throws a {@link ScenarioException} that names the
 * file, line and column of the first problem, what is wrong and how to fix it. The format is documented in
 * {@code docs/SCENARIOS.md}.
 *
 * <p>Everything the file alone can decide is checked here; checks that need the machine (do the cores exist, do
 * kernels overlap) belong to the partition planner, which uses {@link KernelDecl#coresPos()}.
 *
 * <p>Threading: a parser holds no per-parse state; one instance may be used from several threads.
 */
public final class ScenarioParser {
    /** Kernel and workload names: also the first part of metric names, so no dots or capitals. */
    static final Pattern NAME = Pattern.compile("[a-z][a-z0-9_-]*");

    static final List<String> TOP_KEYS = List.of("name", "description", "duration", "warmup", "seed", "host",
            "kernels", "channels", "workload", "expect", "sim");
    static final List<String> HOST_KEYS = List.of("housekeeping", "housekeepingCore", "oversubscribe", "onError",
            "drainTimeout", "stallThreshold", "hiccupThreshold", "isolation", "runDir", "onKernelFailure");
    static final List<String> KERNEL_KEYS = List.of("name", "type", "cores", "idle", "settings", "isolation",
            "shards", "reshard", "jvm");
    /** The most shards one group may have. */
    static final int MAX_SHARDS = 1024;

    static final long DEFAULT_DURATION_NANOS = 10_000_000_000L;
    static final long DEFAULT_SEED = 1;
    static final String DEFAULT_IDLE = "backoff";
    static final long DEFAULT_DRAIN_NANOS = 5_000_000_000L;
    static final long DEFAULT_STALL_NANOS = 1_000_000_000L;

    private final KernelTypes types;
    /** Replaces the file's {@code seed:} when not null (the CLI's {@code --seed}). */
    private final Long seedOverride;
    /** Values read in place of the file's ({@code --set}, a sweep's point), in order. */
    private final List<KeyOverride> overrides;

    public ScenarioParser(KernelTypes types) {
        this(types, null, List.of());
    }

    private ScenarioParser(KernelTypes types, Long seedOverride, List<KeyOverride> overrides) {
        this.types = types;
        this.seedOverride = seedOverride;
        this.overrides = List.copyOf(overrides);
    }

    /** A parser that uses {@code seed} in place of the file's {@code seed:} (every random arrival process). */
    public ScenarioParser withSeed(long seed) {
        return new ScenarioParser(types, seed, overrides);
    }

    /**
     * A parser that reads each override's value in place of the one the file writes at its path
     * ({@link ScenarioKeys}), before any check: the value is checked as if the file held it, and errors about it
     * point at the file's value.
     */
    public ScenarioParser withOverrides(List<KeyOverride> replacements) {
        return new ScenarioParser(types, seedOverride, replacements);
    }

    /**
     * Reads and validates {@code file}: at most {@link ScenarioLimits#MAX_FILE_BYTES} bytes of UTF-8.
     *
     * @throws ScenarioException for every problem, including a file that cannot be read (at line 1, column 1)
     */
    public Scenario parse(Path file) {
        return parse(ScenarioFile.read(file), file);
    }

    /**
     * Parses and validates {@code yamlText}.
     *
     * @param fileForMessages the file named in positions and used for the default name; may be null
     * @throws ScenarioException for every problem
     */
    public Scenario parse(String yamlText, Path fileForMessages) {
        YamlSource source = new YamlSource(fileForMessages);
        Node root = YamlDocument.read(yamlText, source);
        if (root.getNodeType() != NodeType.MAPPING) {
            throw source.error(root, "the top level of a scenario must be a mapping, found " + source.describe(root),
                    "start with 'kernels:' and 'workload:' at the left margin");
        }
        ScenarioKeys.apply(root, source, overrides);
        YamlMap top = source.map(root, "the scenario", TOP_KEYS);

        String name = top.has("name") ? scenarioName(source, top.get("name")) : defaultName(fileForMessages);
        if (top.has("description")) {
            // Free text for people; the model does not keep it, but it must still be a single value.
            source.text(top.get("description"), "'description'");
        }
        long duration = top.has("duration")
                ? source.positiveDuration(top.get("duration"), "'duration'", "'duration: 5s'")
                : DEFAULT_DURATION_NANOS;
        long warmup = top.has("warmup") ? source.duration(top.get("warmup"), "'warmup'", "'warmup: 1s'") : 0;
        long seed = top.has("seed") ? source.integer(top.get("seed"), "'seed'", Long.MIN_VALUE, Long.MAX_VALUE)
                : DEFAULT_SEED;
        if (seedOverride != null) {
            seed = seedOverride;
        }
        HostSettings host = host(source, top);
        List<KernelDecl> kernels = kernels(source, top, host, duration);
        ChannelReader.Channels channels = new ChannelReader(source, kernels).read(top.get("channels"));
        List<ScenarioWarning> warnings = new ArrayList<>();
        List<WorkloadDecl> workloads = new WorkloadReader(source, kernels, channels, seed, warnings)
                .read(top.require("workload", "'workload: [{name: orders, stream: {rate: 1k/s}, kernel: ingest}]'"));
        List<Expectation> expectations = new ExpectationReader(source, kernels, workloads).read(top.get("expect"));
        admit(kernels, workloads, warnings);
        ProcessIsolationCheck.check(host, kernels, workloads);
        List<SimFault> simFaults = new SimSectionReader(source, kernels, channels.links()).read(top.get("sim"));
        return new Scenario(fileForMessages, recordedText(yamlText), name, duration, warmup, seed, host, kernels, channels.links(),
                workloads, expectations, warnings, simFaults);
    }

    /**
     * Admission control: every kernel type checks the work this scenario gives it (a real-time kernel rejects an
     * unschedulable task set here, so {@code xk validate} and the host's boot both refuse it with exit 2). A refusal
     * that names a stage points at that stage, the thing to change; otherwise at the kernel.
     */
    private void admit(List<KernelDecl> kernels, List<WorkloadDecl> workloads, List<ScenarioWarning> warnings) {
        List<Source> sources = new ArrayList<>();
        for (WorkloadDecl workload : workloads) {
            sources.add(new Source(workload.route(), workload.schedule()));
        }
        sources = List.copyOf(sources);
        for (KernelDecl kernel : kernels) {
            KernelFactory factory = types.get(kernel.type());
            try {
                factory.admit(kernel.toSpec(), kernel.id(), sources);
            } catch (AdmissionException e) {
                SourcePos pos = e.routeId() >= 0 && e.routeId() < workloads.size()
                        && e.stage() >= 0 && e.stage() < workloads.get(e.routeId()).stagePos().size()
                        ? workloads.get(e.routeId()).stagePos().get(e.stage()) : kernel.pos();
                throw new ScenarioException(pos, "kernel '" + kernel.name() + "' (" + kernel.type()
                        + ") cannot admit its workload: " + e.getMessage(),
                        "change the workload or the kernel's settings as the message says; docs/KERNELS.md lists what"
                                + " each kernel type admits");
            }
            for (String warning : factory.admissionWarnings(kernel.toSpec(), kernel.id(), sources)) {
                warnings.add(new ScenarioWarning(kernel.pos(), warning, null));
            }
        }
    }

    /**
     * The text a run records (the journal's header keeps it): the file as written, with the values it was read
     * with in place of the file's listed after it as comments, so the record says what ran.
     */
    private String recordedText(String yamlText) {
        if (overrides.isEmpty()) {
            return yamlText;
        }
        StringBuilder text = new StringBuilder(yamlText);
        if (!yamlText.endsWith("\n")) {
            text.append('\n');
        }
        for (KeyOverride override : overrides) {
            text.append("# read with --set ").append(override.path()).append('=').append(override.value())
                    .append('\n');
        }
        return text.toString();
    }

    private static String defaultName(Path file) {
        if (file == null || file.getFileName() == null) {
            return "scenario";
        }
        String fileName = file.getFileName().toString();
        int dot = fileName.lastIndexOf('.');
        return dot > 0 ? fileName.substring(0, dot) : fileName;
    }

    /** The scenario's own name: free text for reports, but not blank and not a page long. */
    private static String scenarioName(YamlSource source, Node node) {
        String text = source.text(node, "'name'");
        if (text.isBlank()) {
            throw source.error(node, "'name' is blank", "write a name, or remove the key to use the file name");
        }
        if (text.length() > ScenarioLimits.MAX_SCENARIO_NAME_LENGTH) {
            throw source.error(node, "'name' " + Echo.quote(text) + " is longer than "
                    + ScenarioLimits.MAX_SCENARIO_NAME_LENGTH + " characters", "it heads every report: keep it"
                    + " short, and put the rest under 'description'");
        }
        return text;
    }

    private static HostSettings host(YamlSource source, YamlMap top) {
        Node hostNode = top.get("host");
        SourcePos pos = hostNode == null ? new SourcePos(source.file(), 1, 1) : source.pos(top.keyNode("host"));
        YamlMap host = hostNode == null ? null : source.map(hostNode, "'host'", HOST_KEYS);
        boolean housekeeping = host != null && host.has("housekeeping")
                ? source.bool(host.get("housekeeping"), "'housekeeping'") : true;
        int housekeepingCore = host != null && host.has("housekeepingCore")
                ? (int) source.integer(host.get("housekeepingCore"), "'housekeepingCore'", -1, CoreList.MAX_CORE)
                : -1;
        if (!housekeeping && host.has("housekeepingCore")) {
            throw source.error(host.keyNode("housekeepingCore"), "'housekeepingCore' is set but 'housekeeping' is"
                    + " false, so no core is kept free and the setting would do nothing",
                    "remove 'housekeepingCore', or set 'housekeeping: true'");
        }
        boolean oversubscribe = host != null && host.has("oversubscribe")
                && source.bool(host.get("oversubscribe"), "'oversubscribe'");
        HostSettings.OnError onError = HostSettings.OnError.CONTINUE;
        if (host != null && host.has("onError")) {
            String choice = source.choice(host.get("onError"), "onError value", List.of("continue", "stop"));
            onError = choice.equals("stop") ? HostSettings.OnError.STOP : HostSettings.OnError.CONTINUE;
        }
        long drain = host != null && host.has("drainTimeout")
                ? source.duration(host.get("drainTimeout"), "'drainTimeout'", "'drainTimeout: 5s'")
                : DEFAULT_DRAIN_NANOS;
        long stall = host != null && host.has("stallThreshold")
                ? source.positiveDuration(host.get("stallThreshold"), "'stallThreshold'", "'stallThreshold: 1s'")
                : DEFAULT_STALL_NANOS;
        long hiccup = host != null && host.has("hiccupThreshold")
                ? source.positiveDuration(host.get("hiccupThreshold"), "'hiccupThreshold'", "'hiccupThreshold: 20us'")
                : HiccupMeter.DEFAULT_THRESHOLD_NANOS;
        Isolation isolation = host != null && host.has("isolation")
                ? Isolation.of(source.choice(host.get("isolation"), "isolation", Isolation.aliases()))
                : Isolation.THREAD;
        SourcePos isolationPos = host != null && host.has("isolation") ? source.pos(host.keyNode("isolation")) : pos;
        java.nio.file.Path runDir = HostSettings.DEFAULT_RUN_DIR;
        SourcePos runDirPos = pos;
        if (host != null && host.has("runDir")) {
            String text = source.text(host.get("runDir"), "'runDir'").trim();
            if (text.isEmpty()) {
                throw source.error(host.get("runDir"), "'runDir' is empty", "name a directory, for example "
                        + "'runDir: /dev/shm', or remove the key");
            }
            try {
                runDir = java.nio.file.Path.of(text);
            } catch (java.nio.file.InvalidPathException e) {
                throw source.error(host.get("runDir"), "'runDir' " + Echo.quote(text) + " is not a path: "
                        + e.getReason(), "name a directory, for example 'runDir: /dev/shm'");
            }
            runDirPos = source.pos(host.get("runDir"));
        }
        KernelFailurePolicy onKernelFailure = host != null && host.has("onKernelFailure")
                ? kernelFailurePolicy(source, host.get("onKernelFailure")) : KernelFailurePolicy.STOP;
        return new HostSettings(housekeeping, housekeepingCore, oversubscribe, onError, drain, stall, hiccup,
                pos, isolation, isolationPos, runDir, runDirPos, onKernelFailure);
    }

    /**
     * {@code onKernelFailure: stop | continue | restart}, or the mapping {@code {policy: restart, attempts: 3,
     * backoff: 100ms}} (attempts and backoff only with {@code restart}).
     */
    private static KernelFailurePolicy kernelFailurePolicy(YamlSource source, Node node) {
        List<String> choices = List.of("stop", "continue", "restart");
        String example = "'onKernelFailure: {policy: restart, attempts: 3, backoff: 100ms}'";
        if (node.getNodeType() != org.snakeyaml.engine.v2.nodes.NodeType.MAPPING) {
            String choice = source.choice(node, "onKernelFailure value", choices);
            return switch (choice) {
                case "continue" -> new KernelFailurePolicy(KernelFailurePolicy.Action.CONTINUE, 0, 0);
                case "restart" -> new KernelFailurePolicy(KernelFailurePolicy.Action.RESTART,
                        KernelFailurePolicy.DEFAULT_ATTEMPTS, KernelFailurePolicy.DEFAULT_BACKOFF_NANOS);
                default -> KernelFailurePolicy.STOP;
            };
        }
        YamlMap map = source.map(node, "'onKernelFailure'", List.of("policy", "attempts", "backoff"));
        String choice = source.choice(map.require("policy", "'policy: restart'"), "onKernelFailure policy",
                choices);
        KernelFailurePolicy.Action action = KernelFailurePolicy.Action.valueOf(
                choice.toUpperCase(java.util.Locale.ROOT));
        if (action != KernelFailurePolicy.Action.RESTART) {
            for (String key : List.of("attempts", "backoff")) {
                if (map.has(key)) {
                    throw source.error(map.keyNode(key), "'" + key + "' is a setting of 'policy: restart', not of"
                            + " 'policy: " + choice + "'", "remove it, or write 'policy: restart'");
                }
            }
            return new KernelFailurePolicy(action, 0, 0);
        }
        int attempts = map.has("attempts")
                ? (int) source.integer(map.get("attempts"), "'attempts'", 1, 100)
                : KernelFailurePolicy.DEFAULT_ATTEMPTS;
        long backoff = map.has("backoff")
                ? source.duration(map.get("backoff"), "'backoff'", example)
                : KernelFailurePolicy.DEFAULT_BACKOFF_NANOS;
        if (backoff > java.util.concurrent.TimeUnit.MINUTES.toNanos(1)) {
            throw source.error(map.get("backoff"), "'backoff' is " + io.crosskernel.api.Units.formatNanos(backoff)
                    + ", more than 1m", "a restart waits this long, doubled per attempt: use, for example, "
                    + "'backoff: 100ms'");
        }
        return new KernelFailurePolicy(action, attempts, backoff);
    }

    /** A process-mode kernel's {@code jvm: {heap: 256m, collector: zgc, options: [...]}}. */
    private static JvmSettings jvmSettings(YamlSource source, Node node, String what) {
        YamlMap map = source.map(node, "the 'jvm' of " + what, List.of("heap", "collector", "options"));
        Long heap = null;
        if (map.has("heap")) {
            Node heapNode = map.get("heap");
            String text = source.text(heapNode, "'heap'").trim();
            heap = heapBytes(text);
            if (heap == null) {
                throw source.error(heapNode, "'heap' " + Echo.quote(text) + " is not a size", "write it as the JVM's"
                        + " -Xmx does, for example 'heap: 256m' or 'heap: 2g' (or 256MiB)");
            }
            if (heap < JvmSettings.MIN_HEAP_BYTES) {
                throw source.error(heapNode, "'heap' " + Echo.quote(text) + " is below 32m", "give the kernel"
                        + " process at least 'heap: 32m'");
            }
        }
        String collector = map.has("collector") ? source.choice(map.get("collector"), "collector",
                List.of("g1", "zgc", "parallel", "serial")) : null;
        List<String> options = new ArrayList<>();
        if (map.has("options")) {
            for (Node option : source.list(map.get("options"), "'options'", "'options: [-XX:+AlwaysPreTouch]'")) {
                String text = source.text(option, "a JVM option").trim();
                String refused = refusedJvmOption(text);
                if (refused != null) {
                    throw source.error(option, "JVM option " + Echo.quote(text) + " " + refused.substring(0,
                            refused.indexOf('|')), refused.substring(refused.indexOf('|') + 1));
                }
                options.add(text);
            }
        }
        return new JvmSettings(heap, collector, options, source.pos(node));
    }

    /** A heap size as the JVM's -Xmx takes it ({@code 256m}, {@code 2g}, {@code 1048576k}) or as 256MiB; else null. */
    private static Long heapBytes(String text) {
        java.util.regex.Matcher m = Pattern.compile("(\\d{1,12})([kKmMgG]?)").matcher(text);
        if (m.matches()) {
            long value = Long.parseLong(m.group(1));
            int shift = switch (m.group(2).toLowerCase(java.util.Locale.ROOT)) {
                case "k" -> 10;
                case "m" -> 20;
                case "g" -> 30;
                default -> 0;
            };
            return value > (Long.MAX_VALUE >> shift) ? null : value << shift;
        }
        try {
            return io.crosskernel.api.Units.parseSizeBytes(text);
        } catch (IllegalArgumentException e) {
            return null;
        }
    }

    /**
     * Why a JVM option may not be written in {@code options} ("reason|hint"), or null when it may: the class path,
     * main class and module settings are the launcher's (the kernel process must run the same code), and the heap and
     * the collector have keys of their own (two collectors on one command line stop the JVM at its start).
     */
    private static String refusedJvmOption(String option) {
        if (!option.startsWith("-") || option.length() < 2) {
            return "is not an option|JVM options start with '-', for example '-XX:+AlwaysPreTouch'";
        }
        for (String launcher : List.of("-cp", "-classpath", "--class-path", "-jar", "-p", "--module-path", "-m",
                "--module", "--add-modules")) {
            if (option.equals(launcher) || option.startsWith(launcher + "=")) {
                return "is the launcher's to set|the kernel process runs the launcher's class path and modules;"
                        + " remove it";
            }
        }
        if (JvmSettings.selectsCollector(option)) {
            return "selects a collector|use 'collector: g1 | zgc | parallel | serial' instead";
        }
        if (JvmSettings.sizesHeap(option)) {
            return "sizes the heap|use 'heap: 256m' instead";
        }
        return null;
    }

    private List<KernelDecl> kernels(YamlSource source, YamlMap top, HostSettings host, long duration) {
        String example = "'kernels: [{name: ingest, type: general, cores: [1]}]'";
        Node kernelsNode = top.require("kernels", example);
        List<Node> entries = source.list(kernelsNode, "'kernels'", example);
        if (entries.isEmpty()) {
            throw source.error(kernelsNode, "'kernels' needs at least one kernel", "add one, for example "
                    + example);
        }
        List<KernelDecl> kernels = new ArrayList<>();
        Map<String, Node> nameNodes = new HashMap<>();
        for (Node entry : entries) {
            kernels.addAll(kernel(source, entry, kernels.size(), nameNodes, host, duration));
        }
        return kernels;
    }

    /**
     * One entry of {@code kernels:}: one kernel, or with {@code shards: N} the N kernels of a shard group, named
     * {@code name-0} .. {@code name-(N-1)}, with consecutive ids from {@code id}, shard i on the i-th core written
     * (docs/SHARDING.md).
     */
    private List<KernelDecl> kernel(YamlSource source, Node entry, int id, Map<String, Node> nameNodes,
            HostSettings host, long duration) {
        YamlMap map = source.map(entry, "kernel #" + (id + 1), KERNEL_KEYS);
        Node nameNode = map.require("name", "'name: ingest'");
        String name = name(source, nameNode, "kernel");
        Node first = nameNodes.putIfAbsent(name, nameNode);
        if (first != null) {
            throw source.error(nameNode, "duplicate kernel name '" + name + "'", "kernel names must be unique; '"
                    + name + "' is already used at line " + source.pos(first).line());
        }
        String what = "kernel '" + name + "'";
        Node typeNode = map.require("type", "'type: general'");
        String type = source.text(typeNode, "'type'").trim();
        KernelFactory factory = types.get(type);
        if (factory == null) {
            throw source.error(typeNode, "unknown kernel type " + Echo.quote(type), typesHint(type));
        }
        Node coresNode = map.require("cores", "'cores: [1]' or 'cores: \"0-3\"'");
        List<Integer> cores = cores(source, coresNode);
        int declared = map.has("shards") ? declaredShards(source, map, what) : 0;
        Reshard reshard = map.has("reshard")
                ? ReshardReader.read(source, map, what, type, declared, duration) : null;
        int shards = map.has("shards")
                ? shards(source, map, name, cores, coresNode, host, nameNodes, reshard) : 0;
        String idle = map.has("idle")
                ? source.choice(map.get("idle"), "idle strategy", List.of(IdleStrategies.NAMES)) : DEFAULT_IDLE;
        Map<String, String> settings = new LinkedHashMap<>();
        Map<String, SourcePos> settingPos = new LinkedHashMap<>();
        if (map.has("settings")) {
            List<String> allowed = new ArrayList<>(new java.util.TreeSet<>(factory.settingKeys()));
            YamlMap settingsMap = new YamlMap(source, map.get("settings"), "the settings of " + what
                    + " (type '" + type + "')", allowed);
            for (String key : settingsMap.keys()) {
                settings.put(key, source.text(settingsMap.get(key), "setting '" + key + "'"));
                settingPos.put(key, source.pos(settingsMap.keyNode(key)));
            }
        }
        Isolation isolation = host.isolation();
        SourcePos isolationPos = host.isolation() == Isolation.THREAD ? source.pos(entry) : host.isolationPos();
        if (map.has("isolation")) {
            isolation = Isolation.of(source.choice(map.get("isolation"), "isolation", Isolation.aliases()));
            isolationPos = source.pos(map.keyNode("isolation"));
        }
        if (shards > 0 && isolation == Isolation.PROCESS) {
            throw source.error(map.keyNode("shards"), what + " is a shard group in process isolation, which is not"
                    + " built yet", "remove 'isolation: process' (or host.isolation) for the group");
        }
        JvmSettings jvm = JvmSettings.NONE;
        if (map.has("jvm")) {
            if (isolation != Isolation.PROCESS) {
                throw source.error(map.keyNode("jvm"), what + " runs in threads of the host's JVM, so it has no JVM"
                        + " of its own to set", "give it 'isolation: process' (docs/PROCESSES.md), or remove 'jvm'");
            }
            jvm = jvmSettings(source, map.get("jvm"), what);
        }
        List<KernelDecl> decls = new ArrayList<>();
        if (shards == 0) {
            decls.add(new KernelDecl(id, name, type, cores, idle, settings, source.pos(entry), source.pos(coresNode),
                    settingPos, isolation, isolationPos, jvm));
        }
        for (int i = 0; i < shards; i++) {
            decls.add(new KernelDecl(id + i, ShardId.kernelName(name, i), type, List.of(cores.get(i % cores.size())),
                    idle, settings, source.pos(entry), source.pos(coresNode), settingPos, isolation, isolationPos,
                    jvm, new ShardId(name, i, shards, reshard)));
        }
        for (KernelDecl decl : decls) {
            validate(source, map, entry, factory, decl, what, settingPos);
        }
        return decls;
    }

    /**
     * {@code shards:} of a kernel entry: 1..{@link #MAX_SHARDS}, one core per shard unless the host oversubscribes
     * (then the shards take the cores written in turn), and no shard name ({@code name-i}) taken by another kernel.
     */
    private static int shards(YamlSource source, YamlMap map, String name, List<Integer> cores, Node coresNode,
            HostSettings host, Map<String, Node> nameNodes, Reshard reshard) {
        Node node = map.get("shards");
        String what = "kernel '" + name + "'";
        // A group that reshards boots enough shard kernels for both counts.
        int shards = reshard != null ? reshard.kernels() : declaredShards(source, map, what);
        if (cores.size() > shards) {
            throw source.error(coresNode, what + " has " + shards + (shards == 1 ? " shard" : " shards") + " but "
                    + cores.size() + " cores: each shard runs on exactly one core", "give it " + shards
                    + (shards == 1 ? " core" : " cores") + ", or " + cores.size() + " shards");
        }
        if (cores.size() < shards && !host.oversubscribe()) {
            throw source.error(coresNode, what + " has " + shards + " shards but only " + cores.size()
                    + (cores.size() == 1 ? " core" : " cores") + ": each shard runs on a core of its own",
                    "give it " + shards + " cores (for example 'cores: \"" + coreRangeExample(cores, shards)
                            + "\"'), fewer shards, or set 'host: {oversubscribe: true}' to let shards share cores");
        }
        for (int i = 0; i < shards; i++) {
            String shardName = ShardId.kernelName(name, i);
            Node taken = nameNodes.putIfAbsent(shardName, map.keyNode("shards"));
            if (taken != null) {
                throw source.error(node, what + " would boot shard '" + shardName + "', but a kernel of that name"
                        + " already exists at line " + source.pos(taken).line(), "rename one of them");
            }
        }
        return shards;
    }

    /** {@code shards:} as written: 1..{@link #MAX_SHARDS}. */
    private static int declaredShards(YamlSource source, YamlMap map, String what) {
        Node node = map.get("shards");
        int shards = (int) source.integer(node, "'shards' of " + what, Integer.MIN_VALUE, Integer.MAX_VALUE);
        if (shards < 1) {
            throw source.error(node, "'shards' of " + what + " is " + shards + ": a shard group needs at least one"
                    + " shard", "write 'shards: 1' or more, or remove 'shards' for a kernel that is no group");
        }
        if (shards > MAX_SHARDS) {
            throw source.error(node, "'shards' of " + what + " is " + shards + ", above " + MAX_SHARDS + ", the most"
                    + " shards a group may have", "use at most " + MAX_SHARDS + " shards");
        }
        return shards;
    }

    /** {@code first-(first + shards - 1)} from the first core written: an example of a core list that fits. */
    private static String coreRangeExample(List<Integer> cores, int shards) {
        int first = cores.isEmpty() ? 1 : cores.get(0);
        return first + "-" + (first + shards - 1);
    }

    private void validate(YamlSource source, YamlMap map, Node entry, KernelFactory factory, KernelDecl decl,
            String what, Map<String, SourcePos> settingPos) {
        try {
            factory.validate(decl.toSpec());
        } catch (InvalidSettingException e) {
            if (!settingPos.containsKey(e.key()) && map.has(e.key())) {
                // A factory may refuse an entry-level key such as 'cores' (a realtime kernel owns exactly one).
                throw new ScenarioException(source.pos(map.get(e.key())), "'" + e.key() + "' of " + what
                        + " is invalid: " + e.getMessage(), "change the value of '" + e.key() + "'");
            }
            SourcePos pos = settingPos.getOrDefault(e.key(),
                    source.pos(map.has("settings") ? map.keyNode("settings") : entry));
            throw new ScenarioException(pos, "setting '" + e.key() + "' of " + what + " is invalid: "
                    + e.getMessage(), "change the value of '" + e.key() + "' under 'settings'");
        } catch (IllegalArgumentException e) {
            throw new ScenarioException(source.pos(entry), what + " is invalid: " + e.getMessage(),
                    "fix the settings of " + what);
        }
    }

    private String typesHint(String type) {
        Set<String> names = types.names();
        if (names.isEmpty()) {
            return "no kernel types are installed: put the kernels module on the class path";
        }
        String best = DidYouMean.suggest(type, names);
        return (best == null ? "" : "did you mean '" + best + "'? ") + "known types: " + String.join(", ", names);
    }

    /**
     * Reads a kernel or workload name and checks its spelling, its length and that no run-wide metric starts with
     * it ({@code accounting.balanced} must mean one thing).
     */
    static String name(YamlSource source, Node node, String kind) {
        String name = source.text(node, "the " + kind + " name");
        if (name.length() > ScenarioLimits.MAX_NAME_LENGTH) {
            throw source.error(node, "the " + kind + " name " + Echo.quote(name) + " is longer than "
                    + ScenarioLimits.MAX_NAME_LENGTH + " characters", "use a short name such as 'ingest-1': it"
                    + " heads every metric and report row of the " + kind);
        }
        if (!NAME.matcher(name).matches()) {
            throw source.error(node, "invalid " + kind + " name " + Echo.quote(name),
                    "use lower-case letters, digits, '-' and '_', starting with a letter, for example 'ingest-1'");
        }
        String metric = MetricNames.runMetricStartingWith(name);
        if (metric != null) {
            throw source.error(node, "'" + name + "' cannot name a " + kind + ": the run-wide metric '" + metric
                    + "' starts with it, so '" + metric + "' in 'expect:' would be ambiguous",
                    "rename the " + kind + ", for example '" + name + "-1'");
        }
        return name;
    }

    private static List<Integer> cores(YamlSource source, Node node) {
        if (YamlSource.isNull(node)) {
            throw source.error(node, "'cores' has no value", "write a list such as [1, 2] or a range such as \"0-3\"");
        }
        if (node.getNodeType() == NodeType.SCALAR) {
            try {
                return CoreList.parse(source.text(node, "'cores'"));
            } catch (IllegalArgumentException e) {
                throw source.error(node, e.getMessage(), "write a list such as [1, 2] or a range such as \"0-3\"");
            }
        }
        if (node.getNodeType() != NodeType.SEQUENCE) {
            throw source.error(node, "'cores' must be a list of core numbers or a string such as \"0-3\", found "
                    + source.describe(node), "for example 'cores: [1, 2]'");
        }
        List<Node> items = source.list(node, "'cores'", "[1, 2]");
        if (items.isEmpty()) {
            throw source.error(node, "'cores' is empty", "name at least one core, for example 'cores: [1]'");
        }
        Set<Integer> cores = new LinkedHashSet<>();
        for (Node item : items) {
            int core = (int) source.integer(item, "a core number", 0, CoreList.MAX_CORE);
            if (!cores.add(core)) {
                throw source.error(item, "core " + core + " is listed twice", "list each core once");
            }
        }
        return List.copyOf(cores);
    }
}
