#!/usr/bin/python3
"""Reference pixels for embedkit-image's preprocessing parity test.

Re-implements Hugging Face CLIPImageProcessor's algorithm with Pillow and NumPy, exactly as transformers runs it:
load_image (ImageOps.exif_transpose, then convert("RGB")), resize with the shortest edge to N and the long edge
int(N * long / short) using Pillow's filter, centre crop at (H - h) // 2 padding with zeros when smaller, rescale in
float64 then cast to float32, normalise in float32, channels first.

Writes to embedkit-image/src/test/resources/parity/:
  inputs/   small generated images: odd sizes (very wide, very tall, smaller than 224, 1xN) and format variants
            (progressive and CMYK JPEG, EXIF orientations 2-8, grey/LA/16-bit PNG, palette PNG, BMP, TIFF, WebP)
  expected/ for every input and every image in ../shared/datasets/images (except truncated.jpg): the resized and
            cropped 8-bit image as PNG (NAME.CASE.png)
  expected.json: per case, the input, the config and probes of the float32 tensor (value at fixed positions, and
            per-channel sums) for checking rescale and normalise arithmetic.

Needs Debian python3-pil and python3-numpy only: /usr/bin/python3 embedkit-image/scripts/reference_preprocess.py
"""
import io
import json
import os
import sys

import numpy as np
from PIL import Image, ImageOps

HERE = os.path.dirname(os.path.abspath(__file__))
MODULE = os.path.dirname(HERE)
SHARED = os.path.join(MODULE, "..", "..", "shared", "datasets", "images")
OUT = os.path.join(MODULE, "src", "test", "resources", "parity")
MEAN = [0.48145466, 0.4578275, 0.40821073]
STD = [0.26862954, 0.26130258, 0.27577711]
PROBES = [(0, 0), (0, 223), (223, 0), (223, 223), (112, 112), (50, 170), (170, 50), (111, 7)]


def load_image(path):
    """transformers.image_utils.load_image for a local file."""
    image = Image.open(path)
    image = ImageOps.exif_transpose(image)
    return image.convert("RGB")


def resize_output_size(width, height, shortest_edge):
    """transformers' get_resize_output_image_size(default_to_square=False) -> (width, height)."""
    short, long = (width, height) if width <= height else (height, width)
    new_short, new_long = shortest_edge, int(shortest_edge * long / short)
    return (new_short, new_long) if width <= height else (new_long, new_short)


