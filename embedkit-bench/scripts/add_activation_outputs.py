# Adds every activation that feeds a dense layer as a graph output (for ChannelRanges.java).
# usage: add_activation_outputs.py FP32.onnx OUT.onnx
import onnx, sys
from onnx import numpy_helper, helper, TensorProto
m = onnx.load(sys.argv[1]); g = m.graph
inits = {i.name for i in g.initializer}
xs = []
for n in g.node:
    if n.op_type == "MatMul" and n.input[1] in inits and n.input[0] not in xs: xs.append(n.input[0])
for x in xs: g.output.append(helper.make_tensor_value_info(x, TensorProto.FLOAT, None))
onnx.save(m, sys.argv[2]); print(len(xs))
