package dev.abacus.kube.testkit;

import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.fabric8.kubernetes.client.dsl.Resource;
import java.net.HttpURLConnection;
import java.util.function.UnaryOperator;

/**
 * Edits a resource as {@code kubectl edit} users do: read, change, write with the resourceVersion read, and on a
 * 409 Conflict (someone else, such as the operator writing status, wrote in between) read again and redo the change.
 * fabric8's {@code edit} locks the resourceVersion since 6.5, so a test edit of a resource under reconciliation
 * races without this.
 */
public final class ConflictRetry {

    /** Conflicts in a row before giving up: each one is a real write by someone else, not a timing guess. */
    static final int MAX_CONFLICTS = 20;

    private ConflictRetry() {
    }

    public static <T extends HasMetadata> T edit(Resource<T> resource, UnaryOperator<T> change) {
        KubernetesClientException last = null;
        for (int attempt = 0; attempt < MAX_CONFLICTS; attempt++) {
            try {
                return resource.edit(change);
            } catch (KubernetesClientException e) {
                if (e.getCode() != HttpURLConnection.HTTP_CONFLICT) {
                    throw e;
                }
                last = e;
            }
        }
        throw last;
    }
}
