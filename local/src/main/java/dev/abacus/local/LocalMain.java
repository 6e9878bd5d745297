package dev.abacus.local;

import java.io.IOException;
import java.util.Arrays;

/**
 * The command line: options, the child JVM and exit statuses; {@link LocalAbacus} is the runner. It leaves
 * LocalAbacus, and with it logging, alone until it runs in the child, so the waiting parent stays small.
 */
public final class LocalMain {

    private LocalMain() {}

    public static void main(String[] args) throws IOException, InterruptedException {
        if (Arrays.asList(args).contains("--help")) {
            System.out.println(LocalOptions.USAGE);
            return;
        }
        LocalOptions options;
        try {
            options = LocalOptions.parse(args, System.getenv());
        } catch (IllegalArgumentException e) {
            System.err.println(e.getMessage());
            System.exit(2);
            return;
        }
        if (ChildJvm.needed()) {
            System.exit(new ChildJvm(LocalMain.class).run(args));
            return;
        }
        ChildJvm.stopWithParent();
        int status = LocalAbacus.serve(options);
        if (status != 0) {
            // the threads a half-started broker or context left behind would keep the JVM up
            System.exit(status);
        }
    }
}
