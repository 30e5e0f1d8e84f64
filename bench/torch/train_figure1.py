#!/usr/bin/env python3
"""PyTorch reference for the training benchmark (submit/bench-train): the Figure-1 network trained
as a user who writes this experiment in PyTorch would, float32 on the CPU, and its samples/s.

The network is the one of core/.../model/Figure1Network.java and the blas trainer:

    conv 3x3 stride 1, T1 filters, no padding   -> 26x26xT1, sigmoid
    max-pool 2x2 stride 2                       -> 13x13xT1
    conv 3x3 stride 2, 80 filters, no padding   -> 6x6x80, sigmoid
    max-pool 2x2 stride 2                       -> 3x3x80 (flattened channels first, as DL4J)
    dense 100, sigmoid; dense 10, identity

loss: DL4J's L2, per example sum_j (f_j - y_j)^2, averaged over the minibatch; Adam with DL4J's
defaults (beta1 0.9, beta2 0.999, eps 1e-8), lr 1e-3; Xavier-uniform weights, zero biases.

Timing: training steps only (forward, loss, backward, Adam step) on the benchmark's own images
(`--images-file`: raw little-endian float32, 784 per image, and `--labels-file`: one byte per
label, as TrainBenchmark writes them: the same noisy MNIST images the Java trainers get), one
untimed warm-up epoch, then `--epochs` timed epochs; `--threads` intra-op threads
(torch.set_num_threads) and one inter-op thread. Without the
files the script falls back to seeded uniform images, for a standalone try only.

Prints one line per T1: `torch,<T1>,<batch>,<threads>,<samples per second>`, after a first line
`# torch <version>, <threads> threads, <mkldnn>`. Exit status 3 when torch cannot be imported,
with the reason on the one line printed.

Memory: run it with glibc's trimming off, as TrainBenchmark does (MALLOC_MMAP_THRESHOLD_=4294967296
MALLOC_TRIM_THRESHOLD_=68719476736; the usual advice for PyTorch on the CPU, like jemalloc): by
default glibc hands the large activations of T1 = 100 back to the kernel after every step and
page-faults them in again, measured here at 246 against 1,186 samples/s.

Usage: train_figure1.py --filters 2,10,100 --batch 64 --threads 1 --images 2048 --epochs 2
"""

import argparse
import sys
import time

try:
    import torch
    from torch import nn
except ImportError as e:  # the benchmark reports the row as skipped with this reason
    print("torch cannot be imported: %s" % e)
    sys.exit(3)

PIXELS = 28 * 28
CLASSES = 10


def figure1(filters):
    net = nn.Sequential(
        nn.Conv2d(1, filters, 3, stride=1),
        nn.MaxPool2d(2, 2),
        nn.Sigmoid(),
        nn.Conv2d(filters, 80, 3, stride=2),
        nn.MaxPool2d(2, 2),
        nn.Sigmoid(),
        nn.Flatten(),
        nn.Linear(3 * 3 * 80, 100),
        nn.Sigmoid(),
        nn.Linear(100, CLASSES),
    )
    for m in net.modules():
        if isinstance(m, (nn.Conv2d, nn.Linear)):
            nn.init.xavier_uniform_(m.weight)
            nn.init.zeros_(m.bias)
    return net


def load_images(images_file, labels_file, count):
    with open(images_file, "rb") as f:
        x = torch.frombuffer(bytearray(f.read()), dtype=torch.float32)
    with open(labels_file, "rb") as f:
        labels = torch.frombuffer(bytearray(f.read()), dtype=torch.uint8).long()
    available = labels.numel()
    if x.numel() != available * PIXELS or available < count:
        raise SystemExit("%s and %s hold %d images, %d needed" % (
            images_file, labels_file, available, count))
    return x.view(available, 1, 28, 28)[:count].clone(), labels[:count].clone()


def samples_per_second(filters, batch, images, epochs, seed, data=None):
    # Max-pooling before the sigmoid equals the sigmoid before it (sigmoid is increasing) and is the
    # cheaper order, as in the blas trainer; a PyTorch user may write either.
    torch.manual_seed(seed)
    net = figure1(filters)
    opt = torch.optim.Adam(net.parameters(), lr=1e-3, betas=(0.9, 0.999), eps=1e-8)
    if data is not None:
        x, labels = load_images(data[0], data[1], images)
    else:
        g = torch.Generator().manual_seed(seed)
        x = torch.rand(images, 1, 28, 28, generator=g)
        labels = torch.randint(0, CLASSES, (images,), generator=g)
    y = torch.nn.functional.one_hot(labels, CLASSES).float()
    count = images // batch * batch
    timed = 0.0
    for epoch in range(epochs + 1):
        start = time.perf_counter()
        for i in range(0, count, batch):
            opt.zero_grad(set_to_none=True)
            out = net(x[i:i + batch])
            loss = ((out - y[i:i + batch]) ** 2).sum(dim=1).mean()
            loss.backward()
            opt.step()
        if epoch > 0:
            timed += time.perf_counter() - start
    return count * epochs / timed


def main():
    p = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    p.add_argument("--filters", default="2,10,100", help="comma-separated T1 values")
    p.add_argument("--batch", type=int, default=64)
    p.add_argument("--threads", type=int, default=1)
    p.add_argument("--images", type=int, default=2048, help="images per epoch (T1 <= 10)")
    p.add_argument("--images-large", type=int, default=1024, help="images per epoch (T1 > 10)")
    p.add_argument("--epochs", type=int, default=2, help="timed epochs after the warm-up one")
    p.add_argument("--seed", type=int, default=1)
    p.add_argument("--images-file", help="raw float32 images, 784 per image (else uniform)")
    p.add_argument("--labels-file", help="one byte per image's label")
    a = p.parse_args()
    torch.set_num_threads(a.threads)
    torch.set_num_interop_threads(1)
    print("# torch %s, %d threads, mkldnn %s" % (
        torch.__version__, torch.get_num_threads(), torch.backends.mkldnn.is_available()))
    sys.stdout.flush()
    data = (a.images_file, a.labels_file) if a.images_file else None
    for f in [int(v) for v in a.filters.split(",")]:
        images = a.images if f <= 10 else a.images_large
        rate = samples_per_second(f, a.batch, images, a.epochs, a.seed, data)
        print("torch,%d,%d,%d,%.1f" % (f, a.batch, a.threads, rate))
        sys.stdout.flush()


if __name__ == "__main__":
    main()
