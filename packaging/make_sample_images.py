"""Draw the sample library's small figures (resources/sample/**/images/*.png).

    QT_QPA_PLATFORM=offscreen .venv/bin/python packaging/make_sample_images.py

They are simple diagrams in the spirit of each paper, drawn here so the sample can show every part
of the viewer (screenshots, image viewer) without the network. Deterministic: same output each run.
"""

from __future__ import annotations

import itertools
import math
import random
import sys
from collections.abc import Callable
from pathlib import Path

from PySide6.QtCore import QPointF, QRectF, Qt
from PySide6.QtGui import QColor, QFont, QGuiApplication, QImage, QPainter, QPainterPath, QPen

SAMPLE = Path(__file__).resolve().parents[1] / "resources" / "sample"
W, H = 720, 405
INK = QColor("#1f2328")
MUTED = QColor("#6b7480")
PALETTE = [QColor(c) for c in ("#4c78a8", "#f58518", "#54a24b", "#e45756", "#72b7b2", "#b279a2")]


def canvas(draw: Callable[[QPainter], None], title: str) -> QImage:
    image = QImage(W, H, QImage.Format.Format_RGB32)
    image.fill(QColor("#fbfbfc"))
    painter = QPainter(image)
    painter.setRenderHint(QPainter.RenderHint.Antialiasing)
    font = QFont("DejaVu Sans", 13)
    font.setBold(True)
    painter.setFont(font)
    painter.setPen(INK)
    painter.drawText(QRectF(0, 12, W, 24), Qt.AlignmentFlag.AlignCenter, title)
    painter.setFont(QFont("DejaVu Sans", 11))
    draw(painter)
    painter.end()
    return image


def box(p: QPainter, x: float, y: float, w: float, h: float, text: str, color: QColor) -> None:
    p.setPen(QPen(color.darker(130), 2))
    fill = QColor(color)
    fill.setAlpha(60)
    p.setBrush(fill)
    p.drawRoundedRect(QRectF(x, y, w, h), 8, 8)
    p.setPen(INK)
    p.drawText(QRectF(x, y, w, h), Qt.AlignmentFlag.AlignCenter | Qt.TextFlag.TextWordWrap, text)


def arrow(p: QPainter, x1: float, y1: float, x2: float, y2: float) -> None:
    p.setPen(QPen(MUTED, 2))
    p.drawLine(QPointF(x1, y1), QPointF(x2, y2))
    angle = math.atan2(y2 - y1, x2 - x1)
    head = QPainterPath(QPointF(x2, y2))
    for side in (0.4, -0.4):
        head.lineTo(x2 - 11 * math.cos(angle + side), y2 - 11 * math.sin(angle + side))
        head.moveTo(x2, y2)
    p.drawPath(head)


def chart(p: QPainter, series: list[list[float]], labels: list[str], y_label: str) -> None:
    left, top, right, bottom = 80, 60, W - 40, H - 50
    p.setPen(QPen(MUTED, 1))
    p.drawLine(left, bottom, right, bottom)
    p.drawLine(left, top, left, bottom)
    p.drawText(QRectF(8, top, 70, 20), Qt.AlignmentFlag.AlignLeft, y_label)
    low = min(min(s) for s in series)
    high = max(max(s) for s in series)
    for n, values in enumerate(series):
        color = PALETTE[n % len(PALETTE)]
        p.setPen(QPen(color, 3))
        points = [
            QPointF(
                left + (right - left) * i / (len(values) - 1),
                bottom - (bottom - top) * (v - low) / ((high - low) or 1),
            )
            for i, v in enumerate(values)
        ]
        for a, b in itertools.pairwise(points):
            p.drawLine(a, b)
        p.drawText(
            QRectF(right - 170, top + 22 * n, 170, 20), Qt.AlignmentFlag.AlignRight, labels[n]
        )


def nerf_pipeline(p: QPainter) -> None:
    box(p, 30, 150, 130, 70, "(x, y, z, θ, φ)", PALETTE[0])
    box(p, 210, 140, 120, 90, "MLP  Fθ", PALETTE[1])
    box(p, 380, 150, 120, 70, "(RGB, σ)", PALETTE[2])
    box(p, 550, 140, 140, 90, "volume\nrendering", PALETTE[3])
    for x1, x2 in ((160, 210), (330, 380), (500, 550)):
        arrow(p, x1, 185, x2, 185)
    p.setPen(MUTED)
    p.drawText(
        QRectF(0, 300, W, 40),
        Qt.AlignmentFlag.AlignCenter,
        "rendering loss ‖ Ĉ(r) − C(r) ‖² back-propagates to θ",
    )


