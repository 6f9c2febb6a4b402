"""The tree widget: a QTreeView with a delegate that draws unread counts on the right."""

from __future__ import annotations

from PySide6.QtCore import QModelIndex, QPersistentModelIndex, QRect, QSize, Qt
from PySide6.QtGui import QFontMetrics, QPainter, QPalette
from PySide6.QtWidgets import (
    QAbstractItemView,
    QStyle,
    QStyledItemDelegate,
    QStyleOptionViewItem,
    QTreeView,
    QWidget,
)

from readerapp.ui.tree_model import UNREAD_ROLE


class CountDelegate(QStyledItemDelegate):
    """Topic and post rows end with their unread count, right-aligned and muted."""

    def paint(
        self,
        painter: QPainter,
        option: QStyleOptionViewItem,
        index: QModelIndex | QPersistentModelIndex,
    ) -> None:
        count = index.data(UNREAD_ROLE) or 0
        if not count:
            super().paint(painter, option, index)
            return
        text = str(count)
        metrics = QFontMetrics(option.font)
        badge = metrics.horizontalAdvance(text) + 12
        narrowed = QStyleOptionViewItem(option)
        narrowed.rect = QRect(option.rect.adjusted(0, 0, -badge, 0))
        super().paint(painter, narrowed, index)
        painter.save()
        selected = bool(option.state & QStyle.StateFlag.State_Selected)
        role = (
            QPalette.ColorRole.HighlightedText if selected else QPalette.ColorRole.PlaceholderText
        )
        painter.setPen(option.palette.color(role))
        area = QRect(
            option.rect.right() - badge, option.rect.top(), badge - 4, option.rect.height()
        )
        painter.drawText(area, Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter, text)
        painter.restore()

    def sizeHint(
        self, option: QStyleOptionViewItem, index: QModelIndex | QPersistentModelIndex
    ) -> QSize:
        hint = super().sizeHint(option, index)
        return QSize(hint.width() + 36, max(hint.height(), 24))


class PaperTree(QTreeView):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("tree")
        self.setHeaderHidden(True)
        self.setUniformRowHeights(True)  # lets Qt skip measuring every row: fast at any size
        self.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.setItemDelegate(CountDelegate(self))
        self.setExpandsOnDoubleClick(True)
        self.setAnimated(False)
        self.setTextElideMode(Qt.TextElideMode.ElideRight)
        self.setVerticalScrollMode(QAbstractItemView.ScrollMode.ScrollPerPixel)
        self.setAllColumnsShowFocus(True)

    def keyboardSearch(self, search: str) -> None:
        """Letters are commands here (j, k, m, s ...), never type-ahead search."""
