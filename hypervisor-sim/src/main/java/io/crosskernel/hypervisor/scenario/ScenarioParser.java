package io.crosskernel.hypervisor.scenario;

import io.crosskernel.api.AdmissionException;
import io.crosskernel.api.InvalidSettingException;
import io.crosskernel.api.workload.Source;
import io.crosskernel.api.KernelFactory;
import io.crosskernel.api.idle.IdleStrategies;
import java.io.IOException;
import java.nio.charset.MalformedInputException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;
import org.snakeyaml.engine.v2.api.LoadSettings;
import org.snakeyaml.engine.v2.api.lowlevel.Compose;
import org.snakeyaml.engine.v2.exceptions.ComposerException;
import org.snakeyaml.engine.v2.exceptions.Mark;
import org.snakeyaml.engine.v2.exceptions.MarkedYamlEngineException;
import org.snakeyaml.engine.v2.exceptions.YamlEngineException;
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
            "kernels", "channels", "workload", "expect");
    static final List<String> HOST_KEYS = List.of("housekeeping", "housekeepingCore", "oversubscribe", "onError",
            "drainTimeout", "stallThreshold");
    static final List<String> KERNEL_KEYS = List.of("name", "type", "cores", "idle", "settings");

    static final long DEFAULT_DURATION_NANOS = 10_000_000_000L;
    static final long DEFAULT_SEED = 1;
    static final String DEFAULT_IDLE = "backoff";
    static final long DEFAULT_DRAIN_NANOS = 5_000_000_000L;
    static final long DEFAULT_STALL_NANOS = 1_000_000_000L;

    private final KernelTypes types;

    public ScenarioParser(KernelTypes types) {
        this.types = types;
    }

    /**
     * Reads and validates {@code file}.
     *
     * @throws ScenarioException for every problem, including a file that cannot be read (at line 1, column 1)
     */
    public Scenario parse(Path file) {
        String text;
        try {
            text = Files.readString(file);
        } catch (MalformedInputException e) {
            throw new ScenarioException(new SourcePos(file, 1, 1), "the file is not UTF-8 text",
                    "save it as UTF-8");
        } catch (IOException e) {
            throw new ScenarioException(new SourcePos(file, 1, 1), "cannot read the file: " + describe(e),
                    "check that the path is right and the file is readable");
        }
        return parse(text, file);
    }

    private static String describe(IOException e) {
        String kind = e.getClass().getSimpleName().replace("Exception", "");
        String message = e.getMessage();
        return kind.isEmpty() ? String.valueOf(message) : kind + (message == null ? "" : " (" + message + ")");
    }

    /**
     * Parses and validates {@code yamlText}.
     *
     * @param fileForMessages the file named in positions and used for the default name; may be null
     * @throws ScenarioException for every problem
     */
    public Scenario parse(String yamlText, Path fileForMessages) {
        YamlSource source = new YamlSource(fileForMessages);
        Node root = compose(yamlText, source);
        if (root.getNodeType() != NodeType.MAPPING) {
            throw source.error(root, "the top level of a scenario must be a mapping, found " + source.describe(root),
                    "start with 'kernels:' and 'workload:' at the left margin");
        }
        YamlMap top = source.map(root, "the scenario", TOP_KEYS);

        String name = top.has("name") ? nonBlank(source, top.get("name"), "'name'") : defaultName(fileForMessages);
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
        HostSettings host = host(source, top);
        List<KernelDecl> kernels = kernels(source, top);
        ChannelReader.Channels channels = new ChannelReader(source, kernels).read(top.get("channels"));
        List<WorkloadDecl> workloads = new WorkloadReader(source, kernels, channels, seed)
                .read(top.require("workload", "'workload: [{name: orders, stream: {rate: 1k/s}, kernel: ingest}]'"));
        List<Expectation> expectations = new ExpectationReader(source, kernels, workloads).read(top.get("expect"));
        admit(kernels, workloads);
        return new Scenario(fileForMessages, yamlText, name, duration, warmup, seed, host, kernels, channels.links(),
                workloads,
                expectations);
    }

    /**
     * Admission control: every kernel type checks the work this scenario gives it (a real-time kernel rejects an
     * unschedulable task set here, so {@code xk validate} and the host's boot both refuse it with exit 2).
     */
    private void admit(List<KernelDecl> kernels, List<WorkloadDecl> workloads) {
        List<Source> sources = new ArrayList<>();
        for (WorkloadDecl workload : workloads) {
            sources.add(new Source(workload.route(), workload.schedule()));
        }
        sources = List.copyOf(sources);
        for (KernelDecl kernel : kernels) {
            try {
                types.get(kernel.type()).admit(kernel.toSpec(), kernel.id(), sources);
            } catch (AdmissionException e) {
                throw new ScenarioException(kernel.pos(), "kernel '" + kernel.name() + "' (" + kernel.type()
                        + ") cannot admit its workload: " + e.getMessage(),
                        "change the workload or the kernel's settings as the message says; docs/KERNELS.md lists what"
                                + " each kernel type admits");
            }
        }
    }

    private static Node compose(String yamlText, YamlSource source) {
        LoadSettings settings = LoadSettings.builder()
                .setLabel(source.file() == null ? "<scenario>" : source.file().toString())
                .setAllowDuplicateKeys(false)
                .setUseMarks(true)
                .build();
        Optional<Node> root;
        try {
            root = new Compose(settings).composeString(yamlText);
        } catch (ComposerException e) {
            SourcePos pos = e.getProblemMark().map(source::pos).orElse(new SourcePos(source.file(), 1, 1));
            String problem = e.getProblem().contains("another document")
                    ? "the file holds more than one YAML document" : "YAML error: " + e.getProblem();
            throw new ScenarioException(pos, problem, "one scenario per file: remove the '---' line and what follows,"
                    + " or move it to its own file");
        } catch (MarkedYamlEngineException e) {
            Optional<Mark> mark = e.getProblemMark().isPresent() ? e.getProblemMark() : e.getContextMark();
            SourcePos pos = mark.map(source::pos).orElse(new SourcePos(source.file(), 1, 1));
            String context = e.getContext() == null ? "" : " (" + e.getContext()
                    + e.getContextMark().map(m -> " at line " + (m.getLine() + 1)).orElse("") + ")";
            throw new ScenarioException(pos, "YAML syntax error: " + e.getProblem() + context,
                    "check the indentation (spaces, not tabs) and quoting on this line and the one above");
        } catch (YamlEngineException e) {
            throw new ScenarioException(new SourcePos(source.file(), 1, 1), "YAML error: " + e.getMessage(),
                    "check that the file is a single YAML document");
        }
        if (root.isEmpty()) {
            throw new ScenarioException(new SourcePos(source.file(), 1, 1), "the scenario file is empty",
                    "a scenario needs at least 'kernels:' and 'workload:'; see docs/SCENARIOS.md");
        }
        return root.get();
    }

    private static String defaultName(Path file) {
        if (file == null || file.getFileName() == null) {
            return "scenario";
        }
        String fileName = file.getFileName().toString();
        int dot = fileName.lastIndexOf('.');
        return dot > 0 ? fileName.substring(0, dot) : fileName;
    }

    private static String nonBlank(YamlSource source, Node node, String what) {
        String text = source.text(node, what);
        if (text.isBlank()) {
            throw source.error(node, what + " is blank", "write a name, or remove the key to use the file name");
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
        return new HostSettings(housekeeping, housekeepingCore, oversubscribe, onError, drain, stall, pos);
    }

    private List<KernelDecl> kernels(YamlSource source, YamlMap top) {
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
            KernelDecl kernel = kernel(source, entry, kernels.size(), nameNodes);
            kernels.add(kernel);
        }
        return kernels;
    }

    private KernelDecl kernel(YamlSource source, Node entry, int id, Map<String, Node> nameNodes) {
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
            throw source.error(typeNode, "unknown kernel type '" + type + "'", typesHint(type));
        }
        Node coresNode = map.require("cores", "'cores: [1]' or 'cores: \"0-3\"'");
        List<Integer> cores = cores(source, coresNode);
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
        KernelDecl decl = new KernelDecl(id, name, type, cores, idle, settings, source.pos(entry),
                source.pos(coresNode), settingPos);
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
        return decl;
    }

    private String typesHint(String type) {
        Set<String> names = types.names();
        if (names.isEmpty()) {
            return "no kernel types are installed: put the kernels module on the class path";
        }
        String best = DidYouMean.suggest(type, names);
        return (best == null ? "" : "did you mean '" + best + "'? ") + "known types: " + String.join(", ", names);
    }

    /** Reads a kernel or workload name and checks its spelling. */
    static String name(YamlSource source, Node node, String kind) {
        String name = source.text(node, "the " + kind + " name");
        if (!NAME.matcher(name).matches()) {
            throw source.error(node, "invalid " + kind + " name '" + name + "'",
                    "use lower-case letters, digits, '-' and '_', starting with a letter, for example 'ingest-1'");
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
