"""The first-step bias of the paper's flow terms: at zero flow, the gradient of L_rec and of L_reg (both directions
summed) with respect to a flow shared by both directions (f = b = d, "common mode": what makes the flows parallel)
against a flow of opposite signs (f = e, b = -e: the signal), for the losses' bilinear and bicubic warps.
usage: OMP_NUM_THREADS=1 python nbs/lab/common_mode.py OUT.json [N_PAIRS]"""
import json, sys, torch
from mcjepa.config import get_config, make_model
from mcjepa.losses import rec_loss, reg_loss
from mcjepa.scenes import EmbeddedFlowPairs

def shared_and_opposite(loss_fn, a, b) -> tuple:
    "Gradients of loss_fn(a, b, f) + loss_fn(b, a, g) at d = e = 0 with f = d + e, g = d - e (image pixels)."
    d = torch.zeros(2, requires_grad=True)
    e = torch.zeros(2, requires_grad=True)
    (loss_fn(a, b, d + e) + loss_fn(b, a, d - e)).backward()
    return d.grad.clone(), e.grad.clone()

def main(out:str, n:int=16, size=(256, 384)):
    torch.manual_seed(0)
    cfg = get_config('m-jepa', encoder='convnext_atto', width_factor=0.25, flow_size=size)
    model = make_model(cfg).eval()
    ds = EmbeddedFlowPairs(n, size=size, seed=0, split=0, motion='chairs')
    rows = {}
    for mode in ('bilinear', 'bicubic'):
        for term in ('L_rec', 'L_reg'):
            shared, opposite = [], []
            for i in range(n):
                s = ds[i]
                a, b = s['img1'][None], s['img2'][None]
                if term == 'L_rec':
                    def fn(x, y, v): return rec_loss(x, y, v[None, :, None, None].expand(1, 2, *size), mode=mode)
                else:
                    with torch.no_grad(): fa, fb = model.pyramid(a), model.pyramid(b)
                    feats = {id(a): fa, id(b): fb}
                    def fn(x, y, v):
                        fx, fy = feats[id(x)], feats[id(y)]
                        flows = [(v * f.shape[-1] / size[1])[None, :, None, None].expand(1, 2, *f.shape[-2:])
                                  for f in fx]
                        return reg_loss(fx, fy, flows, coeffs=cfg.flow_coeffs, mode=mode)
                g_shared, g_opp = shared_and_opposite(fn, a, b)
                shared.append(g_shared); opposite.append(g_opp)
            shared, opposite = torch.stack(shared), torch.stack(opposite)
            rows[f'{term} {mode}'] = dict(shared_mean=shared.mean(0).tolist(), shared_std=shared.std(0).tolist(),
                                          shared_norm=shared.mean(0).norm().item(),
                                          opposite_norm=opposite.norm(dim=1).mean().item(),
                                          pairs_shared_x_negative=int((shared[:, 0] < 0).sum()), pairs=n)
            print(term, mode, rows[f'{term} {mode}'], flush=True)
    json.dump(rows, open(out, 'w'), indent=1)

if __name__ == '__main__': main(sys.argv[1], *map(int, sys.argv[2:3]))
