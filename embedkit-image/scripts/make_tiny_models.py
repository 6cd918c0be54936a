#!/usr/bin/python3
"""Tiny CLIP-shaped and imgbeddings-shaped ONNX models for embedkit-image's tests, and NumPy references.

Needs Debian python3-onnx and python3-numpy only: /usr/bin/python3 embedkit-image/scripts/make_tiny_models.py
Fixed seed: rerunning gives the same files.

Writes scripts/tiny/:
  clip/          onnx/vision_model.onnx  pixel_values [B,3,224,224] -> image_embeds [B,8]
                   (32x32 patch conv, tanh, mean over patches, projection)
                 onnx/text_model.onnx    input_ids, attention_mask [B,S] -> text_embeds [B,8], logit_scale []
                   (embedding table over id mod 1000, masked mean, projection; logit_scale = ln 100)
                 config.json (model_type clip, projection_dim 8), preprocessor_config.json (CLIP's)
                 The tests add tokenizer.json (the built-in MiniLM pack's) at run time.
  clip-combined/ onnx/model.onnx: the same two towers in one graph (pixel_values + input_ids + attention_mask in,
                 image_embeds + text_embeds out), as Optimum exports CLIPModel
  imgbeddings/   onnx/model.onnx: pixel_values -> last_hidden_state, hidden_states.0..4 [B,50,12] and
                 attentions.0..3 [B,2,50,50] (softmax rows): patch embedding + CLS + 4 attention layers
                 imgbeddings-stacked/onnx/model.onnx: the same outputs stacked as imgbeddings' models.py exports
                 them: hidden_states [B,5,50,12], attentions [B,4,2,50,50]
  reference.json pixel inputs (a formula, and the parity fixture chelsea.png.imgbeddings.png / chelsea.png.clip.png)
                 and the NumPy forward pass: CLIP image_embeds, and imgbeddings pooling (last 3 layers' hidden
                 states summed; attention over those layers, heads and queries averaged; CLS weight 0; renormalised;
                 weighted sum over tokens)
"""
import json
import os

import numpy as np
import onnx
from onnx import TensorProto, helper, numpy_helper

HERE = os.path.dirname(os.path.abspath(__file__))
OUT = os.path.join(HERE, "tiny")
PARITY = os.path.join(HERE, "..", "src", "test", "resources", "parity", "expected")
RNG = np.random.default_rng(20240601)
D = 8  # CLIP projection dim
P = 16  # CLIP patch features
H = 12  # imgbeddings hidden size
HEADS = 2
LAYERS = 4
VOCAB = 1000
LOGIT_SCALE = float(np.log(100.0))


def w(*shape, scale=0.1):
    return (RNG.standard_normal(shape) * scale).astype(np.float32)


CLIP_W = {
    "patch_w": w(P, 3, 32, 32, scale=0.02), "patch_b": w(P), "vproj": w(P, D, scale=0.5),
    "tok": w(VOCAB, D, scale=0.5), "tproj": w(D, D, scale=0.5),
}
IMG_W = {"ipatch_w": w(H, 3, 32, 32, scale=0.02), "icls": w(1, 1, H, scale=0.5)}
for i in range(LAYERS):
    for n in ("q", "k", "v", "o"):
        IMG_W["%s%d" % (n, i)] = w(H, H, scale=0.4)


def init(name):
    source = CLIP_W if name in CLIP_W else IMG_W
    return numpy_helper.from_array(source[name], name)


def const(name, array):
    return numpy_helper.from_array(np.asarray(array), name)


def vision_nodes():
    nodes = [
        helper.make_node("Conv", ["pixel_values", "patch_w", "patch_b"], ["patches"], kernel_shape=[32, 32], strides=[32, 32]),
        helper.make_node("Tanh", ["patches"], ["patches_t"]),
        helper.make_node("ReduceMean", ["patches_t"], ["pooled"], axes=[2, 3], keepdims=0),
        helper.make_node("MatMul", ["pooled", "vproj"], ["image_embeds"]),
    ]
    return nodes, [init("patch_w"), init("patch_b"), init("vproj")]


