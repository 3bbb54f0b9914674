from pydantic import PositiveFloat
from pytorch_metric_learning import losses, miners

from embedlab.losses.base import PMLLoss
from embedlab.losses.registry import LOSSES


@LOSSES.register("multisimilarity")
def multisimilarity(context, *, alpha: PositiveFloat = 2.0, beta: PositiveFloat = 50.0, base: float = 0.5,
                    epsilon: PositiveFloat = 0.1):
    """Multi-similarity loss with the multi-similarity miner (Wang et al. 2019), the
    three-stage thesis's pair loss; defaults are the paper's and the library's."""
    return PMLLoss(losses.MultiSimilarityLoss(alpha=alpha, beta=beta, base=base), miners.MultiSimilarityMiner(epsilon=epsilon))
