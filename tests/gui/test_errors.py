"""Unexpected errors are logged and shown with details to copy; user errors read as one message."""

from __future__ import annotations

import logging
import sys

from PySide6.QtWidgets import QMessageBox

from viewer.core.errors import UserError
from viewer.ui.app import NO_DISPLAY_MESSAGE, check_display, install_excepthook, setup_logging
from viewer.ui.errors import show_error


def test_excepthook_logs_and_offers_details(tmp_path, monkeypatch):
    shown = []
    log_path = setup_logging()
    old = sys.excepthook
    try:
        install_excepthook(log_path, lambda message, details: shown.append((message, details)))
        try:
            raise KeyError("boom")
        except KeyError:
            sys.excepthook(*sys.exc_info())
        try:
            raise UserError("the index folder is read-only")
        except UserError:
            sys.excepthook(*sys.exc_info())
    finally:
        sys.excepthook = old
    for handler in logging.getLogger().handlers:
        handler.flush()
    assert "KeyError" in shown[0][0] and str(log_path) in shown[0][0] and "Traceback" in shown[0][1]
    assert shown[1] == ("the index folder is read-only", "")
    assert "KeyError" in log_path.read_text(encoding="utf-8")


def test_error_dialog_has_copyable_details(qtbot):
    box = show_error(None, "Something broke", "Traceback ...")
    qtbot.addWidget(box)
    assert box.detailedText() == "Traceback ..."
    assert any(b.text() == "Copy details" for b in box.buttons())
    box.done(QMessageBox.StandardButton.Close)


def test_no_display_is_one_clear_line(monkeypatch):
    for name in ("QT_QPA_PLATFORM", "DISPLAY", "WAYLAND_DISPLAY"):
        monkeypatch.delenv(name, raising=False)
    try:
        check_display()
    except UserError as exc:
        assert str(exc) == NO_DISPLAY_MESSAGE and "\n" not in str(exc)
    else:
        assert not sys.platform.startswith("linux")