def gaussians(p: QPainter) -> None:
    rng = random.Random(3)
    p.setPen(Qt.PenStyle.NoPen)
    for _ in range(140):
        color = QColor(PALETTE[rng.randrange(len(PALETTE))])
        color.setAlpha(rng.randrange(60, 150))
        p.setBrush(color)
        p.save()
        p.translate(rng.uniform(40, W - 40), rng.uniform(60, H - 30))
        p.rotate(rng.uniform(0, 180))
        p.drawEllipse(QPointF(0, 0), rng.uniform(8, 46), rng.uniform(3, 16))
        p.restore()


def grids(p: QPainter) -> None:
    for level, cells in enumerate((4, 8, 16)):
        x0, size = 40 + level * 225, 200
        p.setPen(QPen(PALETTE[level], 1))
        for i in range(cells + 1):
            offset = size * i / cells
            p.drawLine(QPointF(x0 + offset, 90), QPointF(x0 + offset, 90 + size))
            p.drawLine(QPointF(x0, 90 + offset), QPointF(x0 + size, 90 + offset))
        p.setPen(INK)
        p.drawText(
            QRectF(x0, 300, size, 24), Qt.AlignmentFlag.AlignCenter, f"level {level + 1}: {cells}²"
        )


def contraction(p: QPainter) -> None:
    center = QPointF(W / 2, H / 2 + 15)
    for radius, color in ((70, PALETTE[2]), (140, PALETTE[0])):
        p.setPen(QPen(color, 3))
        p.setBrush(Qt.BrushStyle.NoBrush)
        p.drawEllipse(center, radius, radius)
    p.setPen(INK)
    p.drawText(
        QRectF(center.x() - 60, center.y() - 10, 120, 20), Qt.AlignmentFlag.AlignCenter, "‖x‖ ≤ 1"
    )
    p.drawText(
        QRectF(center.x() + 150, center.y() - 10, 200, 20),
        Qt.AlignmentFlag.AlignLeft,
        "all of space → radius 2",
    )


def noise_steps(p: QPainter) -> None:
    rng = random.Random(7)
    for step in range(6):
        x0 = 30 + step * 112
        amount = step / 5
        for i in range(12):
            for j in range(12):
                clean = 255 if (i - 6) ** 2 + (j - 6) ** 2 < 20 else 60
                value = int((1 - amount) * clean + amount * rng.uniform(0, 255))
                p.fillRect(QRectF(x0 + i * 8, 120 + j * 8, 8, 8), QColor(value, value, value))
        p.setPen(INK)
        p.drawText(QRectF(x0, 230, 96, 20), Qt.AlignmentFlag.AlignCenter, f"t = {step * 200}")
    arrow(p, 60, 290, W - 60, 290)
    p.drawText(
        QRectF(0, 300, W, 24),
        Qt.AlignmentFlag.AlignCenter,
        "forward: add noise · reverse: learn to remove it",
    )


def ldm(p: QPainter) -> None:
    box(p, 30, 150, 120, 80, "image x", PALETTE[0])
    box(p, 190, 150, 110, 80, "encoder E", PALETTE[1])
    box(p, 340, 140, 150, 100, "diffusion in\nlatent z", PALETTE[2])
    box(p, 530, 150, 110, 80, "decoder D", PALETTE[1])
    for x1, x2 in ((150, 190), (300, 340), (490, 530)):
        arrow(p, x1, 190, x2, 190)
    box(p, 355, 290, 120, 50, "text → cross-attn", PALETTE[4])
    arrow(p, 415, 290, 415, 242)


def transformer(p: QPainter) -> None:
    layers = [
        "Input embedding + positions",
        "Multi-head attention",
        "Add & Norm",
        "Feed forward",
        "Add & Norm",
    ]
    for n, label in enumerate(layers):
        box(p, 220, 330 - n * 62, 280, 44, label, PALETTE[n % len(PALETTE)])
        if n:
            arrow(p, 360, 330 - (n - 1) * 62, 360, 330 - n * 62 + 44)
    p.drawText(QRectF(520, 150, 180, 40), Qt.AlignmentFlag.AlignLeft, "× N layers")


def residual(p: QPainter) -> None:
    box(p, 260, 80, 200, 50, "weight layer", PALETTE[0])
    box(p, 260, 190, 200, 50, "weight layer", PALETTE[0])
    arrow(p, 360, 50, 360, 80)
    arrow(p, 360, 130, 360, 190)
    arrow(p, 360, 240, 360, 300)
    p.setPen(QPen(PALETTE[3], 3))
    p.drawLine(QPointF(360, 60), QPointF(540, 60))
    p.drawLine(QPointF(540, 60), QPointF(540, 320))
    p.drawLine(QPointF(540, 320), QPointF(380, 320))
    p.setPen(INK)
    p.drawEllipse(QPointF(360, 320), 18, 18)
    p.drawText(QRectF(342, 302, 36, 36), Qt.AlignmentFlag.AlignCenter, "+")
    p.drawText(QRectF(555, 180, 150, 24), Qt.AlignmentFlag.AlignLeft, "identity x")
    p.drawText(QRectF(100, 150, 150, 24), Qt.AlignmentFlag.AlignRight, "F(x)")


