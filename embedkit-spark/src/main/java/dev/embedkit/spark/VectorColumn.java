package dev.embedkit.spark;

import dev.embedkit.Embedding;
import dev.embedkit.quant.Precision;
import org.apache.spark.sql.types.ArrayType;
import org.apache.spark.sql.types.DataType;
import org.apache.spark.sql.types.DataTypes;
import scala.collection.immutable.ArraySeq$;

/** The Spark type of an embedding column and the value a row holds: {@code array<float>} for float32, else bytes. */
final class VectorColumn {
  static final ArrayType FLOATS = DataTypes.createArrayType(DataTypes.FloatType, false);

  private VectorColumn() {}

  static DataType type(Precision precision) {
    return precision == Precision.FLOAT32 ? FLOATS : DataTypes.BinaryType;
  }

  /** A row's value: a Scala Seq of floats (what Spark's row encoder takes for an array), or the quantised bytes. */
  static Object value(Embedding embedding) {
    if (embedding.vector() != null) {
      return ArraySeq$.MODULE$.unsafeWrapArray(embedding.vector());
    }
    return embedding.bytes();
  }
}
