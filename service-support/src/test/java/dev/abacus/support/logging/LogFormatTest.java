package dev.abacus.support.logging;

import dev.abacus.contract.logging.LogFormatContract;

/** The services' logback.xml keeps the logging contract. */
class LogFormatTest extends LogFormatContract {

    @Override
    protected String textLine() {
        return "\\d\\d:\\d\\d:\\d\\d\\.\\d{3} INFO  \\[.+] \\S+ - value v-1 created";
    }
}
