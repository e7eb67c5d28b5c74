"""Cover images for demo news, drawn locally with Pillow (no downloads)."""

from __future__ import annotations

import io
import random

from PIL import Image, ImageDraw, ImageFilter

PALETTES = {
    "ARIT": ((40, 70, 140), (90, 160, 210)),
    "PRES": ((75, 31, 115), (201, 162, 39)),
    "SCI": ((20, 110, 100), (120, 200, 170)),
    "EDU": ((170, 60, 40), (240, 170, 90)),
    "HUSO": ((120, 40, 90), (230, 140, 170)),
    "MGT": ((30, 60, 90), (110, 170, 230)),
    "AGRI": ((60, 110, 30), (190, 210, 90)),
}


def news_cover_png(code: str, seed: int, size: tuple[int, int] = (1200, 675)) -> bytes:
    """A soft gradient with a few shapes in the unit's colours: a stand-in photo that looks intentional."""
    rng = random.Random(f"{code}-{seed}")  # noqa: S311 - decorative randomness
    start, end = PALETTES.get(code, PALETTES["PRES"])
    width, height = size
    image = Image.new("RGB", size)
    draw = ImageDraw.Draw(image)
    for y in range(height):
        t = y / height
        draw.line([(0, y), (width, y)], fill=tuple(int(s + (e - s) * t) for s, e in zip(start, end, strict=True)))
    overlay = Image.new("RGBA", size, (0, 0, 0, 0))
    shapes = ImageDraw.Draw(overlay)
    for _ in range(7):
        radius = rng.randint(60, 260)
        x, y = rng.randint(0, width), rng.randint(0, height)
        shapes.ellipse((x - radius, y - radius, x + radius, y + radius), fill=(255, 255, 255, rng.randint(18, 55)))
    # A hill line: Phetchabun is a province of mountains.
    points = [(0, height)]
    for i in range(0, width + 100, 100):
        points.append((i, int(height * 0.72 + rng.randint(-60, 40))))
    points.append((width, height))
    shapes.polygon(points, fill=(255, 255, 255, 70))
    image = Image.alpha_composite(image.convert("RGBA"), overlay.filter(ImageFilter.GaussianBlur(2))).convert("RGB")
    buffer = io.BytesIO()
    image.save(buffer, format="PNG", optimize=True)
    return buffer.getvalue()
