"""Light and dark themes for the widgets; "system" follows the desktop's colour scheme."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QColor, QGuiApplication, QPalette
from PySide6.QtWidgets import QApplication

from readerapp.render.theme import DARK, LIGHT


def effective_theme(setting: str) -> str:
    if setting in ("light", "dark"):
        return setting
    hints = QGuiApplication.styleHints()
    scheme = hints.colorScheme() if hasattr(hints, "colorScheme") else None
    return "dark" if scheme == Qt.ColorScheme.Dark else "light"


def apply_theme(app: QApplication, theme: str) -> None:
    """Fusion with our palette: the same look on every platform, readable in both themes."""
    app.setStyle("Fusion")
    colors = DARK if theme == "dark" else LIGHT
    palette = QPalette()
    base = QColor(colors.background)
    window = QColor(colors.panel)
    text = QColor(colors.text)
    role = QPalette.ColorRole
    palette.setColor(role.Window, window)
    palette.setColor(role.WindowText, text)
    palette.setColor(role.Base, base)
    palette.setColor(role.AlternateBase, window)
    palette.setColor(role.Text, text)
    palette.setColor(role.Button, window)
    palette.setColor(role.ButtonText, text)
    palette.setColor(role.ToolTipBase, base)
    palette.setColor(role.ToolTipText, text)
    palette.setColor(role.PlaceholderText, QColor(colors.muted))
    palette.setColor(role.Link, QColor(colors.link))
    highlight = QColor("#2f6fb5" if theme == "dark" else "#cfe3fb")
    palette.setColor(role.Highlight, highlight)
    palette.setColor(role.HighlightedText, QColor("#ffffff" if theme == "dark" else colors.text))
    disabled = QPalette.ColorGroup.Disabled
    palette.setColor(disabled, role.Text, QColor(colors.muted))
    palette.setColor(disabled, role.WindowText, QColor(colors.muted))
    palette.setColor(disabled, role.ButtonText, QColor(colors.muted))
    app.setPalette(palette)
    # A widget with a style sheet keeps the palette it was polished with: set the sheet again
    # so it takes the new colours now, not at the next theme change.
    for widget in app.allWidgets():
        sheet = widget.styleSheet()
        if sheet:
            widget.setStyleSheet("")
            widget.setStyleSheet(sheet)
