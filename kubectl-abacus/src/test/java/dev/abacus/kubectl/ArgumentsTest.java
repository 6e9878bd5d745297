package dev.abacus.kubectl;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.abacus.kubectl.Arguments.Command;
import java.nio.file.Path;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class ArgumentsTest {

    @Test
    void commandNameAndFlagsInAnyOrderAndBothSpellings() throws Exception {
        Arguments status = Arguments.parse("-n", "shop", "status", "demo", "--context=prod", "-w");
        assertThat(status).isEqualTo(new Arguments(Command.STATUS, "demo", Optional.of("shop"), Optional.of("prod"),
                Optional.empty(), true, false, Optional.empty()));

        Arguments rebuild = Arguments.parse("rebuild", "--token", "2026-11-22-b", "demo", "--wait",
                "--namespace=team", "--kubeconfig", "/tmp/kc");
        assertThat(rebuild).isEqualTo(new Arguments(Command.REBUILD, "demo", Optional.of("team"), Optional.empty(),
                Optional.of(Path.of("/tmp/kc")), false, true, Optional.of("2026-11-22-b")));

        assertThat(Arguments.parse("abort", "-nshop", "demo").namespace()).contains("shop");
        assertThat(Arguments.parse("history", "demo", "-n=shop").namespace()).contains("shop");
        assertThat(Arguments.parse("status", "demo", "--watch").watch()).isTrue();
    }

    @Test
    void helpInEveryForm() throws Exception {
        for (String[] args : new String[][] {{}, {"help"}, {"-h"}, {"--help"}, {"status", "--help"}, {"rebuild", "-h"}}) {
            assertThat(Arguments.parse(args).command()).as(String.join(" ", args)).isEqualTo(Command.HELP);
        }
    }

    @Test
    void usageErrors() {
        assertUsage("unknown command \"rollout\"", "rollout", "demo");
        assertUsage("status needs the name of a CalculatorPipeline", "status");
        assertUsage("abort takes one name, got demo other", "abort", "demo", "other");
        assertUsage("unknown flag --force", "abort", "demo", "--force");
        assertUsage("unknown flag -x", "status", "demo", "-x");
        assertUsage("--wait is not a flag of status", "status", "demo", "--wait");
        assertUsage("--watch is not a flag of rebuild", "rebuild", "demo", "-w");
        assertUsage("--token is not a flag of abort", "abort", "demo", "--token", "t");
        assertUsage("-n needs a value", "status", "demo", "-n");
        assertUsage("--namespace needs a value", "status", "demo", "--namespace", "--watch");
        assertUsage("--context needs a value", "status", "demo", "--context=");
        assertUsage("--token needs a non-empty value", "rebuild", "demo", "--token", " ");
        assertUsage("--wait takes no value", "rebuild", "demo", "--wait=true");
    }

    private static void assertUsage(String message, String... args) {
        assertThatThrownBy(() -> Arguments.parse(args)).as(String.join(" ", args))
                .isInstanceOf(UsageException.class).hasMessage(message);
    }
}
