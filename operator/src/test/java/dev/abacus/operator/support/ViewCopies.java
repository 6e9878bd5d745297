package dev.abacus.operator.support;

import dev.abacus.operator.view.HttpViewProgressProbe;
import java.time.Duration;

/** What answers the operator's view progress probe in a test: fake copies, or real view services. */
public interface ViewCopies extends AutoCloseable {

    /** The production HTTP probe, pointed at these copies. */
    HttpViewProgressProbe probe(Duration timeout);

    @Override
    void close();
}
