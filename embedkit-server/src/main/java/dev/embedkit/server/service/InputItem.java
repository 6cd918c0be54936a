package dev.embedkit.server.service;

import dev.embedkit.image.input.ImageInput;

/** One input of an embedding request: a text, an image, or token ids of the model's vocabulary. */
public sealed interface InputItem {
  record Text(String text) implements InputItem {}

  record Image(ImageInput image) implements InputItem {}

  record TokenIds(long[] ids) implements InputItem {}

  static InputItem text(String text) {
    return new Text(text);
  }
}
