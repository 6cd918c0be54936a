package dev.embedkit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.embedkit.model.BuiltinPack;
import dev.embedkit.model.PackCache;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Every way a model can fail to load gives one line that says what is wrong and what is accepted. */
class ModelLoadingErrorsTest {
  @TempDir Path folder;

  static void assertOneLine(EmbedkitException e) {
    assertFalse(e.getMessage().contains("\n"), e.getMessage());
  }

  @Test
  void unknownNameListsTheAvailableModels() {
    EmbedkitException e = assertThrows(EmbedkitException.class, () -> Embedkit.load("all-mpnet-base-v2"));
    assertEquals(ErrorKind.NOT_FOUND, e.kind());
    assertTrue(e.getMessage().contains("available models are: all-minilm-l6-v2, all-minilm-l6-v2-int8, bge-small-en-v1.5"),
        e.getMessage());
    assertOneLine(e);
  }

  @Test
  void missingFolderIsNamed() {
    EmbedkitException e = assertThrows(EmbedkitException.class, () -> Embedkit.load("./no/such/model"));
    assertTrue(e.getMessage().startsWith("model folder ./no/such/model does not exist"), e.getMessage());
  }

  @Test
  void folderWithoutOnnxSaysWhereTheGraphMustBe() throws IOException {
    Files.writeString(folder.resolve("tokenizer.json"), "{}");
    EmbedkitException e = assertThrows(EmbedkitException.class, () -> Embedkit.load(folder.toString()));
    assertEquals(ErrorKind.MODEL, e.kind());
    assertTrue(e.getMessage().contains("expected one of [onnx/model.onnx, model.onnx]; the folder holds [tokenizer.json]"),
        e.getMessage());
  }

  @Test
  void brokenOnnxFileIsReportedInOneLine() throws IOException {
    copyTokenizer();
    Files.write(folder.resolve("model.onnx"), "this is not a protobuf".getBytes());
    EmbedkitException e = assertThrows(EmbedkitException.class, () -> Embedkit.load(folder.toString()));
    assertEquals(ErrorKind.MODEL, e.kind());
    assertTrue(e.getMessage().startsWith("cannot load ONNX graph " + folder.resolve("model.onnx")), e.getMessage());
    assertOneLine(e);
  }

  @Test
  void graphWithoutTheNeededInputsNamesWhatItHas() throws IOException {
    copyTokenizer();
    try (InputStream in = getClass().getResourceAsStream("/fixtures/wrong_io.onnx")) {
      Files.copy(in, folder.resolve("model.onnx"));
    }
    EmbedkitException e = assertThrows(EmbedkitException.class, () -> Embedkit.load(folder.toString()));
    assertEquals(ErrorKind.MODEL, e.kind());
    assertTrue(e.getMessage().contains("has inputs [pixels[?, 4]], outputs [scores[?, 4]]; embedkit feeds input_ids"),
        e.getMessage());
  }

  @Test
  void aFileInsteadOfAFolderIsRejected() throws IOException {
    Path file = Files.writeString(folder.resolve("model.onnx"), "x");
    EmbedkitException e = assertThrows(EmbedkitException.class, () -> Embedkit.load(file.toString()));
    assertEquals(ErrorKind.INVALID_INPUT, e.kind());
  }

  @Test
  void invalidJsonConfigNamesTheFile() throws IOException {
    copyTokenizer();
    Files.copy(PackCache.standard().materialize(BuiltinPack.ALL_MINILM_L6_V2_INT8).resolve("onnx/model.onnx"),
        folder.resolve("model.onnx"));
    Files.writeString(folder.resolve("modules.json"), "[{oops");
    EmbedkitException e = assertThrows(EmbedkitException.class, () -> Embedkit.load(folder.toString()));
    assertTrue(e.getMessage().startsWith(folder.resolve("modules.json") + " is not valid JSON"), e.getMessage());
  }

  private void copyTokenizer() throws IOException {
    Files.copy(PackCache.standard().materialize(BuiltinPack.ALL_MINILM_L6_V2_INT8).resolve("tokenizer.json"),
        folder.resolve("tokenizer.json"));
  }
}
