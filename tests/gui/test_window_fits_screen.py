"""Issue 11: the window fits the screen it opens on. Each run is a fresh app process on an
offscreen screen of a given size (Qt's offscreen platform reads the screen from a file)."""
from __future__ import annotations

import json
import os
import subprocess
import sys
import textwrap

PROBE = textwrap.dedent("""
    import json, sys
    from PySide6.QtWidgets import QApplication
    app = QApplication([])
    from burgerannotator.gui.main_window import MainWindow
    w = MainWindow()
    w.show()
    app.processEvents()
    assert w.open_project(sys.argv[1], coder_name="Tester")
    for _ in range(5):
        app.processEvents()
    avail = w.screen().availableGeometry()
    frame = w.frameGeometry()
    bar = w.statusBar()
    top_left = bar.mapToGlobal(bar.rect().topLeft())
    bottom = bar.mapToGlobal(bar.rect().bottomLeft()).y()
    print(json.dumps({"available": [avail.x(), avail.y(), avail.width(), avail.height()],
                      "frame": [frame.x(), frame.y(), frame.width(), frame.height()],
                      "window": [w.width(), w.height()],
                      "bar_visible": bar.isVisible() and w.coder_label.isVisible(),
                      "bar_top": top_left.y(), "bar_bottom": bottom, "coder": w.coder_label.text()}))
    w.close()
""")


def _run(tmp_path, project, width, height, data_dir):
    screen = tmp_path / f"screen-{width}x{height}.json"
    screen.write_text(json.dumps({"screens": [{"name": "s", "x": 0, "y": 0, "width": width, "height": height,
                                               "logicalDpi": 96, "logicalBaseDpi": 96, "dpr": 1}]}))
    env = dict(os.environ, QT_QPA_PLATFORM=f"offscreen:configfile={screen}", BURGERANNOTATOR_DATA_DIR=str(data_dir))
    done = subprocess.run([sys.executable, "-c", PROBE, str(project)], env=env, capture_output=True, text=True,
                          timeout=120)
    assert done.returncode == 0, done.stderr[-2000:]
    return json.loads(done.stdout.strip().splitlines()[-1])


def _inside(out):
    ax, ay, aw, ah = out["available"]
    fx, fy, fw, fh = out["frame"]
    return ax <= fx and ay <= fy and fx + fw <= ax + aw and fy + fh <= ay + ah


def test_first_start_fills_the_laptop_screen_and_shows_the_status_bar(tmp_path, demo_project_path):
    out = _run(tmp_path, demo_project_path, 1366, 768, tmp_path / "user")
    assert out["available"] == [0, 0, 1366, 768]
    assert _inside(out), out
    assert out["bar_visible"] is True and "Tester" in out["coder"]
    assert out["bar_bottom"] < 768 and out["bar_top"] > 600  # the status bar is on the screen, at the bottom
    assert out["window"][0] >= 1300  # uses the width there is


def test_first_start_on_a_big_screen_is_big(tmp_path, demo_project_path):
    out = _run(tmp_path, demo_project_path, 1920, 1080, tmp_path / "user")
    assert _inside(out), out
    assert out["window"][0] >= 1850 and out["window"][1] >= 1000


def test_a_layout_saved_on_a_big_screen_is_clamped_to_the_laptop(tmp_path, demo_project_path):
    user = tmp_path / "user"
    big = _run(tmp_path, demo_project_path, 1920, 1080, user)  # closing saves the layout
    assert big["window"][0] >= 1850
    small = _run(tmp_path, demo_project_path, 1366, 768, user)
    assert _inside(small), small
    assert small["bar_visible"] is True and small["bar_bottom"] < 768
