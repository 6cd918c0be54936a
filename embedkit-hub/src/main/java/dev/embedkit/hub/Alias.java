package dev.embedkit.hub;

import dev.embedkit.EmbedkitException;
import dev.embedkit.model.BuiltinPack;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * Short, Ollama-style names for popular embedding models, with the facts their repos do not always carry (pooling,
 * prompts, lengths, which ONNX files). When a pulled repo lacks sentence-transformers configs, {@link ModelOverlay}
 * writes them from these facts beside links to the snapshot, so the model loads through the ordinary folder code.
 * Sizes are the default (fp32) download, approximately; {@code :quantized} is about a quarter.
 */
public enum Alias {
  ALL_MINILM("all-minilm", BuiltinPack.ALL_MINILM_L6_V2.repoId(), BuiltinPack.ALL_MINILM_L6_V2, "text", 384, "mean",
      256, true, Map.of(), 90_400_000L, null, "built-in pack (Maven Central jar); no hub download"),
  MXBAI_EMBED_LARGE("mxbai-embed-large", "mixedbread-ai/mxbai-embed-large-v1", null, "text", 1024, "cls", 512, false,
      prompts("query", "Represent this sentence for searching relevant passages: ", "passage", ""), 1_340_000_000L, null,
      "Matryoshka (1024..64) and binary-friendly; :quantized ~337 MB"),
  NOMIC_EMBED_TEXT("nomic-embed-text", "nomic-ai/nomic-embed-text-v1.5", null, "text", 768, "mean", 8192, true,
      prompts("query", "search_query: ", "document", "search_document: ", "classification", "classification: ",
          "clustering", "clustering: "), 547_000_000L, null, "Matryoshka (768, 512, 256, 128, 64); :quantized ~138 MB"),
  BGE_SMALL("bge-small", "BAAI/bge-small-en-v1.5", null, "text", 384, "cls", 512, true,
      prompts("query", "Represent this sentence for searching relevant passages: ", "document", ""), 133_000_000L, null,
      "also a built-in pack: bge-small-en-v1.5"),
  E5_SMALL("e5-small", "intfloat/e5-small-v2", null, "text", 384, "mean", 512, true,
      prompts("query", "query: ", "passage", "passage: "), 133_000_000L, null, "also a built-in pack: e5-small-v2"),
  BGE_BASE("bge-base", "BAAI/bge-base-en-v1.5", null, "text", 768, "cls", 512, true,
      prompts("query", "Represent this sentence for searching relevant passages: ", "document", ""), 438_000_000L, null, ""),
  CLIP("clip", "Xenova/clip-vit-base-patch32", null, "image+text", 512, "projection", 77, true, Map.of(), 606_000_000L,
      List.of("onnx/text_model{v}.onnx", "onnx/vision_model{v}.onnx"),
      "ONNX export of openai/clip-vit-base-patch32: text and vision towers"),
  IMGBEDDINGS("imgbeddings", "minimaxir/imgbeddings", null, "image", 768, "attention-weighted", 0, false, Map.of(),
      352_000_000L, List.of("patch32_v1.onnx"), "CLIP ViT-B/32 vision tower with hidden states (imgbeddings)");

  private final String aliasName;
  private final String repoId;
  private final BuiltinPack pack;
  private final String modality;
  private final int dimensions;
  private final String pooling;
  private final int maxSeqLength;
  private final boolean normalize;
  private final Map<String, String> prompts;
  private final long approxDownloadBytes;
  private final List<String> onnxPatterns;
  private final String notes;

  Alias(String aliasName, String repoId, BuiltinPack pack, String modality, int dimensions, String pooling,
      int maxSeqLength, boolean normalize, Map<String, String> prompts, long approxDownloadBytes, List<String> onnxPatterns,
      String notes) {
    this.aliasName = aliasName;
    this.repoId = repoId;
    this.pack = pack;
    this.modality = modality;
    this.dimensions = dimensions;
    this.pooling = pooling;
    this.maxSeqLength = maxSeqLength;
    this.normalize = normalize;
    this.prompts = prompts;
    this.approxDownloadBytes = approxDownloadBytes;
    this.onnxPatterns = onnxPatterns;
    this.notes = notes;
  }

  public String aliasName() {
    return aliasName;
  }

  public String repoId() {
    return repoId;
  }

  /** The built-in pack this alias stands for, if any (then nothing comes from the hub). */
  public Optional<BuiltinPack> pack() {
    return Optional.ofNullable(pack);
  }

  public String modality() {
    return modality;
  }

  public int dimensions() {
    return dimensions;
  }

