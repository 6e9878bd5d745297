package dev.abacus.operator.logging;

import dev.abacus.contract.logging.LogFormatContract;

/** The operator's logback.xml keeps the logging contract. */
class LogFormatTest extends LogFormatContract {

    @Override
    protected String textLine() {
        return "\\d{4}-\\d\\d-\\d\\d \\d\\d:\\d\\d:\\d\\d,\\d{3} INFO  \\[.+] \\S+ - value v-1 created";
    }
}