def bert_mask(p: QPainter) -> None:
    tokens = ["[CLS]", "the", "cat", "sat", "on", "the", "[MASK]", "[SEP]"]
    for n, token in enumerate(tokens):
        color = PALETTE[3] if token == "[MASK]" else PALETTE[0]
        box(p, 24 + n * 86, 170, 78, 50, token, color)
    arrow(p, 24 + 6 * 86 + 39, 170, 24 + 6 * 86 + 39, 110)
    p.drawText(QRectF(24 + 6 * 86 - 20, 80, 120, 24), Qt.AlignmentFlag.AlignCenter, '→ "mat"')


def adam_loss(p: QPainter) -> None:
    steps = range(40)
    chart(
        p,
        [[2.3 * math.exp(-s / k) + 0.2 for s in steps] for k in (6, 10, 16, 24)],
        ["Adam", "RMSProp", "AdaGrad", "SGD"],
        "loss",
    )


def nerf_psnr(p: QPainter) -> None:
    chart(
        p,
        [
            [20 + 11 * (1 - math.exp(-s / 9)) for s in range(30)],
            [20 + 7 * (1 - math.exp(-s / 9)) for s in range(30)],
        ],
        ["NeRF", "baseline"],
        "PSNR",
    )


def fps(p: QPainter) -> None:
    bars = [("NeRF", 0.1), ("Mip-NeRF 360", 0.06), ("Instant-NGP", 9), ("3DGS", 134)]
    for n, (label, value) in enumerate(bars):
        width = (W - 260) * math.log10(value * 10 + 1) / math.log10(1341)
        box(p, 190, 80 + n * 70, max(width, 6), 44, "", PALETTE[n])
        p.setPen(INK)
        p.drawText(
            QRectF(20, 80 + n * 70, 160, 44),
            Qt.AlignmentFlag.AlignVCenter | Qt.AlignmentFlag.AlignRight,
            label,
        )
        p.drawText(
            QRectF(200 + width, 80 + n * 70, 120, 44),
            Qt.AlignmentFlag.AlignVCenter,
            f"{value:g} fps",
        )


def welcome(p: QPainter) -> None:
    box(p, 40, 60, 220, 300, "tree\n\ntopics ›\n  posts ›\n    papers", PALETTE[0])
    box(
        p,
        290,
        60,
        390,
        220,
        "viewer\n\nsummary · takeaways · abstract\nanalysis · screenshots",
        PALETTE[2],
    )
    box(p, 290, 295, 390, 65, "your note (saved as you type)", PALETTE[1])


FIGURES = {
    "Paper/2024-03-04/images/nerf-pipeline.png": (nerf_pipeline, "NeRF: from rays to pixels"),
    "Paper/2024-03-04/images/nerf-psnr.png": (nerf_psnr, "Reconstruction quality while training"),
    "Paper/2024-03-04/images/ngp-grids.png": (grids, "Multiresolution hash grids"),
    "Paper/2024-03-04/images/gaussians.png": (gaussians, "A scene as 3D Gaussians"),
    "Paper/2024-03-05/images/gaussians.png": (gaussians, "A scene as 3D Gaussians"),
    "Paper/2024-03-05/images/gaussians-fps.png": (fps, "Rendering speed (log scale)"),
    "Paper/2024-03-05/images/contraction.png": (contraction, "Scene contraction"),
    "Paper/2024-03-05/images/ddpm-noise.png": (noise_steps, "Diffusion: noising and denoising"),
    "Paper/2024-03-05/images/ldm.png": (ldm, "Latent diffusion"),
    "Paper/2024-02-20/images/transformer.png": (transformer, "The Transformer encoder"),
    "Paper/2024-02-20/images/residual.png": (residual, "A residual block"),
    "Paper/2024-02-20/images/bert-mask.png": (bert_mask, "Masked language modelling"),
    "Paper/2024-02-20/images/adam-loss.png": (adam_loss, "Training loss by optimiser"),
    "Notes/images/welcome.png": (welcome, "readerapp"),
}


_app = None  # kept alive until exit: Qt must outlive the images it drew


def main() -> int:
    global _app
    _app = QGuiApplication.instance() or QGuiApplication(sys.argv)
    for relative, (draw, title) in FIGURES.items():
        target = SAMPLE / relative
        target.parent.mkdir(parents=True, exist_ok=True)
        if not canvas(draw, title).save(str(target), "PNG"):
            print(f"could not write {target}", file=sys.stderr)
            return 1
        print(target.relative_to(SAMPLE))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
