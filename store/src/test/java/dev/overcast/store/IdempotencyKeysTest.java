package dev.overcast.store;

import static org.assertj.core.api.Assertions.assertThat;

import dev.overcast.store.DynamoDbLocalExtension.FreshStore;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

@ExtendWith(DynamoDbLocalExtension.class)
class IdempotencyKeysTest {
    private static final RememberedResponse FIRST = new RememberedResponse("POST /clusters abc", 202, "/clusters/demo", "{\"a\":1}");
    private static final RememberedResponse SECOND = new RememberedResponse("POST /clusters abc", 409, null, "{\"b\":2}");

    @Test
    void remember_shouldKeepTheFirstAnswer_whenTheKeyIsUsedAgain(FreshStore fresh) {
        IdempotencyKeys keys = fresh.store().idempotency();

        assertThat(keys.remember("team-a", "k1", FIRST)).isEqualTo(FIRST);
        assertThat(keys.remember("team-a", "k1", SECOND)).isEqualTo(FIRST);
        assertThat(keys.find("team-a", "k1")).contains(FIRST);
    }

    @Test
    void find_shouldNotSeeAnotherTenantsKey(FreshStore fresh) {
        fresh.store().idempotency().remember("team-a", "k1", FIRST);

        assertThat(fresh.store().idempotency().find("team-b", "k1")).isEmpty();
    }

    @Test
    void find_shouldForgetTheAnswer_afterRetention_evenBeforeTheTtlSweep(FreshStore fresh) {
        IdempotencyKeys keys = fresh.store().idempotency();
        keys.remember("team-a", "k1", FIRST);

        fresh.clock().advance(Store.IDEMPOTENCY_RETENTION.plus(Duration.ofSeconds(1)));

        assertThat(keys.find("team-a", "k1")).isEmpty();
        assertThat(keys.remember("team-a", "k1", SECOND)).isEqualTo(SECOND);
    }
}
