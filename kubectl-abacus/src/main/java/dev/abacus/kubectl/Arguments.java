package dev.abacus.kubectl;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/** A parsed command line: {@code COMMAND NAME [flags]}, flags anywhere, {@code --flag value} or {@code --flag=value}. */
record Arguments(Command command, String name, Optional<String> namespace, Optional<String> context,
                 Optional<Path> kubeconfig, boolean watch, boolean await, Optional<String> token) {

    /** The subcommands and the flags each takes besides the connection flags. */
    enum Command {
        STATUS("status", Set.of("--watch")),
        REBUILD("rebuild", Set.of("--wait", "--token")),
        ABORT("abort", Set.of()),
        HISTORY("history", Set.of()),
        HELP("help", Set.of());

        final String word;
        final Set<String> flags;

        Command(String word, Set<String> flags) {
            this.word = word;
            this.flags = flags;
        }

        static Optional<Command> of(String word) {
            for (Command command : values()) {
                if (command.word.equals(word)) {
                    return Optional.of(command);
                }
            }
            return Optional.empty();
        }
    }

    static final String USAGE = String.join("\n",
            "kubectl abacus: CalculatorPipeline status and blue-green view rebuilds",
            "",
            "Usage:",
            "  kubectl abacus status NAME [--watch]        the pipeline at a glance; --watch follows every change",
            "  kubectl abacus rebuild NAME [--wait] [--token T]",
            "                                              start a rebuild (spec.view.rebuild = T, by default",
            "                                              kubectl-abacus-<UTC time>); --wait follows it to its end",
            "  kubectl abacus abort NAME                   abort the rebuild in progress; the serving generation stays",
            "  kubectl abacus history NAME                 the last rebuilds, newest first",
            "",
            "Flags:",
            "  -n, --namespace NS    namespace (default: the kubeconfig context's)",
            "      --context CTX     kubeconfig context (default: the current one)",
            "      --kubeconfig FILE kubeconfig file (default: $KUBECONFIG or ~/.kube/config)",
            "  -w, --watch           status: re-render on every change until interrupted",
            "      --wait            rebuild: show progress until the rebuild ends",
            "      --token T         rebuild: the new spec.view.rebuild value",
            "  -h, --help            this help",
            "",
            "Exit codes: 0 done (rebuild --wait: completed), 1 rebuild --wait: aborted, cancelled or superseded,",
            "2 usage or API error.",
            "");

    static Arguments parse(String... args) throws UsageException {
        List<String> positional = new ArrayList<>();
        String namespace = null;
        String context = null;
        String kubeconfig = null;
        String token = null;
        boolean watch = false;
        boolean await = false;
        boolean help = false;
        List<String> used = new ArrayList<>();
        for (int i = 0; i < args.length; i++) {
            String arg = args[i];
            String flag = arg;
            String inline = null;
            if (arg.startsWith("--") && arg.contains("=")) {
                flag = arg.substring(0, arg.indexOf('='));
                inline = arg.substring(arg.indexOf('=') + 1);
            } else if (arg.startsWith("-n") && arg.length() > 2 && !arg.startsWith("--")) {
                flag = "-n";
                inline = arg.startsWith("-n=") ? arg.substring(3) : arg.substring(2);
            }
            switch (flag) {
                case "-h", "--help" -> help = true;
                case "-w", "--watch" -> {
                    watch = true;
                    used.add("--watch");
                }
                case "--wait" -> {
                    await = true;
                    used.add("--wait");
                }
                case "-n", "--namespace" -> {
                    namespace = value(flag, inline, args, i);
                    i += inline == null ? 1 : 0;
                }
                case "--context" -> {
                    context = value(flag, inline, args, i);
                    i += inline == null ? 1 : 0;
                }
                case "--kubeconfig" -> {
                    kubeconfig = value(flag, inline, args, i);
                    i += inline == null ? 1 : 0;
                }
                case "--token" -> {
                    token = value(flag, inline, args, i);
                    i += inline == null ? 1 : 0;
                    used.add("--token");
                    if (token.isBlank()) {
                        throw new UsageException("--token needs a non-empty value");
                    }
                }
                default -> {
                    if (arg.startsWith("-") && arg.length() > 1) {
                        throw new UsageException("unknown flag " + flag);
                    }
                    positional.add(arg);
                }
            }
            if (inline != null && Set.of("-w", "--watch", "--wait", "-h", "--help").contains(flag)) {
                throw new UsageException(flag + " takes no value");
            }
        }
        if (help || positional.isEmpty()) {
            return new Arguments(Command.HELP, null, Optional.empty(), Optional.empty(), Optional.empty(),
                    false, false, Optional.empty());
        }
        Command command = Command.of(positional.get(0))
                .orElseThrow(() -> new UsageException("unknown command \"" + positional.get(0) + "\""));
        if (command == Command.HELP) {
            return parse("--help");
        }
        for (String flag : used) {
            if (!command.flags.contains(flag)) {
                throw new UsageException(flag + " is not a flag of " + command.word);
            }
        }
        if (positional.size() < 2) {
            throw new UsageException(command.word + " needs the name of a CalculatorPipeline");
        }
        if (positional.size() > 2) {
            throw new UsageException(command.word + " takes one name, got " + String.join(" ", positional.subList(1,
                    positional.size())));
        }
        return new Arguments(command, positional.get(1), Optional.ofNullable(namespace), Optional.ofNullable(context),
                Optional.ofNullable(kubeconfig).map(Path::of), watch, await, Optional.ofNullable(token));
    }

    private static String value(String flag, String inline, String[] args, int at) throws UsageException {
        int next = at + 1;
        if (inline != null) {
            if (inline.isEmpty()) {
                throw new UsageException(flag + " needs a value");
            }
            return inline;
        }
        if (next >= args.length || (args[next].startsWith("-") && args[next].length() > 1)) {
            throw new UsageException(flag + " needs a value");
        }
        return args[next];
    }
}