def center_crop(array, crop_h, crop_w):
    """transformers.image_transforms.center_crop on an HWC array."""
    orig_h, orig_w = array.shape[:2]
    top = (orig_h - crop_h) // 2
    bottom = top + crop_h
    left = (orig_w - crop_w) // 2
    right = left + crop_w
    if top >= 0 and bottom <= orig_h and left >= 0 and right <= orig_w:
        return array[top:bottom, left:right]
    new_h = max(crop_h, orig_h)
    new_w = max(crop_w, orig_w)
    padded = np.zeros((new_h, new_w, array.shape[2]), dtype=array.dtype)
    top_pad = -(-(new_h - orig_h) // 2)
    left_pad = -(-(new_w - orig_w) // 2)
    padded[top_pad:top_pad + orig_h, left_pad:left_pad + orig_w] = array
    top += top_pad
    bottom += top_pad
    left += left_pad
    right += left_pad
    return padded[max(0, top):min(new_h, bottom), max(0, left):min(new_w, right)]


def square_pad(image):
    """imgbeddings.utils.square_pad."""
    width, height = image.size
    if width == height:
        return image
    if width > height:
        result = Image.new(image.mode, (width, width), (0, 0, 0))
        result.paste(image, (0, (width - height) // 2))
        return result
    result = Image.new(image.mode, (height, height), (0, 0, 0))
    result.paste(image, ((height - width) // 2, 0))
    return result


def preprocess(image, resample=Image.BICUBIC, size=224, crop=True):
    width, height = image.size
    resized = image.resize(resize_output_size(width, height, size), resample=resample)
    array = np.asarray(resized)
    if crop:
        array = center_crop(array, size, size)
    return array


def tensor(array):
    rescaled = (array.astype(np.float64) * (1 / 255)).astype(np.float32)
    normalised = (rescaled - np.array(MEAN, dtype=np.float32)) / np.array(STD, dtype=np.float32)
    return normalised.transpose(2, 0, 1)


def generate_inputs(folder):
    """Small awkward inputs derived from chelsea.png. Returns their file names."""
    os.makedirs(folder, exist_ok=True)
    cat = Image.open(os.path.join(SHARED, "chelsea.png")).convert("RGB")  # 451x300
    made = []

    def save(name, image, **kwargs):
        image.save(os.path.join(folder, name), **kwargs)
        made.append(name)

    save("wide_451x12.png", cat.crop((0, 140, 451, 152)))
    save("tall_9x300.png", cat.crop((200, 0, 209, 300)))
    save("small_50x37.png", cat.resize((50, 37), Image.BICUBIC))
    save("line_1x80.png", cat.crop((225, 100, 226, 180)))
    save("line_80x1.png", cat.crop((150, 150, 230, 151)))
    save("exact_224x224.png", cat.crop((100, 40, 324, 264)))
    save("odd_225x229.png", cat.crop((100, 40, 325, 269)))
    small = cat.resize((120, 80), Image.BICUBIC)
    save("progressive_120x80.jpg", small, format="JPEG", quality=90, progressive=True)
    save("baseline_120x80.jpg", small, format="JPEG", quality=85, subsampling=2)
    save("cmyk_120x80.jpg", small.convert("CMYK"), format="JPEG", quality=90)
    for orientation in range(2, 9):
        exif = Image.Exif()
        exif[0x0112] = orientation
        save("exif%d_60x40.jpg" % orientation, small.resize((60, 40)), format="JPEG", quality=92, exif=exif.tobytes())
    save("grey_L_120x80.png", small.convert("L"))
    save("grey_alpha_LA_120x80.png", small.convert("LA"))
    grey16 = (np.asarray(small.convert("L"), dtype=np.uint16) * 180 + 7)
    save("grey16_120x80.png", Image.fromarray(grey16.astype(np.uint16), mode="I;16"))
    rgba = small.convert("RGBA")
    alpha = np.asarray(rgba).copy()
    alpha[:, :, 3] = np.linspace(0, 255, 120, dtype=np.uint8)[None, :]
    save("rgba_gradient_alpha_120x80.png", Image.fromarray(alpha, mode="RGBA"))
    save("palette_120x80.png", small.quantize(colors=64))
    save("bmp_120x80.bmp", small, format="BMP")
    save("tiff_120x80.tif", small, format="TIFF")
    save("webp_lossless_120x80.webp", small, format="WEBP", lossless=True)
    return made


def main():
    inputs_dir = os.path.join(OUT, "inputs")
    expected_dir = os.path.join(OUT, "expected")
    os.makedirs(expected_dir, exist_ok=True)
    generated = generate_inputs(inputs_dir)
    shared = sorted(f for f in os.listdir(SHARED) if f != "truncated.jpg" and not f.endswith(".md"))
    cases = []
    sources = [("shared", f, os.path.join(SHARED, f)) for f in shared]
    sources += [("inputs", f, os.path.join(inputs_dir, f)) for f in generated]
    for origin, name, path in sources:
        image = load_image(path)
        variants = [("clip", dict())]
        if name in ("chelsea.png", "small_50x37.png", "wide_451x12.png", "odd_225x229.png"):
            variants += [("bilinear", dict(resample=Image.BILINEAR)), ("nearest", dict(resample=Image.NEAREST))]
        if name in ("chelsea.png", "tall_9x300.png", "wide_451x12.png", "horse.png"):
            variants += [("imgbeddings", dict(crop=False))]
        for case, kwargs in variants:
            source = square_pad(image) if case == "imgbeddings" else image
            array = preprocess(source, **kwargs)
            out_name = "%s.%s.png" % (name, case)
            Image.fromarray(np.ascontiguousarray(array)).save(os.path.join(expected_dir, out_name))
            t = tensor(array)
            cases.append({
                "origin": origin,
                "input": name,
                "case": case,
                "expected": out_name,
                "decoded_size": list(image.size),
                "shape": list(t.shape),
                "probes": [[c, y, x, float(t[c, y, x])] for (y, x) in PROBES if y < t.shape[1] and x < t.shape[2] for c in range(3)],
                "channel_sums": [float(t[c].astype(np.float64).sum()) for c in range(3)],
            })
    with open(os.path.join(OUT, "expected.json"), "w") as f:
        json.dump({"pillow": Image.__version__, "numpy": np.__version__, "cases": cases}, f, indent=1)
    print("wrote %d cases for %d inputs to %s" % (len(cases), len(sources), OUT))


if __name__ == "__main__":
    sys.exit(main())
