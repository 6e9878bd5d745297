package dev.abacus.commander;

import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Collectors;
import org.apache.kafka.common.Endpoint;
import org.apache.kafka.common.acl.AclBinding;
import org.apache.kafka.common.acl.AclBindingFilter;
import org.apache.kafka.common.acl.AclOperation;
import org.apache.kafka.common.protocol.ApiKeys;
import org.apache.kafka.common.resource.ResourceType;
import org.apache.kafka.server.authorizer.AclCreateResult;
import org.apache.kafka.server.authorizer.AclDeleteResult;
import org.apache.kafka.server.authorizer.Action;
import org.apache.kafka.server.authorizer.AuthorizableRequestContext;
import org.apache.kafka.server.authorizer.AuthorizationResult;
import org.apache.kafka.server.authorizer.Authorizer;
import org.apache.kafka.server.authorizer.AuthorizerServerInfo;

/**
 * A broker-side authorizer that allows everything but holds the ListOffsets requests of one client
 * until a test releases them: the client's beginningOffsets/endOffsets time out against a real broker
 * that answers everything else, however fast or slow the machine is.
 */
public final class HeldListOffsets implements Authorizer {

    private static final long MAX_HOLD_SECONDS = 120;
    private static volatile String heldClientId;
    private static volatile CountDownLatch released = new CountDownLatch(0);
    private static final AtomicInteger HELD = new AtomicInteger();

    /** From now on holds the ListOffsets requests of {@code clientId} until {@link #release()}. */
    static void hold(String clientId) {
        HELD.set(0);
        released = new CountDownLatch(1);
        heldClientId = clientId;
    }

    static void release() {
        released.countDown();
    }

    /** How many requests have been held so far. */
    static int held() {
        return HELD.get();
    }

    @Override
    public List<AuthorizationResult> authorize(AuthorizableRequestContext context, List<Action> actions) {
        CountDownLatch latch = released;
        if (context.requestType() == ApiKeys.LIST_OFFSETS.id && context.clientId().equals(heldClientId)
                && latch.getCount() > 0) {
            HELD.incrementAndGet();
            try {
                latch.await(MAX_HOLD_SECONDS, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        return Collections.nCopies(actions.size(), AuthorizationResult.ALLOWED);
    }

    @Override
    public AuthorizationResult authorizeByResourceType(AuthorizableRequestContext context, AclOperation op,
                                                       ResourceType resourceType) {
        return AuthorizationResult.ALLOWED;
    }

    @Override
    public Map<Endpoint, ? extends CompletionStage<Void>> start(AuthorizerServerInfo serverInfo) {
        return serverInfo.endpoints().stream()
                .collect(Collectors.toMap(endpoint -> endpoint, endpoint -> CompletableFuture.completedFuture(null)));
    }

    @Override
    public List<? extends CompletionStage<AclCreateResult>> createAcls(AuthorizableRequestContext context,
                                                                       List<AclBinding> bindings) {
        throw new UnsupportedOperationException("no ACLs in tests");
    }

    @Override
    public List<? extends CompletionStage<AclDeleteResult>> deleteAcls(AuthorizableRequestContext context,
                                                                       List<AclBindingFilter> filters) {
        throw new UnsupportedOperationException("no ACLs in tests");
    }

    @Override
    public Iterable<AclBinding> acls(AclBindingFilter filter) {
        return List.of();
    }

    @Override
    public void configure(Map<String, ?> configs) {}

    @Override
    public void close() {}
}
