from typing import Literal

from pydantic import PositiveFloat
from pytorch_metric_learning import distances, losses, miners

from embedlab.losses.base import PMLLoss
from embedlab.losses.registry import LOSSES

DISTANCES = {
    "squared_euclidean": lambda: distances.LpDistance(power=2),  # the digit-triplet notebook's distance
    "euclidean": distances.LpDistance,
    "cosine": distances.CosineSimilarity,
}
Distance = Literal["squared_euclidean", "euclidean", "cosine"]
TripletMiner = Literal["none", "semihard", "hard"]


@LOSSES.register("triplet")
def triplet(context, *, margin: PositiveFloat = 0.2, distance: Distance = "squared_euclidean", miner: TripletMiner = "none"):
    """Triplet margin loss, averaged over the triplets that violate the margin.

    ``miner: none`` draws, for every anchor in the batch, one random positive and one
    random negative from the batch (torch's RNG, which the trainer seeds per epoch): the
    digit-triplet notebook's sampling, no hard-negative mining. ``semihard`` / ``hard``
    take every triplet of the batch that pytorch-metric-learning's TripletMarginMiner
    keeps (negative farther / closer than the positive, within the margin).
    """
    measure = DISTANCES[distance]()
    if miner == "none":
        return PMLLoss(losses.TripletMarginLoss(margin=margin, distance=measure, triplets_per_anchor=1))
    return PMLLoss(
        losses.TripletMarginLoss(margin=margin, distance=measure),
        miners.TripletMarginMiner(margin=margin, type_of_triplets=miner, distance=measure),
    )
