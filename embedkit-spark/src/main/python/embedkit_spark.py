"""PySpark wrapper for embedkit's Spark Transformer (dev.embedkit.spark.EmbedkitEmbedder).

Put the embedkit-spark jar on the JVM class path (``--jars embedkit-spark-VERSION-spark.jar``) and this file on the
Python path (``--py-files embedkit_spark.py``), then::

    from embedkit_spark import EmbedkitEmbedder
    embedder = EmbedkitEmbedder(inputCol="text", outputCol="vector", model="all-minilm-l6-v2")
    embedded = embedder.transform(spark.read.json("docs.jsonl"))

The work runs in the JVM (batches per partition, one model per executor); Python only passes the parameters.
To load a saved Pipeline holding the stage from Python, also ship the ``dev`` package beside this file (it maps the
JVM class name back to this class, the way Spark NLP's ``com`` package does).
"""

from pyspark import keyword_only
from pyspark.ml.param import Param, Params, TypeConverters
from pyspark.ml.param.shared import HasInputCol, HasOutputCol
from pyspark.ml.util import JavaMLReadable, JavaMLReader, JavaMLWritable
from pyspark.ml.wrapper import JavaTransformer

__all__ = ["EmbedkitEmbedder"]

_JAVA_CLASS = "dev.embedkit.spark.EmbedkitEmbedder"


class _EmbedkitReader(JavaMLReader):
    """Reads a saved EmbedkitEmbedder through the JVM class's own reader."""

    @classmethod
    def _java_loader_class(cls, clazz):
        return _JAVA_CLASS


class EmbedkitEmbedder(JavaTransformer, HasInputCol, HasOutputCol, JavaMLReadable, JavaMLWritable):
    """Embeds a text column into a vector column (array<float>, or binary for int8/uint8/binary/ubinary)."""

    model = Param(Params._dummy(), "model",
                  "built-in pack name, model folder path (shared storage, or a name shipped with --files/--archives),"
                  " or hub name", typeConverter=TypeConverters.toString)
    dimensions = Param(Params._dummy(), "dimensions", "Matryoshka: keep the first N dimensions",
                       typeConverter=TypeConverters.toInt)
    precision = Param(Params._dummy(), "precision", "float32, int8, uint8, binary, ubinary",
                      typeConverter=TypeConverters.toString)
    promptName = Param(Params._dummy(), "promptName", "a named prompt of the model, e.g. query or document",
                       typeConverter=TypeConverters.toString)
    batchSize = Param(Params._dummy(), "batchSize", "rows per model call", typeConverter=TypeConverters.toInt)
    inputKind = Param(Params._dummy(), "inputKind", "what a string input column holds: text, or image (paths, URLs,"
                      " data URIs, for an image model such as CLIP); a binary column always holds image bytes",
                      typeConverter=TypeConverters.toString)
    threads = Param(Params._dummy(), "threads", "inference threads of the executor's shared model (default: the"
                    " executor's cores)", typeConverter=TypeConverters.toInt)

    @keyword_only
    def __init__(self, *, inputCol=None, outputCol="vector", model="all-minilm-l6-v2", dimensions=None,
                 precision="float32", promptName=None, batchSize=256, threads=None, inputKind="text"):
        super(EmbedkitEmbedder, self).__init__()
        self._java_obj = self._new_java_obj(_JAVA_CLASS, self.uid)
        self._setDefault(outputCol="vector", model="all-minilm-l6-v2", precision="float32", batchSize=256,
                         inputKind="text")
        kwargs = self._input_kwargs
        self.setParams(**kwargs)

    @keyword_only
    def setParams(self, *, inputCol=None, outputCol="vector", model="all-minilm-l6-v2", dimensions=None,
                  precision="float32", promptName=None, batchSize=256, threads=None, inputKind="text"):
        kwargs = self._input_kwargs
        return self._set(**kwargs)

    def setInputCol(self, value):
        return self._set(inputCol=value)

    def setOutputCol(self, value):
        return self._set(outputCol=value)

    def setModel(self, value):
        return self._set(model=value)

    def setDimensions(self, value):
        return self._set(dimensions=value)

    def setPrecision(self, value):
        return self._set(precision=value)

    def setPromptName(self, value):
        return self._set(promptName=value)

    def setBatchSize(self, value):
        return self._set(batchSize=value)

    def setThreads(self, value):
        return self._set(threads=value)

    def setInputKind(self, value):
        return self._set(inputKind=value)

    def getModel(self):
        return self.getOrDefault(self.model)

    def getPrecision(self):
        return self.getOrDefault(self.precision)

    def getBatchSize(self):
        return self.getOrDefault(self.batchSize)

    @classmethod
    def read(cls):
        return _EmbedkitReader(cls)

    @classmethod
    def _from_java(cls, java_stage):
        stage = cls()
        stage._java_obj = java_stage
        stage._resetUid(java_stage.uid())
        stage._transfer_params_from_java()
        return stage
