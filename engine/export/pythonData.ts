/**
 * The Python that reads a model's data in the generated scripts, with NumPy only: MNIST's
 * IDX files from a folder (plain or .gz, `train-images-idx3-ubyte` or `train-images.idx3-ubyte`),
 * or the train.csv and test.csv Layerwise writes beside the script (features, then the
 * label or the targets). Pixels become value / 255 as in Layerwise.
 */
export const LOAD_DATA_PY = `def read_idx(folder, stem, kind):
    """One IDX file (MNIST's format): a magic number, the dimensions, then unsigned bytes."""
    for name in (f"{stem}-{kind}-ubyte", f"{stem}.{kind}-ubyte"):
        for path in (os.path.join(folder, name), os.path.join(folder, name + ".gz")):
            if os.path.exists(path):
                with (gzip.open if path.endswith(".gz") else open)(path, "rb") as f:
                    raw = f.read()
                rank = raw[3]
                dims = struct.unpack(">" + "I" * rank, raw[4:4 + 4 * rank])
                return np.frombuffer(raw, dtype=np.uint8, offset=4 + 4 * rank).reshape(dims).copy()
    raise SystemExit(f"no {stem}-{kind}-ubyte file in {folder}")


def read_csv(path):
    """A CSV file Layerwise exported: a header, then one sample per row."""
    return np.loadtxt(path, delimiter=",", skiprows=1, dtype=np.float32, ndmin=2)


def load_data(folder, limit=None):
    """(x_train, y_train, x_test, y_test) as float32 inputs of INPUT_SHAPE and labels or targets."""
    if os.path.exists(os.path.join(folder, "train.csv")):
        train, test = read_csv(os.path.join(folder, "train.csv")), read_csv(os.path.join(folder, "test.csv"))
        features = int(np.prod(INPUT_SHAPE))
        split = lambda rows: (rows[:, :features], rows[:, features:])
        (x_train, y_train), (x_test, y_test) = split(train), split(test)
    else:
        x_train = read_idx(folder, "train-images", "idx3").astype(np.float32) / 255
        y_train = read_idx(folder, "train-labels", "idx1")
        x_test = read_idx(folder, "t10k-images", "idx3").astype(np.float32) / 255
        y_test = read_idx(folder, "t10k-labels", "idx1")
    if TASK in ("classification", "binary"):
        y_train, y_test = y_train.reshape(-1).astype(np.int64), y_test.reshape(-1).astype(np.int64)
    if limit is not None:  # the first samples, as Layerwise's data limit
        x_train, y_train, x_test, y_test = x_train[:limit], y_train[:limit], x_test[:limit], y_test[:limit]
    shape = lambda x: x.reshape((len(x),) + INPUT_SHAPE)
    return shape(x_train), y_train, shape(x_test), y_test
`;
