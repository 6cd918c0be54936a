# PySpark finds a saved stage's Python class from its JVM class name (dev.embedkit.spark.EmbedkitEmbedder):
# this package maps that name to the wrapper.
from embedkit_spark import EmbedkitEmbedder  # noqa: F401
