import ai.onnxruntime.*;
import ai.djl.huggingface.tokenizers.*;
import java.nio.*; import java.nio.file.*; import java.util.*;
/**
 * Per-channel max |value| of every extra output of a calibration graph (add_activation_outputs.py) over a sentence
 * file, as JSON on stdout: the ranges smooth_int8_prototype.py reads. embedkit computes the same in Java
 * (dev.embedkit.onnx.int8.Calibration).
 *
 * <pre>java -cp "$(cat embedkit-bench/target/classpath.txt)" ChannelRanges.java CALIB.onnx tokenizer.json sentences.txt > ranges.json</pre>
 */
public class ChannelRanges {
  public static void main(String[] a) throws Exception {
    var tok = HuggingFaceTokenizer.builder().optTokenizerPath(Paths.get(a[1])).optMaxLength(256).optTruncation(true).optPadding(false).build();
    List<String> lines = Files.readAllLines(Paths.get(a[2]));
    OrtEnvironment env = OrtEnvironment.getEnvironment();
    var s = env.createSession(a[0], new OrtSession.SessionOptions());
    Map<String, double[]> chmax = new TreeMap<>();
    for (String line : lines) {
      line = line.strip(); if (line.isEmpty() || line.startsWith("#")) continue;
      var e = tok.encode(line);
      long[] shape = {1, e.getIds().length};
      Map<String, OnnxTensor> in = new HashMap<>();
      in.put("input_ids", OnnxTensor.createTensor(env, LongBuffer.wrap(e.getIds()), shape));
      in.put("attention_mask", OnnxTensor.createTensor(env, LongBuffer.wrap(e.getAttentionMask()), shape));
      in.put("token_type_ids", OnnxTensor.createTensor(env, LongBuffer.wrap(e.getTypeIds()), shape));
      try (var r = s.run(in)) {
        for (var kv : r) {
          if (kv.getKey().equals("last_hidden_state")) continue;
          FloatBuffer fb = ((OnnxTensor) kv.getValue()).getFloatBuffer();
          long[] sh = ((OnnxTensor) kv.getValue()).getInfo().getShape(); int H = (int) sh[sh.length-1];
          double[] ch = chmax.computeIfAbsent(kv.getKey(), k -> new double[H]);
          for (int i = 0; fb.hasRemaining(); i++) { float x = Math.abs(fb.get()); ch[i % H] = Math.max(ch[i % H], x); }
        }
      }
    }
    StringBuilder sb = new StringBuilder("{");
    for (var k : chmax.keySet()) { if (sb.length() > 1) sb.append(","); sb.append("\"").append(k).append("\":").append(Arrays.toString(chmax.get(k))); }
    System.out.println(sb.append("}"));
  }
}
