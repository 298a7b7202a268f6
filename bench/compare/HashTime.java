// Times one password hash as Gerbang computes it, for the login ceiling of bench/compare.sh (cores / one hash).
// Argon2id, version 1.3, a 16-byte random salt, a 32-byte output, the password NFKC-normalized and UTF-8
// encoded, through BouncyCastle's Argon2BytesGenerator: the same steps as
// src/main/java/dev/gerbang/auth/PasswordHasher.java (compute), which keeps its thread's Argon2 memory from one
// hash to the next (ThreadBlocks): so does this. One thread, hashes one after another.
//
//   java -cp "$(cat target/bench/classpath.txt)" bench/compare/HashTime.java MEMORY_KIB ITERATIONS PARALLELISM [SAMPLES] [WARMUP]
// Prints one JSON line: the parameters, every sample in ms, the median, the fastest and the slowest.
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.text.Normalizer;
import java.util.Arrays;
import java.util.StringJoiner;
import org.bouncycastle.crypto.generators.Argon2BytesGenerator;
import org.bouncycastle.crypto.params.Argon2Parameters;

public final class HashTime {
  private static final SecureRandom RANDOM = new SecureRandom();
  private static final java.util.ArrayDeque<Argon2BytesGenerator.Block> FREE = new java.util.ArrayDeque<>();
  /** The server's ThreadBlocks, for one thread: blocks handed back (cleared by the generator) are used again. */
  private static final Argon2BytesGenerator.BlockPool BLOCKS = new Argon2BytesGenerator.BlockPool() {
    @Override
    public Argon2BytesGenerator.Block allocate() {
      Argon2BytesGenerator.Block block = FREE.pollLast();
      return block != null ? block : new Argon2BytesGenerator.Block();
    }

    @Override
    public void deallocate(Argon2BytesGenerator.Block block) {
      FREE.addLast(block);
    }
  };

  static byte[] hash(String password, int memoryKib, int iterations, int parallelism) {
    byte[] salt = new byte[16];
    RANDOM.nextBytes(salt);
    Argon2Parameters parameters = new Argon2Parameters.Builder(Argon2Parameters.ARGON2_id)
        .withVersion(Argon2Parameters.ARGON2_VERSION_13)
        .withMemoryAsKB(memoryKib)
        .withIterations(iterations)
        .withParallelism(parallelism)
        .withSalt(salt)
        .withBlockPool(BLOCKS)
        .build();
    Argon2BytesGenerator generator = new Argon2BytesGenerator();
    generator.init(parameters);
    byte[] out = new byte[32];
    generator.generateBytes(Normalizer.normalize(password, Normalizer.Form.NFKC).getBytes(StandardCharsets.UTF_8), out);
    return out;
  }

  public static void main(String[] args) {
    int memoryKib = Integer.parseInt(args[0]);
    int iterations = Integer.parseInt(args[1]);
    int parallelism = Integer.parseInt(args[2]);
    int samples = args.length > 3 ? Integer.parseInt(args[3]) : 25;
    int warmup = args.length > 4 ? Integer.parseInt(args[4]) : 10;
    String password = "correct horse battery staple";
    long sink = 0;
    for (int i = 0; i < warmup; i++) {
      sink += hash(password, memoryKib, iterations, parallelism)[0];
    }
    double[] ms = new double[samples];
    for (int i = 0; i < samples; i++) {
      long start = System.nanoTime();
      sink += hash(password, memoryKib, iterations, parallelism)[0];
      ms[i] = (System.nanoTime() - start) / 1e6;
    }
    double[] sorted = ms.clone();
    Arrays.sort(sorted);
    double median = samples % 2 == 1 ? sorted[samples / 2] : (sorted[samples / 2 - 1] + sorted[samples / 2]) / 2;
    StringJoiner all = new StringJoiner(",", "[", "]");
    for (double m : ms) {
      all.add(String.format(java.util.Locale.ROOT, "%.3f", m));
    }
    System.out.printf(java.util.Locale.ROOT,
        "{\"memoryKib\":%d,\"iterations\":%d,\"parallelism\":%d,\"warmup\":%d,\"samplesMs\":%s,\"medianMs\":%.3f,"
            + "\"minMs\":%.3f,\"maxMs\":%.3f,\"sink\":%d}%n",
        memoryKib, iterations, parallelism, warmup, all, median, sorted[0], sorted[samples - 1], sink);
  }
}
