import copy

import torch


class TargetNetwork:
    """An exponential-moving-average copy of the online model, for losses that compare
    the online outputs with a slowly moving target's (ReLIC; BYOL would use it too).

    It gets no gradients. After every optimiser step its weights (and float buffers, such
    as batch-norm statistics) move towards the online model's by ``1 - gamma``, with
    ``gamma`` from the loss's schedule at that point of training.
    """

    def __init__(self, online, schedule):
        self.online = online
        self.schedule = schedule
        self.model = copy.deepcopy(online).requires_grad_(False)

    @torch.no_grad()
    def outputs(self, batch, views):
        """The target's outputs for a batch of ``views`` stacked views, in the online model's
        train / eval modes (e.g. a frozen encoder during warm-up)."""
        for target, online in zip(self.model.modules(), self.online.modules()):
            target.training = online.training
        return list(self.model(batch).float().chunk(views))

    @torch.no_grad()
    def update(self, progress):
        gamma = self.schedule.gamma(progress)
        for target, online in zip(self.model.state_dict().values(), self.online.state_dict().values()):
            if target.is_floating_point():
                target.lerp_(online, 1 - gamma)
            else:
                target.copy_(online)

    def state_dict(self):
        return self.model.state_dict()

    def load_state_dict(self, state):
        self.model.load_state_dict(state)
