import onnx, numpy as np, sys
from onnx import helper, numpy_helper, TensorProto
src, dst = sys.argv[1], sys.argv[2]
m = onnx.load(src); g = m.graph
inits = {i.name: i for i in g.initializer}
new_nodes, new_inits = [], []
c = lambda name, arr: new_inits.append(numpy_helper.from_array(np.array(arr), name))
c("pt8_127", np.float32(127.0)); c("pt8_eps", np.float32(1e-30)); c("pt8_lo", np.float32(0.0)); c("pt8_hi", np.float32(255.0)); c("pt8_128", np.float32(128.0)); c("pt8_zp", np.uint8(128)); c("pt8_inv127", np.float32(1/127.0))
quantized = {}  # input name -> (xq, s)
count = 0
for n in g.node:
    if n.op_type == "MatMul" and n.input[1] in inits and len(numpy_helper.to_array(inits[n.input[1]]).shape) == 2:
        W = numpy_helper.to_array(inits[n.input[1]]).astype(np.float32)
        ws = np.maximum(np.abs(W).max(axis=0) / 127.0, 1e-12).astype(np.float32)
        Wq = np.clip(np.round(W / ws), -127, 127).astype(np.int8)
        p = f"pt8_{count}_"; c(p + "Wq", Wq); c(p + "ws", ws)
        X = n.input[0]
        if X not in quantized:
            q = f"pt8q_{len(quantized)}_"
            new_nodes += [
                helper.make_node("Abs", [X], [q + "abs"]),
                helper.make_node("ReduceMax", [q + "abs"], [q + "mx0"], axes=[-1], keepdims=1),
                helper.make_node("Max", [q + "mx0", "pt8_eps"], [q + "mx"]),
                helper.make_node("Div", ["pt8_127", q + "mx"], [q + "inv"]),
                helper.make_node("Mul", [q + "mx", "pt8_inv127"], [q + "s"]),
                helper.make_node("Mul", [X, q + "inv"], [q + "xs"]),
                helper.make_node("Round", [q + "xs"], [q + "xr"]),
                helper.make_node("Add", [q + "xr", "pt8_128"], [q + "xo"]),
                helper.make_node("Clip", [q + "xo", "pt8_lo", "pt8_hi"], [q + "xc"]),
                helper.make_node("Cast", [q + "xc"], [q + "xq"], to=TensorProto.UINT8)]
            quantized[X] = (q + "xq", q + "s")
        xq, s = quantized[X]
        new_nodes += [helper.make_node("MatMulInteger", [xq, p + "Wq", "pt8_zp"], [p + "y"]),
                      helper.make_node("Cast", [p + "y"], [p + "yf"], to=TensorProto.FLOAT),
                      helper.make_node("Mul", [p + "yf", s], [p + "ys"]),
                      helper.make_node("Mul", [p + "ys", p + "ws"], [n.output[0]])]
        count += 1
    else:
        new_nodes.append(n)
used = set(i for n in new_nodes for i in n.input)
keep = [i for i in g.initializer if i.name in used]
del g.node[:]; g.node.extend(new_nodes); del g.initializer[:]; g.initializer.extend(keep + new_inits)
onnx.save(m, dst); print("rewrote", count, "MatMuls,", len(quantized), "quantised inputs")
