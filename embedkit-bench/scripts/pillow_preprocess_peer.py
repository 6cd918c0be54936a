#!/usr/bin/env python3
"""Peer for the image preprocessing benchmark: Pillow + NumPy running CLIPImageProcessor's algorithm (the functions
of embedkit-image/scripts/reference_preprocess.py), timed per stage on the same images as ImageBench.

    /usr/bin/python3 embedkit-bench/scripts/pillow_preprocess_peer.py ../shared/datasets/images 5
"""
import os
import sys
import time

sys.path.insert(0, os.path.join(os.path.dirname(__file__), "..", "..", "embedkit-image", "scripts"))
import reference_preprocess as ref  # noqa: E402


def main():
    folder = sys.argv[1]
    rounds = int(sys.argv[2]) if len(sys.argv) > 2 else 5
    paths = sorted(os.path.join(folder, f) for f in os.listdir(folder)
                   if f.lower().endswith((".png", ".jpg", ".jpeg", ".gif", ".tif", ".tiff", ".bmp", ".webp"))
                   and f != "truncated.jpg")
    decode = preprocess = 0.0
    count = 0
    for _ in range(rounds):
        for path in paths:
            start = time.perf_counter()
            image = ref.load_image(path)
            middle = time.perf_counter()
            ref.tensor(ref.preprocess(image))
            end = time.perf_counter()
            decode += middle - start
            preprocess += end - middle
            count += 1
    print(f"images={len(paths)} rounds={rounds}")
    print(f"decode (file to RGB): {count / decode:.1f} images/s")
    print(f"preprocess (resize 224 BICUBIC + crop + tensor): {count / preprocess:.1f} images/s")


if __name__ == "__main__":
    main()
