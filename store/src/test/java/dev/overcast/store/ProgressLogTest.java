package dev.overcast.store;

import static org.assertj.core.api.Assertions.assertThat;

import dev.overcast.store.DynamoDbLocalExtension.FreshStore;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import software.amazon.awssdk.core.SdkRequest;
import software.amazon.awssdk.core.SdkResponse;
import software.amazon.awssdk.core.interceptor.Context;
import software.amazon.awssdk.core.interceptor.ExecutionAttributes;
import software.amazon.awssdk.core.interceptor.ExecutionInterceptor;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.BatchWriteItemRequest;
import software.amazon.awssdk.services.dynamodb.model.BatchWriteItemResponse;
import software.amazon.awssdk.services.dynamodb.model.WriteRequest;

@ExtendWith(DynamoDbLocalExtension.class)
class ProgressLogTest {

    @Test
    void events_shouldComeBackInOrder_evenWhenTheClockStandsStill(FreshStore fresh) {
        ProgressLog log = fresh.store().progress();
        for (String step : List.of("AcquireLock", "Plan", "CreateNetwork", "ReleaseLock")) {
            log.record(new ProgressEvent("exec-1", "c1", step, "succeeded", null, null));
        }
        log.record(new ProgressEvent("exec-2", "c1", "AcquireLock", "failed", null, "locked by exec-1"));

        assertThat(log.events("exec-1")).extracting(ProgressEvent::step)
                .containsExactly("AcquireLock", "Plan", "CreateNetwork", "ReleaseLock");
        assertThat(log.eventsOfCluster("c1")).hasSize(5).last().extracting(ProgressEvent::detail).isEqualTo("locked by exec-1");
    }

    @Test
    void record_shouldSetTtlAttributeRetentionAfterTheEvent(FreshStore fresh) {
        fresh.store().progress().record(new ProgressEvent("exec-1", "c1", "Plan", "started", null, null));

        Map<String, AttributeValue> item = fresh.client().scan(r -> r.tableName(fresh.tables().name(TableSchemas.PROGRESS)))
                .items().get(0);
        long expected = fresh.clock().instant().plus(Store.PROGRESS_RETENTION).getEpochSecond();
        assertThat(item.get(TableSchemas.PROGRESS.ttlAttribute().orElseThrow()).n()).isEqualTo(Long.toString(expected));
        assertThat(fresh.client().describeTimeToLive(r -> r.tableName(fresh.tables().name(TableSchemas.PROGRESS)))
                .timeToLiveDescription().attributeName()).isEqualTo("expiresAt");
    }

    @Test
    void recordAll_shouldRetryUnprocessedItems_untilAllWritten(FreshStore fresh) {
        // Throttling, played honestly: DynamoDB Local receives only half of each batch and the client is
        // told the other half is unprocessed, exactly as DynamoDB answers when it throttles.
        AtomicInteger batchCalls = new AtomicInteger();
        DynamoDbClient throttled = fresh.dynamoDb().clientBuilder()
                .overrideConfiguration(c -> c.addExecutionInterceptor(new HalfProcessed(batchCalls)))
                .build();
        List<ProgressEvent> events = IntStream.range(0, 60)
                .mapToObj(i -> new ProgressEvent("exec-1", "c1", "step-" + i, "succeeded", null, null)).toList();

        fresh.storeWith(throttled).progress().recordAll(events);

        assertThat(fresh.store().progress().events("exec-1")).hasSize(60);
        assertThat(batchCalls.get()).isGreaterThan(3);
    }

    /** Forwards the first half of every BatchWriteItem and reports the rest as unprocessed. */
    private static final class HalfProcessed implements ExecutionInterceptor {
        private static final software.amazon.awssdk.core.interceptor.ExecutionAttribute<Map<String, List<WriteRequest>>> HELD =
                new software.amazon.awssdk.core.interceptor.ExecutionAttribute<>("held");
        private final AtomicInteger calls;

        HalfProcessed(AtomicInteger calls) {
            this.calls = calls;
        }

        @Override
        public SdkRequest modifyRequest(Context.ModifyRequest context, ExecutionAttributes attributes) {
            if (!(context.request() instanceof BatchWriteItemRequest request)) {
                return context.request();
            }
            calls.incrementAndGet();
            Map<String, List<WriteRequest>> sent = new HashMap<>();
            Map<String, List<WriteRequest>> held = new HashMap<>();
            request.requestItems().forEach((table, writes) -> {
                int half = Math.max(1, writes.size() / 2);
                sent.put(table, writes.subList(0, half));
                if (half < writes.size()) {
                    held.put(table, new ArrayList<>(writes.subList(half, writes.size())));
                }
            });
            attributes.putAttribute(HELD, held);
            return request.toBuilder().requestItems(sent).build();
        }

        @Override
        public SdkResponse modifyResponse(Context.ModifyResponse context, ExecutionAttributes attributes) {
            if (!(context.response() instanceof BatchWriteItemResponse response)) {
                return context.response();
            }
            return response.toBuilder().unprocessedItems(attributes.getAttribute(HELD)).build();
        }
    }
}