  public String pooling() {
    return pooling;
  }

  public int maxSeqLength() {
    return maxSeqLength;
  }

  public Map<String, String> prompts() {
    return prompts;
  }

  public long approxDownloadBytes() {
    return approxDownloadBytes;
  }

  public String notes() {
    return notes;
  }

  /** Where the model's ONNX graphs sit ("{v}" = "_VARIANT"); the default text-encoder places unless the alias says. */
  List<String> onnxPatterns() {
    return onnxPatterns != null ? onnxPatterns : List.of(String.join("|", OnnxVariant.DEFAULT_PATTERNS));
  }

  boolean isText() {
    return modality.equals("text");
  }

  /** Finds an alias by name, case-insensitive. */
  public static Optional<Alias> find(String name) {
    String wanted = name.trim().toLowerCase(Locale.ROOT);
    return Arrays.stream(values()).filter(a -> a.aliasName.equals(wanted)).findFirst();
  }

  /** The alias whose repo this is, so pulling the repo by id gets the same facts. */
  public static Optional<Alias> forRepo(RepoId repo) {
    return Arrays.stream(values()).filter(a -> a.pack == null && a.repoId.equalsIgnoreCase(repo.value())).findFirst();
  }

  public static String names() {
    return Arrays.stream(values()).map(Alias::aliasName).collect(Collectors.joining(", "));
  }

  public static Alias byName(String name) {
    return find(name).orElseThrow(() -> EmbedkitException.notFound("unknown alias '" + name + "'; aliases are: " + names()));
  }

  /**
   * The sentence-transformers config files this alias can supply, as JSON-ready values keyed by file name (empty for
   * image models, whose loader reads the repo's own preprocessor config).
   */
  Map<String, Object> configFiles() {
    Map<String, Object> files = new LinkedHashMap<>();
    if (this == IMGBEDDINGS) {
      files.put("preprocessor_config.json", clipPreprocessor());
    }
    if (!isText()) {
      return files;
    }
    List<Map<String, Object>> modules = new ArrayList<>();
    modules.add(module(0, "", "sentence_transformers.models.Transformer"));
    modules.add(module(1, "1_Pooling", "sentence_transformers.models.Pooling"));
    if (normalize) {
      modules.add(module(2, "2_Normalize", "sentence_transformers.models.Normalize"));
    }
    files.put("modules.json", modules);
    Map<String, Object> poolingConfig = new LinkedHashMap<>();
    poolingConfig.put("word_embedding_dimension", dimensions);
    poolingConfig.put("pooling_mode_cls_token", pooling.equals("cls"));
    poolingConfig.put("pooling_mode_mean_tokens", pooling.equals("mean"));
    poolingConfig.put("pooling_mode_max_tokens", false);
    poolingConfig.put("pooling_mode_mean_sqrt_len_tokens", false);
    poolingConfig.put("pooling_mode_weightedmean_tokens", false);
    poolingConfig.put("pooling_mode_lasttoken", false);
    poolingConfig.put("include_prompt", true);
    files.put("1_Pooling/config.json", poolingConfig);
    files.put("sentence_bert_config.json", Map.of("max_seq_length", maxSeqLength, "do_lower_case", false));
    Map<String, Object> st = new LinkedHashMap<>();
    st.put("prompts", prompts);
    st.put("default_prompt_name", null);
    st.put("similarity_fn_name", "cosine");
    files.put("config_sentence_transformers.json", st);
    return files;
  }

  private static Map<String, Object> module(int idx, String path, String type) {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("idx", idx);
    m.put("name", String.valueOf(idx));
    m.put("path", path);
    m.put("type", type);
    return m;
  }

  /** openai/clip-vit-base-patch32's preprocessor_config.json (imgbeddings takes its processor from there). */
  private static Map<String, Object> clipPreprocessor() {
    Map<String, Object> p = new LinkedHashMap<>();
    p.put("crop_size", 224);
    p.put("do_center_crop", true);
    p.put("do_normalize", true);
    p.put("do_resize", true);
    p.put("feature_extractor_type", "CLIPFeatureExtractor");
    p.put("image_mean", List.of(0.48145466, 0.4578275, 0.40821073));
    p.put("image_std", List.of(0.26862954, 0.26130258, 0.27577711));
    p.put("resample", 3);
    p.put("size", 224);
    return p;
  }

  private static Map<String, String> prompts(String... pairs) {
    Map<String, String> map = new LinkedHashMap<>();
    for (int i = 0; i < pairs.length; i += 2) {
      map.put(pairs[i], pairs[i + 1]);
    }
    return map;
  }
}
