"""`gui` (the default) and `screenshot`: the desktop app, and offscreen renders of its screens."""

from __future__ import annotations

import argparse
from pathlib import Path
from typing import Any

from viewer.commands.common import add_folder_option


def register(subparsers: Any) -> None:
    gui = subparsers.add_parser("gui", help="open the desktop app (the default)")
    add_folder_option(gui)
    gui.set_defaults(handler=run_gui)

    screenshot = subparsers.add_parser("screenshot", help="render the app's main states to PNG files, offscreen")
    screenshot.add_argument("out_dir", type=Path, metavar="OUT_DIR")
    screenshot.add_argument(
        "--size", type=_size, default=(1280, 820), metavar="WxH", help="window size (default 1280x820)"
    )
    screenshot.set_defaults(handler=_cmd_screenshot)


def run_gui(args: argparse.Namespace) -> int:
    from viewer.ui.app import run  # lazy: the other commands never load Qt

    return run(extra_folders=getattr(args, "folder", []))


def _cmd_screenshot(args: argparse.Namespace) -> int:
    from viewer.ui.screenshots import render_screenshots

    for path in render_screenshots(args.out_dir, args.size):
        print(path)
    return 0


def _size(text: str) -> tuple[int, int]:
    try:
        width, height = (int(part) for part in text.lower().split("x"))
    except ValueError:
        raise argparse.ArgumentTypeError(f"{text!r} is not a size like 1280x820") from None
    if not (400 <= width <= 8000 and 300 <= height <= 8000):
        raise argparse.ArgumentTypeError(f"{text!r}: give a width of 400-8000 and a height of 300-8000")
    return width, height
