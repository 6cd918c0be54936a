#!/usr/bin/env python3
"""Regenerates embedkit-core's test fixtures. Run with Debian's python3 (python3-numpy, python3-onnx):

    /usr/bin/python3 embedkit-core/scripts/make_test_fixtures.py

Writes into embedkit-core/src/test/resources/fixtures/:
- quantize.json: random float32 vectors, calibration ranges, and the outputs of sentence-transformers'
  quantize_embeddings (int8, uint8, binary, ubinary), computed with the same numpy expressions as
  sentence_transformers/quantization.py.
- wrong_io.onnx: a tiny real ONNX graph whose input is not input_ids (load-time signature check).
"""
import json
import os

import numpy as np
import onnx
from onnx import TensorProto, helper

OUT = os.path.join(os.path.dirname(__file__), "..", "src", "test", "resources", "fixtures")


def quantize_embeddings(embeddings, precision, ranges):
    # sentence_transformers.quantization.quantize_embeddings, with explicit ranges
    if precision in ("int8", "uint8"):
        starts = ranges[0, :]
        steps = (ranges[1, :] - ranges[0, :]) / 255
        if precision == "uint8":
            return ((embeddings - starts) / steps).astype(np.uint8)
        return ((embeddings - starts) / steps - 128).astype(np.int8)
    if precision == "binary":
        return (np.packbits(embeddings > 0).reshape(embeddings.shape[0], -1) - 128).astype(np.int8)
    if precision == "ubinary":
        return np.packbits(embeddings > 0).reshape(embeddings.shape[0], -1)
    raise ValueError(precision)


def quantize_fixture():
    rng = np.random.default_rng(20261126)
    calibration = rng.normal(size=(200, 48)).astype(np.float32)
    embeddings = rng.normal(size=(10, 48)).astype(np.float32)
    # keep test vectors inside the calibration range: outside it numpy's cast is undefined
    ranges = np.vstack((np.min(calibration, axis=0), np.max(calibration, axis=0)))
    embeddings = np.clip(embeddings, ranges[0], ranges[1]).astype(np.float32)
    fixture = {
        "embeddings": embeddings.tolist(),
        "min": ranges[0].tolist(),
        "max": ranges[1].tolist(),
    }
    for precision in ("int8", "uint8", "binary", "ubinary"):
        fixture[precision] = quantize_embeddings(embeddings, precision, ranges).astype(int).tolist()
    with open(os.path.join(OUT, "quantize.json"), "w") as f:
        json.dump(fixture, f)


def wrong_io_model():
    x = helper.make_tensor_value_info("pixels", TensorProto.FLOAT, ["batch", 4])
    y = helper.make_tensor_value_info("scores", TensorProto.FLOAT, ["batch", 4])
    graph = helper.make_graph([helper.make_node("Relu", ["pixels"], ["scores"])], "wrong_io", [x], [y])
    model = helper.make_model(graph, opset_imports=[helper.make_opsetid("", 13)])
    model.ir_version = 8
    onnx.checker.check_model(model)
    onnx.save(model, os.path.join(OUT, "wrong_io.onnx"))


if __name__ == "__main__":
    os.makedirs(OUT, exist_ok=True)
    quantize_fixture()
    wrong_io_model()
