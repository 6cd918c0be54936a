# Prototype: fuse all-MiniLM-L6-v2 attention blocks into com.microsoft.Attention (measured in BENCHMARKS.md, "fp32
# ceiling": no gain, so not shipped). usage: attention_fusion_prototype.py FP32.onnx OUT.onnx
import onnx, numpy as np, sys
from onnx import helper, numpy_helper, TensorProto
src, dst = sys.argv[1], sys.argv[2]
m = onnx.load(src); g = m.graph
inits = {i.name: i for i in g.initializer}
byname = {n.name: n for n in g.node}
new_inits = []; new_nodes = []
L = 0
cast = helper.make_node("Cast", ["attention_mask"], ["mask_i32"], to=TensorProto.INT32, name="mask_cast")
replaced = {}
while f"/encoder/layer.{L}/attention/self/query/MatMul" in byname:
    p = f"/encoder/layer.{L}/attention/self/"
    W = [numpy_helper.to_array(inits[byname[p + k + "/MatMul"].input[1]]) for k in ("query", "key", "value")]
    B = []
    for k in ("query", "key", "value"):
        a = byname[p + k + "/Add"]; b = [i for i in a.input if i in inits][0]; B.append(numpy_helper.to_array(inits[b]))
    x = byname[p + "query/MatMul"].input[0]
    new_inits += [numpy_helper.from_array(np.concatenate(W, axis=1), f"qkv_w_{L}"), numpy_helper.from_array(np.concatenate(B), f"qkv_b_{L}")]
    out = p + "Reshape_3_output_0"
    replaced[out] = helper.make_node("Attention", [x, f"qkv_w_{L}", f"qkv_b_{L}", "mask_i32"], [out], domain="com.microsoft", num_heads=12, name=f"attn_{L}")
    L += 1
nodes = [cast]
for n in g.node:
    if n.output and n.output[0] in replaced:
        nodes.append(replaced.pop(n.output[0]))
    else:
        nodes.append(n)
# dead code elimination
outs = set(o.name for o in g.output)
changed = True
while changed:
    used = set(i for n in nodes for i in n.input) | outs
    keep = [n for n in nodes if any(o in used for o in n.output)]
    changed = len(keep) != len(nodes); nodes = keep
del g.node[:]; g.node.extend(nodes)
g.initializer.extend(new_inits)
used = set(i for n in nodes for i in n.input)
keep = [i for i in g.initializer if i.name in used]
del g.initializer[:]; g.initializer.extend(keep)
m.opset_import.append(helper.make_opsetid("com.microsoft", 1))
onnx.save(m, dst); print("fused", L, "nodes", len(nodes))