def text_nodes():
    nodes = [
        helper.make_node("Mod", ["input_ids", "vocab"], ["ids_mod"]),
        helper.make_node("Gather", ["tok", "ids_mod"], ["tok_emb"], axis=0),
        helper.make_node("Cast", ["attention_mask"], ["mask_f"], to=TensorProto.FLOAT),
        helper.make_node("Unsqueeze", ["mask_f", "axis2"], ["mask_u"]),
        helper.make_node("Mul", ["tok_emb", "mask_u"], ["masked"]),
        helper.make_node("ReduceSum", ["masked", "axis1"], ["summed"], keepdims=0),
        helper.make_node("ReduceSum", ["mask_f", "axis1"], ["count"], keepdims=1),
        helper.make_node("Div", ["summed", "count"], ["mean"]),
        helper.make_node("MatMul", ["mean", "tproj"], ["text_embeds"]),
        helper.make_node("Identity", ["logit_scale_value"], ["logit_scale"]),
    ]
    inits = [init("tok"), init("tproj"), const("vocab", np.array(VOCAB, dtype=np.int64)),
             const("axis1", np.array([1], dtype=np.int64)), const("axis2", np.array([2], dtype=np.int64)),
             const("logit_scale_value", np.array(LOGIT_SCALE, dtype=np.float32))]
    return nodes, inits


PIXELS = helper.make_tensor_value_info("pixel_values", TensorProto.FLOAT, ["batch", 3, 224, 224])
IDS = helper.make_tensor_value_info("input_ids", TensorProto.INT64, ["batch", "sequence"])
MASK = helper.make_tensor_value_info("attention_mask", TensorProto.INT64, ["batch", "sequence"])
IMAGE_EMBEDS = helper.make_tensor_value_info("image_embeds", TensorProto.FLOAT, ["batch", D])
TEXT_EMBEDS = helper.make_tensor_value_info("text_embeds", TensorProto.FLOAT, ["batch", D])
SCALE = helper.make_tensor_value_info("logit_scale", TensorProto.FLOAT, [])


def save(graph, path):
    model = helper.make_model(graph, opset_imports=[helper.make_opsetid("", 13)], producer_name="embedkit make_tiny_models.py")
    model.ir_version = 7
    onnx.checker.check_model(model)
    os.makedirs(os.path.dirname(path), exist_ok=True)
    onnx.save(model, path)


