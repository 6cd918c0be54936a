import ai.onnxruntime.*;
import java.nio.*;
import java.util.*;

/**
 * ONNX Runtime alone on one graph: a fixed batch of random token ids, one intra-op thread, ms per call (the "fp32
 * ceiling" and "Static int8" tables in BENCHMARKS.md). Optional 5th argument "prof" writes ONNX Runtime's profile; env
 * OPT_OUT=FILE saves the optimised graph.
 *
 * <pre>java -cp "$(cat embedkit-bench/target/classpath.txt)" embedkit-bench/scripts/OrtCall.java MODEL.onnx 8 38 200</pre>
 */
public class OrtCall {
  public static void main(String[] a) throws Exception {
    String model = a[0]; int batch = Integer.parseInt(a[1]); int seq = Integer.parseInt(a[2]); int iters = Integer.parseInt(a[3]);
    boolean prof = a.length > 4 && a[4].equals("prof");
    OrtEnvironment env = OrtEnvironment.getEnvironment();
    var o = new OrtSession.SessionOptions();
    o.setOptimizationLevel(OrtSession.SessionOptions.OptLevel.ALL_OPT);
    o.setIntraOpNumThreads(1); o.setInterOpNumThreads(1);
    o.addConfigEntry("session.set_denormal_as_zero", "1");
    if (prof) o.enableProfiling("ort-profile");
    if (System.getenv("OPT_OUT") != null) o.setOptimizedModelFilePath(System.getenv("OPT_OUT"));
    OrtSession s = env.createSession(model, o);
    long[] ids = new long[batch*seq]; long[] mask = new long[batch*seq]; long[] tt = new long[batch*seq];
    Random r = new Random(1);
    for (int i = 0; i < ids.length; i++) { ids[i] = 1000 + r.nextInt(20000); mask[i] = 1; }
    for (int b = 0; b < batch; b++) { ids[b*seq] = 101; ids[b*seq+seq-1] = 102; }
    long[] shape = {batch, seq};
    Map<String, OnnxTensor> in = new HashMap<>();
    in.put("input_ids", OnnxTensor.createTensor(env, LongBuffer.wrap(ids), shape));
    in.put("attention_mask", OnnxTensor.createTensor(env, LongBuffer.wrap(mask), shape));
    if (s.getInputNames().contains("token_type_ids")) in.put("token_type_ids", OnnxTensor.createTensor(env, LongBuffer.wrap(tt), shape));
    for (int i = 0; i < 20; i++) s.run(in).close();
    long t0 = System.nanoTime();
    for (int i = 0; i < iters; i++) s.run(in).close();
    double ms = (System.nanoTime() - t0) / 1e6 / iters;
    System.out.printf("%s batch=%d seq=%d: %.3f ms/call, %.1f seq/s/thread, %.1f GFLOP/s%n", model, batch, seq, ms, batch*1000/ms, batch*seq*21.2e6/ms/1e6);
    if (prof) System.out.println(s.endProfiling());
  }
}
