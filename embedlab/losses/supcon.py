from pydantic import PositiveFloat
from pytorch_metric_learning import losses

from embedlab.losses.base import PMLLoss
from embedlab.losses.registry import LOSSES


@LOSSES.register("supcon")
def supcon(context, *, temperature: PositiveFloat = 0.1):
    """Supervised contrastive loss (Khosla et al. 2020), MonoCon's loss."""
    return PMLLoss(losses.SupConLoss(temperature=temperature))
