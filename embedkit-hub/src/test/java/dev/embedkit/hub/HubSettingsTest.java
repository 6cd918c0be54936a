package dev.embedkit.hub;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The environment is read as huggingface_hub reads it; system properties win. */
class HubSettingsTest {
  @TempDir Path dir;

  @Test
  void testRunsNeverUseTheUsersCaches() {
    // The parent pom sets embedkit.home and embedkit.hub.cache for every module's tests; both win over the variables.
    Path buildTree = Path.of(System.getProperty("maven.multiModuleProjectDirectory", "..")).toAbsolutePath().normalize();
    HubSettings s = HubSettings.fromEnvironment();
    assertTrue(s.cacheDir().toAbsolutePath().normalize().startsWith(buildTree.resolve("target")), s.cacheDir().toString());
    assertTrue(s.overlayDir().toAbsolutePath().normalize().startsWith(buildTree.resolve("target")), s.overlayDir().toString());
  }

  @Test
  void hfHomeAndEndpointAndOfflineComeFromTheEnvironment() {
    HubSettings s = HubSettings.from(Map.of("HF_HOME", dir.toString(), "HF_ENDPOINT", "https://mirror.example/",
        "HF_HUB_OFFLINE", "1"), new Properties());
    assertEquals(dir.resolve("hub"), s.cacheDir());
    assertEquals("https://mirror.example", s.endpoint().toString());
    assertTrue(s.offline());
    assertNull(s.token());
  }

  @Test
  void hfHubCacheWinsOverHfHomeAndPropertiesWinOverVariables() {
    Properties props = new Properties();
    props.setProperty("embedkit.hub.offline", "false");
    HubSettings s = HubSettings.from(Map.of("HF_HOME", dir.toString(), "HF_HUB_CACHE", dir.resolve("elsewhere").toString(),
        "HF_HUB_OFFLINE", "true"), props);
    assertEquals(dir.resolve("elsewhere"), s.cacheDir());
    assertFalse(s.offline());
  }

  @Test
  void tokenComesFromHfTokenElseTheLoginTokenFile() throws Exception {
    assertEquals("hf_env", HubSettings.from(Map.of("HF_HOME", dir.toString(), "HF_TOKEN", "hf_env"), new Properties()).token());
    Files.writeString(dir.resolve("token"), "hf_file\n");
    HubSettings s = HubSettings.from(Map.of("HF_HOME", dir.toString()), new Properties());
    assertEquals("hf_file", s.token());
    assertFalse(s.toString().contains("hf_file"), "the token is never printed");
  }

  @Test
  void offlineAcceptsHuggingFaceTruthyValuesOnly() {
    for (String yes : List.of("1", "true", "YES", "on")) {
      assertTrue(HubSettings.isTrue(yes), yes);
    }
    for (String no : List.of("0", "false", "no", "")) {
      assertFalse(HubSettings.isTrue(no), no);
    }
  }

  @Test
  void externalDataFilesTravelWithTheirGraph() {
    FileSelection selection = FileSelection.select("org/big", List.of("onnx/model.onnx", "onnx/model.onnx_data",
        "onnx/model_fp16.onnx", "onnx/model_fp16.onnx_data", "tokenizer.json", "1_Pooling/config.json", "README.md"),
        null, List.of(String.join("|", OnnxVariant.DEFAULT_PATTERNS)));
    assertEquals(List.of("onnx/model.onnx", "onnx/model.onnx_data", "tokenizer.json", "1_Pooling/config.json"), selection.files());
    FileSelection fp16 = FileSelection.select("org/big", List.of("model.onnx", "model_fp16.onnx", "model_fp16.onnx.data"),
        "fp16", List.of(String.join("|", OnnxVariant.DEFAULT_PATTERNS)));
    assertEquals(List.of("model_fp16.onnx", "model_fp16.onnx.data"), fp16.files());
  }
}
