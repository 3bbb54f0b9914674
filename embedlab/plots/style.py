import matplotlib

matplotlib.use("Agg")

ROLE_COLOURS = {"pretrain": "#7f7f7f", "baseline": "#1f77b4", "model": "#d62728"}


def class_colours(n):
    """n distinguishable colours (tab10, then tab20, then a continuous map)."""
    import matplotlib.pyplot as plt

    cmap = plt.get_cmap("tab10" if n <= 10 else "tab20" if n <= 20 else "turbo", max(n, 1))
    return [matplotlib.colors.to_hex(cmap(i)) for i in range(n)]
