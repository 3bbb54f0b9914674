from embedlab.registry import Registry

LOSSES = Registry("loss")
