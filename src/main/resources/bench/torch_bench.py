"""regzoo's PyTorch reference for `./regzoo bench` (run by the benchmark; not a regzoo API).

Trains the zoo network's PyTorch twin on the examples the benchmark wrote (raw little-endian
float32 features, int32 labels), with the same batch size, optimizer (Adam, lr 1e-3; for the MLP the
same coupled L2 of 0.01 on weights and biases), data type and thread count, and times TIMED
minibatches after WARMUP ones in 5 rounds, reporting the median round's speed (a run longer than
MNIST's 60,000 digits cycles through them again, as the Java engines do). Prints one JSON line: samplesPerSecond, peakRssBytes, versions.

usage: torch_bench.py train MODEL BATCH WARMUP TIMED THREADS FEATURES LABELS
       torch_bench.py sgemm N REPS THREADS
"""
import json
import os
import platform
import resource
import statistics
import sys
import time

import numpy as np
import torch
from torch import nn

ROUNDS = 5  # BenchWorker.ROUNDS


def network(model):
    if model == "mnist-cnn":
        return nn.Sequential(
            nn.Conv2d(1, 32, 3), nn.ReLU(), nn.MaxPool2d(2),
            nn.Conv2d(32, 64, 3), nn.ReLU(), nn.MaxPool2d(2),
            nn.Flatten(), nn.Linear(64 * 5 * 5, 64), nn.ReLU(), nn.Linear(64, 10)), 0.0
    if model == "mlp-classifier":
        return nn.Sequential(nn.Linear(784, 128), nn.ReLU(), nn.Linear(128, 10)), 0.01
    raise SystemExit("torch_bench.py: no PyTorch twin for model " + model)


def peak_rss_bytes():
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss * 1024  # Linux reports KiB


def blas():
    """Debian's torch calls the system BLAS (libblas.so.3): reference BLAS unless OpenBLAS is installed."""
    link = "/usr/lib/x86_64-linux-gnu/libblas.so.3"
    return os.path.realpath(link) if os.path.exists(link) else "unknown"


def environment():
    return {"torch": torch.__version__, "python": platform.python_version(), "threads": torch.get_num_threads(),
            "mkldnn": torch.backends.mkldnn.is_available(), "blas": blas()}


def train(model, batch, warmup, timed, features, labels):
    steps = warmup + timed
    passes = max(1, min(steps, 60000 // batch))  # as Benchmark.passBatches: longer runs cycle through the data
    n = passes * batch
    x = torch.from_numpy(np.fromfile(features, dtype="<f4", count=n * 784).reshape(n, 784))
    y = torch.from_numpy(np.fromfile(labels, dtype="<i4", count=n).astype(np.int64))
    if model == "mnist-cnn":
        x = x.reshape(n, 1, 28, 28)
    net, l2 = network(model)
    opt = torch.optim.Adam(net.parameters(), lr=1e-3, weight_decay=l2)
    loss_fn = nn.CrossEntropyLoss()
    batches = [(x[i * batch:(i + 1) * batch], y[i * batch:(i + 1) * batch]) for i in range(passes)]

    def step(xb, yb):
        opt.zero_grad(set_to_none=True)
        loss = loss_fn(net(xb), yb)
        loss.backward()
        opt.step()

    # as BenchWorker: ROUNDS equal rounds of the timed minibatches, the median round's speed
    rounds = min(ROUNDS, timed)
    ends = [warmup + timed * i // rounds for i in range(rounds + 1)]
    marks = []
    net.train()
    for i in range(ends[-1] + 1):
        if i in ends:
            marks.append(time.perf_counter())
        if i < ends[-1]:
            step(*batches[i % passes])
    rates = [(ends[i + 1] - ends[i]) * batch / (marks[i + 1] - marks[i]) for i in range(rounds)]
    return {"engine": "pytorch", "model": model, "batch": batch, "samplesPerSecond": statistics.median(rates),
            "roundSamplesPerSecond": rates, "peakRssBytes": peak_rss_bytes(), "environment": environment()}


def sgemm(n, reps):
    a = torch.rand(n, n)
    b = torch.rand(n, n)
    for _ in range(3):
        torch.mm(a, b)
    t0 = time.perf_counter()
    for _ in range(reps):
        torch.mm(a, b)
    seconds = time.perf_counter() - t0
    return {"engine": "pytorch-sgemm", "gflops": 2.0 * n ** 3 * reps / seconds / 1e9,
            "peakRssBytes": peak_rss_bytes(), "environment": environment()}


def main(argv):
    if len(argv) >= 2 and argv[1] == "train" and len(argv) == 9:
        torch.set_num_threads(int(argv[6]))
        out = train(argv[2], int(argv[3]), int(argv[4]), int(argv[5]), argv[7], argv[8])
    elif len(argv) >= 2 and argv[1] == "sgemm" and len(argv) == 5:
        torch.set_num_threads(int(argv[4]))
        out = sgemm(int(argv[2]), int(argv[3]))
    else:
        raise SystemExit(__doc__)
    print("@bench\t" + json.dumps(out), flush=True)


if __name__ == "__main__":
    main(sys.argv)
