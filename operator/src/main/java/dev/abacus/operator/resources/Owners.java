package dev.abacus.operator.resources;

import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.OwnerReference;
import io.fabric8.kubernetes.api.model.OwnerReferenceBuilder;
import java.util.List;

/** Owner references that mark the pipeline as the managing controller, so deletion cascades to its resources. */
final class Owners {

    private Owners() {
    }

    static List<OwnerReference> controlledBy(HasMetadata owner) {
        return List.of(new OwnerReferenceBuilder()
                .withApiVersion(owner.getApiVersion())
                .withKind(owner.getKind())
                .withName(owner.getMetadata().getName())
                .withUid(owner.getMetadata().getUid())
                .withController(true)
                .build());
    }
}
