class EarlyStopping:
    """Stop when the monitored score has not improved for ``patience`` epochs.

    A tie counts as an improvement: validation 5-NN on a small validation split often
    saturates (e.g. 1.0 on digits), and then the later, longer-trained epoch is kept.
    """

    def __init__(self, patience):
        self.patience = patience
        self.best = float("-inf")
        self.best_epoch = -1
        self.bad_epochs = 0

    def update(self, score, epoch):
        """Record ``score``; return True when it is a new best (or ties the best)."""
        if score >= self.best:
            self.best, self.best_epoch, self.bad_epochs = score, epoch, 0
            return True
        self.bad_epochs += 1
        return False

    @property
    def should_stop(self):
        return self.bad_epochs >= self.patience

    def state_dict(self):
        return {"best": self.best, "best_epoch": self.best_epoch, "bad_epochs": self.bad_epochs}

    def load_state_dict(self, state):
        self.best, self.best_epoch, self.bad_epochs = state["best"], state["best_epoch"], state["bad_epochs"]
