"""Reading the first samples of an uncompressed IDX file (MNIST's format: images 2051, labels 2049), shared by
the Python references of bench/ (conv_stdp_numpy.py, surrogate_torch.py)."""
import numpy as np


def read_idx(path, count):
    """The first `count` entries (or all, if fewer) as uint8: (count, rows, cols) for images, (count,) for
    labels. Exits with the file named when it is neither."""
    with open(path, "rb") as f:
        magic = int.from_bytes(f.read(4), "big")
        if magic not in (2049, 2051):
            raise SystemExit(f"{path}: not an IDX image or label file")
        dims = [int.from_bytes(f.read(4), "big") for _ in range(magic & 0xFF)]
        count = min(count, dims[0])
        size = count * int(np.prod(dims[1:], dtype=np.int64))
        return np.frombuffer(f.read(size), dtype=np.uint8).reshape([count] + dims[1:])
