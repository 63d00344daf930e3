package dev.overcast.store;

import static org.assertj.core.api.Assertions.assertThat;

import dev.overcast.store.DynamoDbLocalExtension.FreshStore;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

@ExtendWith(DynamoDbLocalExtension.class)
class IdempotencyKeysTest {
    private static final String REQUEST = "POST /clusters {} abc";
    private static final Duration CLAIM = Duration.ofMinutes(1);
    private static final RememberedResponse FIRST = new RememberedResponse(REQUEST, 202, "/clusters/demo", "{\"a\":1}");
    private static final RememberedResponse SECOND = new RememberedResponse(REQUEST, 409, null, "{\"b\":2}");

    @Test
    void claim_shouldBeHeldByTheFirstCaller_andShowTheClaimToTheNext(FreshStore fresh) {
        IdempotencyKeys keys = fresh.store().idempotency();

        assertThat(keys.claim("team-a", "k1", REQUEST, CLAIM)).isEmpty();
        assertThat(keys.claim("team-a", "k1", REQUEST, CLAIM)).hasValueSatisfying(found -> {
            assertThat(found.isInProgress()).isTrue();
            assertThat(found.request()).isEqualTo(REQUEST);
        });
    }

    @Test
    void complete_shouldReplaceTheClaimWithTheAnswer_andKeepTheFirstAnswer(FreshStore fresh) {
        IdempotencyKeys keys = fresh.store().idempotency();
        keys.claim("team-a", "k1", REQUEST, CLAIM);

        assertThat(keys.complete("team-a", "k1", FIRST)).isEqualTo(FIRST);
        assertThat(keys.complete("team-a", "k1", SECOND)).isEqualTo(FIRST);
        assertThat(keys.claim("team-a", "k1", REQUEST, CLAIM)).contains(FIRST);
        assertThat(keys.find("team-a", "k1")).contains(FIRST);
    }

    @Test
    void release_shouldFreeTheKey_forARetryToDoTheWork(FreshStore fresh) {
        IdempotencyKeys keys = fresh.store().idempotency();
        keys.claim("team-a", "k1", REQUEST, CLAIM);

        keys.release("team-a", "k1", "another request");
        assertThat(keys.find("team-a", "k1")).isPresent();
        keys.release("team-a", "k1", REQUEST);

        assertThat(keys.find("team-a", "k1")).isEmpty();
        assertThat(keys.claim("team-a", "k1", REQUEST, CLAIM)).isEmpty();
    }

    @Test
    void claim_shouldLapse_whenItsHolderNeverCompletes(FreshStore fresh) {
        IdempotencyKeys keys = fresh.store().idempotency();
        keys.claim("team-a", "k1", REQUEST, CLAIM);

        fresh.clock().advance(CLAIM.plusSeconds(1));

        assertThat(keys.claim("team-a", "k1", REQUEST, CLAIM)).isEmpty();
    }

    @Test
    void find_shouldNotSeeAnotherTenantsKey(FreshStore fresh) {
        fresh.store().idempotency().claim("team-a", "k1", REQUEST, CLAIM);
        fresh.store().idempotency().complete("team-a", "k1", FIRST);

        assertThat(fresh.store().idempotency().find("team-b", "k1")).isEmpty();
    }

    @Test
    void find_shouldForgetTheAnswer_afterRetention_evenBeforeTheTtlSweep(FreshStore fresh) {
        IdempotencyKeys keys = fresh.store().idempotency();
        keys.claim("team-a", "k1", REQUEST, CLAIM);
        keys.complete("team-a", "k1", FIRST);

        fresh.clock().advance(Store.IDEMPOTENCY_RETENTION.plus(Duration.ofSeconds(1)));

        assertThat(keys.find("team-a", "k1")).isEmpty();
        assertThat(keys.claim("team-a", "k1", REQUEST, CLAIM)).isEmpty();
    }
}
