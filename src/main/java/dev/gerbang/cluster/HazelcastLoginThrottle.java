package dev.gerbang.cluster;

import com.hazelcast.core.HazelcastInstance;
import com.hazelcast.map.EntryProcessor;
import com.hazelcast.map.IMap;
import dev.gerbang.security.LoginThrottle;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * The login lock's counts in the cluster: one Hazelcast map entry per account, changed by an entry processor on
 * the member that owns it, so parallel attempts through different nodes are counted one by one and spreading
 * guesses over the nodes gains nothing. The rule is the local throttle's ({@link LoginThrottle.Policy}).
 */
final class HazelcastLoginThrottle implements LoginThrottle {
  static final String MAP = "gerbang.login-throttle";
  private final Vertx vertx;
  private final Policy policy;
  private final IMap<String, State> states;

  HazelcastLoginThrottle(Vertx vertx, HazelcastInstance hazelcast, Policy policy) {
    this.vertx = vertx;
    this.policy = policy;
    this.states = hazelcast.getMap(MAP);
  }

  @Override
  public Future<Attempt> attempt(String account) {
    return Future.fromCompletionStage(states.submitToKey(account, new Count(policy, System.currentTimeMillis())),
        vertx.getOrCreateContext());
  }

  @Override
  public void clear(String account) {
    states.removeAsync(account);
  }

  /** Runs on the entry's owner: one attempt, the state kept for the policy's keep time after its last change. */
  static final class Count implements EntryProcessor<String, State, Attempt> {
    private static final long serialVersionUID = 1L;
    private final Policy policy;
    private final long now;

    Count(Policy policy, long now) {
      this.policy = policy;
      this.now = now;
    }

    @Override
    public Attempt process(Map.Entry<String, State> entry) {
      Step step = policy.attempt(entry.getValue(), now);
      if (!step.next().equals(entry.getValue())) {
        ((com.hazelcast.map.ExtendedMapEntry<String, State>) entry).setValue(step.next(), policy.keepMillis(), TimeUnit.MILLISECONDS);
      }
      return step.outcome();
    }
  }
}
