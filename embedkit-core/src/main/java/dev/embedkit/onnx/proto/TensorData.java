package dev.embedkit.onnx.proto;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * One ONNX TensorProto (an initializer or a constant): name, type, shape and values. Parsed tensors keep their
 * encoding and are written back unchanged unless their data lives in an external file, which is read in.
 */
public final class TensorData {
  public static final int FLOAT = 1;
  public static final int UINT8 = 2;
  public static final int INT8 = 3;

  private static final int DIMS = 1;
  private static final int DATA_TYPE = 2;
  private static final int FLOAT_DATA = 4;
  private static final int NAME = 8;
  private static final int RAW_DATA = 9;
  private static final int EXTERNAL_DATA = 13;
  private static final int DATA_LOCATION = 14;
  private static final int EXTERNAL = 1;

  private final String name;
  private final long[] dims;
  private final int dataType;
  private final Slice encoded;
  private final Slice rawData;
  private final float[] floatData;
  private final Path externalFolder;
  private final List<String[]> externalEntries;

  private TensorData(String name, long[] dims, int dataType, Slice encoded, Slice rawData, float[] floatData,
      Path externalFolder, List<String[]> externalEntries) {
    this.name = name;
    this.dims = dims;
    this.dataType = dataType;
    this.encoded = encoded;
    this.rawData = rawData;
    this.floatData = floatData;
    this.externalFolder = externalFolder;
    this.externalEntries = externalEntries;
  }

  public static TensorData floats(String name, long[] dims, float[] values) {
    ByteBuffer bytes = ByteBuffer.allocate(values.length * 4).order(ByteOrder.LITTLE_ENDIAN);
    bytes.asFloatBuffer().put(values);
    return fromRaw(name, dims, FLOAT, bytes.array());
  }

  public static TensorData floatScalar(String name, float value) {
    return floats(name, new long[0], new float[] {value});
  }

  public static TensorData int8(String name, long[] dims, byte[] values) {
    return fromRaw(name, dims, INT8, values);
  }

  public static TensorData uint8Scalar(String name, int value) {
    return fromRaw(name, new long[0], UINT8, new byte[] {(byte) value});
  }

  private static TensorData fromRaw(String name, long[] dims, int dataType, byte[] raw) {
    ProtoWriter out = new ProtoWriter(raw.length + name.length() + 64);
    for (long d : dims) {
      out.varintField(DIMS, d);
    }
    out.varintField(DATA_TYPE, dataType);
    out.stringField(NAME, name);
    out.bytesField(RAW_DATA, Slice.of(raw));
    return new TensorData(name, dims.clone(), dataType, Slice.of(out.toByteArray()), Slice.of(raw), null, null, List.of());
  }

  /** @param externalFolder where external data files are, or null when the tensor cannot have any */
  static TensorData parse(Slice encoded, Path externalFolder) {
    ProtoReader in = new ProtoReader(encoded);
    String name = "";
    List<Long> dims = new ArrayList<>();
    int dataType = 0;
    Slice raw = null;
    List<Float> floats = new ArrayList<>();
    boolean external = false;
    List<String[]> entries = new ArrayList<>();
    while (in.hasMore()) {
      int tag = in.tag();
      int wire = ProtoReader.wireType(tag);
      switch (ProtoReader.field(tag)) {
        case DIMS -> {
          if (wire == ProtoReader.LENGTH_DELIMITED) {
            ProtoReader packed = new ProtoReader(in.bytes());
            while (packed.hasMore()) {
              dims.add(packed.varint());
            }
          } else {
            dims.add(in.varint());
          }
        }
        case DATA_TYPE -> dataType = (int) in.varint();
        case NAME -> name = in.string();
        case RAW_DATA -> raw = in.bytes();
        case FLOAT_DATA -> {
          if (wire == ProtoReader.LENGTH_DELIMITED) {
            ProtoReader packed = new ProtoReader(in.bytes());
            while (packed.hasMore()) {
              floats.add(Float.intBitsToFloat(packed.fixed32()));
            }
          } else {
            floats.add(Float.intBitsToFloat(in.fixed32()));
          }
        }
        case EXTERNAL_DATA -> entries.add(keyValue(in.bytes()));
        case DATA_LOCATION -> external = in.varint() == EXTERNAL;
        default -> in.skip(wire);
      }
    }
    float[] floatData = null;
    if (!floats.isEmpty()) {
      floatData = new float[floats.size()];
      for (int i = 0; i < floatData.length; i++) {
        floatData[i] = floats.get(i);
      }
    }
    return new TensorData(name, dims.stream().mapToLong(Long::longValue).toArray(), dataType, encoded, raw, floatData,
        external ? externalFolder : null, external ? entries : List.of());
  }

