"""Draw the application icon (resources/icons/burgerannotator.{png,ico}) with Qt.

Run once when the design changes: python packaging/make_icon.py
"""
import os
import sys
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
from PySide6.QtCore import QRectF, Qt  # noqa: E402
from PySide6.QtGui import QColor, QFont, QGuiApplication, QImage, QPainter, QPainterPath, QPen  # noqa: E402

OUT = Path(__file__).resolve().parent.parent / "resources" / "icons"


def draw(size: int) -> QImage:
    img = QImage(size, size, QImage.Format_ARGB32)
    img.fill(Qt.transparent)
    p = QPainter(img)
    p.setRenderHint(QPainter.Antialiasing)
    s = size / 256
    # a page
    page = QPainterPath()
    page.addRoundedRect(QRectF(40 * s, 16 * s, 176 * s, 224 * s), 18 * s, 18 * s)
    p.fillPath(page, QColor("#fdfdfd"))
    p.setPen(QPen(QColor("#3b3b6d"), 10 * s))
    p.drawPath(page)
    # lines of text, two of them highlighted in code colours
    colours = [None, "#9467bd", None, "#2ca02c", None]
    for i, colour in enumerate(colours):
        y = (62 + i * 34) * s
        if colour:
            c = QColor(colour)
            c.setAlpha(150)
            p.fillRect(QRectF(58 * s, y - 12 * s, 140 * s, 24 * s), c)
        p.setPen(QPen(QColor("#3b3b6d"), 8 * s, Qt.SolidLine, Qt.RoundCap))
        p.drawLine(int(68 * s), int(y), int((188 - (i % 2) * 40) * s), int(y))
    # coding stripe in the margin
    p.fillRect(QRectF(22 * s, 48 * s, 10 * s, 44 * s), QColor("#9467bd"))
    p.fillRect(QRectF(22 * s, 116 * s, 10 * s, 44 * s), QColor("#2ca02c"))
    f = QFont("DejaVu Sans", int(40 * s))
    f.setBold(True)
    p.setFont(f)
    p.setPen(QColor("#d62728"))
    p.drawText(QRectF(120 * s, 180 * s, 90 * s, 56 * s), Qt.AlignCenter, "BA")
    p.end()
    return img


def main() -> None:
    QGuiApplication(sys.argv)
    OUT.mkdir(parents=True, exist_ok=True)
    draw(256).save(str(OUT / "burgerannotator.png"))
    draw(64).save(str(OUT / "burgerannotator-64.png"))
    ok = draw(256).save(str(OUT / "burgerannotator.ico"))
    print("written", OUT, "ico" if ok else "(no ico writer)")


if __name__ == "__main__":
    main()