def imgbeddings_graph(stacked):
    nodes = [
        helper.make_node("Conv", ["pixel_values", "ipatch_w"], ["patches"], kernel_shape=[32, 32], strides=[32, 32]),
        helper.make_node("Reshape", ["patches", "shape_bh49"], ["patches_r"]),
        helper.make_node("Transpose", ["patches_r"], ["tokens"], perm=[0, 2, 1]),
        helper.make_node("ReduceMean", ["tokens"], ["tokens_mean"], axes=[1], keepdims=1),
        helper.make_node("Add", ["tokens_mean", "icls"], ["cls_token"]),
        helper.make_node("Concat", ["cls_token", "tokens"], ["h0"], axis=1),
    ]
    inits = [init("ipatch_w"), init("icls"), const("shape_bh49", np.array([0, H, 49], dtype=np.int64)),
             const("shape_heads", np.array([0, 50, HEADS, H // HEADS], dtype=np.int64)),
             const("shape_back", np.array([0, 50, H], dtype=np.int64)),
             const("inv_sqrt", np.array(1 / np.sqrt(H // HEADS), dtype=np.float32))]
    if stacked:
        inits.append(const("axis1", np.array([1], dtype=np.int64)))
    for i in range(LAYERS):
        x = "h%d" % i
        for n in ("q", "k", "v"):
            nodes += [helper.make_node("MatMul", [x, "%s%d" % (n, i)], ["%s%d_p" % (n, i)]),
                      helper.make_node("Reshape", ["%s%d_p" % (n, i), "shape_heads"], ["%s%d_r" % (n, i)]),
                      helper.make_node("Transpose", ["%s%d_r" % (n, i)], ["%s%d_t" % (n, i)], perm=[0, 2, 1, 3])]
        nodes += [
            helper.make_node("Transpose", ["k%d_t" % i], ["k%d_tt" % i], perm=[0, 1, 3, 2]),
            helper.make_node("MatMul", ["q%d_t" % i, "k%d_tt" % i], ["s%d" % i]),
            helper.make_node("Mul", ["s%d" % i, "inv_sqrt"], ["s%d_scaled" % i]),
            helper.make_node("Softmax", ["s%d_scaled" % i], ["attentions.%d" % i], axis=-1),
            helper.make_node("MatMul", ["attentions.%d" % i, "v%d_t" % i], ["a%d" % i]),
            helper.make_node("Transpose", ["a%d" % i], ["a%d_t" % i], perm=[0, 2, 1, 3]),
            helper.make_node("Reshape", ["a%d_t" % i, "shape_back"], ["a%d_r" % i]),
            helper.make_node("MatMul", ["a%d_r" % i, "o%d" % i], ["o%d_p" % i]),
            helper.make_node("Tanh", ["o%d_p" % i], ["o%d_t" % i]),
            helper.make_node("Add", [x, "o%d_t" % i], ["h%d" % (i + 1)]),
        ]
        for n in ("q", "k", "v", "o"):
            inits.append(init("%s%d" % (n, i)))
    nodes.append(helper.make_node("Identity", ["h%d" % LAYERS], ["last_hidden_state"]))
    outputs = [helper.make_tensor_value_info("last_hidden_state", TensorProto.FLOAT, ["batch", 50, H])]
    if stacked:
        for i in range(LAYERS + 1):
            nodes.append(helper.make_node("Unsqueeze", ["h%d" % i, "axis1"], ["hu%d" % i]))
        for i in range(LAYERS):
            nodes.append(helper.make_node("Unsqueeze", ["attentions.%d" % i, "axis1"], ["au%d" % i]))
        nodes.append(helper.make_node("Concat", ["hu%d" % i for i in range(LAYERS + 1)], ["hidden_states"], axis=1))
        nodes.append(helper.make_node("Concat", ["au%d" % i for i in range(LAYERS)], ["attentions"], axis=1))
        outputs += [helper.make_tensor_value_info("hidden_states", TensorProto.FLOAT, ["batch", LAYERS + 1, 50, H]),
                    helper.make_tensor_value_info("attentions", TensorProto.FLOAT, ["batch", LAYERS, HEADS, 50, 50])]
    else:
        for i in range(LAYERS + 1):
            nodes.append(helper.make_node("Identity", ["h%d" % i], ["hidden_states.%d" % i]))
            outputs.append(helper.make_tensor_value_info("hidden_states.%d" % i, TensorProto.FLOAT, ["batch", 50, H]))
        for i in range(LAYERS):
            outputs.append(helper.make_tensor_value_info("attentions.%d" % i, TensorProto.FLOAT, ["batch", HEADS, 50, 50]))
    return helper.make_graph(nodes, "tiny_imgbeddings", [PIXELS], outputs, inits)


# ---- NumPy forward passes (mirror the graphs) ----

def patchify(pixels, weight, bias=None):
    b = pixels.shape[0]
    patches = pixels.reshape(b, 3, 7, 32, 7, 32).transpose(0, 2, 4, 1, 3, 5).reshape(b, 49, 3 * 32 * 32)
    out = patches.astype(np.float64) @ weight.reshape(weight.shape[0], -1).T.astype(np.float64)
    if bias is not None:
        out = out + bias
    return out  # [B, 49, C]


def clip_image_np(pixels):
    patches = np.tanh(patchify(pixels, CLIP_W["patch_w"], CLIP_W["patch_b"]))
    return patches.mean(axis=1) @ CLIP_W["vproj"].astype(np.float64)


def softmax(x):
    e = np.exp(x - x.max(axis=-1, keepdims=True))
    return e / e.sum(axis=-1, keepdims=True)


def imgbeddings_np(pixels):
    tokens = patchify(pixels, IMG_W["ipatch_w"])
    cls = tokens.mean(axis=1, keepdims=True) + IMG_W["icls"]
    h = [np.concatenate([cls, tokens], axis=1)]
    att = []
    dh = H // HEADS
    for i in range(LAYERS):
        x = h[-1]
        def heads(m):
            return (x @ IMG_W["%s%d" % (m, i)]).reshape(x.shape[0], 50, HEADS, dh).transpose(0, 2, 1, 3)
        q, k, v = heads("q"), heads("k"), heads("v")
        a = softmax(q @ k.transpose(0, 1, 3, 2) / np.sqrt(dh))
        att.append(a)
        o = (a @ v).transpose(0, 2, 1, 3).reshape(x.shape[0], 50, H)
        h.append(x + np.tanh(o @ IMG_W["o%d" % i]))
    return h, att


def imgbeddings_pool(h, att, num_layers=3):
    """imgbeddings.create_embeddings on the model's outputs."""
    hidden = np.sum(np.stack(h[-num_layers:]), 0)  # [B,50,H]
    attentions = np.stack(att[-num_layers:]).transpose(1, 0, 2, 3, 4)  # [B,L,heads,50,50]
    weights = attentions.mean(axis=(1, 2, 3))  # [B,50]
    weights[:, 0] = 0.0
    weights = weights / weights.sum(axis=1, keepdims=True)
    return (hidden * weights[:, :, None]).sum(axis=1)


def formula_pixels():
    c, y, x = np.meshgrid(np.arange(3), np.arange(224), np.arange(224), indexing="ij")
    return np.sin(0.05 * x + 0.11 * y + 1.3 * c).astype(np.float32)[None]


def png_pixels(name):
    from PIL import Image
    mean = np.array([0.48145466, 0.4578275, 0.40821073], dtype=np.float32)
    std = np.array([0.26862954, 0.26130258, 0.27577711], dtype=np.float32)
    array = np.asarray(Image.open(os.path.join(PARITY, name)).convert("RGB"))
    t = ((array.astype(np.float64) * (1 / 255)).astype(np.float32) - mean) / std
    return t.transpose(2, 0, 1)[None].astype(np.float32)


def write_configs(folder):
    with open(os.path.join(folder, "config.json"), "w") as f:
        json.dump({"model_type": "clip", "architectures": ["CLIPModel"], "projection_dim": D,
                   "text_config": {"max_position_embeddings": 77}, "vision_config": {"image_size": 224, "patch_size": 32}}, f, indent=1)
    with open(os.path.join(folder, "preprocessor_config.json"), "w") as f:
        json.dump({"crop_size": {"height": 224, "width": 224}, "do_center_crop": True, "do_convert_rgb": True,
                   "do_normalize": True, "do_rescale": True, "do_resize": True,
                   "image_mean": [0.48145466, 0.4578275, 0.40821073], "image_processor_type": "CLIPImageProcessor",
                   "image_std": [0.26862954, 0.26130258, 0.27577711], "resample": 3, "rescale_factor": 0.00392156862745098,
                   "size": {"shortest_edge": 224}}, f, indent=1)


def main():
    clip = os.path.join(OUT, "clip")
    vn, vi = vision_nodes()
    save(helper.make_graph(vn, "tiny_clip_vision", [PIXELS], [IMAGE_EMBEDS], vi), os.path.join(clip, "onnx", "vision_model.onnx"))
    tn, ti = text_nodes()
    save(helper.make_graph(tn, "tiny_clip_text", [IDS, MASK], [TEXT_EMBEDS, SCALE], ti), os.path.join(clip, "onnx", "text_model.onnx"))
    write_configs(clip)
    combined = os.path.join(OUT, "clip-combined")
    save(helper.make_graph(vn + tn[:-1], "tiny_clip", [PIXELS, IDS, MASK], [IMAGE_EMBEDS, TEXT_EMBEDS], vi + ti[:-1]),
         os.path.join(combined, "onnx", "model.onnx"))
    write_configs(combined)
    with open(os.path.join(combined, "config.json")) as f:
        cfg = json.load(f)
    cfg["logit_scale"] = LOGIT_SCALE  # the learned value (log space), where an export has no logit_scale output
    with open(os.path.join(combined, "config.json"), "w") as f:
        json.dump(cfg, f, indent=1)
    for name, stacked in (("imgbeddings", False), ("imgbeddings-stacked", True)):
        folder = os.path.join(OUT, name)
        save(imgbeddings_graph(stacked), os.path.join(folder, "onnx", "model.onnx"))
        with open(os.path.join(folder, "imgbeddings.json"), "w") as f:
            json.dump({"num_layers": 3}, f)
        with open(os.path.join(folder, "preprocessor_config.json"), "w") as f:
            json.dump({"do_center_crop": False, "size": {"shortest_edge": 224}, "resample": 3}, f)

    inputs = {"formula": formula_pixels(), "chelsea.png.imgbeddings.png": png_pixels("chelsea.png.imgbeddings.png"),
              "chelsea.png.clip.png": png_pixels("chelsea.png.clip.png")}
    reference = {"formula": "sin(0.05*x + 0.11*y + 1.3*c) for c in 0..2, y, x in 0..223", "cases": []}
    for name, pixels in inputs.items():
        h, att = imgbeddings_np(pixels)
        reference["cases"].append({
            "input": name,
            "clip_image_embeds": clip_image_np(pixels)[0].tolist(),
            "imgbeddings": imgbeddings_pool(h, att)[0].tolist(),
            "imgbeddings_last_layer_only": imgbeddings_pool(h, att, num_layers=1)[0].tolist(),
        })
    with open(os.path.join(OUT, "reference.json"), "w") as f:
        json.dump(reference, f, indent=1)
    for root, _, files in os.walk(OUT):
        for f in files:
            print(os.path.relpath(os.path.join(root, f), HERE), os.path.getsize(os.path.join(root, f)))


if __name__ == "__main__":
    main()