  private static String[] keyValue(Slice entry) {
    ProtoReader in = new ProtoReader(entry);
    String[] kv = {"", ""};
    while (in.hasMore()) {
      int tag = in.tag();
      int field = ProtoReader.field(tag);
      if (field == 1 || field == 2) {
        kv[field - 1] = in.string();
      } else {
        in.skip(ProtoReader.wireType(tag));
      }
    }
    return kv;
  }

  public String name() {
    return name;
  }

  public long[] dims() {
    return dims.clone();
  }

  public int dataType() {
    return dataType;
  }

  public long elementCount() {
    long n = 1;
    for (long d : dims) {
      n *= d;
    }
    return n;
  }

  public boolean isExternal() {
    return !externalEntries.isEmpty();
  }

  /** The values of a float tensor, read from raw data, float_data or the external file. */
  public float[] floatValues() {
    if (dataType != FLOAT) {
      throw new MalformedOnnxException("tensor " + name + " has data type " + dataType + ", not float");
    }
    if (floatData != null) {
      return floatData.clone();
    }
    ByteBuffer bytes = rawBytes().order(ByteOrder.LITTLE_ENDIAN);
    if (bytes.remaining() != elementCount() * 4) {
      throw new MalformedOnnxException("tensor " + name + " has " + bytes.remaining() + " bytes of data for shape "
          + Arrays.toString(dims));
    }
    float[] values = new float[bytes.remaining() / 4];
    bytes.asFloatBuffer().get(values);
    return values;
  }

  private ByteBuffer rawBytes() {
    if (isExternal()) {
      return readExternal();
    }
    if (rawData == null) {
      return ByteBuffer.allocate(0);
    }
    return ByteBuffer.wrap(rawData.array(), rawData.offset(), rawData.length()).slice();
  }

  private ByteBuffer readExternal() {
    String location = null;
    long offset = 0;
    long length = -1;
    for (String[] kv : externalEntries) {
      switch (kv[0]) {
        case "location" -> location = kv[1];
        case "offset" -> offset = Long.parseLong(kv[1]);
        case "length" -> length = Long.parseLong(kv[1]);
        default -> { }
      }
    }
    if (location == null || externalFolder == null) {
      throw new MalformedOnnxException("tensor " + name + " has external data without a location");
    }
    Path file = externalFolder.resolve(location).normalize();
    if (!file.startsWith(externalFolder.normalize())) {
      throw new MalformedOnnxException("tensor " + name + " points outside the model folder: " + location);
    }
    try (FileChannel channel = FileChannel.open(file, StandardOpenOption.READ)) {
      long size = length >= 0 ? length : channel.size() - offset;
      if (size > Integer.MAX_VALUE || offset + size > channel.size()) {
        throw new MalformedOnnxException("tensor " + name + " wants bytes " + offset + "+" + size + " of " + file
            + " (" + channel.size() + " bytes)");
      }
      ByteBuffer buffer = ByteBuffer.allocate((int) size);
      while (buffer.hasRemaining() && channel.read(buffer, offset + buffer.position()) > 0) {
        // read fully
      }
      return buffer.flip();
    } catch (IOException e) {
      throw new MalformedOnnxException("cannot read external data of tensor " + name + " from " + file + ": " + e.getMessage());
    }
  }

  /** About how many bytes {@link #encodeInline} gives. */
  long encodedLengthEstimate() {
    return isExternal() ? elementCount() * 8 + name.length() + 64 : encoded.length();
  }

  /** The encoded TensorProto; external data is read in, so the result stands alone. */
  Slice encodeInline() {
    if (!isExternal()) {
      return encoded;
    }
    ByteBuffer bytes = rawBytes();
    byte[] raw = new byte[bytes.remaining()];
    bytes.get(raw);
    return fromRaw(name, dims, dataType, raw).encoded;
  }
}
