# Prototype (Python, python3-onnx) of the static int8 rewrite that embedkit ships in Java (dev.embedkit.onnx.int8):
# usage: smooth_int8_prototype.py FP32.onnx OUT.onnx RANGES.json ALPHA [mul|axis] ; RANGES.json from ChannelRanges.java.
# Used for the alpha sweep in BENCHMARKS.md ("Static int8: how it was chosen").
import onnx, numpy as np, sys, json
from onnx import helper, numpy_helper, TensorProto
src, dst, rpath, alpha = sys.argv[1], sys.argv[2], sys.argv[3], float(sys.argv[4])
mode = sys.argv[5] if len(sys.argv) > 5 else "mul"   # mul: Mul + QuantizeLinear; axis: per-axis QuantizeLinear
fp32skip = sys.argv[6].split(",") if len(sys.argv) > 6 and sys.argv[6] else []
ranges = {k: np.array(v, dtype=np.float64) for k, v in json.load(open(rpath)).items()}
m = onnx.load(src); g = m.graph
inits = {i.name: i for i in g.initializer}
consumers = {}
for n in g.node:
    for i in n.input: consumers.setdefault(i, []).append(n)
def is_lin(n): return n.op_type == "MatMul" and n.input[1] in inits and numpy_helper.to_array(inits[n.input[1]]).ndim == 2 and not any(s in n.input[0] for s in fp32skip)
groups = {}
for n in g.node:
    if is_lin(n): groups.setdefault(n.input[0], []).append(n)
new_nodes, new_inits = [], []
c = lambda name, arr: new_inits.append(numpy_helper.from_array(np.array(arr), name))
c("q8_zp", np.uint8(128)); c("q8_one", np.float32(1.0))
done = {}; drop = set(); count = 0
for n in g.node:
    if id(n) in drop: continue
    if is_lin(n):
        X = n.input[0]
        if X not in done:
            Ws = [numpy_helper.to_array(inits[k.input[1]]).astype(np.float64) for k in groups[X]]
            amax = np.maximum(ranges[X], 1e-5)
            wmax = np.maximum(np.max([np.abs(W).max(axis=1) for W in Ws], axis=0), 1e-8)
            f = amax ** alpha / wmax ** (1 - alpha)
            t = (amax / f).max() / 127.0
            d = (f * t)
            q = f"q8x_{len(done)}_"
            if mode == "mul":
                c(q + "inv", (1.0 / d).astype(np.float32))
                new_nodes += [helper.make_node("Mul", [X, q + "inv"], [q + "xs"]),
                              helper.make_node("QuantizeLinear", [q + "xs", "q8_one", "q8_zp"], [q + "xq"])]
            else:
                c(q + "d", d.astype(np.float32)); c(q + "zpv", np.full(d.shape, 128, np.uint8))
                new_nodes.append(helper.make_node("QuantizeLinear", [X, q + "d", q + "zpv"], [q + "xq"], axis=2, domain="com.microsoft"))
            done[X] = (q + "xq", d)
        xq, d = done[X]
        W = numpy_helper.to_array(inits[n.input[1]]).astype(np.float64) * d[:, None]
        ws = np.maximum(np.abs(W).max(axis=0) / 127.0, 1e-12)
        Wq = np.clip(np.round(W / ws), -127, 127).astype(np.int8)
        p = f"q8_{count}_"; c(p + "Wq", Wq); c(p + "ws", ws.astype(np.float32))
        cons = consumers.get(n.output[0], []); bias = None; out = n.output[0]
        if len(cons) == 1 and cons[0].op_type == "Add":
            a = cons[0]; other = a.input[1] if a.input[0] == n.output[0] else a.input[0]
            if other in inits: bias = other; drop.add(id(a)); out = a.output[0]
        new_nodes.append(helper.make_node("MatMulIntegerToFloat", [xq, p + "Wq", "q8_one", p + "ws", "q8_zp", "", bias or ""], [out], domain="com.microsoft", name=n.name))
        count += 1
    else:
        new_nodes.append(n)
used = set(i for n in new_nodes for i in n.input)
keep = [i for i in g.initializer if i.name in used]
del g.node[:]; g.node.extend(new_nodes); del g.initializer[:]; g.initializer.extend(keep + new_inits)
if not any(o.domain == "com.microsoft" for o in m.opset_import): m.opset_import.append(helper.make_opsetid("com.microsoft", 1))
onnx.save(m, dst); print("rewrote", count, "MatMuls,", len(done), "quantised inputs, alpha", alpha, mode)
