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
    screenshot.set_defaults(handler=_cmd_screenshot)


def run_gui(args: argparse.Namespace) -> int:
    from viewer.ui.app import run  # lazy: the other commands never load Qt

    return run(extra_folders=getattr(args, "folder", []))


def _cmd_screenshot(args: argparse.Namespace) -> int:
    from viewer.ui.screenshots import render_screenshots

    for path in render_screenshots(args.out_dir):
        print(path)
    return 0
