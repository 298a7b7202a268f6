package dev.gerbang.auth;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.WorkerExecutor;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.text.Normalizer;
import java.util.Base64;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.bouncycastle.crypto.generators.Argon2BytesGenerator;
import org.bouncycastle.crypto.params.Argon2Parameters;

/**
 * Argon2id password hashes in the PHC string format, computed on a small dedicated worker pool (never
 * on an event loop; the pool's size bounds the memory that concurrent hashing can take). Passwords are
 * NFKC-normalized first, so the same password typed on two keyboards matches.
 */
public final class PasswordHasher {
  private static final Pattern PHC = Pattern.compile(
      "\\$argon2id\\$v=19\\$m=(\\d+),t=(\\d+),p=(\\d+)\\$([A-Za-z0-9+/]+)\\$([A-Za-z0-9+/]+)");
  private static final SecureRandom RANDOM = new SecureRandom();
  private static final Base64.Encoder B64 = Base64.getEncoder().withoutPadding();

  private final WorkerExecutor workers;
  private final int memoryKib;
  private final int iterations;
  private final int parallelism;
  /** Each hashing thread's Argon2 memory, kept from one hash to the next (see {@link ThreadBlocks}). */
  private final ThreadLocal<ThreadBlocks> blocks;
  /** Made on a hashing thread, off the start-up's path. */
  private volatile String dummyHash;

  public PasswordHasher(Vertx vertx, AuthSettings config) {
    this.workers = vertx.createSharedWorkerExecutor("gerbang-hash", Math.max(2, Runtime.getRuntime().availableProcessors()));
    this.memoryKib = config.argon2MemoryKib();
    this.iterations = config.argon2Iterations();
    this.parallelism = config.argon2Parallelism();
    int blockCount = Argon2BytesGenerator.getBlockCount(memoryKib, parallelism);
    this.blocks = ThreadLocal.withInitial(() -> new ThreadBlocks(blockCount));
    // Made now, in the background, so that the first unknown email does not take two hashes' time.
    workers.executeBlocking(this::dummyHash, false);
  }

  public Future<String> hash(String password) {
    return workers.executeBlocking(() -> hashNow(password), false);
  }

  /** Compares in constant time. A malformed stored hash never matches. */
  public Future<Boolean> verify(String password, String encoded) {
    return workers.executeBlocking(() -> verifyNow(password, encoded), false);
  }

  /** Spends the time of one verification, so that an unknown email answers as slowly as a wrong password. */
  public Future<Boolean> verifyDummy(String password) {
    return workers.executeBlocking(() -> verifyNow(password, dummyHash()), false).map(ignored -> false);
  }

  private String dummyHash() {
    String dummy = dummyHash;
    if (dummy == null) {
      dummy = hashNow("not a real password " + RANDOM.nextLong());
      dummyHash = dummy;
    }
    return dummy;
  }

  /** True when the hash was made with other parameters than the configured ones: rehash at next login. */
  public boolean needsRehash(String encoded) {
    Matcher m = PHC.matcher(encoded == null ? "" : encoded);
    return !m.matches() || Integer.parseInt(m.group(1)) != memoryKib || Integer.parseInt(m.group(2)) != iterations
        || Integer.parseInt(m.group(3)) != parallelism;
  }

  String hashNow(String password) {
    byte[] salt = new byte[16];
    RANDOM.nextBytes(salt);
    byte[] hash = compute(password, salt, memoryKib, iterations, parallelism, 32);
    return "$argon2id$v=19$m=" + memoryKib + ",t=" + iterations + ",p=" + parallelism + "$" + B64.encodeToString(salt)
        + "$" + B64.encodeToString(hash);
  }

  boolean verifyNow(String password, String encoded) {
    Matcher m = PHC.matcher(encoded == null ? "" : encoded);
    if (!m.matches()) {
      return false;
    }
    byte[] salt = Base64.getDecoder().decode(m.group(4));
    byte[] expected = Base64.getDecoder().decode(m.group(5));
    byte[] actual = compute(password, salt, Integer.parseInt(m.group(1)), Integer.parseInt(m.group(2)),
        Integer.parseInt(m.group(3)), expected.length);
    return MessageDigest.isEqual(expected, actual);
  }

  private byte[] compute(String password, byte[] salt, int memory, int iterations, int parallelism, int length) {
    Argon2Parameters.Builder builder = new Argon2Parameters.Builder(Argon2Parameters.ARGON2_id)
        .withVersion(Argon2Parameters.ARGON2_VERSION_13)
        .withMemoryAsKB(memory)
        .withIterations(iterations)
        .withParallelism(parallelism)
        .withSalt(salt);
    if (memory == memoryKib && parallelism == this.parallelism) {
      builder.withBlockPool(blocks.get());
    }
    Argon2Parameters parameters = builder.build();
    Argon2BytesGenerator generator = new Argon2BytesGenerator();
    generator.init(parameters);
    byte[] out = new byte[length];
    generator.generateBytes(Normalizer.normalize(password, Normalizer.Form.NFKC).getBytes(StandardCharsets.UTF_8), out);
    return out;
  }

  /**
   * One thread's Argon2 blocks (19 MiB with the defaults), reused by every hash on that thread: allocated anew,
   * they made a gigabyte of garbage a second at sign-in rates, and with the heap the README gives the server the
   * collector then copied the blocks of the hashes under way, again and again. The generator clears each block
   * before handing it back. Thread-confined, so without locks (BouncyCastle's FixedBlockPool takes one per block).
   */
  static final class ThreadBlocks implements Argon2BytesGenerator.BlockPool {
    private final Argon2BytesGenerator.Block[] free;
    private int size;

    ThreadBlocks(int capacity) {
      this.free = new Argon2BytesGenerator.Block[capacity];
    }

    @Override
    public Argon2BytesGenerator.Block allocate() {
      return size > 0 ? free[--size] : new Argon2BytesGenerator.Block();
    }

    @Override
    public void deallocate(Argon2BytesGenerator.Block block) {
      if (size < free.length) {
        free[size++] = block;
      }
    }
  }
}
