"""One training step in PyTorch, the reference for explainStep's numbers (torchStep.test.ts).

Reads from stdin a JSON network in the model file's (Keras's) layouts, one sample and a
loss; writes to stdout the loss, every layer's output, every parameter's gradient (back in
Keras layouts), the gradient at the input and the loss after one plain SGD step. Computed in float64, so what the test
measures is the engine's float32 error.
"""
import json
import sys

import torch
import torch.nn.functional as F

torch.set_default_dtype(torch.float64)

ACTIVATIONS = {
    None: lambda z: z,
    'linear': lambda z: z,
    'relu': torch.relu,
    'tanh': torch.tanh,
    'sigmoid': torch.sigmoid,
    'softmax': lambda z: torch.softmax(z, dim=-1),
}


def keras_to_torch(layer, values):
    """A parameter tensor from the Keras layout to PyTorch's (a leaf that collects its gradient)."""
    t = torch.tensor(values['values'], dtype=torch.float64).reshape(values['shape'])
    if layer['type'] == 'Dense' and t.dim() == 2:
        t = t.t()  # [in, out] -> [out, in]
    if layer['type'] == 'Conv2D' and t.dim() == 4:
        t = t.permute(3, 2, 0, 1)  # [kh, kw, in, out] -> [out, in, kh, kw]
    return t.contiguous().requires_grad_(True)


def torch_to_keras(layer, t):
    if layer['type'] == 'Dense' and t.dim() == 2:
        t = t.t()
    if layer['type'] == 'Conv2D' and t.dim() == 4:
        t = t.permute(2, 3, 1, 0)
    return t.contiguous().reshape(-1).tolist()


def forward(layers, params, x):
    """x is NHWC (or [1, features]); returns each layer's output, channels last, and the final one."""
    outs = []
    h = x
    for layer, p in zip(layers, params):
        kind = layer['type']
        if kind == 'Dense':
            h = F.linear(h, p['kernel'], p.get('bias'))
        elif kind == 'Conv2D':
            nchw = h.permute(0, 3, 1, 2)
            y = F.conv2d(nchw, p['kernel'], p.get('bias'), stride=tuple(layer.get('strides', [1, 1])))
            h = y.permute(0, 2, 3, 1)
        elif kind == 'MaxPooling2D':
            pool = tuple(layer.get('pool_size', [2, 2]))
            y = F.max_pool2d(h.permute(0, 3, 1, 2), pool, stride=tuple(layer.get('strides') or pool))
            h = y.permute(0, 2, 3, 1)
        elif kind == 'Flatten':
            h = h.reshape(h.shape[0], -1)  # channels last, as Keras flattens
        else:
            raise ValueError('layer type not in the reference: ' + kind)
        h = ACTIVATIONS[layer.get('activation')](h)
        outs.append(h)
    return outs


def loss_of(name, y_hat, y):
    if name == 'categorical_crossentropy':
        return -(y * torch.log(y_hat)).sum()
    if name == 'binary_crossentropy':
        return -(y * torch.log(y_hat) + (1 - y) * torch.log(1 - y_hat)).mean()
    if name == 'mean_squared_error':
        return ((y_hat - y) ** 2).mean()
    if name == 'mean_absolute_error':
        return (y_hat - y).abs().mean()
    raise ValueError('loss not in the reference: ' + name)


def main():
    req = json.load(sys.stdin)
    layers = req['layers']
    params = [{name: keras_to_torch(layer, w) for name, w in layer['weights'].items()} for layer in layers]
    x = torch.tensor(req['input'], dtype=torch.float64).reshape([1] + req['input_shape']).requires_grad_(True)
    y = torch.tensor(req['target'], dtype=torch.float64).reshape(1, -1)
    outs = forward(layers, params, x)
    loss = loss_of(req['loss'], outs[-1].reshape(1, -1), y)
    loss.backward()
    grads = [{name: torch_to_keras(layer, t.grad) for name, t in p.items()} for layer, p in zip(layers, params)]
    lr = req['learningRate']
    with torch.no_grad():
        stepped = [{name: t - lr * t.grad for name, t in p.items()} for p in params]
        loss_after = loss_of(req['loss'], forward(layers, stepped, x.detach())[-1].reshape(1, -1), y)
    json.dump({
        'torch': torch.__version__,
        'loss': loss.item(),
        'outputs': [o.detach().reshape(-1).tolist() for o in outs],
        'gradients': grads,
        'inputGradient': x.grad.reshape(-1).tolist(),
        'lossAfter': loss_after.item(),
    }, sys.stdout)


if __name__ == '__main__':
    main()
