"""A screenshot, large: fit to window or 100%, zoom with the wheel or +/-, drag to pan,
Left/Right for the paper's other screenshots, Esc to close."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtGui import QKeyEvent, QPainter, QPixmap, QResizeEvent, QWheelEvent
from PySide6.QtWidgets import (
    QDialog,
    QGraphicsPixmapItem,
    QGraphicsScene,
    QGraphicsView,
    QLabel,
    QVBoxLayout,
    QWidget,
)


@dataclass(frozen=True)
class Shot:
    number: int  # 1-based
    path: Path | None  # None: not available locally
    reason: str = ""


_DIALOG_KEYS = (Qt.Key.Key_Left, Qt.Key.Key_Right, Qt.Key.Key_Space, Qt.Key.Key_Backspace)


class ImageView(QGraphicsView):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setScene(QGraphicsScene(self))
        self.item = QGraphicsPixmapItem()
        self.item.setTransformationMode(Qt.TransformationMode.SmoothTransformation)
        self.scene().addItem(self.item)
        self.setDragMode(QGraphicsView.DragMode.ScrollHandDrag)
        self.setRenderHints(QPainter.RenderHint.SmoothPixmapTransform)
        self.setTransformationAnchor(QGraphicsView.ViewportAnchor.AnchorUnderMouse)
        self.fit = True

    def set_pixmap(self, pixmap: QPixmap) -> None:
        self.item.setPixmap(pixmap)
        self.scene().setSceneRect(self.item.boundingRect())
        self.fit_to_window()

    def fit_to_window(self) -> None:
        self.fit = True
        self.resetTransform()
        if not self.item.pixmap().isNull():
            self.fitInView(self.item, Qt.AspectRatioMode.KeepAspectRatio)

    def actual_size(self) -> None:
        self.fit = False
        self.resetTransform()

    def zoom(self, factor: float) -> None:
        self.fit = False
        scale = self.transform().m11() * factor
        if 0.05 <= scale <= 16:
            self.scale(factor, factor)

    def scale_factor(self) -> float:
        return self.transform().m11()

    def keyPressEvent(self, event: QKeyEvent) -> None:
        """The arrows and Space belong to the dialog (other screenshots), not to scrolling."""
        if event.key() in _DIALOG_KEYS:
            event.ignore()
            return
        super().keyPressEvent(event)

    def wheelEvent(self, event: QWheelEvent) -> None:
        self.zoom(1.15 if event.angleDelta().y() > 0 else 1 / 1.15)

    def resizeEvent(self, event: QResizeEvent) -> None:
        super().resizeEvent(event)
        if self.fit:
            self.fit_to_window()


class ImageViewer(QDialog):
    def __init__(
        self, shots: list[Shot], current: int, title: str, parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self.setObjectName("image-viewer")
        self.shots = shots
        self.current = current
        self.paper_title = title
        self.view = ImageView(self)
        self.caption = QLabel(self)
        self.caption.setAlignment(Qt.AlignmentFlag.AlignCenter)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 4)
        layout.addWidget(self.view, 1)
        layout.addWidget(self.caption)
        self.resize(1100, 800)
        self.show_shot(current)

    def show_shot(self, position: int) -> None:
        self.current = max(0, min(position, len(self.shots) - 1))
        shot = self.shots[self.current]
        pixmap = QPixmap(str(shot.path)) if shot.path else QPixmap()
        self.view.set_pixmap(pixmap)
        status = "" if not pixmap.isNull() else f" — {shot.reason or 'not available'}"
        self.caption.setText(
            f"Screenshot {shot.number} of {len(self.shots)}{status}    "
            "F fit · 1:1 actual size · +/- or wheel zoom · drag to pan · ←/→ others · Esc close"
        )
        self.setWindowTitle(f"Screenshot {shot.number} · {self.paper_title}")

    def keyPressEvent(self, event: QKeyEvent) -> None:
        key = event.key()
        if key == Qt.Key.Key_Escape:
            self.accept()
        elif key in (Qt.Key.Key_Right, Qt.Key.Key_Space):
            self.show_shot(self.current + 1)
        elif key in (Qt.Key.Key_Left, Qt.Key.Key_Backspace):
            self.show_shot(self.current - 1)
        elif key in (Qt.Key.Key_Plus, Qt.Key.Key_Equal):
            self.view.zoom(1.25)
        elif key == Qt.Key.Key_Minus:
            self.view.zoom(0.8)
        elif key == Qt.Key.Key_F:
            self.view.fit_to_window()
        elif key in (Qt.Key.Key_1, Qt.Key.Key_0):
            self.view.actual_size()
        else:
            super().keyPressEvent(event)
