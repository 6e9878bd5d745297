package dev.abacus.processor;

import io.micronaut.context.annotation.Requires;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;

@Controller("/processor")
@Requires(bean = ProcessorRunner.class)
class ProcessorStatusController {

    private final ProcessorRunner runner;

    ProcessorStatusController(ProcessorRunner runner) {
        this.runner = runner;
    }

    @Get("/status")
    ProcessorStatus status() {
        return runner.processor().status();
    }
}
